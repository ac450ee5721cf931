import ChuangkouCore
import Crypto
import Foundation
import SQLKit

/// Officers as the hall shows them (四公开), their photos, and the shared helpers of accounts (insert, token digests).
/// Sign-in lives in `AccountRepository` and `SignInRepository`.
///
/// Hashing passwords (bcrypt) is the server's job; this repository only stores and compares what it is given.
/// Session tokens are stored as SHA-256 digests, so a copy of the database does not hand out live sessions.
public struct OfficerRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func all() async throws -> [Officer] {
        try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Officer.columns) FROM officers ORDER BY role DESC, badge").all().map(Officer.init(row:))
        }
    }

    public func find(_ badge: Badge) async throws -> Officer? {
        try await database.read { db in try await Self.find(badge, in: db) }
    }

    static func find(_ badge: Badge, in db: any SQLDatabase) async throws -> Officer? {
        try await db.raw("SELECT \(unsafeRaw: Officer.columns) FROM officers WHERE badge = \(bind: badge.value)").first().map(Officer.init(row:))
    }

    /// An enabled account, in the caller's transaction; nil for an unknown or disabled badge.
    static func findEnabled(_ badge: Badge, in db: any SQLDatabase) async throws -> Officer? {
        try await db.raw(
            "SELECT \(unsafeRaw: Officer.columns) FROM officers WHERE badge = \(bind: badge.value) AND disabled_at IS NULL"
        ).first().map(Officer.init(row:))
    }

    /// The enabled accounts holding `role`, by badge: who gets the duty leader's messages, who may take a bad review.
    static func badges(holding role: StaffRole, in db: any SQLDatabase) async throws -> [Badge] {
        try await db.raw("SELECT \(unsafeRaw: Officer.columns) FROM officers WHERE disabled_at IS NULL ORDER BY badge").all()
            .map(Officer.init(row:)).filter { $0.roles.contains(role) }.map(\.badge)
    }

    public func endSession(_ token: String, at now: Date = Date()) async throws {
        try await database.transaction { db in
            guard
                let row = try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: Self.digest(token)) RETURNING badge").first()
            else { return }
            try await AuditTrail.record(
                AuditEntry("session.sign-out", "officer:\(try row.decode(column: "badge", as: String.self))"),
                at: now,
                in: db
            )
        }
    }

    static func insert(_ officer: Officer, passwordHash: String, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO officers (badge, name, role, roles, post, sex, password_hash)
            VALUES (\(bind: officer.badge.value), \(bind: officer.name), \(bind: officer.role.rawValue), \(bind: officer.roles.text),
                \(bind: officer.post), \(bind: officer.sex?.rawValue), \(bind: passwordHash))
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
    /// The columns `init(row:)` reads.
    static let columns = "badge, name, role, roles, post, sex"

    /// Reads an officer row. `roles` wins; a query that selects only the older `role` column still works.
    init(row: any SQLRow) throws {
        let badgeText = try row.decode(column: "badge", as: String.self)
        let corrupt = StoreError.corruptRow(table: "officers", id: badgeText)
        guard let badge = Badge(badgeText) else { throw corrupt }
        let roles: Roles
        if row.contains(column: "roles"), let text = try? row.decode(column: "roles", as: String.self), !text.isEmpty {
            guard let parsed = try? Roles(text: text) else { throw corrupt }
            roles = parsed
        } else {
            guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { throw corrupt }
            roles = role.roles
        }
        let sex = row.contains(column: "sex") ? (try row.decode(column: "sex", as: String?.self)).flatMap(Sex.init(rawValue:)) : nil
        self.init(
            badge: badge,
            name: try row.decode(column: "name", as: String.self),
            roles: roles,
            post: try row.decode(column: "post", as: String.self),
            sex: sex
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
            try await AuditTrail.record(AuditEntry("officer.set-password", badges.map { "officer:\($0)" }.joined(separator: ",")), at: Date(), in: db)
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
            try await AuditTrail.record(AuditEntry("officer.photo", "officer:\(badge)", detail: photo.contentType), at: now, in: db)
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
