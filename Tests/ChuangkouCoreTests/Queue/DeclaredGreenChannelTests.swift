import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import PropertyBased
import Testing

/// Issue 9: a green channel claimed on the citizen's own phone goes ahead, and the officer who calls it checks it.
@Suite("A green channel declared from a phone")
struct DeclaredGreenChannelTests {
    static let now = Fixture.start.addingTimeInterval(600)

    static func called(_ green: GreenChannel = .elderly, declared: Bool = true) throws -> Ticket {
        var ticket = Fixture.ticket(7, issuedAfter: 300, green: green, declared: declared)
        _ = try ticket.call(window: 3, by: Fixture.officer, at: now)
        return ticket
    }

    @Test("it cannot be served before the check; confirmed, it can, and the confirmation is recorded")
    func confirm() throws {
        var ticket = try Self.called()
        #expect(throws: QueueError.greenChannelUnchecked) { try ticket.start(by: Fixture.officer, at: Self.now) }
        let check = try ticket.confirmGreenChannel(by: Fixture.officer, at: Self.now)
        #expect(check.action == .confirmGreenChannel && check.from == .called && check.to == .called && check.detail == "elderly")
        #expect(ticket.declaration == GreenChannelDeclaration(reason: .elderly, state: .confirmed) && ticket.greenChannel == .elderly)
        #expect(throws: QueueError.greenChannelNotDeclared) { try ticket.confirmGreenChannel(by: Fixture.officer, at: Self.now) }
        #expect(throws: QueueError.greenChannelNotDeclared) { try ticket.declineGreenChannel(by: Fixture.officer, at: Self.now) }
        _ = try ticket.start(by: Fixture.officer, at: Self.now)
        #expect(ticket.status == .serving)
    }

    @Test("declined, it loses the priority and waits again at no window, keeping what was claimed")
    func decline() throws {
        var ticket = try Self.called(.disability)
        let check = try ticket.declineGreenChannel(by: Fixture.officer, at: Self.now)
        #expect(check.from == .called && check.to == .waiting && check.window == 3 && check.detail == "disability")
        #expect(ticket.status == .waiting && ticket.window == nil && ticket.officer == nil && ticket.calledAt == nil)
        #expect(ticket.greenChannel == nil && ticket.declaration == GreenChannelDeclaration(reason: .disability, state: .declined))
        #expect(ticket.issuedAt == Fixture.start.addingTimeInterval(300), "it keeps its place by issue time")
        // Called again later, it is an ordinary ticket: no second check.
        _ = try ticket.call(window: 4, by: Fixture.other, at: Self.now)
        #expect(throws: QueueError.greenChannelNotDeclared) { try ticket.confirmGreenChannel(by: Fixture.other, at: Self.now) }
        _ = try ticket.start(by: Fixture.other, at: Self.now)
    }

    @Test("a kiosk's or a desk's green channel, or none, has nothing to check")
    func nothingToCheck() throws {
        for green in [GreenChannel.pregnancy, nil] {
            var ticket = Fixture.ticket(1, green: green)
            _ = try ticket.call(window: 1, by: Fixture.officer, at: Self.now)
            #expect(throws: QueueError.greenChannelNotDeclared) { try ticket.confirmGreenChannel(by: Fixture.officer, at: Self.now) }
            #expect(throws: QueueError.greenChannelNotDeclared) { try ticket.declineGreenChannel(by: Fixture.officer, at: Self.now) }
            _ = try ticket.start(by: Fixture.officer, at: Self.now)
        }
    }

    @Test("only a called ticket is checked: not while it waits, nor once served or closed")
    func onlyWhenCalled() throws {
        var waiting = Fixture.ticket(1, green: .military, declared: true)
        #expect(throws: QueueError.notAllowed(action: .confirmGreenChannel, from: .waiting)) {
            try waiting.confirmGreenChannel(by: Fixture.officer, at: Self.now)
        }
        #expect(throws: QueueError.notAllowed(action: .declineGreenChannel, from: .waiting)) {
            try waiting.declineGreenChannel(by: Fixture.officer, at: Self.now)
        }
        var cancelled = try Self.called()
        _ = try cancelled.cancel(by: Fixture.officer, at: Self.now)
        #expect(throws: QueueError.notAllowed(action: .declineGreenChannel, from: .cancelled)) {
            try cancelled.declineGreenChannel(by: Fixture.officer, at: Self.now)
        }
    }

    @Test("a declined ticket is ordered exactly as if it had never claimed priority")
    func declinedOrder() async {
        await propertyCheck(input: Gen.int(in: 0...100_000).array(of: 1...25)) { seeds in
            var tickets = seeds.enumerated().map { index, seed in
                Fixture.ticket(index + 1, issuedAfter: Double(seed % 500), green: seed % 3 == 0 ? .elderly : nil, declared: seed % 2 == 0)
            }
            var plain = tickets
            // Every declared one is called and declined; in `plain` the same tickets never claimed anything.
            for index in tickets.indices where tickets[index].declaration != nil {
                _ = try? tickets[index].call(window: 1, by: Fixture.officer, at: Self.now)
                _ = try? tickets[index].declineGreenChannel(by: Fixture.officer, at: Self.now)
                let t = plain[index]
                plain[index] = Ticket(id: t.id, number: t.number, serviceDay: t.serviceDay, issuedAt: t.issuedAt, business: t.business)
            }
            let order = tickets.sorted(by: QueuePolicy.precedes).map(\.id)
            #expect(order == plain.sorted(by: QueuePolicy.precedes).map(\.id))
        }
    }
}
