import ChuangkouCore
import Foundation
import SQLKit

/// The hall's own suggested wording for a refusal (`hall_wordings`, kind `refusal`): read by the 告知单 and escalation
/// forms, saved by the system administrator, audited.
public struct RefusalWordingStore: Sendable {
    static let kind = "refusal"

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The wording in force: the administrators' if saved and still valid, else the shipped one (a stored row that
    /// no longer passes the checks never stops a page).
    public func current() async throws -> RefusalWording {
        try await database.read { db in
            guard
                let row = try await db.raw("SELECT chinese, english FROM hall_wordings WHERE kind = \(bind: Self.kind)").first(),
                let wording = try? RefusalWording(
                    chinese: try row.decode(column: "chinese", as: String.self),
                    english: try row.decode(column: "english", as: String.self)
                )
            else { return .shipped }
            return wording
        }
    }

    /// Whether the administrators have reworded it.
    public func isCustomised() async throws -> Bool {
        try await database.read { db in
            try await db.raw("SELECT kind FROM hall_wordings WHERE kind = \(bind: Self.kind)").first() != nil
        }
    }

    /// Saves the administrator's wording, or with `nil` goes back to the shipped one; audited in the same transaction.
    public func save(_ wording: RefusalWording?, by admin: Badge, at now: Date) async throws {
        try await database.transaction { db in
            if let wording {
                try await db.raw(
                    """
                    INSERT INTO hall_wordings (kind, chinese, english, updated_by, updated_at)
                    VALUES (\(bind: Self.kind), \(bind: wording.chinese), \(bind: wording.english), \(bind: admin.value),
                        \(bind: now.millisecondsSince1970))
                    ON CONFLICT (kind) DO UPDATE SET chinese = excluded.chinese, english = excluded.english,
                        updated_by = excluded.updated_by, updated_at = excluded.updated_at
                    """
                ).run()
            } else {
                try await db.raw("DELETE FROM hall_wordings WHERE kind = \(bind: Self.kind)").run()
            }
            try await AuditTrail.record(
                AuditEntry(wording == nil ? "wording.reset" : "wording.save", "wording:\(Self.kind)", detail: wording?.chinese ?? ""),
                at: now,
                in: db
            )
        }
    }
}
