import ChuangkouCore
import Foundation
import Logging
import SQLKit

/// Delivers the outbox's messages to citizens' phones through a sender, exactly once however many processes run it.
///
/// Each round claims due messages in one transaction: a message is taken only while nobody holds a live lease on
/// it, and the claim sets this worker's lease, so two workers never hold one message. The outcome is written only
/// under that lease: sent; failed with the next attempt backed off (`DeliveryPolicy`), or failed for good; suppressed
/// (the citizen opted out); or put off (the phone had its share of messages this period). Should a worker die after
/// sending but before writing, its lease runs out and the message is sent again with the same idempotency key, which
/// the gateway uses to drop the repeat.
public struct NotificationDelivery: Sendable {
    let outbox: NotificationOutbox
    let sealer: DataSealer
    let sender: any NotificationSender
    let fingerprint: PhoneFingerprint
    let policy: DeliveryPolicy
    let worker: String
    let logger: Logger

    public init(
        outbox: NotificationOutbox,
        sealer: DataSealer,
        sender: any NotificationSender,
        fingerprint: PhoneFingerprint,
        policy: DeliveryPolicy = .init(),
        worker: String = UUID().uuidString.lowercased(),
        logger: Logger
    ) {
        self.outbox = outbox
        self.sealer = sealer
        self.sender = sender
        self.fingerprint = fingerprint
        self.policy = policy
        self.worker = worker
        self.logger = logger
    }

    /// What one round did.
    public struct Report: Sendable, Equatable {
        public var sent = 0
        public var retrying = 0
        public var failed = 0
        public var suppressed = 0
        public var deferred = 0
        public init() {}
    }

    /// Sends what is due; returns how many went out.
    @discardableResult
    public func deliver(at now: Date, limit: Int = 50) async throws -> Int {
        try await deliverRound(at: now, limit: limit).sent
    }

    /// One round: claim up to `limit` due messages, then try each.
    public func deliverRound(at now: Date, limit: Int = 50) async throws -> Report {
        var report = Report()
        for message in try await claim(at: now, limit: limit) {
            guard let sealed = message.recipientPhoneSealed, let phone = (try? sealer.open(sealed)).flatMap(MobileNumber.init) else {
                try await finish(message.id, status: .failed, error: "the phone cannot be opened", attempts: message.attempts, at: now)
                report.failed += 1
                continue
            }
            let print = fingerprint(phone)
            try await note(message.id, phone: phone, fingerprint: print)
            let kind = MessageKind(rawValue: message.kind)
            if !(kind?.isEssential ?? false), try await NotificationPreferences.optedOut(print, in: outbox.database) {
                try await finish(message.id, status: .suppressed, error: nil, attempts: message.attempts, at: now)
                report.suppressed += 1
                continue
            }
            if let later = try await rateLimited(print, at: now) {
                try await putOff(message.id, until: later)
                report.deferred += 1
                continue
            }
            do {
                try await sender.send(OutgoingMessage(id: message.id, kind: message.kind, phone: phone, text: message.subject, key: message.key))
                try await finish(message.id, status: .sent, error: nil, attempts: message.attempts + 1, at: now)
                report.sent += 1
            } catch {
                let attempts = message.attempts + 1
                let text = String(Masking.maskPersonalNumbers(in: String(describing: error)).prefix(200))
                logger.warning(
                    "notification not sent",
                    metadata: ["id": "\(message.id)", "to": "\(phone.masked)", "attempt": "\(attempts)", "error": "\(text)"]
                )
                if let retry = policy.retry(after: attempts, at: now) {
                    try await retryLater(message.id, attempts: attempts, at: retry, error: text)
                    report.retrying += 1
                } else {
                    try await finish(message.id, status: .failed, error: text, attempts: attempts, at: now)
                    report.failed += 1
                }
            }
        }
        return report
    }

