import HTTPTypes
import Hummingbird

/// Headers on every answer, errors included (it sits outside the error middlewares), and the refusal of paths that
/// carry control bytes (NUL, tabs, newlines, raw or percent-encoded): no route has them, and logs and proxies
/// mishandle them.
///
/// The Content-Security-Policy allows scripts, styles and everything else from this server only, no inline script and
/// no framing; the wall display may frame itself (a hall's kiosk browser may show it in a same-origin frame).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static func policy(frameAncestors: String) -> String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors \(frameAncestors)"
    }

    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let strict = policy(frameAncestors: "'none'")
    static let display = policy(frameAncestors: "'self'")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if Self.hasControlBytes(request.uri.path) {
            response = try APIError.controlCharacters.response(from: request, context: context)
        } else {
            do {
                response = try await next(request, context)
            } catch let error as any HTTPResponseError {
                // Rendered here rather than by Hummingbird, so refusals carry the headers too.
                response = try error.response(from: request, context: context)
            }
        }
        let isDisplay = request.uri.path == "/display"
        response.headers[.contentSecurityPolicy] = isDisplay ? Self.display : Self.strict
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.frameOptions] = isDisplay ? "SAMEORIGIN" : "DENY"
        response.headers[Self.referrerPolicy] = "same-origin"
        return response
    }

    /// Bytes below 0x20 or 0x7F, as they are or percent-encoded (`%00`, `%09`, `%0a`, `%7f`).
    static func hasControlBytes(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        for (index, byte) in bytes.enumerated() {
            if byte < 0x20 || byte == 0x7f { return true }
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let value = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16),
                value < 0x20 || value == 0x7f
            {
                return true
            }
        }
        return false
    }
}
