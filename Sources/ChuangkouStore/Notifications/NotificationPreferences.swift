import ChuangkouCore
import Foundation
import SQLKit

/// Citizens' choices about text messages, kept by phone fingerprint (PIPL: the number itself is not stored here).
///
/// A citizen who gives a phone for a case, a ticket or a complaint has opted in to the messages about it; one who
/// says at a window that they want none (or asks again for them) has it recorded here by the officer, audited. Every
/// message except an essential one (a one-time code the citizen just asked for) honours it.
public struct NotificationPreferences: Sendable {
    let database: Database
    let fingerprint: PhoneFingerprint

    public init(database: Database, fingerprint: PhoneFingerprint) {
        self.database = database
        self.fingerprint = fingerprint
    }

    /// Records whether the phone's owner wants messages; audited with the masked number.
    public func record(_ phone: MobileNumber, optedIn: Bool, by badge: Badge, at now: Date) async throws {
        let print = fingerprint(phone)
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO notification_preferences (phone_fingerprint, opted_in, phone_masked, changed_by, changed_at)
                VALUES (\(bind: print), \(bind: optedIn ? 1 : 0), \(bind: phone.masked), \(bind: badge.value), \(bind: now.millisecondsSince1970))
                ON CONFLICT (phone_fingerprint) DO UPDATE SET opted_in = excluded.opted_in, phone_masked = excluded.phone_masked,
                    changed_by = excluded.changed_by, changed_at = excluded.changed_at
                """
            ).run()
            try await AuditTrail.record(
                AuditEntry(optedIn ? "notification.opt-in" : "notification.opt-out", "phone:\(phone.masked)"),
                at: now,
                in: db
            )
        }
    }

    /// Whether the phone's owner opted out; nil when they never said.
    public func optedIn(_ phone: MobileNumber) async throws -> Bool? {
        let print = fingerprint(phone)
        return try await database.read { db in
            try await db.raw("SELECT opted_in FROM notification_preferences WHERE phone_fingerprint = \(bind: print)").first()
                .map { try $0.decode(column: "opted_in", as: Int.self) == 1 }
        }
    }

    static func optedOut(_ print: String, in database: Database) async throws -> Bool {
        try await database.read { db in
            try await db.raw("SELECT opted_in FROM notification_preferences WHERE phone_fingerprint = \(bind: print)").first()
                .map { try $0.decode(column: "opted_in", as: Int.self) == 0 } ?? false
        }
    }
}
