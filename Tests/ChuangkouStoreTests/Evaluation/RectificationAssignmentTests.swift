import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

/// Who a new bad review goes to: the roster's leader on duty at the moment of the rating, else the other duty leaders,
/// else the supervisors — never the officer the review is about (RULES §6, §8).
@Suite("Assigning a new rectification item by the duty roster")
struct RectificationAssignmentTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    /// The demo's duty leader, and the supervisor.
    static let leader = Badge("010100")!
    static let supervisor = Badge("010300")!
    /// A window officer the tests make a duty leader too, so a day has two leaders to choose from.
    static let deputy = Badge("010236")!

    static func shanghai(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: 2026, month: 12, day: day, hour: hour, minute: minute))!
    }

    static func setRoles(_ badge: Badge, _ roles: String, in db: Database) async throws {
        try await db.transaction { sql in
            try await sql.raw("UPDATE officers SET roles = \(bind: roles) WHERE badge = \(bind: badge.value)").run()
        }
    }

    /// Plans the morning of 2 December 2026 (Wednesday) with `leader`, the day before.
    static func planMorning(leader: Badge, in db: Database) async throws {
        _ = try await DutyRosterRepository(database: db).plan(
            DutySlot(LocalDate(year: 2026, month: 12, day: 2)!, .morning),
            leader: OnDuty(badge: leader, phone: DutyPhone("0571-87654321")!),
            officers: [],
            by: Badge("019900")!,
            hall: DemoHall.hall,
            at: shanghai(1, 9)
        )
    }

    /// A 非常不满意 of a ticket window 1's officer (`Demo.officers[0]`) served at `now`; the item it opened.
    static func badReview(in db: Database, at now: Date, windowOpen: Bool = false) async throws -> Rectification {
        let ticket: Ticket
        if windowOpen {
            let tickets = TicketRepository(database: db)
            let issued = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: now)
            _ = try #require(try await tickets.callNext(window: 1, by: Demo.officers[0], hall: Demo.hall, at: now))
            _ = try await tickets.start(issued.id, by: Demo.officers[0], at: now)
            ticket = try await tickets.finish(issued.id, by: Demo.officers[0], at: now)
        } else {
            ticket = try await RatingStoreFixture.servedTicket(in: db, at: now)
        }
        let given = try await RatingRepository(database: db, sealer: RatingStoreFixture.sealer)
            .rate(ticket: ticket.id, .init(level: .veryDissatisfied, channel: .pad), hall: Demo.hall, at: now)
        return try #require(given.rectification)
    }

    @Test("the leader the roster has on duty at that moment takes it, before the hall's other duty leaders")
    func leaderOnDuty() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Self.setRoles(Self.deputy, "windowOfficer,dutyLeader", in: db)
            try await Self.planMorning(leader: Self.deputy, in: db)
            let item = try await Self.badReview(in: db, at: Self.shanghai(2, 10))
            #expect(item.handler == Self.deputy)
            let assigned = try await NotificationOutbox(database: db).all().filter { $0.kind == "rectification.assigned" }
            #expect(assigned.map(\.recipient) == [Self.deputy])
        }
    }

    @Test("a half-day nobody planned goes to the other duty leaders")
    func unplannedSlot() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Self.setRoles(Self.deputy, "windowOfficer,dutyLeader", in: db)
            try await Self.planMorning(leader: Self.deputy, in: db)
            // The afternoon of the 2nd has no shift.
            let item = try await Self.badReview(in: db, at: Self.shanghai(2, 15))
            #expect(item.handler == Self.leader)
        }
    }

    @Test("the rated officer on duty as leader never takes their own bad review: the next leader does, else a supervisor")
    func neverTheRatedOfficer() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let rated = Demo.officers[0]
            try await Self.setRoles(rated, "windowOfficer,dutyLeader", in: db)
            try await Self.planMorning(leader: rated, in: db)
            let first = try await Self.badReview(in: db, at: Self.shanghai(2, 10))
            #expect(first.handler == Self.leader && first.ratedOfficer == rated)

            // With no other duty leader left, a supervisor.
            try await Self.setRoles(Self.leader, "windowOfficer", in: db)
            let second = try await Self.badReview(in: db, at: Self.shanghai(2, 11), windowOpen: true)
            #expect(second.handler == Self.supervisor && second.ratedOfficer == rated)
        }
    }

    @Test("a planned leader who lost the duty-leader role since is passed over: they could not work the item")
    func leaderWithoutTheRole() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Self.setRoles(Self.deputy, "windowOfficer,dutyLeader", in: db)
            try await Self.planMorning(leader: Self.deputy, in: db)
            try await Self.setRoles(Self.deputy, "windowOfficer", in: db)
            let item = try await Self.badReview(in: db, at: Self.shanghai(2, 10))
            #expect(item.handler == Self.leader)
        }
    }

    /// The watch's check, far past both limits, at `instant`: whom the overdue announcement went to.
    static func overdueRecipients(at instant: Date, in db: Database) async throws -> [[Badge]] {
        let report = try await RectificationWatch(database: db).check(on: LocalDate(year: 2027, month: 3, day: 1)!, at: instant)
        return report.findings.filter { $0.state == .overdue }.map(\.recipients)
    }

    @Test("an overdue item goes up to the leader on duty at that moment, not to every duty leader and supervisor")
    func overdueToLeaderOnDuty() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Self.setRoles(Self.deputy, "windowOfficer,dutyLeader", in: db)
            try await Self.planMorning(leader: Self.deputy, in: db)
            // Rated on the 1st, a day nobody planned: the hall's first duty leader handles it.
            let item = try await Self.badReview(in: db, at: Self.shanghai(1, 10))
            #expect(item.handler == Self.leader)
            // Overdue found during the deputy's morning duty: the handler and the deputy, nobody else.
            #expect(try await Self.overdueRecipients(at: Self.shanghai(2, 10), in: db) == [[Self.leader, Self.deputy]])
            let messages = try await NotificationOutbox(database: db).all().filter { $0.kind == "rectification.overdue" }
            #expect(messages.compactMap(\.recipient) == [Self.leader, Self.deputy])
            #expect(!messages.contains { $0.recipient == Self.supervisor })
        }
    }

    @Test("with nobody on duty, or the handler on duty, an overdue item falls back as the assignment: a leader, else a supervisor")
    func overdueFallsBack() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Self.setRoles(Self.deputy, "windowOfficer,dutyLeader", in: db)
            // The handler is the leader on duty when the watch finds it: it goes to the other duty leader.
            try await Self.planMorning(leader: Self.leader, in: db)
            let first = try await Self.badReview(in: db, at: Self.shanghai(2, 9))
            #expect(first.handler == Self.leader)
            #expect(try await Self.overdueRecipients(at: Self.shanghai(2, 11), in: db) == [[Self.leader, Self.deputy]])
            // No other duty leader left, and an afternoon nobody planned: a supervisor.
            try await Self.setRoles(Self.deputy, "windowOfficer", in: db)
            let second = try await Self.badReview(in: db, at: Self.shanghai(2, 10), windowOpen: true)
            #expect(second.handler == Self.leader)
            #expect(try await Self.overdueRecipients(at: Self.shanghai(2, 15), in: db) == [[Self.leader, Self.supervisor]])
        }
    }
}
