import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

/// The desk's queue figures from closed days' rollups against the same figures computed from the tickets, with the
/// formulas the desk used before rollups (mean of seconds, nearest-rank p90 of sorted seconds).
@Suite("The supervisor's desk from rollups")
struct DeskRollupTests {
    let supervisor = Badge("010300")!

    /// Five consecutive days from 2026-03-02 (a Monday) in Shanghai: day 3 has no tickets; on the others two officers
    /// serve tickets with waits and services to the millisecond, lose some to no-shows, and leave one waiting; on the
    /// first, a third officer starts a ticket and leaves it unfinished.
    struct Seeded {
        var waits: [Badge?: [TimeInterval]] = [:]
        var services: [Badge?: [TimeInterval]] = [:]
        var served: [Badge?: Int] = [:]
        var noShows: [Badge?: Int] = [:]
        /// A ticket of the first day still being served, for the change-after-the-day test.
        var stillServing: TicketID?
    }

    let first = LocalDate("2026-03-02")!

    func seed(_ db: Database) async throws -> Seeded {
        var rng = Lcg(seed: 42)
        var seeded = Seeded()
        let tickets = TicketRepository(database: db)
        let opening = Demo.hall.start(of: first).addingTimeInterval(9 * 3_600)
        try await Demo.openWindows(3, in: db, at: opening)
        for dayIndex in 0..<5 where dayIndex != 2 {
            var clock = opening.addingTimeInterval(Double(dayIndex) * 86_400)
            func later(_ ms: UInt64) -> Date {
                clock = clock.addingTimeInterval(Double(ms) / 1_000)
                return clock
            }
            for n in 0..<(6 + dayIndex) {
                let officer = Demo.officers[n % 2]
                let window = WindowNumber(n % 2 + 1)!
                let ticket = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: later(1_000))
                let called = try #require(try await tickets.callNext(window: window, by: officer, hall: Demo.hall, at: later(rng.next(300_000))))
                #expect(called.id == ticket.id)
                seeded.waits[officer, default: []].append(called.calledAt!.timeIntervalSince(ticket.issuedAt))
                if n % 5 == 4 {
                    for _ in 0..<2 { _ = try await tickets.recall(ticket.id, by: officer, at: later(rng.next(20_000))) }
                    _ = try await tickets.markNoShow(ticket.id, by: officer, at: later(rng.next(60_000)))
                    seeded.noShows[officer, default: 0] += 1
                    continue
                }
                let started = try await tickets.start(ticket.id, by: officer, at: later(rng.next(30_000)))
                let finished = try await tickets.finish(ticket.id, by: officer, at: later(rng.next(900_000)))
                seeded.services[officer, default: []].append(finished.finishedAt!.timeIntervalSince(started.startedAt!))
                seeded.served[officer, default: 0] += 1
            }
            if dayIndex == 0 {
                // The third officer starts one and never finishes it that day.
                let ticket = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: later(1_000))
                let called = try #require(try await tickets.callNext(window: 3, by: Demo.officers[2], hall: Demo.hall, at: later(45_500)))
                seeded.waits[Demo.officers[2], default: []].append(called.calledAt!.timeIntervalSince(ticket.issuedAt))
                _ = try await tickets.start(ticket.id, by: Demo.officers[2], at: later(2_000))
                seeded.stillServing = ticket.id
            }
            // Left waiting at closing: counted for nothing.
            _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: later(1_000))
        }
        return seeded
    }

    /// Ten days after the first: the whole week is over.
    var tenDaysOn: Date { Demo.hall.start(of: try! first.adding(days: 10)).addingTimeInterval(10 * 3_600) }

    /// What the desk showed before rollups, from the tickets' own values (`nil`: every officer's together, the hall).
    func expected(_ seeded: Seeded, _ officer: Badge?) -> QueueFigures {
        var figures = QueueFigures()
        figures.served = seeded.served[officer] ?? 0
        figures.noShows = seeded.noShows[officer] ?? 0
        let waits = seeded.waits[officer] ?? []
        let services = seeded.services[officer] ?? []
        (figures.averageWaitSeconds, figures.p90WaitSeconds) = (QueueFigures.average(waits), QueueFigures.percentile90(waits))
        (figures.averageServiceSeconds, figures.p90ServiceSeconds) = (QueueFigures.average(services), QueueFigures.percentile90(services))
        return figures
    }

    func week(_ desk: DeskRepository, at now: Date) async throws -> [SupervisorDesk.Row] {
        try await desk.rows(try DeskPeriod(.week, containing: first), hall: Demo.hall, viewer: supervisor, at: now)
    }

    func rolledDays(_ db: Database) async throws -> Int {
        try await db.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM desk_rolled_days").first()!.decode(column: "n", as: Int.self)
        }
    }

    @Test("a week of closed days read from rollups shows every queue figure the tickets give, the p90 included; each day the same read live")
    func rollupEqualsDirect() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let seeded = try await seed(db)
            let desk = DeskRepository(database: db)
            // Ten days on, the whole week is over: the first read rolls its seven days (the empty one too).
            let later = tenDaysOn
            let rows = try await week(desk, at: later)
            #expect(try await rolledDays(db) == 7)
            for officer in Demo.officers.prefix(3) {
                let row = try #require(rows.first { $0.officer == officer })
                #expect(row.queue == expected(seeded, officer))
            }
            var hall = Seeded()
            for officer in Demo.officers.prefix(3) {
                hall.waits[nil, default: []] += seeded.waits[officer] ?? []
                hall.services[nil, default: []] += seeded.services[officer] ?? []
                hall.served[nil, default: 0] += seeded.served[officer] ?? 0
                hall.noShows[nil, default: 0] += seeded.noShows[officer] ?? 0
            }
            #expect(rows[0].officer == nil && rows[0].queue == expected(hall, nil))
            // Read again: from the rollups only, the same.
            #expect(try await week(desk, at: later) == rows)
            // Each day from its rollup equals the day read live on the day itself.
            for offset in 0..<5 {
                let day = try first.adding(days: offset)
                let rolled = try await desk.rows(try DeskPeriod(.day, containing: day), hall: Demo.hall, viewer: supervisor, at: later)
                let live = try await desk.rows(
                    try DeskPeriod(.day, containing: day),
                    hall: Demo.hall,
                    viewer: supervisor,
                    at: Demo.hall.start(of: day).addingTimeInterval(23 * 3_600)
                )
                #expect(rolled.map(\.queue) == live.map(\.queue))
                #expect(rolled.map(\.officer) == live.map(\.officer))
            }
        }
    }

    @Test("yesterday and today are read live, never rolled")
    func recentDaysStayLive() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            _ = try await seed(db)
            let desk = DeskRepository(database: db)
            // On the fifth day at night: days 1–3 are over, 4 (yesterday) and 5 (today) are not.
            let now = Demo.hall.start(of: try first.adding(days: 4)).addingTimeInterval(22 * 3_600)
            _ = try await week(desk, at: now)
            let days = try await db.read { sql in
                try await sql.raw("SELECT service_day FROM desk_rolled_days ORDER BY service_day").all()
                    .map { try $0.decode(column: "service_day", as: String.self) }
            }
            #expect(days == ["2026-03-02", "2026-03-03", "2026-03-04"])
        }
    }

    @Test("a ticket of a rolled day finished later forgets the day's rollup in its own transaction; the desk counts it")
    func changeAfterTheDay() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            var seeded = try await seed(db)
            let desk = DeskRepository(database: db)
            let later = tenDaysOn
            let before = try await week(desk, at: later)
            #expect(try await rolledDays(db) == 7)
            let id = try #require(seeded.stillServing)
            let tickets = TicketRepository(database: db)
            let ticket = try #require(try await tickets.find(id))
            let finished = try await tickets.finish(id, by: ticket.officer!, at: later)
            #expect(try await rolledDays(db) == 6)
            seeded.served[ticket.officer!, default: 0] += 1
            seeded.services[ticket.officer!, default: []].append(finished.finishedAt!.timeIntervalSince(ticket.startedAt!))
            let after = try await week(desk, at: later)
            #expect(after[0].queue.served == before[0].queue.served + 1)
            #expect(try #require(after.first { $0.officer == ticket.officer }).queue == expected(seeded, ticket.officer!))
            #expect(try await rolledDays(db) == 7)
        }
    }

    @Test("a damaged rollup row is never trusted: its day is read from the tickets")
    func damagedRowReadLive() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let seeded = try await seed(db)
            let desk = DeskRepository(database: db)
            let later = tenDaysOn
            _ = try await week(desk, at: later)
            try await db.transaction { sql in
                try await sql.raw("UPDATE desk_queue_days SET wait_seconds = '12:x,,', service_ms = -5 WHERE service_day = '2026-03-02'").run()
            }
            let rows = try await week(desk, at: later)
            for officer in Demo.officers.prefix(3) {
                #expect(try #require(rows.first { $0.officer == officer }).queue == expected(seeded, officer))
            }
        }
    }
}

/// A small repeatable generator for the seeded durations.
struct Lcg {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    /// 0 ..< bound.
    mutating func next(_ bound: UInt64) -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (state >> 33) % bound
    }
}
