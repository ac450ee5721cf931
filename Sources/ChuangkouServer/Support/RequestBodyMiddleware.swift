import Foundation
import Hummingbird

/// Reads every request body up front, bounded in size and in time: over `maxBytes` answers 413 with the error body,
/// a body that does not arrive within `deadline` (a trickling client, a `Content-Length` larger than what is sent)
/// answers 408 and the connection is not kept. Handlers then read the collected body from memory.
struct RequestBodyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let maxBytes: Int
    let deadline: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method) else { return try await next(request, context) }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes { throw APIError.tooLarge }
        var request = request
        let limit = maxBytes
        if Self.declaresNoBody(request) {
            // Nothing can trickle: the parser ends the body at the head. No timer (a child task and a dispatch timer per
            // request were ≈ 3 % of the server's CPU in the lifecycle benchmark, where three requests of four are such).
            request.body = .init(buffer: try await request.body.collect(upTo: limit))
            return try await next(request, context)
        }
        let deadline = deadline
        let body = request.body
        let collected = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(for: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else { throw APIError.requestTimeout }
            return buffer
        }
        request.body = .init(buffer: collected)
        return try await next(request, context)
    }

    /// An HTTP/1.1 request without `Transfer-Encoding` and with no or a zero `Content-Length` has no body (RFC 9112 §6.3).
    static func declaresNoBody(_ request: Request) -> Bool {
        guard request.headers[.transferEncoding] == nil else { return false }
        guard let length = request.headers[.contentLength] else { return true }
        return length == "0"
    }
}
