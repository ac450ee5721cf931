import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import Testing

@Suite("Handing a ticket to a colleague (另请一名民警，最好异性)")
struct TicketHandoverTests {
    static let me = Officer(badge: Badge("010231")!, name: "王建国", roles: .only(.windowOfficer), post: "户政窗口民警", sex: .male)
    static let w1 = WindowNumber(1)
    static let w3 = WindowNumber(3)

    static func candidate(
        _ badge: String,
        _ sex: Sex?,
        window: Int?,
        state: OfficerDutyState = .onDuty,
        busy: String? = nil,
        serves: Bool = true
    ) -> TicketHandoverCandidate {
        TicketHandoverCandidate(
            badge: Badge(badge)!,
            name: "民警\(badge.suffix(2))",
            sex: sex,
            window: window.flatMap { WindowNumber($0) },
            state: state,
            busyWith: busy,
            servesBusiness: serves
        )
    }

    static let hall: [TicketHandoverCandidate] = [
        candidate("010231", .male, window: 1),
        candidate("010233", .male, window: 2),
        candidate("010234", .female, window: 3),
        candidate("010235", .female, window: 4, busy: "A007"),
        candidate("010236", .male, window: 5, state: .onBreak),
        candidate("010237", .female, window: 6, serves: false),
        candidate("010238", .female, window: nil, state: .offDuty),
        candidate("010239", nil, window: 7),
    ]

    @Test("the other-sex preference orders the suggestions: free first, then busy, then on a break; other sex first in each")
    func otherSexFirst() {
        let plain = TicketHandover.suggestions(Self.hall, asking: Self.me, otherSexFirst: false).map(\.badge.value)
        #expect(plain == ["010233", "010234", "010239", "010235", "010236"])
        let preferred = TicketHandover.suggestions(Self.hall, asking: Self.me, otherSexFirst: true).map(\.badge.value)
        #expect(preferred == ["010234", "010233", "010239", "010235", "010236"])
        // An officer whose own sex is not recorded gets the plain order.
        var unknown = Self.me
        unknown.sex = nil
        #expect(TicketHandover.suggestions(Self.hall, asking: unknown, otherSexFirst: true).map(\.badge.value) == plain)
    }

    @Test("nobody off duty, nobody who cannot serve the business, never oneself")
    func whoIsListed() {
        let listed = Set(TicketHandover.suggestions(Self.hall, asking: Self.me, otherSexFirst: true).map(\.badge.value))
        #expect(!listed.contains("010231") && !listed.contains("010237") && !listed.contains("010238"))
    }

    @Test("duty state comes from the window the officer holds")
    func dutyState() {
        #expect(OfficerDutyState(window: .open) == .onDuty)
        #expect(OfficerDutyState(window: .paused) == .onBreak)
        #expect(OfficerDutyState(window: .closed) == .offDuty)
        #expect(OfficerDutyState(window: nil) == .offDuty)
    }

    static func called(at window: WindowNumber = w1, by officer: Badge = me.badge) throws -> Ticket {
        var ticket = Fixture.ticket(8)
        _ = try ticket.call(window: window, by: officer, at: Fixture.start)
        return ticket
    }

    @Test(
        "a handover is refused when the colleague cannot take the ticket now",
        arguments: [
            (candidate("010231", .male, window: 1), TicketHandoverError.toSelf),
            (candidate("010236", .male, window: 5, state: .onBreak), .colleagueNotOnDuty(.onBreak)),
            (candidate("010238", .female, window: nil, state: .offDuty), .colleagueNotOnDuty(.offDuty)),
            (candidate("010237", .female, window: 6, serves: false), .colleagueNotServing(window: WindowNumber(6))),
            (candidate("010235", .female, window: 4, busy: "A007"), .colleagueBusy(window: WindowNumber(4), ticket: "A007")),
        ]
    )
    func refusals(colleague: TicketHandoverCandidate, expected: TicketHandoverError) throws {
        let ticket = try Self.called()
        #expect(throws: expected) { try TicketHandover.check(ticket, by: Self.me.badge, to: colleague) }
    }

    @Test("only the officer holding a called or served ticket hands it over")
    func notYours() throws {
        let colleague = Self.candidate("010234", .female, window: 3)
        #expect(throws: TicketHandoverError.notYourTicket) { try TicketHandover.check(Fixture.ticket(1), by: Self.me.badge, to: colleague) }
        let other = try Self.called(by: Badge("010233")!)
        #expect(throws: TicketHandoverError.notYourTicket) { try TicketHandover.check(other, by: Self.me.badge, to: colleague) }
        try TicketHandover.check(try Self.called(), by: Self.me.badge, to: colleague)
    }

    @Test("the ticket is called at the colleague's window for them, from called or serving; service starts again there")
    func ticketMoves() throws {
        let colleague = Badge("010234")!
        var ticket = try Self.called()
        _ = try ticket.start(by: Self.me.badge, at: Fixture.start.addingTimeInterval(30))
        let at = Fixture.start.addingTimeInterval(600)
        let transition = try ticket.handOver(to: Self.w3, officer: colleague, by: Self.me.badge, at: at)
        #expect(ticket.status == .called && ticket.window == Self.w3 && ticket.officer == colleague)
        #expect(ticket.calledAt == at && ticket.startedAt == nil && ticket.recalls == 0)
        #expect(transition.action == TicketAction.handOver && transition.from == TicketStatus.serving)
        #expect(transition.to == TicketStatus.called)
        #expect(transition.officer == Self.me.badge && transition.window == Self.w3 && transition.detail == "1→3 010234")
        // The colleague now holds it; the first officer cannot hand it on again.
        #expect(throws: QueueError.notAllowed(action: .handOver, from: .called)) {
            try ticket.handOver(to: Self.w1, officer: Self.me.badge, by: Self.me.badge, at: at)
        }
        var waiting = Fixture.ticket(2)
        #expect(throws: QueueError.notAllowed(action: .handOver, from: .waiting)) {
            try waiting.handOver(to: Self.w3, officer: colleague, by: Self.me.badge, at: at)
        }
        var here = try Self.called()
        #expect(throws: QueueError.notAllowed(action: .handOver, from: .called)) {
            try here.handOver(to: Self.w1, officer: colleague, by: Self.me.badge, at: at)
        }
    }

    @Test("the handover's incident is closed at once, the colleague as who took over")
    func incident() throws {
        let incident = try Incident.handOver(
            .init(kind: .deadlock, window: 1, asked: "要求换人办理", answered: "已解释规定"),
            to: Badge("010234")!,
            colleagueName: "刘洋",
            window: Self.w3,
            id: IncidentID(UUID()),
            by: Self.me.badge,
            at: Fixture.start,
            on: Fixture.day
        )
        #expect(!incident.isOpen && incident.takenOverBy == Badge("010234")! && incident.escalatedTo == nil)
        #expect(incident.outcome == "转由3号窗口刘洋（警号010234）接待")
        #expect(throws: IncidentError.escalatedToSelf) {
            try Incident.handOver(
                .init(kind: .deadlock, asked: "a", answered: "b"),
                to: Self.me.badge,
                colleagueName: "王建国",
                window: Self.w3,
                id: IncidentID(UUID()),
                by: Self.me.badge,
                at: Fixture.start,
                on: Fixture.day
            )
        }
    }
}
