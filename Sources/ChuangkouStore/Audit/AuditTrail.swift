import Foundation
import SQLKit

/// The one in-transaction helper every repository calls to audit a change (RULES §11, 等级保护 level 3): one row
/// in `audit_log`, committed with the change or rolled back with it.
///
/// The log is a hash chain: each row carries SHA-256 over the previous row's hash and its own content, so an edited,
/// deleted or reordered row breaks every link after it (`AuditLog.verify`). The chain must stay linear with any number
/// of writers, so appending serialises on the tail inside the transaction:
/// - SQLite: nothing extra. Every write transaction already holds the database's only write lock (`BEGIN IMMEDIATE`,
///   for two processes on one file as well), so the tail read here is the tail at commit.
/// - PostgreSQL: a transaction-scoped advisory lock named after the schema, taken in its own statement before the
///   tail is read (a statement's snapshot starts with the statement, so the read must come after the wait), held to
///   commit. Repositories call `record` last in their transaction, so the lock is held only for the commit.
/// The primary key on `seq` is the backstop: a fork would fail to insert rather than branch the chain.
public enum AuditTrail {
    /// Appends `entry`, done by `AuditActor.current` (or `actor`, for a sign-in, whose officer is not yet the
    /// request's actor) at `now`, to the audit log inside the caller's transaction.
    public static func record(_ entry: AuditEntry, by actor: AuditActor? = nil, at now: Date, in db: any SQLDatabase) async throws {
        let current = AuditActor.current
        var acting = current
        if let actor {
            acting.id = actor.id
            acting.role = actor.role
        }
        let row = entry.record(after: try await lockTail(in: db), actor: acting, at: now)
        try await db.raw(
            """
            INSERT INTO audit_log (seq, at, actor, role, address, action, object, outcome, detail, prev_hash, hash)
            VALUES (\(bind: row.seq), \(bind: row.at), \(bind: row.actor), \(bind: row.role), \(bind: row.address), \(bind: row.action),
                    \(bind: row.object), \(bind: row.outcome), \(bind: row.detail), \(bind: row.previousHash), \(bind: row.hash))
            """
        ).run()
        if entry.outcome != .ok { current.scope.noteRefusal() }
    }

    /// The chain's tail (seq and hash), locked until commit on PostgreSQL. After an archive emptied the table, the
    /// chain goes on from the archive's last row.
    static func lockTail(in db: any SQLDatabase) async throws -> (seq: Int64, hash: String) {
        if db.dialect.name == "postgresql" {
            try await db.raw("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.audit_log'))").run()
        }
        if let row = try await db.raw("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").first() {
            return (try row.decode(column: "seq", as: Int64.self), try row.decode(column: "hash", as: String.self))
        }
        if let row = try await db.raw("SELECT through_seq, last_hash FROM audit_archives ORDER BY through_seq DESC LIMIT 1").first() {
            return (try row.decode(column: "through_seq", as: Int64.self), try row.decode(column: "last_hash", as: String.self))
        }
        return (0, AuditRecord.genesis)
    }
}

extension Database {
    /// Records a refusal or failure in a transaction of its own (the refused change rolled back with its own rows).
    public func recordRefusal(_ entry: AuditEntry, at now: Date) async throws {
        try await transaction { db in try await AuditTrail.record(entry, at: now, in: db) }
    }

    /// Records a read of personal data (a case page, a document, the status query) before the data is shown: if the
    /// audit cannot be written, the read fails.
    public func recordRead(_ entry: AuditEntry, at now: Date) async throws {
        try await transaction { db in try await AuditTrail.record(entry, at: now, in: db) }
    }
}
