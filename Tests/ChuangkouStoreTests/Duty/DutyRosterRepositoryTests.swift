import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("The duty roster in the store")
struct DutyRosterRepositoryTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let leader = Badge("010100")!
    /// A window officer the tests make a duty leader too, so a day can have two leaders.
    static let deputy = Badge("010236")!
    static let admin = Badge("019900")!
    static let phone = DutyPhone("0571-87654321")!
    static let deputyPhone = DutyPhone("13900001111")!

    /// Wall-clock time in the hall's zone.
    static func shanghai(_ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: 2026, month: 12, day: day, hour: hour, minute: minute, second: second))!
    }

    static func slot(_ day: Int, _ half: HalfDay) -> DutySlot { DutySlot(LocalDate(year: 2026, month: 12, day: day)!, half) }

    static func makeDeputyALeader(_ db: Database) async throws {
        try await db.transaction { sql in
            try await sql.raw("UPDATE officers SET roles = 'windowOfficer,dutyLeader' WHERE badge = \(bind: deputy.value)").run()
        }
    }

    func plan(
        _ roster: DutyRosterRepository,
        _ slot: DutySlot,
        leader: Badge,
        phone: DutyPhone = phone,
        officers: [Badge] = []
    ) async throws
        -> DutyRosterRepository.Shift
    {
        try await roster.plan(
            slot,
            leader: OnDuty(badge: leader, phone: phone),
            officers: officers.map { OnDuty(badge: $0, phone: Self.phone) },
            by: Self.admin,
            hall: DemoHall.hall,
            at: Self.shanghai(1, 9, 0)
        )
    }

    @Test("the leader on duty is the one of the slot the instant falls in: across noon and across midnight")
    func leaderAtInstant() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Self.makeDeputyALeader(db)
            let roster = DutyRosterRepository(database: db)
            _ = try await plan(roster, Self.slot(2, .morning), leader: Self.leader)
            _ = try await plan(roster, Self.slot(2, .afternoon), leader: Self.deputy, phone: Self.deputyPhone)
            _ = try await plan(roster, Self.slot(3, .morning), leader: Self.leader)
            let cases: [(Date, Badge?)] = [
                (Self.shanghai(1, 23, 59, 59), nil),
                (Self.shanghai(2, 0, 0), Self.leader),
                (Self.shanghai(2, 11, 59, 59), Self.leader),
                (Self.shanghai(2, 12, 0), Self.deputy),
                (Self.shanghai(2, 23, 59, 59), Self.deputy),
                (Self.shanghai(3, 0, 0), Self.leader),
                (Self.shanghai(3, 11, 59, 59), Self.leader),
                (Self.shanghai(3, 12, 0), nil),
            ]
            for (instant, expected) in cases {
                #expect(try await roster.leaderOnDuty(at: instant)?.badge == expected, "at \(instant)")
            }
            let evening = try #require(try await roster.leaderOnDuty(at: Self.shanghai(2, 20, 0)))
            #expect(evening.name == "杨帆" && evening.phone == Self.deputyPhone)
        }
    }

    @Test("a shift keeps the instants of the setting it was planned under")
    func otherSplit() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let roster = DutyRosterRepository(database: db, hours: DutyHours("13:30")!)
            _ = try await plan(roster, Self.slot(2, .morning), leader: Self.leader)
            #expect(try await roster.leaderOnDuty(at: Self.shanghai(2, 13, 29))?.badge == Self.leader)
            #expect(try await roster.leaderOnDuty(at: Self.shanghai(2, 13, 30)) == nil)
            // Read with another setting, the stored shift still ends at 13:30.
            #expect(try await DutyRosterRepository(database: db).leaderOnDuty(at: Self.shanghai(2, 13, 0))?.badge == Self.leader)
        }
    }

    @Test("replanning a slot replaces its leader and officers; the roster lists slots in order with names")
    func replan() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Self.makeDeputyALeader(db)
            let roster = DutyRosterRepository(database: db)
            _ = try await plan(roster, Self.slot(2, .afternoon), leader: Self.leader, officers: [Badge("010231")!, Badge("010232")!])
            _ = try await plan(roster, Self.slot(2, .morning), leader: Self.leader, officers: [Badge("010233")!])
            let replanned = try await plan(roster, Self.slot(2, .afternoon), leader: Self.deputy, officers: [Badge("010232")!])
            #expect(replanned.leader.badge == Self.deputy && replanned.officers.map(\.badge) == [Badge("010232")!])
            let days = try await roster.shifts(from: LocalDate("2026-12-01")!, through: LocalDate("2026-12-31")!)
            #expect(days.map(\.slot) == [Self.slot(2, .morning), Self.slot(2, .afternoon)])
            #expect(days[0].officers.map(\.name) == ["张伟"])
            let rows = try await db.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM duty_officers").first()!.decode(column: "n", as: Int.self)
            }
            #expect(rows == 2)
            let audit = try await AuditLog(database: db).search(.init()).filter { $0.action == "duty.plan" }
            #expect(audit.count == 3)
        }
    }

    @Test("a slot that has begun is neither planned nor cleared; a future one is cleared")
    func past() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let roster = DutyRosterRepository(database: db)
            await #expect(throws: DutyError.slotStarted(Self.slot(1, .morning))) {
                _ = try await plan(roster, Self.slot(1, .morning), leader: Self.leader)
            }
            _ = try await plan(roster, Self.slot(1, .afternoon), leader: Self.leader)
            await #expect(throws: DutyError.slotStarted(Self.slot(1, .afternoon))) {
                _ = try await roster.clear(Self.slot(1, .afternoon), by: Self.admin, hall: DemoHall.hall, at: Self.shanghai(1, 12, 0))
            }
            #expect(try await roster.clear(Self.slot(1, .afternoon), by: Self.admin, hall: DemoHall.hall, at: Self.shanghai(1, 11, 0)))
            #expect(try await roster.clear(Self.slot(1, .afternoon), by: Self.admin, hall: DemoHall.hall, at: Self.shanghai(1, 11, 0)) == false)
            #expect(try await roster.leaderOnDuty(at: Self.shanghai(1, 15, 0)) == nil)
        }
    }

    @Test("leave and the roster refuse each other; a cancelled leave no longer counts")
    func leave() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let roster = DutyRosterRepository(database: db)
            let officer = Badge("010231")!
            _ = try await plan(roster, Self.slot(4, .morning), leader: Self.leader, officers: [officer])
            await #expect(throws: DutyError.rosteredDuringLeave(officer, Self.slot(4, .morning))) {
                _ = try await roster.recordLeave(
                    officer,
                    from: LocalDate("2026-12-03")!,
                    through: LocalDate("2026-12-05")!,
                    reason: "年休假",
                    by: Self.admin,
                    at: Self.shanghai(1, 9, 0)
                )
            }
            let away = try await roster.recordLeave(
                officer,
                from: LocalDate("2026-12-07")!,
                through: LocalDate("2026-12-08")!,
                reason: "年休假",
                by: Self.admin,
                at: Self.shanghai(1, 9, 0)
            )
            await #expect(throws: DutyError.onLeave(officer, from: LocalDate("2026-12-07")!, through: LocalDate("2026-12-08")!)) {
                _ = try await plan(roster, Self.slot(8, .afternoon), leader: Self.leader, officers: [officer])
            }
            #expect(try await roster.leave(from: LocalDate("2026-12-08")!, through: LocalDate("2026-12-31")!).map(\.id) == [away.id])
            #expect(try await roster.cancelLeave(away.id, by: Self.admin, at: Self.shanghai(1, 10, 0)))
            #expect(try await roster.cancelLeave(away.id, by: Self.admin, at: Self.shanghai(1, 10, 0)) == false)
            _ = try await plan(roster, Self.slot(8, .afternoon), leader: Self.leader, officers: [officer])
            await #expect(throws: DutyError.unknownOfficer(Badge("099999")!)) {
                _ = try await roster.recordLeave(
                    Badge("099999")!,
                    from: LocalDate("2026-12-07")!,
                    through: LocalDate("2026-12-08")!,
                    reason: "年休假",
                    by: Self.admin,
                    at: Self.shanghai(1, 9, 0)
                )
            }
        }
    }

    @Test("a leader whose account was disabled after planning is not on duty")
    func disabledLeader() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let roster = DutyRosterRepository(database: db)
            _ = try await plan(roster, Self.slot(2, .morning), leader: Self.leader)
            try await db.transaction { sql in try await sql.raw("UPDATE officers SET disabled_at = 1 WHERE badge = \(bind: Self.leader.value)").run()
            }
            #expect(try await roster.leaderOnDuty(at: Self.shanghai(2, 9, 0)) == nil)
        }
    }

    @Test("two administrators planning one slot at once leave one whole plan")
    func concurrentPlans() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Self.makeDeputyALeader(db)
            let roster = DutyRosterRepository(database: db)
            let officers = DemoHall.officers.filter { $0.roles == .only(.windowOfficer) && $0.badge != Self.deputy }.map(\.badge)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<8 {
                    group.addTask {
                        let leader = round.isMultiple(of: 2) ? Self.leader : Self.deputy
                        let team = round.isMultiple(of: 2) ? Array(officers.prefix(2)) : Array(officers.suffix(2))
                        _ = try await plan(roster, Self.slot(2, .afternoon), leader: leader, officers: team)
                    }
                }
                try await group.waitForAll()
            }
            let shift = try #require(try await roster.shift(at: Self.shanghai(2, 15, 0)))
            let expected = shift.leader.badge == Self.leader ? Array(officers.prefix(2)) : Array(officers.suffix(2))
            #expect(shift.officers.map(\.badge) == expected)
        }
    }

    @Test("a leave and a plan for the same officer at once: never both")
    func leaveRacesPlan() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let roster = DutyRosterRepository(database: db)
            let officer = Badge("010233")!
            for day in 10..<16 {
                async let planned: Bool = {
                    do {
                        _ = try await plan(roster, Self.slot(day, .morning), leader: Self.leader, officers: [officer])
                        return true
                    } catch is DutyError { return false }
                }()
                async let away: Bool = {
                    do {
                        _ = try await roster.recordLeave(
                            officer,
                            from: LocalDate(year: 2026, month: 12, day: day)!,
                            through: LocalDate(year: 2026, month: 12, day: day)!,
                            reason: "事假",
                            by: Self.admin,
                            at: Self.shanghai(1, 9, 0)
                        )
                        return true
                    } catch is DutyError { return false }
                }()
                let (p, l) = try await (planned, away)
                #expect(p != l, "day \(day): planned \(p), leave \(l)")
            }
        }
    }
}
