import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Sign-in with badge number (警号) and password; returns a bearer token. Repeated failures lock the account (RULES §11).
struct AuthController {
    let services: HallServices
    let hasher: PasswordHasher

    struct Credentials: Decodable {
        let badge: String
        let password: String
    }

    struct TokenResponse: ResponseEncodable {
        let token: String
        let officer: OfficerResponse
    }

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.post("token") { request, context in
            let credentials = try await request.decode(as: Credentials.self, context: context)
            let (token, officer) = try await signIn(badge: credentials.badge, password: credentials.password)
            return TokenResponse(token: token, officer: OfficerResponse(officer))
        }
        routes.post("sign-out") { _, context -> HTTPResponse.Status in
            if let token = context.sessionToken { try await services.endSession(token) }
            return .noContent
        }
        return routes
    }

    /// Checks the password and starts a session. Unknown badges and wrong passwords get the same answer.
    func signIn(badge text: String, password: String) async throws -> (String, Officer) {
        guard let badge = Badge(text), let account = try await services.officers.credentials(badge) else {
            throw APIError.badCredentials
        }
        let now = services.now()
        if let until = account.lockedUntil, until > now { throw APIError.locked(until: until) }
        guard try await hasher.verify(password, hash: account.passwordHash) else {
            try await services.officers.recordFailedLogin(
                badge,
                at: now,
                limit: services.settings.failedLoginLimit,
                lockout: services.settings.lockout
            )
            throw APIError.badCredentials
        }
        let token = try await services.officers.startSession(badge, at: now, lifetime: services.settings.sessionLifetime)
        return (token, account.officer)
    }
}

/// An officer as the public and the API see them (四公开: name, 警号, post).
struct OfficerResponse: Codable, Equatable {
    let badge: String
    let name: String
    let role: String
    let post: String
    /// Where the officer's public photo is, when there is one.
    let photo: String?

    init(_ officer: Officer, hasPhoto: Bool = false) {
        badge = officer.badge.value
        name = officer.name
        role = officer.role.rawValue
        post = officer.post
        photo = hasPhoto ? "/api/v1/officers/\(officer.badge.value)/photo" : nil
    }
}
