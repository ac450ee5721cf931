import ChuangkouCore
import Hummingbird

/// Enforces `AccessTable` on every request, after `OfficerAuthenticator` has found who is calling: 401 for a visitor
/// where credentials are needed, 403 for a role or device the rule does not list, 403 `auth.set-up-first` for a
/// session that must first choose a password or enrol its second factor.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// Whether a visitor may take a ticket without a kiosk token (`chuangkou.tickets.anonymous`).
    let anonymousTickets: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let rule = AccessTable.rule(request.method, request.uri.path) else {
            // A known path asked with a method it does not take (TRACE included): 405 with the methods it does.
            let allowed = AccessTable.methods(for: request.uri.path)
            guard allowed.isEmpty else {
                var response = try APIError.methodNotAllowed.response(from: request, context: context)
                response.headers[.allow] = (allowed.contains(.get) ? allowed + [.head] : allowed).map(\.rawValue).joined(separator: ", ")
                return response
            }
            return try await next(request, context)
        }
        try check(rule, context)
        return try await next(request, context)
    }

    func check(_ rule: AccessRule, _ context: Context) throws {
        let open = rule.people.isEmpty && rule.devices.isEmpty && rule.visitors == .allowed
        if let officer = context.officer {
            if context.setUpOnly, !rule.duringSetUp, !open { throw APIError.setUpFirst }
            guard open || rule.allows(officer.roles) else { throw APIError.forbidden }
            return
        }
        if let device = context.device {
            let anonymousOK = rule.visitors == .whileAnonymousTicketsAllowed && anonymousTickets
            guard open || anonymousOK || rule.devices.contains(device.role) else { throw APIError.forbidden }
            return
        }
        switch rule.visitors {
        case .allowed: return
        case .whileAnonymousTicketsAllowed: if !anonymousTickets { throw APIError.kioskTokenRequired }
        case .refused: throw APIError.unauthorized
        }
    }
}
