import ChuangkouCore
import ChuangkouStore
import Foundation

/// Who a session token belongs to, read through a short cache, and ending a session: what the authenticator and
/// the sign-in and sign-out handlers share.
struct Sessions: Sendable {
    let signIns: SignInRepository
    let officers: OfficerRepository
    let cache: SessionCache
    let now: @Sendable () -> Date

    /// The officer a session token belongs to and whether the session may only finish set-up.
    func session(_ token: String) async throws -> (officer: Officer, setUpOnly: Bool)? {
        let now = now()
        if let cached = cache.session(for: token, at: now) { return cached }
        guard let session = try await signIns.session(token, at: now) else { return nil }
        cache.remember(session.officer, setUpOnly: session.setUpOnly, for: token, sessionExpires: session.expires, at: now)
        return (session.officer, session.setUpOnly)
    }

    func end(_ token: String) async throws {
        cache.forget(token)
        try await officers.endSession(token, at: now())
    }
}
