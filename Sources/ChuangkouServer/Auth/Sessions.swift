import ChuangkouCore
import ChuangkouStore
import Foundation

/// Signing in and out, and who a session token belongs to: shared by the sign-in API, the sign-in page and the
/// authenticator. Repeated failures lock the account (RULES §11).
struct Sessions: Sendable {
    let officers: OfficerRepository
    let hasher: PasswordHasher
    let cache: SessionCache
    let failedLoginLimit: Int
    let lockout: Duration
    let lifetime: Duration
    let now: @Sendable () -> Date

    /// Checks the password and starts a session. Unknown badges and wrong passwords get the same answer.
    func signIn(badge text: String, password: String) async throws -> (String, Officer) {
        guard let badge = Badge(text), let account = try await officers.credentials(badge) else {
            throw APIError.badCredentials
        }
        let now = now()
        if let until = account.lockedUntil, until > now { throw APIError.locked(until: until) }
        guard try await hasher.verify(password, hash: account.passwordHash) else {
            try await officers.recordFailedLogin(badge, at: now, limit: failedLoginLimit, lockout: lockout)
            throw APIError.badCredentials
        }
        let token = try await officers.startSession(badge, at: now, lifetime: lifetime)
        return (token, account.officer)
    }

    /// The officer a session token belongs to, from the cache when recently seen.
    func officer(forSession token: String) async throws -> Officer? {
        let now = now()
        if let officer = cache.officer(for: token, at: now) { return officer }
        guard let (officer, expires) = try await officers.session(token, at: now) else { return nil }
        cache.remember(officer, for: token, sessionExpires: expires, at: now)
        return officer
    }

    func end(_ token: String) async throws {
        cache.forget(token)
        try await officers.endSession(token)
    }
}
