import ChuangkouCore
import Hummingbird

/// The request context: who is signed in (from a bearer token or the console's session cookie) and the page language.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `OfficerAuthenticator` when the request carries a live session (a person's account, with its roles).
    public var officer: Officer?
    /// Set when the request carries a device token (kiosk, display, rating pad).
    public var device: Device?
    public var sessionToken: String?
    /// The session may only finish set-up (a first password, a second factor); the access table lets little else through.
    public var setUpOnly = false
    /// The credentials came in a cookie (a browser page), not an `Authorization` header: state changes need `csrfToken`.
    public var authenticatedByCookie = false
    /// The per-session token a cookie-authenticated state change must echo (header `X-CSRF-Token`, or a form's
    /// `csrf_token` field); nil for bearer tokens and visitors. Pages put it in `<meta name="csrf-token">`.
    public var csrfToken: String?
    /// The peer's IP address (not a forwarded header, which anyone can write): the public status query is rate-limited by it.
    public var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    /// Who the request comes from, for the audit and the access table: a person, a device, or nil for a visitor.
    public var principal: Principal? {
        if let officer { return .officer(officer) }
        if let device { return .device(device) }
        return nil
    }

    /// The signed-in person's roles (nil for devices and visitors).
    public var roles: Roles? { officer?.roles }

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

    /// The signed-in person holding `role`: 401 when nobody is signed in, 403 otherwise.
    func require(_ role: StaffRole) throws -> Officer {
        let officer = try requireOfficer()
        guard officer.roles.contains(role) else { throw APIError.forbidden }
        return officer
    }

    /// For admin pages: the administrator, nil when nobody is signed in (the page redirects to sign-in), a 403 otherwise.
    func adminIfSignedIn() throws -> Officer? {
        officer == nil ? nil : try requireAdmin()
    }

    /// For the system administrator's pages (roster, directory, wording): nil when nobody is signed in, else 403 for
    /// anyone without that role.
    func systemAdminIfSignedIn() throws -> Officer? {
        officer == nil ? nil : try require(.systemAdmin)
    }
}
