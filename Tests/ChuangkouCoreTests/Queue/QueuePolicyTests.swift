import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import PropertyBased
import Testing

@Suite("Queue order")
struct QueuePolicyTests {
    let window: Set<BusinessCode> = [Fixture.idCard, Fixture.residence]

    @Test("the oldest waiting ticket of a business the window serves is called next")
    func oldestFirst() {
        let tickets = [
            Fixture.ticket(2, issuedAfter: 20), Fixture.ticket(1, issuedAfter: 10),
            Fixture.ticket(3, business: Fixture.seal, issuedAfter: 0),
        ]
        #expect(QueuePolicy.next(for: window, among: tickets, at: Fixture.start)?.number.sequence == 1)
        #expect(QueuePolicy.next(for: [Fixture.seal], among: tickets, at: Fixture.start)?.number.sequence == 3)
        #expect(QueuePolicy.next(for: [], among: tickets, at: Fixture.start) == nil)
    }

    @Test("green-channel tickets go first, in their own issue order")
    func greenFirst() {
        let tickets = [
            Fixture.ticket(1, issuedAfter: 0), Fixture.ticket(2, issuedAfter: 50, green: .elderly),
            Fixture.ticket(3, issuedAfter: 40, green: .pregnancy),
        ]
        #expect(QueuePolicy.next(for: window, among: tickets, at: Fixture.start)?.number.sequence == 3)
    }

    @Test("tickets that are not waiting are never called")
    func onlyWaiting() {
        let tickets = [Fixture.ticket(1, status: .called), Fixture.ticket(2, status: .finished), Fixture.ticket(3, issuedAfter: 9)]
        #expect(QueuePolicy.next(for: window, among: tickets, at: Fixture.start)?.number.sequence == 3)
    }

    @Test("a transferred ticket stands in its new line by its original issue time")
    func transferKeepsPlace() throws {
        var old = Fixture.ticket(1, business: Fixture.seal, issuedAfter: 0)
        let newer = Fixture.ticket(2, business: Fixture.idCard, issuedAfter: 100)
        _ = try old.transfer(to: Fixture.idCard, by: nil, at: Fixture.start.addingTimeInterval(200))
        #expect(QueuePolicy.next(for: [Fixture.idCard], among: [newer, old], at: Fixture.start)?.id == old.id)
        #expect(QueuePolicy.position(of: newer, among: [newer, old], at: Fixture.start) == 2)
    }

    @Test("calling until empty serves every eligible ticket exactly once, green first, then by issue time")
    func drainProperty() async {
        await propertyCheck(input: Gen.int(in: 0...100_000).array(of: 0...40)) { seeds in
            let businesses = [Fixture.idCard, Fixture.residence, Fixture.seal]
            var tickets = seeds.enumerated().map { i, n in
                Fixture.ticket(i + 1, business: businesses[n % 3], issuedAfter: Double(n / 3 % 500), green: n % 7 == 0 ? .elderly : nil)
            }
            var called: [Ticket] = []
            while let next = QueuePolicy.next(for: window, among: tickets, at: Fixture.start) {
                let index = tickets.firstIndex { $0.id == next.id }!
                _ = try? tickets[index].call(window: 1, by: Fixture.officer, at: Fixture.start)
                called.append(next)
            }
            let eligible = tickets.filter { window.contains($0.business) }
            #expect(called.count == eligible.count)
            #expect(Set(called.map(\.id)).count == called.count)
            #expect(called.allSatisfy { window.contains($0.business) })
            for (a, b) in zip(called, called.dropFirst()) {
                let aGreen = a.greenChannel != nil
                let bGreen = b.greenChannel != nil
                #expect(aGreen || !bGreen, "an ordinary ticket was called before a green-channel one")
                if aGreen == bGreen { #expect(a.issuedAt <= b.issuedAt) }
            }
        }
    }

    @Test("position counts exactly the waiting tickets of the same business called before it")
    func positionProperty() async {
        await propertyCheck(input: Gen.int(in: 0...100_000).array(of: 1...30)) { seeds in
            let tickets = seeds.enumerated().map { i, n in
                Fixture.ticket(
                    i + 1,
                    business: n % 2 == 0 ? Fixture.idCard : Fixture.seal,
                    issuedAfter: Double(n % 300),
                    green: n % 5 == 0 ? .military : nil
                )
            }
            var line = tickets.filter { $0.business == Fixture.idCard }
            for ticket in line {
                let expected = 1 + line.filter { QueuePolicy.precedes($0, ticket, at: Fixture.start) }.count
                #expect(QueuePolicy.position(of: ticket, among: tickets, at: Fixture.start) == expected)
            }
            // Draining the line calls tickets exactly in position order.
            var order: [Int] = []
            while let next = QueuePolicy.next(for: [Fixture.idCard], among: line, at: Fixture.start) {
                order.append(QueuePolicy.position(of: next, among: line, at: Fixture.start)!)
                line.removeAll { $0.id == next.id }
            }
            #expect(order.allSatisfy { $0 == 1 })
        }
    }
}
