import ChuangkouCore
import Foundation
import SQLKit

/// Reads a period's records for the supervisor's desk and hands them to `SupervisorDesk.rows`. Complaints that concern
/// the viewer are left out, as everywhere else.
///
/// The queue's figures of days that are over come from their rollups (`DeskRollups`, rolled here on first read), the
/// rest of the period's from its tickets; every other figure is a state that can change after its day (a review, a
/// closed item, an answered complaint) and is read live, each through an index of its own (migration 36).
public struct DeskRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The desk for `period` as `viewer` sees it at `now`.
    public func rows(_ period: DeskPeriod, hall: Hall, viewer: Badge, at now: Date) async throws -> [SupervisorDesk.Row] {
        let today = hall.serviceDay(at: now)
        let from = period.from.description
        let through = period.through.description
        let closedThrough = min(period.through, try DeskRollups.lastClosedDay(today: today))
        if period.from <= closedThrough { try await rollClosedDays(from: period.from, through: closedThrough, at: now) }
        let inputs = try await database.read { [dialect = database.dialect] db in
            var inputs = SupervisorDesk.Inputs()
            let decoder = JSONDecoder()
            var rolled: Set<LocalDate> = []
            if period.from <= closedThrough {
                (rolled, inputs.rolledQueue) = try await DeskRollups.tallies(from: period.from, through: closedThrough, in: db)
            }
            for (first, last) in try Self.runs(of: period, leavingOut: rolled) {
                inputs.tickets += try await Self.tickets(
                    """
                    SELECT \(unsafeRaw: Self.ticketColumns) FROM tickets
                    WHERE service_day >= \(bind: first.description) AND service_day <= \(bind: last.description)
                    """,
                    in: db
                )
            }
            // Calls made during the period's days (the index holds out-of-turn calls by instant), whatever day the
            // ticket was issued: a stale ticket called out of turn later is not hidden. Without statistics SQLite
            // would take the older (action, id) index and walk every out-of-turn call ever made.
            let periodStart = hall.start(of: period.from).millisecondsSince1970
            let periodEnd = hall.start(of: try period.through.adding(days: 1)).millisecondsSince1970
            inputs.outOfTurn = try await db.raw(
                """
                SELECT e.officer_badge, r.verdict FROM ticket_events e\(unsafeRaw: dialect.indexedBy("ticket_events_out_of_turn_at"))
                LEFT JOIN out_of_turn_reviews r ON r.event_id = e.id
                WHERE e.action = 'call' AND e.detail IS NOT NULL AND e.at >= \(bind: periodStart) AND e.at < \(bind: periodEnd)
                """
            ).all().compactMap { row in
                guard let officer = try row.decode(column: "officer_badge", as: String?.self).flatMap(Badge.init) else { return nil }
                let verdict = try row.decode(column: "verdict", as: String?.self)
                return .init(officer: officer, reviewed: verdict != nil, flagged: verdict == OutOfTurnReview.Verdict.flagged.rawValue)
            }
            // Bounded by the event's instant, a day's margin either side of the period's days in UTC (no hall's zone
            // is further off than that); the breach's own day then decides.
            let day: Int64 = 86_400_000
            let breachesFrom = Int64(period.from.daysSinceEpoch - 1) * day
            let breachesUntil = Int64(period.through.daysSinceEpoch + 2) * day
            inputs.breaches = try await db.raw(
                """
                SELECT detail FROM case_events WHERE action = 'breach' AND at >= \(bind: breachesFrom) AND at < \(bind: breachesUntil)
                """
            ).all().compactMap { row in
                guard let text = try row.decode(column: "detail", as: String?.self),
                    let breach = try? decoder.decode(OneTimeNoticeLedger.Breach.self, from: Data(text.utf8)),
                    period.contains(breach.recordedOn)
                else { return nil }
                return breach.officer
            }
            inputs.clocks = try await db.raw(
                """
                SELECT owner_badge, promised_due, clock FROM deadline_clocks
                WHERE promised_due >= \(bind: from) AND promised_due <= \(bind: through)
                """
            ).all().compactMap { row in
                guard let owner = Badge(try row.decode(column: "owner_badge", as: String.self)),
                    let due = LocalDate(try row.decode(column: "promised_due", as: String.self))
                else { return nil }
                // Only the day it stopped; an unreadable clock counts as still running: the desk never fails on one row.
                return .init(owner: owner, due: due, stoppedOn: ClockStopDay.of(try row.decode(column: "clock", as: String.self), decoder: decoder))
            }
            inputs.badReviews = try await db.raw(
                """
                SELECT g.officer_badge, r.stage FROM ratings g LEFT JOIN rectifications r ON r.rating_id = g.id
                WHERE g.level <= 2 AND g.rated_day >= \(bind: from) AND g.rated_day <= \(bind: through)
                    AND NOT EXISTS (SELECT 1 FROM rating_exclusions x WHERE x.rating_id = g.id)
                """
            ).all().map { row in
                .init(
                    officer: try row.decode(column: "officer_badge", as: String?.self).flatMap(Badge.init),
                    open: (try row.decode(column: "stage", as: String?.self)).map { $0 != "closed" } ?? false
                )
            }
            // One row per complaint and concerned officer (one with a NULL badge when it concerns nobody), by complaint.
            var complaints: [String: (open: Bool, overdue: Bool, concerned: [Badge])] = [:]
            var order: [String] = []
            for row in try await db.raw(
                """
                SELECT c.id, c.stage, c.acknowledge_due, c.answer_due, x.badge FROM complaints c
                LEFT JOIN complaint_concerned x ON x.complaint_id = c.id
                WHERE c.received_on >= \(bind: from) AND c.received_on <= \(bind: through)
                    AND NOT EXISTS (SELECT 1 FROM complaint_concerned v WHERE v.complaint_id = c.id AND v.badge = \(bind: viewer.value))
                """
            ).all() {
                let id = try row.decode(column: "id", as: String.self)
                if complaints[id] == nil {
                    let stage = try row.decode(column: "stage", as: String.self)
                    let open = stage == Complaint.Stage.received.rawValue || stage == Complaint.Stage.investigating.rawValue
                    let due = try row.decode(column: "answer_due", as: String.self)
                    let acknowledgeDue = try row.decode(column: "acknowledge_due", as: String.self)
                    let overdue = open
                        && (today.description > due || (stage == Complaint.Stage.received.rawValue && today.description > acknowledgeDue))
                    complaints[id] = (open, overdue, [])
                    order.append(id)
                }
                if let badge = try row.decode(column: "badge", as: String?.self).flatMap(Badge.init) { complaints[id]!.concerned.append(badge) }
            }
            inputs.complaints = order.map { id in
                let c = complaints[id]!
                return .init(concerned: c.concerned, open: c.open, overdue: c.overdue)
            }
            inputs.inspectionFindingsOpen = try await db.raw(
                """
                SELECT f.owner_badge FROM inspection_follow_ups f JOIN inspections i ON i.id = f.inspection_id
                WHERE f.closed_at IS NULL AND i.day >= \(bind: from) AND i.day <= \(bind: through)
                """
            ).all().compactMap { Badge(try $0.decode(column: "owner_badge", as: String.self)) }
            // Visits planned for the period's days (by the day index), one row per team member.
            var visits: [String: (recorded: Bool, outcome: OnSiteVisit.Outcome?, team: [Badge])] = [:]
            for row in try await db.raw(
                """
                SELECT v.id, v.stage, v.outcome, t.badge FROM onsite_visits v JOIN onsite_team t ON t.visit_id = v.id
                WHERE v.slot_day >= \(bind: from) AND v.slot_day <= \(bind: through) AND v.stage IN ('approved', 'visited')
                """
            ).all() {
                let id = try row.decode(column: "id", as: String.self)
                if visits[id] == nil {
                    let outcome = try row.decode(column: "outcome", as: String?.self).flatMap(OnSiteVisit.Outcome.init(rawValue:))
                    visits[id] = (try row.decode(column: "stage", as: String.self) == "visited", outcome, [])
                }
                if let badge = Badge(try row.decode(column: "badge", as: String.self)) { visits[id]!.team.append(badge) }
            }
            inputs.visits = visits.keys.sorted().map { id in
                let v = visits[id]!
                return .init(team: v.team, recorded: v.recorded, outcome: v.outcome)
            }
            inputs.onSiteCases = try await db.raw(
                """
                SELECT c.officer_badge FROM onsite_visits v JOIN cases c ON c.onsite_visit_id = v.id
                WHERE v.slot_day >= \(bind: from) AND v.slot_day <= \(bind: through)
                """
            ).all().compactMap { Badge(try $0.decode(column: "officer_badge", as: String.self)) }
            return inputs
        }
        return SupervisorDesk.rows(inputs, today: today)
    }

    /// Rolls the closed days among the last `days` not rolled yet, oldest first; how many it rolled. The day run calls
    /// it after midnight, so the desk's recent months are read warm and their first read writes nothing.
    public func rollRecent(days: Int, hall: Hall, at now: Date) async throws -> Int {
        let through = try DeskRollups.lastClosedDay(today: hall.serviceDay(at: now))
        return try await rollClosedDays(from: try through.adding(days: -max(0, days - 1)), through: through, at: now)
    }

    /// Rolls each day of `from…through` not rolled yet, one short write transaction per day, so the writer is never
    /// held for a month of tickets at once; how many it rolled.
    @discardableResult
    private func rollClosedDays(from: LocalDate, through: LocalDate, at now: Date) async throws -> Int {
        let rolled = try await database.read { db in
            Set(
                try await db.raw(
                    """
                    SELECT service_day FROM desk_rolled_days
                    WHERE service_day >= \(bind: from.description) AND service_day <= \(bind: through.description)
                    """
                ).all().compactMap { LocalDate(try $0.decode(column: "service_day", as: String.self)) }
            )
        }
        var day = from
        var count = 0
        while day <= through {
            if !rolled.contains(day) {
                let done = try await database.transaction { [dialect = database.dialect, day] db in
                    try await DeskRollups.roll(day, at: now, dialect: dialect, in: db)
                }
                if done { count += 1 }
            }
            day = try day.adding(days: 1)
        }
        return count
    }

    /// The period's days not in `rolled`, as runs of consecutive days.
    static func runs(of period: DeskPeriod, leavingOut rolled: Set<LocalDate>) throws -> [(LocalDate, LocalDate)] {
        var runs: [(LocalDate, LocalDate)] = []
        var day = period.from
        while day <= period.through {
            if !rolled.contains(day) {
                if let last = runs.last, try last.1.adding(days: 1) == day { runs[runs.count - 1].1 = day } else { runs.append((day, day)) }
            }
            day = try day.adding(days: 1)
        }
        return runs
    }

    static let ticketColumns = "officer_badge, status, issued_at, called_at, started_at, finished_at"

    /// Tickets as the desk counts them, from a query selecting `ticketColumns`.
    static func tickets(_ query: SQLQueryString, in db: any SQLDatabase) async throws -> [DeskTicket] {
        try await db.raw(query).all().map { row in
            let status = try row.decode(column: "status", as: String.self)
            func instant(_ column: String) throws -> Date? {
                try row.decode(column: column, as: Int64?.self).map(Date.init(milliseconds:))
            }
            return DeskTicket(
                officer: try row.decode(column: "officer_badge", as: String?.self).flatMap(Badge.init),
                outcome: status == TicketStatus.finished.rawValue ? .finished : status == TicketStatus.noShow.rawValue ? .noShow : .other,
                issuedAt: Date(milliseconds: try row.decode(column: "issued_at", as: Int64.self)),
                calledAt: try instant("called_at"),
                startedAt: try instant("started_at"),
                finishedAt: try instant("finished_at")
            )
        }
    }
}
