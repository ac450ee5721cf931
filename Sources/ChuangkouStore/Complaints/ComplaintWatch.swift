import ChuangkouCore
import Foundation
import SQLKit

/// Finds complaints that entered a warning or an overdue state and tells their handler (or, before acknowledgement,
/// the supervisors); an overdue acknowledgement or answer also goes up to every supervisor and duty leader. Nobody a
/// complaint concerns is told anything about it.
///
/// As in `RectificationWatch`, each announcement is one transaction with a conditional update of `alert`, so two
/// processes checking at once announce each change once; a complaint that cannot be read is reported in `skipped`.
public struct ComplaintWatch: Sendable {
    let database: Database
    public let policy: Complaint.Policy

    public init(database: Database, policy: Complaint.Policy = Complaint.Policy()) {
        self.database = database
        self.policy = policy
    }

    public struct Finding: Sendable, Equatable {
        public let complaint: ComplaintID
        public let state: Complaint.State
        public let recipients: [Badge]
    }

    public struct Report: Sendable, Equatable {
        public var findings: [Finding] = []
        public var skipped: [String] = []
    }

    public func check(on today: LocalDate, at now: Date) async throws -> Report {
        let (supervisors, leaders, rows) = try await database.read { db in
            let rows = try await db.raw("SELECT id, complaint, alert FROM complaints WHERE stage IN ('received', 'investigating')").all().map { row in
                (
                    try row.decode(column: "id", as: String.self), try row.decode(column: "complaint", as: String.self),
                    try row.decode(column: "alert", as: String.self)
                )
            }
            return (
                try await OfficerRepository.badges(holding: .supervisor, in: db), try await OfficerRepository.badges(holding: .dutyLeader, in: db),
                rows
            )
        }
        var report = Report()
        for (id, text, alert) in rows {
            guard let complaintID = ComplaintID(id), let complaint = try? ComplaintRepository.complaint(text, id: complaintID),
                let status = try? complaint.status(on: today, policy: policy)
            else {
                report.skipped.append(id)
                continue
            }
            let next = status.state
            guard next.rawValue != alert else { continue }
            var recipients: Set<Badge> = []
            if next.isAlarm {
                if let handler = complaint.handler { recipients.insert(handler) } else { recipients.formUnion(supervisors) }
                if next.escalates { recipients.formUnion(supervisors + leaders) }
            }
            let told = recipients.filter(complaint.isVisible(to:)).sorted { $0.value < $1.value }
            let won = try await database.transaction { db -> Bool in
                let changed =
                    try await db.raw(
                        """
                        UPDATE complaints SET alert = \(bind: next.rawValue) WHERE id = \(bind: id) AND alert = \(bind: alert)
                            AND complaint = \(bind: text) RETURNING id
                        """
                    ).first() != nil
                guard changed else { return false }
                for recipient in told {
                    try await NotificationOutbox.enqueue(
                        kind: "complaint.\(next.rawValue)",
                        to: recipient,
                        subject: "投诉\(next.label)：须于\(status.answerDue.chineseDate)前答复 / Complaint \(next.labelEnglish)",
                        payload: #"{"complaint":"\#(id)","state":"\#(next.rawValue)"}"#,
                        at: now,
                        in: db
                    )
                }
                if next.isAlarm {
                    try await ComplaintRepository.apply([.history(.init(.deadline(next), by: nil, at: now))], to: complaint, at: now, in: db)
                }
                try await AuditTrail.record(AuditEntry("complaint.alert", "complaint:\(id)", detail: next.rawValue), at: now, in: db)
                return true
            }
            if won { report.findings.append(Finding(complaint: complaintID, state: next, recipients: told)) }
        }
        return report
    }
}
