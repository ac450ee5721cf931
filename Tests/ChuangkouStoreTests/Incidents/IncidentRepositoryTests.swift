import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Incidents and escalations in the store (避免僵局)")
struct IncidentRepositoryTests {
    static let officer = InquiryRepositoryTests.first
    static let leader = InquiryRepositoryTests.leader
    static let deputy = InquiryRepositoryTests.deputy

    static func filing() -> Incident.Filing {
        .init(kind: .deadlock, window: 1, asked: "要求今天就拿到护照", answered: "护照须7个工作日制证", ruleCited: "护照法第六条")
    }

    @Test("an escalation reaches exactly the leader on duty at that instant: across noon and across midnight")
    func reachesTheLeaderOnDuty() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await InquiryRepositoryTests.makeDeputyALeader(db)
            try await InquiryRepositoryTests.plan(db, day: 2, .morning, leader: Self.leader)
            try await InquiryRepositoryTests.plan(db, day: 2, .afternoon, leader: Self.deputy)
            try await InquiryRepositoryTests.plan(db, day: 3, .morning, leader: Self.leader)
            let incidents = IncidentRepository(database: db)
            let cases: [(Date, Badge)] = [
                (InquiryRepositoryTests.shanghai(2, 11, 59), Self.leader),
                (InquiryRepositoryTests.shanghai(2, 12, 0), Self.deputy),
                (InquiryRepositoryTests.shanghai(2, 23, 59), Self.deputy),
                (InquiryRepositoryTests.shanghai(3, 0, 1), Self.leader),
            ]
            for (at, expected) in cases {
                let incident = try await incidents.escalateToDutyLeader(Self.filing(), by: Self.officer, hall: DemoHall.hall, at: at)
                #expect(incident.escalatedTo == expected, "at \(at)")
            }
            #expect(try await incidents.open(for: Self.deputy).count == 2)
            #expect(try await InquiryRepositoryTests.outbox(db, to: Self.deputy) == ["incident.escalated", "incident.escalated"])
            await #expect(throws: DutyError.noLeaderOnDuty) {
                try await incidents.escalateToDutyLeader(
                    Self.filing(),
                    by: Self.officer,
                    hall: DemoHall.hall,
                    at: InquiryRepositoryTests.shanghai(3, 12, 30)
                )
            }
        }
    }

    @Test("only the leader escalated to records the resolution; the incident is counted for the officer")
    func leaderResolves() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await InquiryRepositoryTests.plan(db, day: 2, .morning, leader: Self.leader)
            let incidents = IncidentRepository(database: db)
            let at = InquiryRepositoryTests.shanghai(2, 10, 0)
            let open = try await incidents.escalateToDutyLeader(Self.filing(), by: Self.officer, hall: DemoHall.hall, at: at)
            await #expect(throws: IncidentError.notTheLeader) { try await incidents.resolve(open.id, "已解释", by: Self.deputy, at: at) }
            let closed = try await incidents.resolve(open.id, "值班领导解释制证周期，群众表示理解", by: Self.leader, at: at.addingTimeInterval(600))
            #expect(!closed.isOpen && closed.takenOverBy == Self.leader)
            _ = try await incidents.record(
                .init(kind: .dispute, asked: "插队", answered: "请排队"),
                outcome: "群众排队办理",
                by: Self.officer,
                hall: DemoHall.hall,
                at: at
            )
            let day = LocalDate(year: 2026, month: 12, day: 2)!
            let counts = try await incidents.counts(from: day, through: day)
            #expect(counts.count == 1 && counts[0].officer == Self.officer && counts[0].incidents == 2 && counts[0].escalated == 1)
            #expect(try await incidents.open().isEmpty)
        }
    }

    @Test("an escalation and its resolution go on the hall's event stream, naming only the window, in their transaction")
    func escalationEvents() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await InquiryRepositoryTests.plan(db, day: 2, .morning, leader: Self.leader)
            let incidents = IncidentRepository(database: db)
            let log = HallEventLog(database: db)
            let at = InquiryRepositoryTests.shanghai(2, 10, 0)
            let before = try await log.lastID()
            let alone = Incident.Filing(kind: .dispute, window: 1, asked: "插队", answered: "请排队")
            _ = try await incidents.record(alone, outcome: "排队", by: Self.officer, hall: DemoHall.hall, at: at)
            let open = try await incidents.escalateToDutyLeader(Self.filing(), by: Self.officer, hall: DemoHall.hall, at: at)
            _ = try await incidents.resolve(open.id, "已解释", by: Self.leader, at: at)
            let written = try await log.events(after: before).map(\.event)
            // The leader's alert in the outbox wakes their inbox too (an `alert` event, naming nobody).
            #expect(written.filter { $0.kind == .alert }.count == 1)
            let events = written.filter { $0.kind != .alert }
            #expect(events.map(\.kind) == [.escalation, .escalation], "an incident on its own is not announced")
            #expect(events.map(\.action) == ["escalate", "resolve"])
            #expect(events.allSatisfy { $0.window == WindowNumber(1) && $0.ticketNumber == nil && $0.business == nil })
            await #expect(throws: DutyError.noLeaderOnDuty) {
                let later = InquiryRepositoryTests.shanghai(2, 13, 0)
                return try await incidents.escalateToDutyLeader(Self.filing(), by: Self.officer, hall: DemoHall.hall, at: later)
            }
            #expect(try await log.events(after: before).count == 3, "a refused escalation leaves no event")
        }
    }

    @Test("two resolutions at once: one wins, the other finds it closed")
    func concurrentResolve() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await InquiryRepositoryTests.plan(db, day: 2, .morning, leader: Self.leader)
            let incidents = IncidentRepository(database: db)
            let at = InquiryRepositoryTests.shanghai(2, 10, 0)
            let open = try await incidents.escalateToDutyLeader(Self.filing(), by: Self.officer, hall: DemoHall.hall, at: at)
            async let one: Bool = (try? await incidents.resolve(open.id, "甲", by: Self.leader, at: at)) != nil
            async let two: Bool = (try? await incidents.resolve(open.id, "乙", by: Self.leader, at: at)) != nil
            let results = await [one, two]
            #expect(results.filter { $0 }.count == 1)
        }
    }
}
