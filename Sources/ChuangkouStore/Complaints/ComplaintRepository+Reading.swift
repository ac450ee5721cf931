import ChuangkouCore
import Foundation
import SQLKit

extension ComplaintRepository {
    /// One complaint for `viewer`; nil when there is none or it concerns them.
    public func find(_ id: ComplaintID, for viewer: Badge) async throws -> Record? {
        try await database.read { db in
            guard let record = try await Self.record(id, in: db), record.complaint.isVisible(to: viewer) else { return nil }
            return record
        }
    }

    /// The complaints `viewer` may see, open ones first (soonest answer day first), then the latest closed ones.
    /// Complaints that concern the viewer are left out in SQL.
    public func list(for viewer: Badge, includeClosed: Bool = false, limit: Int = 200) async throws -> [Record] {
        try await database.read { db in
            let rows = try await db.raw(
                """
                SELECT c.id FROM complaints c
                WHERE (\(bind: includeClosed ? 1 : 0) = 1 OR c.stage <> 'closed')
                    AND NOT EXISTS (SELECT 1 FROM complaint_concerned x WHERE x.complaint_id = c.id AND x.badge = \(bind: viewer.value))
                ORDER BY CASE WHEN c.stage = 'closed' THEN 1 ELSE 0 END, c.answer_due, c.received_at DESC
                LIMIT \(bind: limit)
                """
            ).all()
            var records: [Record] = []
            for row in rows {
                guard let id = ComplaintID(try row.decode(column: "id", as: String.self)) else { continue }
                if let record = try await Self.record(id, in: db) { records.append(record) }
            }
            return records
        }
    }

    /// The complaints about a case or linked to it that `viewer` may see, newest first, closed ones included (the case
    /// page's list). Those that concern the viewer are left out in SQL, as in `list`.
    public func list(forCase id: CaseID, viewer: Badge, limit: Int = 200) async throws -> [Record] {
        try await database.read { db in
            let rows = try await db.raw(
                """
                SELECT c.id FROM complaints c
                WHERE (c.case_id = \(bind: id.description) OR (c.subject_kind = 'case' AND c.subject_ref = \(bind: id.description)))
                    AND NOT EXISTS (SELECT 1 FROM complaint_concerned x WHERE x.complaint_id = c.id AND x.badge = \(bind: viewer.value))
                ORDER BY c.received_at DESC
                LIMIT \(bind: limit)
                """
            ).all()
            var records: [Record] = []
            for row in rows {
                guard let complaint = ComplaintID(try row.decode(column: "id", as: String.self)) else { continue }
                if let record = try await Self.record(complaint, in: db) { records.append(record) }
            }
            return records
        }
    }

    /// A finding on an officer's record.
    public struct OfficerFinding: Sendable, Equatable {
        public let complaint: ComplaintID
        public let finding: Complaint.Finding
        /// Substantiated in whole or part.
        public let counts: Bool
        public let recordedBy: Badge?
        public let at: Date
    }

    /// The findings of complaints about `officer`, newest first: the officer's record.
    public func findings(of officer: Badge) async throws -> [OfficerFinding] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT complaint_id, finding, counts, recorded_by, recorded_at FROM officer_findings
                WHERE officer_badge = \(bind: officer.value) ORDER BY recorded_at DESC
                """
            ).all().compactMap { row in
                guard let id = ComplaintID(try row.decode(column: "complaint_id", as: String.self)),
                    let finding = Complaint.Finding(rawValue: try row.decode(column: "finding", as: String.self))
                else { return nil }
                return OfficerFinding(
                    complaint: id,
                    finding: finding,
                    counts: try row.decode(column: "counts", as: Int.self) == 1,
                    recordedBy: Badge(try row.decode(column: "recorded_by", as: String.self)),
                    at: Date(milliseconds: try row.decode(column: "recorded_at", as: Int64.self))
                )
            }
        }
    }

    static func record(_ id: ComplaintID, in db: any SQLDatabase) async throws -> Record? {
        guard
            let row = try await db.raw(
                "SELECT complaint, phone_masked FROM complaints WHERE id = \(bind: id.description)"
            ).first()
        else { return nil }
        let complaint = try complaint(try row.decode(column: "complaint", as: String.self), id: id)
        let history = try await db.raw(
            "SELECT code, label, label_english, by_badge, at FROM complaint_events WHERE complaint_id = \(bind: id.description) ORDER BY id"
        ).all().map { line in
            HistoryLine(
                code: try line.decode(column: "code", as: String.self),
                label: try line.decode(column: "label", as: String.self),
                labelEnglish: try line.decode(column: "label_english", as: String.self),
                by: try line.decode(column: "by_badge", as: String?.self).flatMap(Badge.init),
                at: Date(milliseconds: try line.decode(column: "at", as: Int64.self))
            )
        }
        let phoneMasked = try row.decode(column: "phone_masked", as: String?.self)
        return Record(complaint: complaint, phoneMasked: phoneMasked, history: history)
    }
}
