import ChuangkouCore
import Foundation
import Testing

@Suite("Incident records (避免争执、纠缠、僵局)")
struct IncidentTests {
    let officer = Badge("010231")!
    let leader = Badge("010100")!
    let now = Date(timeIntervalSince1970: 1_771_000_000)
    let day = LocalDate("2026-02-13")!

    @Test("an incident on its own is closed at once with its outcome, the officer having handled it")
    func onItsOwn() throws {
        let incident = try Incident.record(
            .init(kind: .dispute, asked: "身份证号11010519491231002X的人要插队", answered: "请排队"),
            outcome: "已排队",
            id: IncidentID(UUID()),
            by: officer,
            at: now,
            on: day
        )
        #expect(!incident.isOpen && incident.takenOverBy == officer)
        #expect(!incident.asked.contains("11010519491231002X"))
        #expect(throws: IncidentError.outcomeRequired) {
            try Incident.record(.init(kind: .other, asked: "a", answered: "b"), outcome: " ", id: IncidentID(UUID()), by: officer, at: now, on: day)
        }
    }

    @Test("an escalation stays open until the leader it went to records the resolution")
    func escalation() throws {
        var incident = try Incident.escalate(
            .init(kind: .deadlock, window: 2, asked: "a", answered: "b"),
            to: leader,
            id: IncidentID(UUID()),
            by: officer,
            at: now,
            on: day
        )
        #expect(incident.isOpen)
        #expect(throws: IncidentError.notTheLeader) { try incident.resolve("x", by: officer, at: now) }
        #expect(throws: IncidentError.outcomeRequired) { try incident.resolve("", by: leader, at: now) }
        try incident.take(by: leader, at: now)
        #expect(throws: IncidentError.alreadyTaken) { try incident.take(by: leader, at: now) }
        try incident.resolve("已解释", by: leader, at: now)
        #expect(!incident.isOpen && incident.outcome == "已解释")
        #expect(throws: IncidentError.closed) { try incident.resolve("again", by: leader, at: now) }
    }

    @Test("what was asked and answered is required and bounded; a window is 1–999", arguments: [
        Incident.Filing(kind: .other, asked: "", answered: "b"),
        Incident.Filing(kind: .other, asked: "a", answered: " "),
        Incident.Filing(kind: .other, window: 0, asked: "a", answered: "b"),
        Incident.Filing(kind: .other, asked: String(repeating: "字", count: 501), answered: "b"),
    ])
    func bounded(_ filing: Incident.Filing) {
        #expect(throws: IncidentError.self) { try Incident.escalate(filing, to: leader, id: IncidentID(UUID()), by: officer, at: now, on: day) }
    }

    @Test("an officer does not escalate to themselves")
    func notToSelf() {
        #expect(throws: IncidentError.escalatedToSelf) {
            try Incident.escalate(.init(kind: .other, asked: "a", answered: "b"), to: officer, id: IncidentID(UUID()), by: officer, at: now, on: day)
        }
    }
}
