import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Sign-in with badge number (警号), password and, where enrolled, a TOTP code; returns a bearer token.
///
/// Every attempt is counted against its (badge, source address) pair before the password is checked
/// (`SignInRepository.claim`): repeated failures delay that pair with growing waits, never the officer everywhere
/// (RULES §11). Unknown badges, disabled accounts and wrong passwords take the same path, a bcrypt check included.
struct AuthController {
    let accounts: AccountRepository
    let signIns: SignInRepository
    let sessions: Sessions
    let throttle: LoginThrottle
    let sessionLifetime: Duration
    let now: @Sendable () -> Date
    let hasher: PasswordHasher
    /// A hash of a random password at the configured cost, checked against when the badge is unknown, so an unknown
    /// badge costs what a known one does.
    let decoyHash: String

    struct Credentials: Decodable {
        let badge: String
        let password: String
        /// The authenticator's six digits, for accounts with a second factor.
        let code: String?
    }

    struct TokenResponse: ResponseEncodable {
        let token: String
        let officer: OfficerResponse
        /// True when the session may only set a new password or enrol the second factor (`/api/v1/account/…`).
        let setUpRequired: Bool
    }

    /// A successful sign-in.
    struct SignedIn {
        let token: String
        let officer: Officer
        let setUpOnly: Bool
    }

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.post("token") { request, context in
            let credentials = try await request.decode(as: Credentials.self, context: context)
            let done = try await signIn(
                badge: credentials.badge,
                password: credentials.password,
                code: credentials.code,
                from: context.clientAddress
            )
            return TokenResponse(token: done.token, officer: OfficerResponse(done.officer), setUpRequired: done.setUpOnly)
        }
        routes.post("sign-out") { _, context -> HTTPResponse.Status in
            if let token = context.sessionToken { try await sessions.end(token) }
            return .noContent
        }
        return routes
    }

    func signIn(badge text: String, password: String, code: String?, from source: String) async throws -> SignedIn {
        let now = now()
        do {
            return try await checkedSignIn(badge: text, password: password, code: code, from: source, at: now)
        } catch let error as APIError {
            // Every refused sign-in is audited under the badge tried, in the store's words (not again by the middleware).
            try await signIns.recordRefusal(badge: text, code: error.code, at: now)
            throw error
        }
    }

    private func checkedSignIn(badge text: String, password: String, code: String?, from source: String, at now: Date) async throws -> SignedIn {
        if case .blocked(let until) = try await signIns.claim(badge: text, source: source, throttle: throttle, at: now) {
            throw APIError.throttled(until: Date(timeIntervalSince1970: TimeInterval(until)))
        }
        let record = try await Badge(text).asyncFlatMap { try await accounts.signInRecord($0) }
        // Always one bcrypt check, whatever the badge: the answer's time says nothing about which badges exist.
        let matches = try await hasher.verify(String(password.prefix(128)), hash: record?.passwordHash ?? decoyHash)
        guard let record, matches, !record.account.disabled else { throw APIError.badCredentials }
        let account = record.account
        if account.hasSecondFactor {
            guard let code, !code.isEmpty else { throw APIError.secondFactorRequired }
            guard let secret = record.totpSecret.flatMap(Base32.decode), let step = TOTP(secret: secret).matchingStep(code, at: now),
                try await accounts.acceptSecondFactor(account.officer.badge, step: step)
            else { throw APIError.secondFactorWrong }
        }
        try await signIns.clear(badge: text, source: source)
        let token = try await signIns.startSession(
            account.officer.badge,
            setUpOnly: account.needsSetUp,
            at: now,
            lifetime: sessionLifetime
        )
        return SignedIn(token: token, officer: account.officer, setUpOnly: account.needsSetUp)
    }
}

extension Optional {
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

/// An officer as the public and the API see them (四公开: name, 警号, post).
struct OfficerResponse: Codable, Equatable {
    let badge: String
    let name: String
    /// The older, coarse role (`officer`, `dutyLeader`, `admin`); `roles` is the full list.
    let role: String
    let roles: [String]
    let post: String
    /// Where the officer's public photo is, when there is one.
    let photo: String?

    init(_ officer: Officer, hasPhoto: Bool = false) {
        badge = officer.badge.value
        name = officer.name
        role = officer.role.rawValue
        roles = officer.roles.sorted.map(\.rawValue)
        post = officer.post
        photo = hasPhoto ? "/api/v1/officers/\(officer.badge.value)/photo" : nil
    }
}
