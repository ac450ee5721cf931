import ChuangkouCore
import Foundation
import SQLKit

/// What the rectification and complaint watches share: reading the open records of a table with the state each last
/// announced, and announcing a new state once.
///
/// An announcement is one transaction led by a conditional update (`… SET alert = new WHERE id = ? AND alert = old
/// AND <record> = read`): of two processes checking at once, or one checking twice, only the first moves the alert
/// and writes the messages, the history line and the audit; the other updates nothing and announces nothing.
struct AlertWatch: Sendable {
    /// The tables watched this way; each names its columns, so no SQL is built from free text.
    enum Table: Sendable {
        case rectifications
        case complaints

        var name: String {
            switch self {
            case .rectifications: "rectifications"
            case .complaints: "complaints"
            }
        }

        /// The column holding the record's JSON.
        var record: String {
            switch self {
            case .rectifications: "item"
            case .complaints: "complaint"
            }
        }

        /// The due date the watch keeps in step with what it announced.
        var due: String {
            switch self {
            case .rectifications: "close_due"
            case .complaints: "answer_due"
            }
        }

        var open: String {
            switch self {
            case .rectifications: "stage <> 'closed'"
            case .complaints: "stage IN ('received', 'investigating')"
            }
        }
    }

    /// An open record as read: its id, its stored JSON and the state last announced.
    struct Row: Sendable {
        let id: String
        let text: String
        let alert: String
    }

    /// A change of state to announce.
    struct Announcement: Sendable {
        let row: Row
        let next: String
        let due: LocalDate
        let recipients: [Badge]
        /// The outbox kind, subject and payload of each message.
        let kind: String
        let subject: String
        let payload: String
        /// The audit action (`rectification.alert`) and target (`rectification:<id>`).
        let action: String
        let target: String
    }

    let database: Database
    let table: Table

    static func rows(_ table: Table, in db: any SQLDatabase) async throws -> [Row] {
        try await db.raw("SELECT id, \(unsafeRaw: table.record) AS record, alert FROM \(unsafeRaw: table.name) WHERE \(unsafeRaw: table.open)")
            .all().map { row in
                Row(
                    id: try row.decode(column: "id", as: String.self),
                    text: try row.decode(column: "record", as: String.self),
                    alert: try row.decode(column: "alert", as: String.self)
                )
            }
    }

    /// Announces `announcement` unless another check did first; `history` writes the record's history line in the
    /// same transaction. True when this call announced it.
    func announce(
        _ announcement: Announcement,
        at now: Date,
        history: @escaping @Sendable (any SQLDatabase) async throws -> Void
    ) async throws -> Bool {
        let table = table
        return try await database.transaction { db -> Bool in
            let row = announcement.row
            let changed =
                try await db.raw(
                    """
                    UPDATE \(unsafeRaw: table.name) SET alert = \(bind: announcement.next), \(unsafeRaw: table.due) =
                    \(bind: announcement.due.description)
                    WHERE id = \(bind: row.id) AND alert = \(bind: row.alert) AND \(unsafeRaw: table.record) = \(bind: row.text) RETURNING id
                    """
                ).first() != nil
            guard changed else { return false }
            for recipient in announcement.recipients {
                try await NotificationOutbox.enqueue(
                    kind: announcement.kind,
                    to: recipient,
                    subject: announcement.subject,
                    payload: announcement.payload,
                    at: now,
                    in: db
                )
            }
            try await history(db)
            try await AuditTrail.record(AuditEntry(announcement.action, announcement.target, detail: announcement.next), at: now, in: db)
            return true
        }
    }
}
