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
            // Inspectors and owners are the hall's officers; windows its windows: a typo is refused, never recorded.
            for badge in Set(inspectors + problems.map(\.owner)) {
                guard try await db.raw("SELECT badge FROM officers WHERE badge = \(bind: badge.value)").first() != nil else {
                    throw InspectionRecordError.unknownOfficer(badge)
                }
            }
            for number in Set(windows) where (1...999).contains(number) {
                guard try await db.raw("SELECT number FROM windows WHERE number = \(bind: number)").first() != nil else {
                    throw InspectionRecordError.unknownWindow(number)
                }
            }
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

    /// An inspection as the API lists it: the record, who entered it, and each follow-up's state by position.
    public struct Record: Sendable, Equatable {
        public let inspection: Inspection
        public let recordedBy: Badge?
        /// When each finding's follow-up was put right, by the finding's position; nil while open.
        public let closedAt: [Int: Date]
    }

    /// The inspections of the days `from` through `through`, latest first (at most `limit`).
    public func list(from: LocalDate, through: LocalDate, limit: Int = 200) async throws -> [Record] {
        try await database.read { db in
            let rows = try await db.raw(
                """
                SELECT id, inspection, recorded_by FROM inspections WHERE day >= \(bind: from.description) AND day <= \(bind: through.description)
                ORDER BY day DESC, recorded_at DESC LIMIT \(bind: limit)
                """
            ).all()
            var records: [Record] = []
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                // An unreadable record is left out of the list, never allowed to stop it.
                guard
                    let inspection = try? StoredJSON.value(
                        Inspection.self,
                        try row.decode(column: "inspection", as: String.self),
                        table: "inspections",
                        id: id
                    )
                else { continue }
                var closed: [Int: Date] = [:]
                for line in try await db.raw(
                    "SELECT position, closed_at FROM inspection_follow_ups WHERE inspection_id = \(bind: id) AND closed_at IS NOT NULL"
                ).all() {
                    let position = try line.decode(column: "position", as: Int.self)
                    closed[position] = Date(milliseconds: try line.decode(column: "closed_at", as: Int64.self))
                }
                records.append(
                    Record(inspection: inspection, recordedBy: Badge(try row.decode(column: "recorded_by", as: String.self)), closedAt: closed)
                )
            }
            return records
        }
    }

    /// The finding at `position` is put right: its owner says so, or a supervisor does. Once.
    public func closeFollowUp(_ id: InspectionID, position: Int, by badge: Badge, isSupervisor: Bool, at instant: Date) async throws {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        try await database.transaction { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT owner_badge, closed_at FROM inspection_follow_ups
                    WHERE inspection_id = \(bind: id.description) AND position = \(bind: position)
                    """
                ).first()
            else { throw InspectionRecordError.unknown }
            let owner = Badge(try row.decode(column: "owner_badge", as: String.self))
            guard isSupervisor || owner == badge else { throw InspectionRecordError.notOwner }
            // Conditional: of two closing at once, one closes it and the other is told it was closed.
            let closed = try await db.raw(
                """
                UPDATE inspection_follow_ups SET closed_at = \(bind: now.millisecondsSince1970)
                WHERE inspection_id = \(bind: id.description) AND position = \(bind: position) AND closed_at IS NULL RETURNING position
                """
            ).first()
            guard closed != nil else { throw InspectionRecordError.alreadyClosed }
            try await AuditTrail.record(AuditEntry("inspection.follow-up.close", "inspection:\(id)", detail: "finding \(position)"), at: now, in: db)
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

/// Why the store refused an inspection request before or after Core saw it.
public enum InspectionRecordError: Error, Equatable, Sendable {
    case unknown
    case unknownOfficer(Badge)
    case unknownWindow(Int)
    /// Only the follow-up's owner or a supervisor closes it.
    case notOwner
    case alreadyClosed
}
