import Foundation
import Hummingbird

/// Turns every error under /api/ into the API's JSON error body (see `APIError(mapping:context:decoding:)`).
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch {
            throw APIError(mapping: error, context: context) { decoding in
                APIError.badRequest("请求内容格式错误: \(Self.describe(decoding))", "Malformed request body: \(Self.describe(decoding))")
            }
        }
    }

    /// A short, safe description of what was wrong with a JSON body: the field and the problem, no values.
    static func describe(_ error: DecodingError) -> String {
        func path(_ c: [any CodingKey]) -> String { c.map(\.stringValue).joined(separator: ".") }
        switch error {
        case .keyNotFound(let key, let ctx): return "missing \(path(ctx.codingPath + [key]))"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "wrong type at \(path(ctx.codingPath))"
        case .dataCorrupted(let ctx): return ctx.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(path(ctx.codingPath))"
        @unknown default: return "invalid"
        }
    }
}
