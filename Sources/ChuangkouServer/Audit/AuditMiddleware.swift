import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird
import Logging

/// Binds who is acting for the rest of the request (`AuditActor.current`, read by `AuditTrail.record` inside each
/// repository's transaction), and records the requests that were refused or failed.
///
/// A refused change never reaches the audit through its own transaction (that rolled back), so it is recorded here,
/// in a transaction of its own: every refused or failed request that would change something, and every 401, 403 and
/// 429 whatever the method (a refused read of personal data is a security event too). The action is the route
/// (`POST /api/v1/tickets/{id}/recall`), the object the path, the detail the error code; nothing from the body.
/// Sits after `OfficerAuthenticator`, which finds the officer.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: Database
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let actor = Self.actor(context)
        return try await actor.acting {
            do {
                let response = try await next(request, context)
                if Self.audits(request.method, response.status) {
                    await record(request, context, actor: actor, status: response.status, code: "http.\(response.status.code)")
                }
                return response
            } catch {
                var quiet = context
                quiet.logger.logLevel = .critical
                let mapped = APIError(mapping: error, context: quiet) { _ in .badRequest("", "") }
                if Self.audits(request.method, mapped.status) {
                    await record(request, context, actor: actor, status: mapped.status, code: mapped.code)
                }
                throw error
            }
        }
    }

    /// The acting party of a request: the signed-in officer, or the public at the peer's address.
    static func actor(_ context: Context) -> AuditActor {
        guard let officer = context.officer else { return AuditActor(id: "anonymous", role: "public", address: context.clientAddress) }
        return AuditActor(id: officer.badge.value, role: officer.role.rawValue, address: context.clientAddress)
    }

    static func audits(_ method: HTTPRequest.Method, _ status: HTTPResponse.Status) -> Bool {
        guard status.code >= 400 else { return false }
        if [401, 403, 429].contains(status.code) { return true }
        return method != .get && method != .head && method != .options
    }

    private func record(_ request: Request, _ context: Context, actor: AuditActor, status: HTTPResponse.Status, code: String) async {
        // The store already recorded this refusal with its own words (a failed sign-in names the badge tried).
        guard !actor.refusalRecorded else { return }
        let route = context.endpointPath ?? request.uri.path
        let entry = AuditEntry(
            "\(request.method.rawValue) \(String(route.prefix(200)))",
            String(request.uri.path.prefix(200)),
            outcome: status.code >= 500 ? .failed : .refused,
            detail: "\(status.code) \(code)"
        )
        do {
            try await database.recordRefusal(entry, at: now())
        } catch {
            context.logger.error("audit: refusal not recorded", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}