    /// Takes due messages nobody holds, in one transaction. Each row is taken by a statement that rechecks that it is
    /// still pending and unleased, so of two workers racing for one message exactly one gets it (PostgreSQL rechecks
    /// the condition on the row a concurrent claim just committed; SQLite runs one writer at a time).
    func claim(at now: Date, limit: Int) async throws -> [NotificationOutbox.Message] {
        let at = now.millisecondsSince1970
        let until = now.addingTimeInterval(Double(policy.lease.components.seconds)).millisecondsSince1970
        return try await outbox.database.transaction { [worker] db in
            let due = try await db.raw(
                """
                SELECT id FROM notification_outbox
                WHERE status = 'pending' AND recipient_phone_sealed IS NOT NULL AND next_attempt_at <= \(bind: at)
                  AND (lease_until IS NULL OR lease_until <= \(bind: at))
                ORDER BY next_attempt_at, id LIMIT \(bind: limit)
                """
            ).all().map { try $0.decode(column: "id", as: Int64.self) }
            var claimed: [NotificationOutbox.Message] = []
            for id in due {
                if let row = try await db.raw(
                    """
                    UPDATE notification_outbox SET lease_owner = \(bind: worker), lease_until = \(bind: until)
                    WHERE id = \(bind: id) AND status = 'pending' AND (lease_until IS NULL OR lease_until <= \(bind: at))
                    RETURNING \(unsafeRaw: NotificationOutbox.columns)
                    """
                ).first() {
                    claimed.append(try NotificationOutbox.Message(row: row))
                }
            }
            return claimed
        }
    }

    /// Keeps the masked phone (for the delivery log) and the fingerprint (for limits) once the phone was opened.
    private func note(_ id: Int64, phone: MobileNumber, fingerprint: String) async throws {
        try await outbox.database.transaction { [worker] db in
            try await db.raw(
                """
                UPDATE notification_outbox SET phone_masked = \(bind: phone.masked), phone_fingerprint = \(bind: fingerprint)
                WHERE id = \(bind: id) AND lease_owner = \(bind: worker)
                """
            ).run()
        }
    }

    /// When the phone may next receive a message, if it had its share within the period; nil when it may now.
    private func rateLimited(_ fingerprint: String, at now: Date) async throws -> Date? {
        let period = Double(policy.ratePeriod.components.seconds)
        let since = now.addingTimeInterval(-period).millisecondsSince1970
        return try await outbox.database.read { [policy] db in
            let rows = try await db.raw(
                """
                SELECT sent_at FROM notification_outbox
                WHERE phone_fingerprint = \(bind: fingerprint) AND status = 'sent' AND sent_at > \(bind: since)
                ORDER BY sent_at LIMIT \(bind: policy.maxPerPhone)
                """
            ).all()
            guard rows.count >= policy.maxPerPhone, let oldest = rows.first else { return nil }
            return Date(milliseconds: try oldest.decode(column: "sent_at", as: Int64.self)).addingTimeInterval(period)
        }
    }

    private func finish(_ id: Int64, status: DeliveryStatus, error: String?, attempts: Int, at now: Date) async throws {
        try await outbox.database.transaction { [worker] db in
            let sentAt: Int64? = status == .sent ? now.millisecondsSince1970 : nil
            let done =
                try await db.raw(
                    """
                    UPDATE notification_outbox SET status = \(bind: status.rawValue), sent_at = \(bind: sentAt), last_error = \(bind: error),
                        attempts = \(bind: attempts),
                        lease_owner = NULL, lease_until = NULL
                    WHERE id = \(bind: id) AND lease_owner = \(bind: worker) RETURNING kind, phone_masked
                    """
                ).first()
            guard let done else {
                logger.warning("notification lease lost before its outcome was written", metadata: ["id": "\(id)"])
                return
            }
            try await AuditTrail.record(
                AuditEntry(
                    "notification.\(status.rawValue)",
                    "outbox:\(id)",
                    outcome: status == .failed ? .failed : .ok,
                    detail: "\(try done.decode(column: "kind", as: String.self)) \(try done.decode(column: "phone_masked", as: String?.self) ?? "")"
                ),
                at: now,
                in: db
            )
        }
    }

    private func retryLater(_ id: Int64, attempts: Int, at retry: Date, error: String) async throws {
        try await outbox.database.transaction { [worker] db in
            try await db.raw(
                """
                UPDATE notification_outbox SET attempts = \(bind: attempts), next_attempt_at = \(bind: retry.millisecondsSince1970),
                    last_error = \(bind: error), lease_owner = NULL, lease_until = NULL
                WHERE id = \(bind: id) AND lease_owner = \(bind: worker)
                """
            ).run()
        }
    }

    private func putOff(_ id: Int64, until later: Date) async throws {
        try await outbox.database.transaction { [worker] db in
            try await db.raw(
                """
                UPDATE notification_outbox SET next_attempt_at = \(bind: later.millisecondsSince1970), lease_owner = NULL, lease_until = NULL
                WHERE id = \(bind: id) AND lease_owner = \(bind: worker)
                """
            ).run()
        }
    }
}
