import ChuangkouCore
import Foundation
import SQLKit

/// Messages to officers, written in the same transaction as the change they report (the outbox pattern), so a
/// message is never lost nor sent for a change that rolled back. Delivery (SMS, the console, …) comes with the
/// notifications work; until then the outbox is the record of what was said to whom.
public struct NotificationOutbox: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public struct Message: Sendable, Equatable {
        public let id: Int64
        /// What it is about, e.g. `deadline.warning`, `deadline.overdue`.
        public let kind: String
        public let recipient: Badge
        public let subject: String
        /// JSON with the details, for whatever delivers it.
        public let payload: String
        public let createdAt: Date
        public let sentAt: Date?
        /// For a message to an applicant (`case.*`): the case, and the phone sealed with the hall's data key. The
        /// recipient badge is then the officer who answers for the case.
        public let caseID: String?
        public let recipientPhoneSealed: String?
    }

    /// Messages not yet delivered, oldest first.
    public func unsent(limit: Int = 500) async throws -> [Message] {
        try await messages(where: "sent_at IS NULL", limit: limit)
    }

    /// Messages to applicants' phones not yet delivered, oldest first: what a `NotificationSender` sends.
    public func unsentToApplicants(limit: Int = 100) async throws -> [Message] {
        try await messages(where: "sent_at IS NULL AND recipient_phone_sealed IS NOT NULL", limit: limit)
    }

    /// Every message, oldest first.
    public func all(limit: Int = 10_000) async throws -> [Message] {
        try await messages(where: nil, limit: limit)
    }

    public func markSent(_ ids: [Int64], at now: Date) async throws {
        try await database.transaction { db in
            for id in ids {
                try await db.raw(
                    "UPDATE notification_outbox SET sent_at = \(bind: now.millisecondsSince1970) WHERE id = \(bind: id) AND sent_at IS NULL"
                ).run()
            }
            if !ids.isEmpty {
                try await AuditTrail.record(AuditEntry("notification.sent", "outbox:\(ids.map(String.init).joined(separator: ","))"), at: now, in: db)
            }
        }
    }

    /// Writes one message in the caller's transaction. A message to an applicant names the case and carries the
    /// phone sealed; `recipient` is then the officer who answers for it.
    static func enqueue(
        kind: String,
        to recipient: Badge,
        subject: String,
        payload: String,
        caseID: String? = nil,
        phoneSealed: String? = nil,
        at now: Date,
        in db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO notification_outbox (kind, recipient_badge, subject, payload, created_at, case_id, recipient_phone_sealed)
            VALUES (\(bind: kind), \(bind: recipient.value), \(bind: subject), \(bind: payload), \(bind: now.millisecondsSince1970),
                \(bind: caseID), \(bind: phoneSealed))
            """
        ).run()
    }

    private func messages(where condition: SQLQueryString?, limit: Int) async throws -> [Message] {
        try await database.read { db in
            var query: SQLQueryString = """
                SELECT id, kind, recipient_badge, subject, payload, created_at, sent_at, case_id, recipient_phone_sealed FROM notification_outbox
                """
            if let condition { query = query + " WHERE " + condition }
            query = query + " ORDER BY id LIMIT \(bind: limit)"
            return try await db.raw(query).all().map { row in
                let id = try row.decode(column: "id", as: Int64.self)
                guard let recipient = Badge(try row.decode(column: "recipient_badge", as: String.self)) else {
                    throw StoreError.corruptRow(table: "notification_outbox", id: String(id))
                }
                return Message(
                    id: id,
                    kind: try row.decode(column: "kind", as: String.self),
                    recipient: recipient,
                    subject: try row.decode(column: "subject", as: String.self),
                    payload: try row.decode(column: "payload", as: String.self),
                    createdAt: Date(milliseconds: try row.decode(column: "created_at", as: Int64.self)),
                    sentAt: try row.decode(column: "sent_at", as: Int64?.self).map(Date.init(milliseconds:)),
                    caseID: try row.decode(column: "case_id", as: String?.self),
                    recipientPhoneSealed: try row.decode(column: "recipient_phone_sealed", as: String?.self)
                )
            }
        }
    }
}
