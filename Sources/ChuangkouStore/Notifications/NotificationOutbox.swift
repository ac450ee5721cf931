import ChuangkouCore
import Foundation
import SQLKit

/// Messages to officers and to citizens' phones, written in the same transaction as the change they report (the
/// outbox pattern), so a message is never lost nor sent for a change that rolled back.
///
/// Every message has an idempotency key: enqueuing the same key twice (a watch run by two processes, a retried
/// request) keeps one message. Messages to phones are delivered by `NotificationDelivery`; messages to officers are
/// read on their console (`inbox`).
public struct NotificationOutbox: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public struct Message: Sendable, Equatable {
        public let id: Int64
        public let key: String
        /// What it is about, e.g. `deadline.warning`, `case.result-ready`.
        public let kind: String
        /// The officer told, or for a citizen's message the officer who answers for it; nil for a citizen's message
        /// no officer answers for (a booking code).
        public let recipient: Badge?
        public let subject: String
        /// JSON with the details, for whatever delivers it.
        public let payload: String
        public let createdAt: Date
        public let sentAt: Date?
        /// For a message to a citizen: the case (if any), and the phone sealed with the hall's data key.
        public let caseID: String?
        public let recipientPhoneSealed: String?
        public let language: MessageLanguage
        public let status: DeliveryStatus
        public let attempts: Int
        public let nextAttemptAt: Date
        /// The phone as the delivery log shows it, once a delivery opened it.
        public let phoneMasked: String?
        public let lastError: String?
        public let readAt: Date?
    }

    /// Messages not yet delivered, oldest first.
    public func unsent(limit: Int = 500) async throws -> [Message] {
        try await messages(where: "sent_at IS NULL", limit: limit)
    }

    /// Messages to citizens' phones waiting for an attempt, oldest first.
    public func unsentToApplicants(limit: Int = 100) async throws -> [Message] {
        try await messages(where: "status = 'pending' AND recipient_phone_sealed IS NOT NULL", limit: limit)
    }

    /// Every message, oldest first.
    public func all(limit: Int = 10_000) async throws -> [Message] {
        try await messages(where: nil, limit: limit)
    }

    /// The delivery log: messages to phones, newest first, optionally of one status.
    public func deliveries(status: DeliveryStatus? = nil, limit: Int = 200) async throws -> [Message] {
        let condition: SQLQueryString =
            status.map { "recipient_phone_sealed IS NOT NULL AND status = \(bind: $0.rawValue)" } ?? "recipient_phone_sealed IS NOT NULL"
        return try await messages(where: condition, newestFirst: true, limit: limit)
    }

    /// How many messages to phones stand in each status.
    public func deliveryCounts() async throws -> [DeliveryStatus: Int] {
        try await database.read { db in
            var counts: [DeliveryStatus: Int] = [:]
            for row in try await db.raw(
                "SELECT status, COUNT(*) AS n FROM notification_outbox WHERE recipient_phone_sealed IS NOT NULL GROUP BY status"
            ).all() {
                if let status = DeliveryStatus(rawValue: try row.decode(column: "status", as: String.self)) {
                    counts[status] = try row.decode(column: "n", as: Int.self)
                }
            }
            return counts
        }
    }

    public func markSent(_ ids: [Int64], at now: Date) async throws {
        try await database.transaction { db in
            for id in ids {
                try await db.raw(
                    """
                    UPDATE notification_outbox SET sent_at = \(bind: now.millisecondsSince1970), status = 'sent', lease_owner = NULL,
                        lease_until = NULL
                    WHERE id = \(bind: id) AND sent_at IS NULL
                    """
                ).run()
            }
            if !ids.isEmpty {
                try await AuditTrail.record(AuditEntry("notification.sent", "outbox:\(ids.map(String.init).joined(separator: ","))"), at: now, in: db)
            }
        }
    }

    /// Writes one message in the caller's transaction; returns false when a message with this key already exists (and
    /// writes nothing). A message to a citizen carries the phone sealed; `recipient` is then the officer who answers for
    /// it, if any. Without a key the message is its own (a fresh key).
    ///
    /// This is the one entry point for every enqueuing feature; citizens' messages with a template go through
    /// `enqueue(_:values:…)`, which renders the wording and calls this.
    @discardableResult
    static func enqueue(
        kind: String,
        to recipient: Badge?,
        subject: String,
        payload: String,
        caseID: String? = nil,
        phoneSealed: String? = nil,
        key: String? = nil,
        language: MessageLanguage = .chinese,
        at now: Date,
        in db: any SQLDatabase
    ) async throws -> Bool {
        let key = key ?? "\(kind):\(UUID().uuidString.lowercased())"
        let inserted = try await db.raw(
            """
            INSERT INTO notification_outbox (idempotency_key, kind, recipient_badge, subject, payload, created_at, case_id,
                recipient_phone_sealed, language, status, next_attempt_at)
            VALUES (\(bind: key), \(bind: kind), \(bind: recipient?.value), \(bind: subject), \(bind: payload), \(bind: now.millisecondsSince1970),
                \(bind: caseID), \(bind: phoneSealed), \(bind: language.rawValue), 'pending', \(bind: now.millisecondsSince1970))
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id
            """
        ).first() != nil
        // An officer's alert: their console hears it on the event stream and fetches its inbox (the event names nobody).
        if inserted, recipient != nil, phoneSealed == nil { try await HallEventLog.append(HallEvent(kind: .alert, at: now), in: db) }
        return inserted
    }

    static let columns = """
        id, idempotency_key, kind, recipient_badge, subject, payload, created_at, sent_at, case_id, recipient_phone_sealed, language,
        status, attempts, next_attempt_at, phone_masked, last_error, read_at
        """

    fileprivate func messages(where condition: SQLQueryString?, newestFirst: Bool = false, limit: Int) async throws -> [Message] {
        try await database.read { db in
            var query: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM notification_outbox"
            if let condition { query = query + " WHERE " + condition }
            query = query + (newestFirst ? " ORDER BY id DESC" : " ORDER BY id") + " LIMIT \(bind: limit)"
            return try await db.raw(query).all().map(Message.init(row:))
        }
    }
}

