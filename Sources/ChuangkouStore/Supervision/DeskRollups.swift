import ChuangkouCore
import Foundation
import SQLKit

/// The queue figures of service days that are over, rolled up once per day and officer (migration 36), so the desk for a
/// month reads a few hundred rows instead of every ticket of the month.
///
/// A day is rolled the first time the desk reads it once it is two days back (a ticket of yesterday may still be
/// finished after midnight), in a short write transaction of its own; call-next and finish never touch the rollups. If
/// a ticket of a rolled day changes after all, its save deletes the day's mark in the same transaction (`forgetting`)
/// and the day is read live until it is rolled again.
enum DeskRollups {
    /// The last day that may be rolled when the hall's day is `today`.
    static func lastClosedDay(today: LocalDate) throws -> LocalDate { try today.adding(days: -2) }

    /// The statement that forgets the rollup of a ticket's day, when a change at `at` can come after the day was rolled;
    /// nil for a change made while the day cannot have been rolled yet (every change of the day itself). A day D is
    /// rolled from the hall's day D+2 on, which no time zone begins before D+2 00:00 UTC − 14 h.
    static func forgetting(serviceDay: LocalDate, changedAt at: Date) -> SQLQueryString? {
        let earliestRoll = Int64(serviceDay.daysSinceEpoch + 2) * 86_400_000 - 14 * 3_600_000
        guard at.millisecondsSince1970 >= earliestRoll else { return nil }
        return "DELETE FROM desk_rolled_days WHERE service_day = \(bind: serviceDay.description)"
    }

    /// Rolls `day` unless it is rolled already: reads its tickets (share-locked on PostgreSQL, so a change to one of them
    /// waits and then forgets the fresh roll), writes one row per officer and the day's mark. Returns whether it rolled.
    @discardableResult
    static func roll(_ day: LocalDate, at now: Date, dialect: Dialect, in db: any SQLDatabase) async throws -> Bool {
        let text = day.description
        if try await db.raw("SELECT service_day FROM desk_rolled_days WHERE service_day = \(bind: text)").first() != nil { return false }
        let tickets = try await DeskRepository.tickets(
            "SELECT \(unsafeRaw: DeskRepository.ticketColumns) FROM tickets WHERE service_day = \(bind: text)\(unsafeRaw: dialect.forShare)",
            in: db
        )
        // Another process rolling the same day waits here for the first, then finds the mark and leaves.
        let marked = try await db.raw(
            """
            INSERT INTO desk_rolled_days (service_day, tickets, rolled_at)
            VALUES (\(bind: text), \(bind: tickets.count), \(bind: now.millisecondsSince1970))
            ON CONFLICT (service_day) DO NOTHING RETURNING service_day
            """
        ).first()
        guard marked != nil else { return false }
        try await db.raw("DELETE FROM desk_queue_days WHERE service_day = \(bind: text)").run()
        let tallies = QueueTally.byOfficer(tickets)
        guard !tallies.isEmpty else { return true }
        var insert = SQLQueryString(
            "INSERT INTO desk_queue_days (service_day, officer_badge, served, no_shows, wait_ms, wait_seconds, service_ms, service_seconds) VALUES "
        )
        for (i, (officer, tally)) in tallies.sorted(by: { ($0.key?.value ?? "") < ($1.key?.value ?? "") }).enumerated() {
            if i > 0 { insert += ", " }
            insert += """
                (\(bind: text), \(bind: officer?.value ?? ""), \(bind: tally.served), \(bind: tally.noShows), \(bind: tally.waits.totalMilliseconds),
                \(bind: tally.waits.encoded), \(bind: tally.services.totalMilliseconds), \(bind: tally.services.encoded))
                """
        }
        try await db.raw(insert).run()
        return true
    }

    /// The days of `from…through` that are rolled and readable, and their tallies by officer (`nil`: no officer). A day
    /// with a row that does not read back is left out, so the desk reads it live.
    static func tallies(
        from: LocalDate,
        through: LocalDate,
        in db: any SQLDatabase
    ) async throws -> (days: Set<LocalDate>, tallies: [Badge?: QueueTally]) {
        let rows = try await db.raw(
            """
            SELECT d.service_day, q.officer_badge, q.served, q.no_shows, q.wait_ms, q.wait_seconds, q.service_ms, q.service_seconds
            FROM desk_rolled_days d LEFT JOIN desk_queue_days q ON q.service_day = d.service_day
            WHERE d.service_day >= \(bind: from.description) AND d.service_day <= \(bind: through.description)
            """
        ).all()
        var byDay: [LocalDate: [Badge?: QueueTally]] = [:]
        var unreadable: Set<LocalDate> = []
        for row in rows {
            guard let day = LocalDate(try row.decode(column: "service_day", as: String.self)) else { continue }
            if byDay[day] == nil { byDay[day] = [:] }  // rolled, even when no officer row follows
            guard let badge = try row.decode(column: "officer_badge", as: String?.self) else { continue }  // a day without tickets
            guard let waits = SecondsHistogram(
                    encoded: try row.decode(column: "wait_seconds", as: String.self),
                    totalMilliseconds: try row.decode(column: "wait_ms", as: Int64.self)
                ),
                let services = SecondsHistogram(
                    encoded: try row.decode(column: "service_seconds", as: String.self),
                    totalMilliseconds: try row.decode(column: "service_ms", as: Int64.self)
                ),
                badge.isEmpty || Badge(badge) != nil
            else {
                unreadable.insert(day)
                continue
            }
            let tally = QueueTally(
                served: try row.decode(column: "served", as: Int.self),
                noShows: try row.decode(column: "no_shows", as: Int.self),
                waits: waits,
                services: services
            )
            byDay[day]![badge.isEmpty ? nil : Badge(badge)] = tally
        }
        var tallies: [Badge?: QueueTally] = [:]
        for (day, officers) in byDay where !unreadable.contains(day) {
            for (officer, tally) in officers { tallies[officer, default: QueueTally()].merge(tally) }
        }
        return (Set(byDay.keys).subtracting(unreadable), tallies)
    }
}
