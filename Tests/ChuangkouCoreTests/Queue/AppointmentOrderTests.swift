import ChuangkouCore
import Foundation
import PropertyBased
import Testing

@Suite("Calling order with appointments")
struct AppointmentOrderTests {
    func appointmentTicket(_ n: Int, issuedAfter seconds: Double, slotFrom: Double, until: Double) -> Ticket {
        Ticket(
            id: TicketID(UUID()),
            number: TicketNumber(prefix: TicketPrefix("A")!, sequence: n),
            serviceDay: Fixture.day,
            issuedAt: Fixture.start.addingTimeInterval(seconds),
            business: Fixture.idCard,
            appointment: AppointmentPriority(from: Fixture.start.addingTimeInterval(slotFrom), until: Fixture.start.addingTimeInterval(until))
        )
    }

    @Test("within its slot an appointment goes before older walk-ins, after the green channel; outside it, by issue time")
    func rule() {
        let walkIn = Fixture.ticket(1, issuedAfter: 0)
        let green = Fixture.ticket(2, issuedAfter: 500, green: .elderly)
        let booked = appointmentTicket(3, issuedAfter: 100, slotFrom: 200, until: 2000)
        let line = [walkIn, green, booked]
        let inSlot = Fixture.start.addingTimeInterval(600)
        #expect(QueuePolicy.next(for: [Fixture.idCard], among: line, at: inSlot)?.id == green.id)
        #expect(QueuePolicy.next(for: [Fixture.idCard], among: [walkIn, booked], at: inSlot)?.id == booked.id)
        #expect(QueuePolicy.position(of: walkIn, among: line, at: inSlot) == 3)
        // Early check-in, before the slot starts: no priority yet; after it ends: none either.
        #expect(QueuePolicy.next(for: [Fixture.idCard], among: [walkIn, booked], at: Fixture.start.addingTimeInterval(150))?.id == walkIn.id)
        #expect(QueuePolicy.next(for: [Fixture.idCard], among: [walkIn, booked], at: Fixture.start.addingTimeInterval(2000))?.id == walkIn.id)
    }

    @Test("draining a mixed line: green first, then appointments in their slot, then the rest by issue time")
    func drain() async {
        await propertyCheck(input: Gen.int(in: 0...100_000).array(of: 0...30)) { seeds in
            let now = Fixture.start.addingTimeInterval(1000)
            var line = seeds.enumerated().map { i, n -> Ticket in
                switch n % 4 {
                case 0: Fixture.ticket(i + 1, issuedAfter: Double(n % 900), green: .pregnancy)
                case 1: appointmentTicket(i + 1, issuedAfter: Double(n % 900), slotFrom: Double(n % 1500), until: Double(n % 1500) + 600)
                default: Fixture.ticket(i + 1, issuedAfter: Double(n % 900))
                }
            }
            var ranks: [Int] = []
            while let next = QueuePolicy.next(for: [Fixture.idCard], among: line, at: now) {
                #expect(QueuePolicy.position(of: next, among: line, at: now) == 1)
                ranks.append(QueuePolicy.rank(next, at: now))
                line.removeAll { $0.id == next.id }
            }
            #expect(ranks == ranks.sorted())
        }
    }
}
