import ChuangkouCore
import Hummingbird

/// The request context: who is signed in (from a bearer token or the console's session cookie) and the page language.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `OfficerAuthenticator` when the request carries a live session.
    public var officer: Officer?
    public var sessionToken: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// The signed-in officer, or a 401.
    func requireOfficer() throws -> Officer {
        guard let officer else { throw APIError.unauthorized }
        return officer
    }
}
