import ChuangkouCore
import Foundation
import SQLKit

/// Reads a period's window changes, tickets served and assignments, and hands them to `Workload.rows` (避免厌烦).
public struct WorkloadRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Every officer's row, or only `officer`'s.
    public func rows(
        _ period: DeskPeriod,
        hall: Hall,
        now: Date,
        heavyServingMinutes: Int,
        officer: Badge? = nil
    ) async throws -> [Workload.Row] {
        let days = Workload.days(of: period, in: hall.timeZone)
        guard let start = days.first?.start, let end = days.last?.end else { return [] }
        let (from, through) = (period.from.description, period.through.description)
        let inputs = try await database.read { db in
            var inputs = Workload.Inputs()
            inputs.changes = try await WindowLog.changes(from: start, until: end, in: db)
            // A ticket served across midnight belongs to the day it was issued; a day's margin catches it.
            let issuedFrom = (try? period.from.adding(days: -1))?.description ?? from
            inputs.services = try await db.raw(
                """
                SELECT officer_badge, status, started_at, finished_at FROM tickets
                WHERE service_day >= \(bind: issuedFrom) AND service_day <= \(bind: through) AND started_at IS NOT NULL
                    AND officer_badge IS NOT NULL AND (finished_at IS NOT NULL OR status = \(bind: TicketStatus.serving.rawValue))
                """
            ).all().compactMap { row in
                guard let badge = Badge(try row.decode(column: "officer_badge", as: String.self)) else { return nil }
                let started = Date(milliseconds: try row.decode(column: "started_at", as: Int64.self))
                let finished = try row.decode(column: "finished_at", as: Int64?.self).map(Date.init(milliseconds:))
                let done = try row.decode(column: "status", as: String.self) == TicketStatus.finished.rawValue
                return .init(officer: badge, start: started, end: finished ?? max(started, now), finished: done && finished != nil)
            }
            inputs.assignments = try await Self.assignments(from: from, through: through, in: db)
            return inputs
        }
        var limited = inputs
        if let officer {
            limited.changes = inputs.changes.filter { $0.officer == officer }
            limited.services = inputs.services.filter { $0.officer == officer }
            limited.assignments = inputs.assignments.filter { $0.holder == officer }
        }
        return Workload.rows(limited, period: period, zone: hall.timeZone, now: now, heavyServingSeconds: heavyServingMinutes * 60)
    }

    /// Complaints handled, rectification items, inspection follow-ups: open now, or handed over within the period.
    static func assignments(from: String, through: String, in db: any SQLDatabase) async throws -> [Workload.Assignment] {
        var result: [Workload.Assignment] = []
        func collect(_ kind: Workload.Assignment.Kind, _ query: SQLQueryString, open: @escaping (String) -> Bool) async throws {
            for row in try await db.raw(query).all() {
                guard let holder = Badge(try row.decode(column: "holder", as: String.self)) else { continue }
                let day = try row.decode(column: "day", as: String.self)
                let state = try row.decode(column: "state", as: String.self)
                result.append(.init(holder: holder, kind: kind, inPeriod: from <= day && day <= through, open: open(state)))
            }
        }
        let openComplaint: Set<String> = [Complaint.Stage.received.rawValue, Complaint.Stage.investigating.rawValue]
        try await collect(
            .complaint,
            """
            SELECT handler_badge AS holder, received_on AS day, stage AS state FROM complaints
            WHERE handler_badge IS NOT NULL
                AND (stage IN (\(bind: Complaint.Stage.received.rawValue), \(bind: Complaint.Stage.investigating.rawValue))
                    OR (received_on >= \(bind: from) AND received_on <= \(bind: through)))
            """
        ) { openComplaint.contains($0) }
        try await collect(
            .rectification,
            """
            SELECT handler_badge AS holder, opened_on AS day, stage AS state FROM rectifications
            WHERE stage <> 'closed' OR (opened_on >= \(bind: from) AND opened_on <= \(bind: through))
            """
        ) { $0 != "closed" }
        try await collect(
            .followUp,
            """
            SELECT f.owner_badge AS holder, i.day AS day, CASE WHEN f.closed_at IS NULL THEN 'open' ELSE 'closed' END AS state
            FROM inspection_follow_ups f JOIN inspections i ON i.id = f.inspection_id
            WHERE f.closed_at IS NULL OR (i.day >= \(bind: from) AND i.day <= \(bind: through))
            """
        ) { $0 == "open" }
        return result
    }
}
