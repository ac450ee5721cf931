import ChuangkouCore
import Foundation
import Logging
import SQLKit

/// Finds clocks entering warning or overdue and tells their owner and every duty leader, through the outbox.
///
/// Each announcement is decided and written in one transaction with a conditional update
/// (`… SET alert = new WHERE id = ? AND alert = old AND clock = read`): of two processes checking at once, or one
/// checking twice, only the first moves the alert and writes the messages; the other updates nothing and says
/// nothing. The clock text in the condition also skips a clock changed since it was read (the next check sees it).
public struct DeadlineWatch: Sendable {
    let database: Database
    public let officeHours: OfficeHours
    /// At most this many working days left is a warning (default 1).
    public let warningWithin: Int
    /// Where a clock that cannot be read is reported; it is skipped, so one bad row never stops the watch (or a start).
    let logger: Logger

    public init(
        database: Database,
        officeHours: OfficeHours = OfficeHours(),
        warningWithin: Int = 1,
        logger: Logger = Logger(label: "chuangkou.deadlines")
    ) {
        self.database = database
        self.officeHours = officeHours
        self.warningWithin = warningWithin
        self.logger = logger
    }

    /// One clock whose state changed in this check.
    public struct Finding: Sendable, Equatable {
        public let record: DeadlineRecord
        public let status: DeadlineClock.Status
        public let alert: DeadlineAlert
        /// Who was told: the owner and every duty leader (empty for a clock back on track, which is only recorded).
        public let recipients: [Badge]
    }

    /// Checks every open clock at `now` against the calendar in force. Returns the state changes this call made.
    public func check(at now: Date) async throws -> [Finding] {
        let (zone, calendar, leaders, records) = try await database.read { db in
            let zone = try await db.raw("SELECT time_zone FROM hall WHERE id = 1").first()
                .flatMap { TimeZone(identifier: try $0.decode(column: "time_zone", as: String.self)) }
            let leaders = try await OfficerRepository.badges(holding: .dutyLeader, in: db)
            let records = try await db.raw(
                "SELECT \(unsafeRaw: DeadlineRecord.columns), promised_due, statutory_due FROM deadline_clocks WHERE is_open = 1"
            )
            .all().compactMap { row -> (DeadlineRecord, String, String, String)? in
                do {
                    // The clock's text as stored, not re-encoded: the condition below compares it byte for byte.
                    return (
                        try DeadlineRecord(row: row), try row.decode(column: "clock", as: String.self),
                        try row.decode(column: "promised_due", as: String.self), try row.decode(column: "statutory_due", as: String.self)
                    )
                } catch {
                    let id = (try? row.decode(column: "id", as: String.self)) ?? "?"
                    logger.error("deadline clock skipped: it cannot be read", metadata: ["deadline": "\(id)", "error": "\(error)"])
                    return nil
                }
            }
            return (zone ?? TimeZone(identifier: "Asia/Shanghai")!, try await CalendarRepository.current(in: db), leaders, records)
        }
        var findings: [Finding] = []
        for (record, storedClock, storedPromised, storedStatutory) in records {
            let status = record.clock.status(at: now, in: zone, officeHours: officeHours, calendar: calendar, warningWithin: warningWithin)
            let duesMoved = status.promisedDue.description != storedPromised || status.statutoryDue.description != storedStatutory
            // A paused clock keeps whatever was announced; its due dates still follow the calendar.
            let next = DeadlineAlert(status.state) ?? record.alert
            guard next != record.alert || duesMoved else { continue }
            let recipients = record.alert.announces(next) ? ([record.owner] + leaders.filter { $0 != record.owner }) : []
            let changed = try await database.transaction { db -> Bool in
                let won =
                    try await db.raw(
                        """
                        UPDATE deadline_clocks SET alert = \(bind: next.rawValue), promised_due = \(bind: status.promisedDue.description),
                            statutory_due = \(bind: status.statutoryDue.description)
                        WHERE id = \(bind: record.id.description) AND alert = \(bind: record.alert.rawValue)
                            AND clock = \(bind: storedClock)
                        RETURNING id
                        """
                    ).first() != nil
                guard won, next != record.alert else { return false }
                for recipient in recipients {
                    try await NotificationOutbox.enqueue(
                        kind: "deadline.\(next.rawValue)",
                        to: recipient,
                        subject: Self.subject(record, status: status, alert: next),
                        payload: try Self.payload(record, status: status, alert: next),
                        at: now,
                        in: db
                    )
                }
                try await AuditTrail.record(AuditEntry("deadline.alert", "deadline:\(record.id)", detail: next.rawValue), at: now, in: db)
                return true
            }
            if changed {
                findings.append(Finding(record: record, status: status, alert: next, recipients: recipients))
            }
        }
        return findings
    }

    static func subject(_ record: DeadlineRecord, status: DeadlineClock.Status, alert: DeadlineAlert) -> String {
        switch alert {
        case .overdue: "已超期: \(record.subject) (承诺办结 \(status.promisedDue)) / Overdue: due \(status.promisedDue)"
        case .warning: "临期预警: \(record.subject) (承诺办结 \(status.promisedDue)) / Due soon: \(status.promisedDue)"
        case .none: "恢复正常: \(record.subject) / Back on track"
        }
    }

    /// What a delivery channel needs to say more than the subject line.
    struct Payload: Encodable {
        let deadline: String
        let subject: String
        let business: String?
        let owner: String
        let alert: String
        let promisedDue: String
        let statutoryDue: String
        let workingDaysUsed: Int
        let workingDaysLeft: Int
        let provisional: Bool
    }

    static func payload(_ record: DeadlineRecord, status: DeadlineClock.Status, alert: DeadlineAlert) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(
            decoding: try encoder.encode(
                Payload(
                    deadline: record.id.description,
                    subject: record.subject,
                    business: record.business?.value,
                    owner: record.owner.value,
                    alert: alert.rawValue,
                    promisedDue: status.promisedDue.description,
                    statutoryDue: status.statutoryDue.description,
                    workingDaysUsed: status.workingDaysUsed,
                    workingDaysLeft: status.workingDaysLeft,
                    provisional: status.provisional
                )
            ),
            as: UTF8.self
        )
    }
}
