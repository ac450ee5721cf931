import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Finds who is calling: `Authorization: Bearer <token>` for API clients, the `ck_session` cookie for the console.
/// It never rejects; handlers that need an officer ask `context.requireOfficer()`.
struct OfficerAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "ck_session"
    let services: HallServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = Self.token(in: request) {
            context.officer = try await services.officer(forSession: token)
            context.sessionToken = context.officer == nil ? nil : token
        }
        return try await next(request, context)
    }

    static func token(in request: Request) -> String? {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            let token = header.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
            return token.isEmpty ? nil : token
        }
        return request.cookies[cookieName]?.value
    }
}
