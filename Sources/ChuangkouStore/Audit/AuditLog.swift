import Foundation
import SQLKit

/// The audit log as the audit admin sees it: search, export, the daily anchor, verification and archiving.
/// Writing goes through `AuditTrail.record` inside each repository's own transaction; every read here first links
/// what PostgreSQL still holds pending (`Database.linkPendingAudit`), so it sees every committed entry.
public struct AuditLog: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What to look for; every part optional. `action` matches from the start (`ticket.` finds every ticket action),
    /// `object` anywhere in the object (`A001`), `actor` exactly (a 警号).
    public struct Filter: Sendable, Equatable {
        public var from: Date?
        public var through: Date?
        public var actor: String?
        public var action: String?
        public var object: String?
        public var outcome: AuditOutcome?
        /// Only rows before this one (the next page of a newest-first list).
        public var beforeSeq: Int64?
        public var limit: Int

        public init(
            from: Date? = nil,
            through: Date? = nil,
            actor: String? = nil,
            action: String? = nil,
            object: String? = nil,
            outcome: AuditOutcome? = nil,
            beforeSeq: Int64? = nil,
            limit: Int = 100
        ) {
            self.from = from
            self.through = through
            self.actor = actor
            self.action = action
            self.object = object
            self.outcome = outcome
            self.beforeSeq = beforeSeq
            self.limit = limit
        }
    }

    static let columns = "seq, at, actor, role, address, action, object, outcome, detail, prev_hash, hash"

    /// The rows matching `filter`, newest first, at most `filter.limit` (bounded to 1…100,000).
    public func search(_ filter: Filter) async throws -> [AuditRecord] {
        try await database.linkPendingAudit()
        return try await database.read { db in
            var query: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM audit_log WHERE 1 = 1"
            if let from = filter.from { query = query + " AND at >= \(bind: from.millisecondsSince1970)" }
            if let through = filter.through { query = query + " AND at <= \(bind: through.millisecondsSince1970)" }
            if let actor = filter.actor, !actor.isEmpty { query = query + " AND actor = \(bind: actor)" }
            if let action = filter.action, !action.isEmpty {
                query = query + " AND action LIKE \(bind: Self.likeEscaped(action) + "%") ESCAPE '!'"
            }
            if let object = filter.object, !object.isEmpty {
                query = query + " AND object LIKE \(bind: "%" + Self.likeEscaped(object) + "%") ESCAPE '!'"
            }
            if let outcome = filter.outcome { query = query + " AND outcome = \(bind: outcome.rawValue)" }
            if let before = filter.beforeSeq { query = query + " AND seq < \(bind: before)" }
            query = query + " ORDER BY seq DESC LIMIT \(bind: min(max(filter.limit, 1), 100_000))"
            return try await db.raw(query).all().map(AuditRecord.init(row:))
        }
    }

    /// `text` for a LIKE pattern with `!` as the escape character: a `%` or `_` typed into the search matches itself.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%").replacingOccurrences(of: "_", with: "!_")
    }

    /// Rows in chain order from `seq` on, at most `limit`: for verification and archiving.
    static func rows(after seq: Int64, limit: Int, in db: any SQLDatabase) async throws -> [AuditRecord] {
        try await db.raw("SELECT \(unsafeRaw: columns) FROM audit_log WHERE seq > \(bind: seq) ORDER BY seq LIMIT \(bind: limit)")
            .all().map(AuditRecord.init(row:))
    }

    /// The chain's newest row, nil while the log is empty.
    public func tail() async throws -> AuditRecord? {
        try await database.linkPendingAudit()
        return try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM audit_log ORDER BY seq DESC LIMIT 1").first().map(AuditRecord.init(row:))
        }
    }
}

extension AuditRecord {
    init(row: any SQLRow) throws {
        self.init(
            seq: try row.decode(column: "seq", as: Int64.self),
            at: try row.decode(column: "at", as: Int64.self),
            actor: try row.decode(column: "actor", as: String.self),
            role: try row.decode(column: "role", as: String.self),
            address: try row.decode(column: "address", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            object: try row.decode(column: "object", as: String.self),
            outcome: try row.decode(column: "outcome", as: String.self),
            detail: try row.decode(column: "detail", as: String.self),
            previousHash: try row.decode(column: "prev_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self)
        )
    }

    /// The row as one CSV line (RFC 4180 quoting), in `csvHeader`'s order, with the time in UTC ISO 8601.
    public var csvLine: String {
        let time = Date(milliseconds: at).formatted(.iso8601)
        return [String(seq), time, actor, role, address, action, object, outcome, detail, previousHash, hash].map { field in
            // A leading = + - @ would make a spreadsheet run the cell as a formula.
            let safe = field.first.map { "=+-@".contains($0) } == true ? "'" + field : field
            guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    public static let csvHeader = "seq,time,actor,role,address,action,object,outcome,detail,prev_hash,hash"
}
