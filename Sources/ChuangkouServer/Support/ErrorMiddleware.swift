import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird
import Logging

/// Turns every error into the API's error body: known ones with their status and code, anything else into a
/// generic 500 that names the request id (the details go to the log, never to the client).
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as QueueError {
            throw APIError(error)
        } catch let error as DecodingError {
            throw APIError.badRequest("请求内容格式错误: \(Self.describe(error))", "Malformed request body: \(Self.describe(error))")
        } catch let error as HTTPError {
            switch error.status {
            case .notFound: throw APIError.notFound
            case .badRequest, .unsupportedMediaType, .contentTooLarge:
                throw APIError.badRequest("请求内容格式错误", "Malformed request: \(error.body ?? "bad request")")
            default:
                throw APIError(error.status, "http.\(error.status.code)", error.body ?? "请求失败", error.body ?? error.status.reasonPhrase)
            }
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            throw APIError(.internalServerError, "internal", "服务器内部错误 (请求号 \(context.id))", "Internal error (request \(context.id))")
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