extension NotificationOutbox.Message {
    init(row: any SQLRow) throws {
        let id = try row.decode(column: "id", as: Int64.self)
        let badge = try row.decode(column: "recipient_badge", as: String?.self)
        guard
            badge.map({ Badge($0) != nil }) ?? true,
            let language = MessageLanguage(rawValue: try row.decode(column: "language", as: String.self)),
            let status = DeliveryStatus(rawValue: try row.decode(column: "status", as: String.self))
        else { throw StoreError.corruptRow(table: "notification_outbox", id: String(id)) }
        self.init(
            id: id,
            key: try row.decode(column: "idempotency_key", as: String.self),
            kind: try row.decode(column: "kind", as: String.self),
            recipient: badge.flatMap(Badge.init),
            subject: try row.decode(column: "subject", as: String.self),
            payload: try row.decode(column: "payload", as: String.self),
            createdAt: Date(milliseconds: try row.decode(column: "created_at", as: Int64.self)),
            sentAt: try row.decode(column: "sent_at", as: Int64?.self).map(Date.init(milliseconds:)),
            caseID: try row.decode(column: "case_id", as: String?.self),
            recipientPhoneSealed: try row.decode(column: "recipient_phone_sealed", as: String?.self),
            language: language,
            status: status,
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: Date(milliseconds: try row.decode(column: "next_attempt_at", as: Int64.self)),
            phoneMasked: try row.decode(column: "phone_masked", as: String?.self),
            lastError: try row.decode(column: "last_error", as: String?.self),
            readAt: try row.decode(column: "read_at", as: Int64?.self).map(Date.init(milliseconds:))
        )
    }
}

extension NotificationOutbox {
    /// An officer's own alerts (deadline warnings, escalations, assignments), newest first: what their console shows.
    /// Messages to citizens the officer answers for are not theirs to read.
    public func inbox(of badge: Badge, limit: Int = 50) async throws -> [Message] {
        try await messages(
            where: "recipient_badge = \(bind: badge.value) AND recipient_phone_sealed IS NULL",
            newestFirst: true,
            limit: limit
        )
    }

    /// How many of the officer's own alerts they have not marked read.
    public func unreadCount(of badge: Badge) async throws -> Int {
        try await database.read { db in
            try await db.raw(
                """
                SELECT COUNT(*) AS n FROM notification_outbox
                WHERE recipient_badge = \(bind: badge.value) AND recipient_phone_sealed IS NULL AND read_at IS NULL
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Marks one of the officer's alerts read (the first time counts; marking again keeps it), or with `id` nil all
    /// of them. Returns how many were theirs to mark: 0 for an id that is not one of their alerts. Each marking that
    /// changes something is audited (who, which alerts, when) in its transaction; marking again changes and audits nothing.
    @discardableResult
    public func markRead(_ id: Int64?, of badge: Badge, at now: Date) async throws -> Int {
        try await database.transaction { db in
            var query: SQLQueryString = """
                SELECT id, read_at FROM notification_outbox
                WHERE recipient_badge = \(bind: badge.value) AND recipient_phone_sealed IS NULL
                """
            if let id { query = query + " AND id = \(bind: id)" }
            let rows = try await db.raw(query + " ORDER BY id").all()
            let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
            guard !ids.isEmpty else { return 0 }
            let unread = try rows.filter { try $0.decode(column: "read_at", as: Int64?.self) == nil }
                .map { try $0.decode(column: "id", as: Int64.self) }
            guard !unread.isEmpty else { return ids.count }
            try await db.raw(
                """
                UPDATE notification_outbox SET read_at = \(bind: now.millisecondsSince1970)
                WHERE id IN (\(binds: unread)) AND read_at IS NULL
                """
            ).run()
            // Who marked what read, and when, in the same transaction as the change.
            try await AuditTrail.record(
                AuditEntry(
                    id == nil ? "notification.inbox-read-all" : "notification.inbox-read",
                    id.map { "notification:\($0)" } ?? "inbox:\(badge)",
                    detail: "\(unread.count) read: " + unread.map(String.init).joined(separator: ",")
                ),
                at: now,
                in: db
            )
            return ids.count
        }
    }
}
