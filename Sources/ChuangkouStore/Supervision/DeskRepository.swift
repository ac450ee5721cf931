import ChuangkouCore
import Foundation
import SQLKit

/// Reads a period's records for the supervisor's desk and hands them to `SupervisorDesk.rows`. Complaints that concern
/// the viewer are left out, as everywhere else.
///
/// Computed from the rows of the period at each request (indexed by service day); rollups kept in each change's
/// transaction are the way to go once a month holds millions of tickets (see the report for issue 13).
public struct DeskRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func rows(_ period: DeskPeriod, today: LocalDate, viewer: Badge) async throws -> [SupervisorDesk.Row] {
        let from = period.from.description
        let through = period.through.description
        let inputs = try await database.read { db in
            var inputs = SupervisorDesk.Inputs()
            inputs.tickets = try await db.raw(
                """
                SELECT officer_badge, status, issued_at, called_at, started_at, finished_at FROM tickets
                WHERE service_day >= \(bind: from) AND service_day <= \(bind: through)
                """
            ).all().map { row in
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
            inputs.outOfTurn = try await db.raw(
                """
                SELECT e.officer_badge, r.verdict FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
                LEFT JOIN out_of_turn_reviews r ON r.event_id = e.id
                WHERE e.action = 'call' AND e.detail IS NOT NULL AND t.service_day >= \(bind: from) AND t.service_day <= \(bind: through)
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
                    let breach = try? JSONDecoder().decode(OneTimeNoticeLedger.Breach.self, from: Data(text.utf8)),
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
                // An unreadable clock counts as still running: the desk never fails on one stored row.
                let clock = try? JSONDecoder().decode(DeadlineClock.self, from: Data(try row.decode(column: "clock", as: String.self).utf8))
                return .init(owner: owner, due: due, stoppedOn: clock?.stoppedOn)
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
            let complaintRows = try await db.raw(
                """
                SELECT c.id, c.stage, c.acknowledge_due, c.answer_due FROM complaints c
                WHERE c.received_on >= \(bind: from) AND c.received_on <= \(bind: through)
                    AND NOT EXISTS (SELECT 1 FROM complaint_concerned x WHERE x.complaint_id = c.id AND x.badge = \(bind: viewer.value))
                """
            ).all()
            for row in complaintRows {
                let id = try row.decode(column: "id", as: String.self)
                let stage = try row.decode(column: "stage", as: String.self)
                let open = stage == Complaint.Stage.received.rawValue || stage == Complaint.Stage.investigating.rawValue
                let due = try row.decode(column: "answer_due", as: String.self)
                let acknowledgeDue = try row.decode(column: "acknowledge_due", as: String.self)
                let overdue = open && (today.description > due || (stage == Complaint.Stage.received.rawValue && today.description > acknowledgeDue))
                let concerned = try await db.raw("SELECT badge FROM complaint_concerned WHERE complaint_id = \(bind: id)").all()
                    .compactMap { Badge(try $0.decode(column: "badge", as: String.self)) }
                inputs.complaints.append(.init(concerned: concerned, open: open, overdue: overdue))
            }
            inputs.inspectionFindingsOpen = try await db.raw(
                """
                SELECT f.owner_badge FROM inspection_follow_ups f JOIN inspections i ON i.id = f.inspection_id
                WHERE f.closed_at IS NULL AND i.day >= \(bind: from) AND i.day <= \(bind: through)
                """
            ).all().compactMap { Badge(try $0.decode(column: "owner_badge", as: String.self)) }
            return inputs
        }
        return SupervisorDesk.rows(inputs, today: today)
    }
}
