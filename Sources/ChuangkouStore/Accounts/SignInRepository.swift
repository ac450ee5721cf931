import ChuangkouCore
import Foundation
import SQLKit

/// Sign-in bookkeeping: failures per (badge, source address) and sessions.
///
/// `claim` reads and counts an attempt in one locked step (a row lock on PostgreSQL, the single writer on SQLite), so
/// forty guesses sent at once are counted one after the other and the ones past the limit are refused unchecked.
public struct SignInRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Counts an attempt by `badge` (as typed: unknown badges are counted the same way) from `source` before the
    /// password is checked. A success then calls `clear`.
    public func claim(badge: String, source: String, throttle: LoginThrottle, at now: Date) async throws -> LoginThrottle.Decision {
        let badge = String(badge.prefix(32))
        let source = String(source.prefix(64))
        let lock = database.dialect.forUpdate
        let nowMs = now.millisecondsSince1970
        return try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO login_failures (badge, source, failures, blocked_until, last_failure_at)
                VALUES (\(bind: badge), \(bind: source), 0, NULL, \(bind: nowMs)) ON CONFLICT (badge, source) DO NOTHING
                """
            ).run()
            guard
                let row = try await db.raw(
                    "SELECT failures, blocked_until FROM login_failures WHERE badge = \(bind: badge) AND source = \(bind: source)\(unsafeRaw: lock)"
                ).first()
            else { throw StoreError.corruptRow(table: "login_failures", id: badge) }
            let count = LoginThrottle.Count(
                failures: try row.decode(column: "failures", as: Int.self),
                blockedUntil: try row.decode(column: "blocked_until", as: Int64?.self).map { $0 / 1000 }
            )
            let decision = throttle.claim(count, now: nowMs / 1000)
            if case .allowed(let next) = decision {
                try await db.raw(
                    """
                    UPDATE login_failures SET failures = \(bind: next.failures), blocked_until = \(bind: next.blockedUntil.map { $0 * 1000 }),
                        last_failure_at = \(bind: nowMs)
                    WHERE badge = \(bind: badge) AND source = \(bind: source)
                    """
                ).run()
            }
            return decision
        }
    }

    /// Forgets the failures of one pair after a successful sign-in.
    public func clear(badge: String, source: String) async throws {
        try await database.transaction { db in
            try await db.raw(
                "DELETE FROM login_failures WHERE badge = \(bind: String(badge.prefix(32))) AND source = "
                    + "\(bind: String(source.prefix(64)))"
            )
            .run()
        }
    }

    /// One pair's failures, for the security administrator's page.
    public struct Failures: Sendable, Equatable {
        public let source: String
        public let failures: Int
        public let blockedUntil: Date?
    }

    public func failures(of badge: Badge) async throws -> [Failures] {
        try await database.read { db in
            try await db.raw("SELECT source, failures, blocked_until FROM login_failures WHERE badge = \(bind: badge.value) ORDER BY source").all()
                .map { row in
                    Failures(
                        source: try row.decode(column: "source", as: String.self),
                        failures: try row.decode(column: "failures", as: Int.self),
                        blockedUntil: try row.decode(column: "blocked_until", as: Int64?.self).map(Date.init(milliseconds:))
                    )
                }
        }
    }

    /// Lifts every delay on a badge (the security administrator unlocks an officer). Returns how many pairs were cleared.
    @discardableResult
    public func unlock(_ badge: Badge) async throws -> Int {
        try await database.transaction { db in
            let cleared = try await db.raw("DELETE FROM login_failures WHERE badge = \(bind: badge.value) RETURNING badge").all().count
            try await AuditTrail.record(.account("unlock", badge, "\(cleared)"), at: Date(), in: db)
            return cleared
        }
    }

    /// A live session: who, until when, and whether it may only finish set-up (new password, second factor).
    public struct Session: Sendable, Equatable {
        public let officer: Officer
        public let expires: Date
        public let setUpOnly: Bool
    }

    /// Starts a session; `setUpOnly` for an account that must first change its password or enrol a second factor.
    public func startSession(_ badge: Badge, setUpOnly: Bool, at now: Date, lifetime: Duration) async throws -> String {
        let token = OfficerRepository.newToken()
        let expires = now.addingTimeInterval(Double(lifetime.components.seconds)).millisecondsSince1970
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO sessions (token_hash, badge, created_at, expires_at, purpose)
                VALUES (\(bind: OfficerRepository.digest(token)), \(bind: badge.value), \(bind: now.millisecondsSince1970), \(bind: expires),
                    \(bind: setUpOnly ? "setup" : "full"))
                """
            ).run()
            let role = try await OfficerRepository.find(badge, in: db)?.roles.text ?? "unknown"
            try await AuditTrail.record(
                AuditEntry("session.sign-in", "officer:\(badge)", detail: setUpOnly ? "set-up only" : ""),
                by: AuditActor(id: badge.value, role: role, address: ""),
                at: now,
                in: db
            )
        }
        return token
    }

    /// Records a refused sign-in under the badge that was tried (as typed, cut to its first 32 characters), with the
    /// reason's code: wrong credentials, a missing or wrong second factor, a throttled source.
    public func recordRefusal(badge: String, code: String, at now: Date) async throws {
        let badge = String(badge.prefix(32))
        try await database.transaction { db in
            try await AuditTrail.record(
                AuditEntry("session.sign-in", "officer:\(badge)", outcome: .refused, detail: code),
                by: AuditActor(id: badge, role: "unknown", address: ""),
                at: now,
                in: db
            )
        }
    }

    /// The session a token belongs to; nil when unknown, expired, or the account is disabled.
    public func session(_ token: String, at now: Date) async throws -> Session? {
        try await database.read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT o.badge, o.name, o.role, o.roles, o.post, o.sex, s.expires_at, s.purpose FROM sessions s
                    JOIN officers o ON o.badge = s.badge
                    WHERE s.token_hash = \(bind: OfficerRepository.digest(token)) AND s.expires_at > \(bind: now.millisecondsSince1970)
                        AND o.disabled_at IS NULL
                    """
                ).first()
            else { return nil }
            return Session(
                officer: try Officer(row: row),
                expires: Date(milliseconds: try row.decode(column: "expires_at", as: Int64.self)),
                setUpOnly: try row.decode(column: "purpose", as: String.self) != "full"
            )
        }
    }
}
