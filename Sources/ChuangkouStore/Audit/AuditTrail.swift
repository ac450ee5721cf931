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
/// - PostgreSQL: the entry goes to `audit_pending`, committed with the change, and the transaction takes no shared
///   lock, so concurrent commits share their fsyncs. Right after the commit `AuditLinker` links it (migration 41:
///   `audit_link_pending` takes a transaction-scoped advisory lock named after the schema, reads the tail, links every
///   pending row in the order written and moves them into `audit_log`); every read of the log links first
///   (`Database.linkPendingAudit`). `lockTail` takes the same lock for the anchor.
/// The primary key on `seq` is the backstop: a fork would fail to insert rather than branch the chain.
public enum AuditTrail {
    /// Appends `entry`, done by `AuditActor.current` (or `actor`, for a sign-in, whose officer is not yet the
    /// request's actor) at `now`, to the audit log inside the caller's transaction.
    public static func record(_ entry: AuditEntry, by actor: AuditActor? = nil, at now: Date, in db: any SQLDatabase) async throws {
        try await db.raw(try await recording(entry, by: actor, at: now, in: db)).run()
        if entry.outcome != .ok { AuditActor.current.scope.noteRefusal() }
    }

    /// The statement that appends `entry`, for the caller to run in its transaction (alone or `runTogether`): on
    /// SQLite linked to the tail read now, on PostgreSQL a pending row the database links at commit. (A refusal is
    /// noted for the middleware by `record`, once written: callers of this one write changes, not refusals.)
    static func recording(_ entry: AuditEntry, by actor: AuditActor? = nil, at now: Date, in db: any SQLDatabase) async throws -> SQLQueryString {
        let current = AuditActor.current
        var acting = current
        if let actor {
            acting.id = actor.id
            acting.role = actor.role
        }
        if db.dialect.name == "postgresql" {
            // Linked just after the commit (migration 41, `AuditLinker`), so no transaction holds the tail.
            (db as? NotingDatabase)?.notes.noteAudit()
            let row = entry.unlinked(actor: acting, at: now)
            return """
                INSERT INTO audit_pending (at, actor, role, address, action, object, outcome, detail)
                VALUES (\(bind: row.at), \(bind: row.actor), \(bind: row.role), \(bind: row.address), \(bind: row.action),
                        \(bind: row.object), \(bind: row.outcome), \(bind: row.detail))
                """
        }
        let row = entry.record(after: try await lockTail(in: db), actor: acting, at: now)
        return """
            INSERT INTO audit_log (seq, at, actor, role, address, action, object, outcome, detail, prev_hash, hash)
            VALUES (\(bind: row.seq), \(bind: row.at), \(bind: row.actor), \(bind: row.role), \(bind: row.address), \(bind: row.action),
                    \(bind: row.object), \(bind: row.outcome), \(bind: row.detail), \(bind: row.previousHash), \(bind: row.hash))
            """
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
