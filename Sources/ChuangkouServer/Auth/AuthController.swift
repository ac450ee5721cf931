import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Sign-in with badge number (警号) and password over JSON; returns a bearer token (see `Sessions`).
struct AuthController {
    let sessions: Sessions

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
            let (token, officer) = try await sessions.signIn(badge: credentials.badge, password: credentials.password)
            return TokenResponse(token: token, officer: OfficerResponse(officer))
        }
        routes.post("sign-out") { _, context -> HTTPResponse.Status in
            if let token = context.sessionToken { try await sessions.end(token) }
            return .noContent
        }
        return routes
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
