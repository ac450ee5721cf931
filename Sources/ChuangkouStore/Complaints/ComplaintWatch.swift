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
            (
                try await OfficerRepository.badges(holding: .supervisor, in: db), try await OfficerRepository.badges(holding: .dutyLeader, in: db),
                try await AlertWatch.rows(.complaints, in: db)
            )
        }
        let watch = AlertWatch(database: database, table: .complaints)
        var report = Report()
        for row in rows {
            guard let complaintID = ComplaintID(row.id), let complaint = try? ComplaintRepository.complaint(row.text, id: complaintID),
                let status = try? complaint.status(on: today, policy: policy)
            else {
                report.skipped.append(row.id)
                continue
            }
            let next = status.state
            guard next.rawValue != row.alert else { continue }
            var recipients: Set<Badge> = []
            if next.isAlarm {
                if let handler = complaint.handler { recipients.insert(handler) } else { recipients.formUnion(supervisors) }
                if next.escalates { recipients.formUnion(supervisors + leaders) }
            }
            let told = recipients.filter(complaint.isVisible(to:)).sorted { $0.value < $1.value }
            let announcement = AlertWatch.Announcement(
                row: row,
                next: next.rawValue,
                due: status.answerDue,
                recipients: told,
                kind: "complaint.\(next.rawValue)",
                subject: "投诉\(next.label)：须于\(status.answerDue.chineseDate)前答复 / Complaint \(next.labelEnglish)",
                payload: #"{"complaint":"\#(row.id)","state":"\#(next.rawValue)"}"#,
                action: "complaint.alert",
                target: "complaint:\(row.id)"
            )
            let won = try await watch.announce(announcement, at: now) { db in
                guard next.isAlarm else { return }
                try await ComplaintRepository.apply([.history(.init(.deadline(next), by: nil, at: now))], to: complaint, at: now, in: db)
            }
            if won { report.findings.append(Finding(complaint: complaintID, state: next, recipients: told)) }
        }
        return report
    }
}
