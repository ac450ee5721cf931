import ChuangkouCore
import Hummingbird
import Logging
import Mustache

/// Errors on HTML pages become an error page with the same status, in the page's language.
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let templates: MustacheLibrary
    let hall: Hall

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch {
            let language = Language.of(request)
            let apiError: APIError
            switch error {
            case let e as APIError: apiError = e
            case let e as QueueError: apiError = APIError(e)
            case is DecodingError: apiError = .badRequest("表单填写不完整, 请检查后重新提交", "The form is incomplete; check it and submit again")
            case let e as HTTPError where e.status == .notFound: apiError = .notFound
            case let e as HTTPError: apiError = APIError(e.status, "http", e.body ?? "请求有误", e.body ?? e.status.reasonPhrase)
            default:
                context.logger.error("page error", metadata: ["error": "\(String(reflecting: error))"])
                apiError = APIError(.internalServerError, "internal", "服务器内部错误 (请求号 \(context.id))", "Internal error (request \(context.id))")
            }
            let page = ErrorPage(
                frame: PageFrame(hall: hall, language: language, title: "\(apiError.status.code)", texts: [:]),
                status: apiError.status.code, message: language.pick(apiError.chinese, apiError.english))
            let html = templates.render(page, withTemplate: "error") ?? "\(apiError.status.code)"
            return Response(status: apiError.status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }
}
