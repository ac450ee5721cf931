import ChuangkouCore
import Foundation
import SQLKit

/// Inspections (监督检查): recorded in one transaction with their follow-ups and the audit row. The officers
/// inspected are those named and whoever is signed in at the windows inspected, so no inspector inspects themselves.
public struct InspectionRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func record(
        day: LocalDate,
        inspectors: [Badge],
        windows: [Int],
        inspected named: [Badge],
        problems: [Inspection.Problem],
        by recorder: Badge,
        at instant: Date
    ) async throws -> Inspection {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        let id = InspectionID(UUID())
        return try await database.transaction { db in
            var inspected = Set(named)
            for number in Set(windows) {
                let row = try await db.raw("SELECT officer_badge FROM windows WHERE number = \(bind: number)").first()
                if let badge = try row?.decode(column: "officer_badge", as: String?.self).flatMap(Badge.init) { inspected.insert(badge) }
            }
            let inspection = try Inspection.record(
                id: id,
                day: day,
                inspectors: inspectors,
                windows: windows,
                inspected: Array(inspected),
                problems: problems,
                calendar: try await CalendarRepository.current(in: db)
            )
            let text = String(decoding: try JSONEncoder().encode(inspection), as: UTF8.self)
            try await db.raw(
                """
                INSERT INTO inspections (id, day, inspection, recorded_by, recorded_at)
                VALUES (\(bind: id.description), \(bind: day.description), \(bind: text), \(bind: recorder.value), \(bind: now.millisecondsSince1970))
                """
            ).run()
            for (position, finding) in inspection.findings.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO inspection_follow_ups (inspection_id, position, item, owner_badge, due, closed_at)
                    VALUES (\(bind: id.description), \(bind: position), \(bind: finding.item.rawValue), \(bind: finding.owner.value),
                        \(bind: finding.due.description), NULL)
                    """
                ).run()
                try await NotificationOutbox.enqueue(
                    kind: "inspection.follow-up",
                    to: finding.owner,
                    subject: "监督检查发现问题（\(finding.item.label)），请于\(finding.due.chineseDate)前整改",
                    payload: #"{"inspection":"\#(id)","position":\#(position)}"#,
                    at: now,
                    in: db
                )
            }
            try await AuditTrail.record(
                AuditEntry("inspection.record", "inspection:\(id)", detail: "\(inspection.findings.count) finding(s)"),
                at: now,
                in: db
            )
            return inspection
        }
    }

    /// Follow-ups not yet closed, by owner: what the desk counts as inspection findings open.
    public func openFollowUps() async throws -> [Badge: Int] {
        try await database.read { db in
            var counts: [Badge: Int] = [:]
            let rows = try await db.raw(
                "SELECT owner_badge, COUNT(*) AS n FROM inspection_follow_ups WHERE closed_at IS NULL GROUP BY owner_badge"
            ).all()
            for row in rows {
                if let badge = Badge(try row.decode(column: "owner_badge", as: String.self)) {
                    counts[badge] = try row.decode(column: "n", as: Int.self)
                }
            }
            return counts
        }
    }
}
