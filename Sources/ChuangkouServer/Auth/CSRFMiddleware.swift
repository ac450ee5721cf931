import Foundation
import HTTPTypes
import Hummingbird

/// Refuses cookie-authenticated state changes a foreign page could have sent (RULES §11; OWASP CSRF):
/// every POST/PUT/PATCH/DELETE carried by a cookie must echo the session's token (header `X-CSRF-Token`, or the form
/// field `csrf_token`), must not come from a foreign `Origin`, and, under `/api/`, must send JSON (or an image, for the
/// photo upload). Bearer-token clients are not affected: a foreign page cannot make a browser send their header.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let headerName = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.authenticatedByCookie, let expected = context.csrfToken, ![.get, .head, .options].contains(request.method) else {
            return try await next(request, context)
        }
        if let origin = request.headers[.origin], !Self.isSameOrigin(origin, host: request.head.authority) {
            throw APIError.foreignOrigin
        }
        let path = request.uri.path
        if path.hasPrefix("/api/") {
            let type = request.headers[.contentType]?.lowercased() ?? ""
            let photo = path.hasSuffix("/photo") && type.hasPrefix("image/")
            if !type.isEmpty, !type.hasPrefix("application/json"), !photo { throw APIError.jsonOnly }
        }
        if let header = request.headers[Self.headerName], Self.equal(header, expected) {
            return try await next(request, context)
        }
        var request = request
        let type = request.headers[.contentType]?.lowercased() ?? ""
        if type.hasPrefix("application/x-www-form-urlencoded") {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            let field = String(buffer: body).split(separator: "&").lazy.compactMap { pair -> String? in
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0] == "csrf_token" else { return nil }
                return String(parts[1]).removingPercentEncoding
            }.first
            if let field, Self.equal(field, expected) { return try await next(request, context) }
        }
        throw APIError.csrfMissing
    }

    /// `Origin: http://host:port` against the request's own host (the hall is reached under one name per request).
    static func isSameOrigin(_ origin: String, host: String?) -> Bool {
        guard let host, let url = URL(string: origin), let originHost = url.host else { return false }
        let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
        return originAuthority.lowercased() == host.lowercased()
    }

    /// Compares in time that does not depend on where the strings differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
