import ChuangkouCore
import Foundation
import SQLKit

/// Fills a hall with many past ratings for the results benchmark (`chuangkou seed-ratings`): finished tickets of past
/// days, one rating each, the month's tallies, and for each 差评 its rectification item, closed with a published fix.
///
/// Rows go in with multi-row INSERTs, `batch` ratings per transaction, so a million take minutes, not hours; the
/// tallies are summed per batch and added with one upsert per row, exactly as single ratings keep them. Seeded
/// tickets use the prefix `Z`, which no business of the catalog uses, and numbers that never meet a real day's.
/// Items carry no history lines: the benchmark reads tallies and outcomes, not histories.
public struct RatingSeeder: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Plan: Sendable {
        public var count: Int
        /// The last month seeded, `YYYY-MM`; ratings spread over `months` months ending there.
        public var lastMonth: LocalDate
        public var months: Int
        /// Share of 差评 (1s and 2s), 0…1.
        public var badShare: Double
        public var batch: Int

        public init(count: Int, lastMonth: LocalDate, months: Int = 12, badShare: Double = 0.04, batch: Int = 2_000) {
            self.count = count
            self.lastMonth = lastMonth
            self.months = months
            self.badShare = badShare
            self.batch = batch
        }
    }

    /// Seeds `plan.count` ratings; `progress` hears the running total after each batch. Deterministic for one plan.
    public func seed(_ plan: Plan, hall: Hall, progress: @Sendable (Int) -> Void = { _ in }) async throws -> Int {
        let desks = try await database.read { db in
            try await db.raw(
                """
                SELECT w.number, b.business_code FROM windows w JOIN window_businesses b ON b.window_number = w.number
                ORDER BY w.number, b.business_code
                """
            ).all().map { (try $0.decode(column: "number", as: Int.self), try $0.decode(column: "business_code", as: String.self)) }
        }
        let officers = try await database.read { db in try await OfficerRepository.badges(holding: .windowOfficer, in: db) }
        guard !desks.isEmpty, !officers.isEmpty,
            let handler = try await database.read({ db in
                try await OfficerRepository.badges(holding: .dutyLeader, in: db).first
            })
        else { throw StoreError.hallNotConfigured }
        let start = try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM tickets WHERE prefix = 'Z'").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        var random = SplitMix64(seed: UInt64(start) &+ 0x5EED)
        var done = 0
        while done < plan.count {
            let size = min(plan.batch, plan.count - done)
            var rows: [Seeded] = []
            rows.reserveCapacity(size)
            for i in 0..<size {
                let n = start + done + i
                let back = Int(random.next() % UInt64(max(plan.months, 1)))
                let index = plan.lastMonth.year * 12 + plan.lastMonth.month - 1 - back
                let day = LocalDate(year: index / 12, month: index % 12 + 1, day: 1 + Int(random.next() % 28)) ?? plan.lastMonth
                let desk = desks[Int(random.next() % UInt64(desks.count))]
                let bad = Double(random.next() % 10_000) / 10_000 < plan.badShare
                let level = bad ? Int(1 + random.next() % 2) : Int(3 + random.next() % 3)
                rows.append(
                    Seeded(
                        n: n,
                        day: day,
                        window: desk.0,
                        business: desk.1,
                        officer: officers[desk.0 % officers.count].value,
                        level: level,
                        at: Self.start(of: day, in: hall.timeZone).addingTimeInterval(9 * 3_600 + Double(random.next() % 28_000))
                    )
                )
            }
            let batch = rows
            try await database.transaction { db in try await Self.insert(batch, handler: handler, in: db) }
            done += size
            progress(done)
        }
        return done
    }

    struct Seeded: Sendable {
        let n: Int
        let day: LocalDate
        let window: Int
        let business: String
        let officer: String
        let level: Int
        let at: Date

        var ticketID: String { String(format: "00000000-0000-4000-8000-%012x", n) }
        var ratingID: String { String(format: "00000000-0000-4000-9000-%012x", n) }
        var month: String { String(day.description.prefix(7)) }
    }

    static func start(of day: LocalDate, in zone: TimeZone) -> Date {
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
    }

    /// Rows per INSERT statement: under SQLite's 32,766 bound values with 17 columns.
    static let rowsPerStatement = 500

    static func insert(_ rows: [Seeded], handler: Badge, in db: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: rows.count, by: rowsPerStatement).map({ Array(rows[$0..<min($0 + rowsPerStatement, rows.count)]) }) {
            var tickets = SQLQueryString(
                """
                INSERT INTO tickets (id, service_day, prefix, sequence, business_code, status, issued_at, window_number, officer_badge,
                    called_at, started_at, finished_at) VALUES
                """
            )
            var ratings = SQLQueryString(
                """
                INSERT INTO ratings (id, ticket_id, officer_badge, window_number, business_code, served_at, level, overall, attitude,
                    channel, rated_at, rated_month, rated_day) VALUES
                """
            )
            for (i, r) in chunk.enumerated() {
                let ms = Int64(r.at.timeIntervalSince1970 * 1000)
                if i > 0 {
                    tickets += ", "
                    ratings += ", "
                }
                tickets += """
                    (\(bind: r.ticketID), \(bind: r.day.description), 'Z', \(bind: r.n + 1), \(bind: r.business), 'finished', \(bind: ms - 600_000),
                    \(bind: r.window), \(bind: r.officer), \(bind: ms - 540_000), \(bind: ms - 530_000), \(bind: ms))
                    """
                ratings += """
                    (\(bind: r.ratingID), \(bind: r.ticketID), \(bind: r.officer), \(bind: r.window), \(bind: r.business), \(bind: ms),
                    \(bind: r.level), \(bind: r.level), \(bind: r.level), 'pad', \(bind: ms + 20_000), \(bind: r.month), \(bind: r.day.description))
                    """
            }
            try await db.raw(tickets).run()
            try await db.raw(ratings).run()
        }
        var tallies: [String: (month: String, business: String, window: Int, level: Int, count: Int)] = [:]
        for r in rows {
            tallies["\(r.month)|\(r.business)|\(r.window)|\(r.level)", default: (r.month, r.business, r.window, r.level, 0)].count += 1
        }
        for t in tallies.values {
            try await db.raw(
                """
                INSERT INTO rating_tallies (month, business_code, window_number, level, counted, excluded)
                VALUES (\(bind: t.month), \(bind: t.business), \(bind: t.window), \(bind: t.level), \(bind: t.count), 0)
                ON CONFLICT (month, business_code, window_number, level) DO UPDATE SET counted = rating_tallies.counted + \(bind: t.count)
                """
            ).run()
        }
        for r in rows where r.level <= 2 {
            try await insertClosedItem(r, handler: handler, in: db)
        }
    }

    /// A bad review's item as the loop leaves it: called back, fixed at once, the fix described for publication.
    static func insertClosedItem(_ r: Seeded, handler: Badge, in db: any SQLDatabase) async throws {
        let id = RectificationID(UUID(uuidString: String(format: "00000000-0000-4000-a000-%012x", r.n))!)
        var item = Rectification(
            id: id,
            rating: RatingID(UUID(uuidString: r.ratingID)!),
            ratedOfficer: Badge(r.officer),
            raterHasContact: false,
            openedAt: r.at,
            openedOn: r.day,
            handler: handler,
            stage: .open,
            returnVisits: [],
            outcome: nil,
            appeal: nil,
            fixRating: nil
        )
        _ = try item.resolve(.fixedNow(description: "（基准数据）窗口整改第\(r.n + 1)条"), by: handler, at: r.at)
        let ms = Int64(r.at.timeIntervalSince1970 * 1000)
        try await db.raw(
            """
            INSERT INTO rectifications (id, rating_id, rated_officer, handler_badge, stage, rater_has_contact, return_visit_done, outcome,
                item, opened_on, close_due, alert, opened_at, updated_at)
            VALUES (\(bind: id.description), \(bind: r.ratingID), \(bind: r.officer), \(bind: handler.value), 'closed', 0, 1, 'fixedNow',
                \(bind: try RectificationRepository.text(item)), \(bind: r.day.description), \(bind: r.day.description), 'closed', \(bind: ms),
                \(bind: ms))
            """
        ).run()
    }
}
