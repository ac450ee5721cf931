import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Finds who is calling: `Authorization: Bearer <token>` for API clients (a session token, or a device token
/// `dev_…`), the `ck_session` cookie for the pages, the `ck_device` cookie for a kiosk or display browser.
/// It never rejects; `AccessMiddleware` and the handlers decide.
struct OfficerAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "ck_session"
    static let deviceCookieName = "ck_device"
    let devices: DeviceRepository
    let sessions: Sessions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let (token, fromCookie) = try await credentials(for: request) {
            if token.hasPrefix("dev_") {
                context.device = try await devices.device(forToken: token)
            } else if let session = try await sessions.session(token) {
                context.officer = session.officer
                context.setUpOnly = session.setUpOnly
                context.sessionToken = token
            }
            if context.principal != nil, fromCookie {
                context.authenticatedByCookie = true
                context.csrfToken = SessionSecrets.csrfToken(for: token)
            }
        }
        return try await next(request, context)
    }

    /// The credentials this request is judged by: `credentials(in:)`, except on the rating pad's routes.
    ///
    /// A staff session signed in on the pad's own browser (the administrator who paired it, say) is not the pad: on
    /// the pad's page and its ticket question only the device cookie counts, so the page neither falls back to the
    /// pairing form nor acts as that person; and the rating the pad posts is the pad's when that browser holds a live
    /// rating pad's cookie (its page's CSRF token is the pad's, and staff never rate). Elsewhere the session wins.
    func credentials(for request: Request) async throws -> (token: String, fromCookie: Bool)? {
        let bearer = request.headers[.authorization]?.hasPrefix("Bearer ") == true
        guard !bearer, let route = Self.padRoute(request) else { return Self.credentials(in: request) }
        let cookie = request.cookies[Self.deviceCookieName]?.value ?? ""
        switch route {
        case .padOnly:
            return cookie.isEmpty ? nil : (cookie, true)
        case .padFirst:
            if !cookie.isEmpty, cookie.hasPrefix("dev_"), try await devices.device(forToken: cookie)?.role == .ratingPad { return (cookie, true) }
            return Self.credentials(in: request)
        }
    }

    enum PadRoute { case padOnly, padFirst }

    /// `/windows/{n}/rate` and `GET /api/v1/windows/{n}/rating-ticket` answer the pad's cookie only; the rating POST
    /// (`/api/v1/tickets/{id}/rating`) takes a rating pad's cookie before a session's.
    static func padRoute(_ request: Request) -> PadRoute? {
        let parts = request.uri.path.split(separator: "/")
        if parts.count == 3, parts[0] == "windows", parts[2] == "rate" { return .padOnly }
        if parts.count == 5, parts[0] == "api", parts[1] == "v1", parts[2] == "windows", parts[4] == "rating-ticket" { return .padOnly }
        if request.method == .post, parts.count == 5, parts[0] == "api", parts[1] == "v1", parts[2] == "tickets", parts[4] == "rating" {
            return .padFirst
        }
        return nil
    }

    /// The bearer token when there is one; otherwise the session cookie, then the device cookie.
    static func credentials(in request: Request) -> (token: String, fromCookie: Bool)? {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            // Trimmed by hand: Foundation's trimmingCharacters cost ≈ 2 % of the server's CPU under load.
            var token = header.dropFirst("Bearer ".count)
            while let first = token.first, first == " " || first == "\t" { token.removeFirst() }
            while let last = token.last, last == " " || last == "\t" { token.removeLast() }
            return token.isEmpty ? nil : (String(token), false)
        }
        if let cookie = request.cookies[cookieName]?.value, !cookie.isEmpty { return (cookie, true) }
        if let cookie = request.cookies[deviceCookieName]?.value, !cookie.isEmpty { return (cookie, true) }
        return nil
    }

    static func token(in request: Request) -> String? { credentials(in: request)?.token }
}
