import ChuangkouCore
import Crypto
import Foundation
import SQLKit

/// Officer accounts, their password hashes, failed-login lockout and sign-in sessions.
///
/// Hashing passwords (bcrypt) is the server's job; this repository only stores and compares what it is given.
/// Session tokens are stored as SHA-256 digests, so a copy of the database does not hand out live sessions.
public struct OfficerRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// An account as the sign-in check needs it.
    public struct Credentials: Sendable {
        public let officer: Officer
        public let passwordHash: String
        public let failedLogins: Int
        public let lockedUntil: Date?
    }

    public func all() async throws -> [Officer] {
        try await database.read { db in
            try await db.raw("SELECT badge, name, role, post FROM officers ORDER BY role DESC, badge").all().map(Officer.init(row:))
        }
    }

    public func find(_ badge: Badge) async throws -> Officer? {
        try await database.read { db in try await Self.find(badge, in: db) }
    }

    static func find(_ badge: Badge, in db: any SQLDatabase) async throws -> Officer? {
        try await db.raw("SELECT badge, name, role, post FROM officers WHERE badge = \(bind: badge.value)").first().map(Officer.init(row:))
    }

    public func credentials(_ badge: Badge) async throws -> Credentials? {
        try await database.read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT badge, name, role, post, password_hash, failed_logins, locked_until FROM officers WHERE badge = \(bind: badge.value)
                    """
                ).first()
            else { return nil }
            return Credentials(
                officer: try Officer(row: row),
                passwordHash: try row.decode(column: "password_hash", as: String.self),
                failedLogins: try row.decode(column: "failed_logins", as: Int.self),
                lockedUntil: try row.decode(column: "locked_until", as: Int64?.self).map(Date.init(milliseconds:))
            )
        }
    }

    /// Counts a failed sign-in; the `limit`-th failure in a row locks the account until `now + lockout`.
    public func recordFailedLogin(_ badge: Badge, at now: Date, limit: Int, lockout: Duration) async throws {
        let until = now.addingTimeInterval(Double(lockout.components.seconds)).millisecondsSince1970
        try await database.transaction { db in
            try await db.raw(
                """
                UPDATE officers SET failed_logins = failed_logins + 1,
                    locked_until = CASE WHEN failed_logins + 1 >= \(bind: limit) THEN \(bind: until) ELSE locked_until END
                WHERE badge = \(bind: badge.value)
                """
            ).run()
        }
    }

    /// Starts a session after a successful sign-in and clears the failure count. Returns the secret token.
    public func startSession(_ badge: Badge, at now: Date, lifetime: Duration) async throws -> String {
        let token = Self.newToken()
        let expires = now.addingTimeInterval(Double(lifetime.components.seconds)).millisecondsSince1970
        try await database.transaction { db in
            try await db.raw("UPDATE officers SET failed_logins = 0, locked_until = NULL WHERE badge = \(bind: badge.value)").run()
            try await db.raw(
                """
                INSERT INTO sessions (token_hash, badge, created_at, expires_at)
                VALUES (\(bind: Self.digest(token)), \(bind: badge.value), \(bind: now.millisecondsSince1970), \(bind: expires))
                """
            ).run()
        }
        return token
    }

    /// The officer a live session token belongs to, or nil when unknown or expired.
    public func officer(forSession token: String, at now: Date) async throws -> Officer? {
        try await session(token, at: now)?.officer
    }

    /// The officer a live session token belongs to and when the session ends, or nil when unknown or expired.
    public func session(_ token: String, at now: Date) async throws -> (officer: Officer, expires: Date)? {
        try await database.read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT o.badge, o.name, o.role, o.post, s.expires_at FROM sessions s JOIN officers o ON o.badge = s.badge
                    WHERE s.token_hash = \(bind: Self.digest(token)) AND s.expires_at > \(bind: now.millisecondsSince1970)
                    """
                ).first()
            else { return nil }
            return (try Officer(row: row), Date(milliseconds: try row.decode(column: "expires_at", as: Int64.self)))
        }
    }

    public func endSession(_ token: String) async throws {
        try await database.transaction { db in
            try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: Self.digest(token))").run()
        }
    }

    static func insert(_ officer: Officer, passwordHash: String, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO officers (badge, name, role, post, password_hash)
            VALUES (\(bind: officer.badge.value), \(bind: officer.name), \(bind: officer.role.rawValue), \(bind: officer.post), \(bind: passwordHash))
            """
        ).run()
    }

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Officer {
    init(row: any SQLRow) throws {
        let badgeText = try row.decode(column: "badge", as: String.self)
        guard let badge = Badge(badgeText), let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else {
            throw StoreError.corruptRow(table: "officers", id: badgeText)
        }
        self.init(
            badge: badge,
            name: try row.decode(column: "name", as: String.self),
            role: role,
            post: try row.decode(column: "post", as: String.self)
        )
    }
}

extension OfficerRepository {
    /// Sets one password hash on several accounts (the demo accounts when `--demo-password` is given again).
    public func setPassword(_ hash: String, for badges: [Badge]) async throws {
        try await database.transaction { db in
            for badge in badges {
                try await db.raw(
                    "UPDATE officers SET password_hash = \(bind: hash), failed_logins = 0, locked_until = NULL WHERE badge = \(bind: badge.value)"
                ).run()
            }
        }
    }
}

// MARK: - Photos (四公开: every window shows its officer's photo)

extension OfficerRepository {
    public struct Photo: Sendable, Equatable {
        public var contentType: String
        public var data: Data

        public init(contentType: String, data: Data) {
            self.contentType = contentType
            self.data = data
        }
    }

    /// Stores an officer's public photo, replacing any earlier one. Returns false for an unknown badge.
    public func setPhoto(_ photo: Photo, for badge: Badge, at now: Date) async throws -> Bool {
        try await database.transaction { db in
            guard try await db.raw("SELECT badge FROM officers WHERE badge = \(bind: badge.value)").first() != nil else { return false }
            try await db.raw(
                """
                INSERT INTO officer_photos (badge, content_type, data_base64, updated_at)
                VALUES (
                    \(bind: badge.value),
                    \(bind: photo.contentType),
                    \(bind: photo.data.base64EncodedString()),
                    \(bind: now.millisecondsSince1970)
                )
                ON CONFLICT (badge) DO UPDATE SET content_type = EXCLUDED.content_type, data_base64 = EXCLUDED.data_base64,
                    updated_at = EXCLUDED.updated_at
                """
            ).run()
            return true
        }
    }

    public func photo(of badge: Badge) async throws -> Photo? {
        try await database.read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT content_type, data_base64 FROM officer_photos WHERE badge = \(bind: badge.value)
                    """
                ).first(),
                let data = Data(base64Encoded: try row.decode(column: "data_base64", as: String.self))
            else { return nil }
            return Photo(contentType: try row.decode(column: "content_type", as: String.self), data: data)
        }
    }

    /// The officers who have a photo, so pages link to photos that exist and show an initial otherwise.
    public func badgesWithPhotos() async throws -> Set<Badge> {
        try await database.read { db in
            Set(try await db.raw("SELECT badge FROM officer_photos").all().compactMap { Badge(try $0.decode(column: "badge", as: String.self)) })
        }
    }
}
