import ChuangkouCore
import Foundation
import SQLKit

/// Finds rectification items that entered a warning, a missed return visit or an overdue close, and tells their
/// handler; a missed return visit and an overdue item also go up to the leader the duty roster has on duty at that
/// moment, falling back as a new item's assignment does (another duty leader, then a supervisor; RULES §6, §8).
///
/// As in `DeadlineWatch`, each announcement is one transaction with a conditional update of the item's `alert`, so
/// two processes checking at once announce each change once. An item that cannot be read is logged by the caller
/// through `skipped` and left alone: no stored record stops the watch.
public struct RectificationWatch: Sendable {
    let database: Database
    public let policy: Rectification.Policy

    public init(database: Database, policy: Rectification.Policy = Rectification.Policy()) {
        self.database = database
        self.policy = policy
    }

    public struct Finding: Sendable, Equatable {
        public let item: RectificationID
        public let state: Rectification.State
        public let recipients: [Badge]

        public init(item: RectificationID, state: Rectification.State, recipients: [Badge]) {
            self.item = item
            self.state = state
            self.recipients = recipients
        }
    }

    public struct Report: Sendable, Equatable {
        public var findings: [Finding] = []
        /// Items whose stored text could not be read back.
        public var skipped: [String] = []
    }

    public func check(on today: LocalDate, at now: Date) async throws -> Report {
        let (calendar, duty, rows) = try await database.read { db in
            (try await CalendarRepository.current(in: db), try await DutyChain.at(now, in: db), try await AlertWatch.rows(.rectifications, in: db))
        }
        let watch = AlertWatch(database: database, table: .rectifications)
        var report = Report()
        for row in rows {
            guard let itemID = RectificationID(row.id), let item = try? RectificationRepository.item(row.text, id: itemID),
                let status = try? item.status(on: today, calendar: calendar, policy: policy)
            else {
                report.skipped.append(row.id)
                continue
            }
            let next = status.state
            guard next.rawValue != row.alert, next != .closed else { continue }
            let up = next == .contactOverdue || next == .overdue
            let escalation = RectificationAssignment.escalation(
                handler: item.handler,
                ratedOfficer: item.ratedOfficer,
                dutyLeadersOnDuty: duty.onDuty,
                otherLeaders: duty.otherLeaders,
                supervisors: duty.supervisors
            )
            let recipients: [Badge] = !next.isAlarm ? [] : [item.handler] + (up ? escalation.map { [$0] } ?? [] : [])
            let announcement = AlertWatch.Announcement(
                row: row,
                next: next.rawValue,
                due: status.closeDue,
                recipients: recipients,
                kind: "rectification.\(next.rawValue)",
                subject: "差评整改\(next.label)：须于\(status.closeDue.chineseDate)前办结 / Rectification \(next.labelEnglish)",
                payload: #"{"rectification":"\#(row.id)","state":"\#(next.rawValue)"}"#,
                action: "rectification.alert",
                target: "rectification:\(row.id)"
            )
            let won = try await watch.announce(announcement, at: now) { db in
                try await RectificationRepository.apply([.history(.init(.deadline(next), by: nil, at: now))], to: item, at: now, in: db)
            }
            if won { report.findings.append(Finding(item: itemID, state: next, recipients: recipients)) }
        }
        return report
    }
}
