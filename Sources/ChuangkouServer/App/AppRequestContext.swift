import ChuangkouCore
import Hummingbird

/// The request context: who is signed in (from a bearer token or the console's session cookie) and the page language.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `OfficerAuthenticator` when the request carries a live session.
    public var officer: Officer?
    public var sessionToken: String?
    /// The per-session token a cookie-authenticated state change must echo (header `X-CSRF-Token`, or a form's
    /// `csrf_token` field); nil for bearer tokens and visitors. Pages put it in `<meta name="csrf-token">`.
    public var csrfToken: String?
    /// The peer's IP address (not a forwarded header, which anyone can write): the public status query is rate-limited by it.
    public var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    /// The signed-in officer, or a 401.
    func requireOfficer() throws -> Officer {
        guard let officer else { throw APIError.unauthorized }
        return officer
    }

    /// The signed-in administrator: a 401 when nobody is signed in, a 403 for any other role.
    func requireAdmin() throws -> Officer {
        let officer = try requireOfficer()
        guard officer.role == .admin else { throw APIError.forbidden }
        return officer
    }

    /// For admin pages: the administrator, nil when nobody is signed in (the page redirects to sign-in), a 403 otherwise.
    func adminIfSignedIn() throws -> Officer? {
        officer == nil ? nil : try requireAdmin()
    }
}
