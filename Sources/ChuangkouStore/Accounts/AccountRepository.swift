import ChuangkouCore
import Foundation
import SQLKit

/// Accounts as the security administrator manages them, and what sign-in needs: the password hash and its history,
/// the account's state, the second factor, and sessions that only allow finishing set-up.
///
/// Hashing (bcrypt) stays the server's job; this repository stores and compares what it is given.
public struct AccountRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Why an account change was refused.
    public enum Problem: Error, Equatable, Sendable {
        case unknownAccount(Badge)
        case badgeTaken(Badge)
        /// A security administrator cannot disable or demote themselves (the hall would be left without one).
        case ownAccount
    }

    /// What sign-in reads about an account.
    public struct SignInRecord: Sendable {
        public let account: Account
        public let passwordHash: String
        /// The last hashes, newest first (the policy forbids reusing them).
        public let passwordHistory: [String]
        /// Base32 TOTP secret; confirmed or not (see `account.hasSecondFactor`).
        public let totpSecret: String?
        /// The last time step a code was accepted for, so one code is never accepted twice.
        public let totpLastStep: Int64
    }

    static let accountColumns =
        "badge, name, role, roles, post, sex, serves_windows, serves_businesses, disabled_at, must_change_password, totp_confirmed"

    public func all() async throws -> [Account] {
        try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.accountColumns) FROM officers ORDER BY badge").all().map(Account.init(row:))
        }
    }

    public func find(_ badge: Badge) async throws -> Account? {
        try await database.read { db in try await Self.find(badge, in: db) }
    }

    static func find(_ badge: Badge, in db: any SQLDatabase) async throws -> Account? {
        try await db.raw("SELECT \(unsafeRaw: accountColumns) FROM officers WHERE badge = \(bind: badge.value)").first().map(Account.init(row:))
    }

    public func signInRecord(_ badge: Badge) async throws -> SignInRecord? {
        try await database.read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT \(unsafeRaw: Self.accountColumns), password_hash, password_history, totp_secret, totp_last_step
                    FROM officers WHERE badge = \(bind: badge.value)
                    """
                ).first()
            else { return nil }
            return SignInRecord(
                account: try Account(row: row),
                passwordHash: try row.decode(column: "password_hash", as: String.self),
                passwordHistory: try row.decode(column: "password_history", as: String.self).split(separator: "\n").map(String.init),
                totpSecret: try row.decode(column: "totp_secret", as: String?.self),
                totpLastStep: try row.decode(column: "totp_last_step", as: Int64.self)
            )
        }
    }

    /// Creates an account with a one-time password the person must change at first sign-in.
    public func create(_ account: Account, passwordHash: String) async throws {
        try await database.transaction { db in
            guard try await Self.find(account.officer.badge, in: db) == nil else { throw Problem.badgeTaken(account.officer.badge) }
            try await OfficerRepository.insert(account.officer, passwordHash: passwordHash, in: db)
            try await Self.writeDetails(account, in: db)
            try await db.raw("UPDATE officers SET must_change_password = 1 WHERE badge = \(bind: account.officer.badge.value)").run()
            try await AuditTrail.record(.account("create", account.officer.badge, account.officer.roles.text), at: Date(), in: db)
        }
    }

    /// Changes name, sex, post, roles, windows and businesses. Disabling and passwords have their own calls.
    public func update(_ account: Account, by actor: Badge) async throws {
        try await database.transaction { db in
            guard let current = try await Self.find(account.officer.badge, in: db) else { throw Problem.unknownAccount(account.officer.badge) }
            if actor == account.officer.badge, current.officer.roles != account.officer.roles { throw Problem.ownAccount }
            try await Self.writeDetails(account, in: db)
            // A change of roles takes effect at once: the account's sessions end.
            if current.officer.roles != account.officer.roles {
                try await db.raw("DELETE FROM sessions WHERE badge = \(bind: account.officer.badge.value)").run()
            }
            try await AuditTrail.record(.account("update", account.officer.badge, account.officer.roles.text), at: Date(), in: db)
        }
    }

    static func writeDetails(_ account: Account, in db: any SQLDatabase) async throws {
        let officer = account.officer
        try await db.raw(
            """
            UPDATE officers SET name = \(bind: officer.name), post = \(bind: officer.post), sex = \(bind: officer.sex?.rawValue),
                role = \(bind: officer.role.rawValue), roles = \(bind: officer.roles.text),
                serves_windows = \(bind: account.windows.map(\.description).joined(separator: ",")),
                serves_businesses = \(bind: account.businesses.map(\.value).joined(separator: ","))
            WHERE badge = \(bind: officer.badge.value)
            """
        ).run()
    }

    /// Disables (or re-enables) an account. Disabling ends its sessions and frees any window it holds.
    public func setDisabled(_ badge: Badge, _ disabled: Bool, by actor: Badge, at now: Date) async throws {
        try await database.transaction { db in
            guard try await Self.find(badge, in: db) != nil else { throw Problem.unknownAccount(badge) }
            if disabled, actor == badge { throw Problem.ownAccount }
            try await db.raw(
                "UPDATE officers SET disabled_at = \(bind: disabled ? now.millisecondsSince1970 : nil) WHERE badge = \(bind: badge.value)"
            ).run()
            if disabled {
                try await db.raw("DELETE FROM sessions WHERE badge = \(bind: badge.value)").run()
                for row in try await db.raw("SELECT number FROM windows WHERE officer_badge = \(bind: badge.value)").all() {
                    if let number = try row.decodeWindow(column: "number") {
                        try await WindowLog.append(.signOut, window: number, officer: badge, at: now, in: db)
                    }
                }
                try await db.raw(
                    "UPDATE windows SET officer_badge = NULL, status = 'closed', changed_at = \(bind: now.millisecondsSince1970) WHERE officer_badge "
                        + "= \(bind: badge.value)"
                ).run()
            }
            try await AuditTrail.record(.account(disabled ? "disable" : "enable", badge), at: now, in: db)
        }
    }

    /// Sets a new password hash, keeping the previous ones for the reuse rule, and ends the other sessions.
    /// `mustChange` is true for a reset by the security administrator (the person chooses at next sign-in).
    public func setPassword(_ badge: Badge, hash: String, mustChange: Bool, keepSession: String? = nil, history: Int = 5) async throws {
        let lock = database.dialect.forUpdate
        try await database.transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT password_hash, password_history FROM officers WHERE badge = \(bind: badge.value)\(unsafeRaw: lock)"
                ).first()
            else { throw Problem.unknownAccount(badge) }
            let previous =
                [try row.decode(column: "password_hash", as: String.self)]
                + (try row.decode(column: "password_history", as: String.self)).split(separator: "\n").map(String.init)
            try await db.raw(
                """
                UPDATE officers SET password_hash = \(bind: hash), password_history = \(bind: previous.prefix(history).joined(separator: "\n")),
                    must_change_password = \(bind: mustChange ? 1 : 0)
                WHERE badge = \(bind: badge.value)
                """
            ).run()
            let kept = keepSession.map(OfficerRepository.digest) ?? ""
            try await db.raw("DELETE FROM sessions WHERE badge = \(bind: badge.value) AND token_hash <> \(bind: kept)").run()
            try await AuditTrail.record(.account(mustChange ? "reset-password" : "change-password", badge), at: Date(), in: db)
        }
    }

    /// Stores a new TOTP secret; unconfirmed (enrolment starts over) unless `confirmed` (the demo administrators).
    public func setSecondFactorSecret(_ badge: Badge, secret: String, confirmed: Bool = false) async throws {
        try await database.transaction { db in
            try await db.raw(
                """
                UPDATE officers SET totp_secret = \(bind: secret), totp_confirmed = \(bind: confirmed ? 1 : 0), totp_last_step = 0
                WHERE badge = \(bind: badge.value)
                """
            ).run()
            try await AuditTrail.record(.account("second-factor-enrol", badge), at: Date(), in: db)
        }
    }

    /// Records that a code of time step `step` was accepted; false when that step (or a later one) was used already,
    /// so a code seen over someone's shoulder cannot be replayed. Confirms the enrolment on first use.
    public func acceptSecondFactor(_ badge: Badge, step: Int64) async throws -> Bool {
        try await database.transaction { db in
            let accepted =
                try await db.raw(
                    """
                    UPDATE officers SET totp_last_step = \(bind: step), totp_confirmed = 1
                    WHERE badge = \(bind: badge.value) AND totp_last_step < \(bind: step) AND totp_secret IS NOT NULL
                    RETURNING badge
                    """
                ).first() != nil
            if accepted { try await AuditTrail.record(.account("second-factor-used", badge), at: Date(), in: db) }
            return accepted
        }
    }

    /// Removes the second factor (the security administrator, when a phone is lost).
    public func clearSecondFactor(_ badge: Badge) async throws {
        try await database.transaction { db in
            guard try await Self.find(badge, in: db) != nil else { throw Problem.unknownAccount(badge) }
            try await db.raw("UPDATE officers SET totp_secret = NULL, totp_confirmed = 0 WHERE badge = \(bind: badge.value)").run()
            try await AuditTrail.record(.account("second-factor-clear", badge), at: Date(), in: db)
        }
    }

    /// Ends the set-up restriction of every session of the account once set-up is done.
    public func finishSetUp(_ badge: Badge) async throws {
        try await database.transaction { db in
            try await db.raw("UPDATE sessions SET purpose = 'full' WHERE badge = \(bind: badge.value)").run()
            try await AuditTrail.record(.account("finish-set-up", badge), at: Date(), in: db)
        }
    }
}

extension Account {
    init(row: any SQLRow) throws {
        let officer = try Officer(row: row)
        let windows = try row.decode(column: "serves_windows", as: String.self).split(separator: ",").compactMap { WindowNumber($0) }
        let businesses = try row.decode(column: "serves_businesses", as: String.self).split(separator: ",").compactMap { BusinessCode(String($0)) }
        self.init(
            officer: officer,
            windows: windows,
            businesses: businesses,
            disabled: try row.decode(column: "disabled_at", as: Int64?.self) != nil,
            mustChangePassword: try row.decode(column: "must_change_password", as: Int.self) != 0,
            hasSecondFactor: try row.decode(column: "totp_confirmed", as: Int.self) != 0
        )
    }
}

extension AuditEntry {
    /// A change to an account (by the acting administrator, or by the person on their own account).
    static func account(_ verb: String, _ badge: Badge, _ detail: String = "") -> AuditEntry {
        AuditEntry("account.\(verb)", "officer:\(badge)", detail: detail)
    }
}
