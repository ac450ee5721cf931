import ChuangkouCore
import Hummingbird
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
            let apiError = APIError(mapping: error, context: context) { _ in
                .badRequest("表单填写不完整, 请检查后重新提交", "The form is incomplete; check it and submit again")
            }
            let page = ErrorPage(
                frame: PageFrame(
                    hall: hall,
                    language: language,
                    title: "\(apiError.status.code)",
                    texts: [:],
                    query: request.uri.queryParameters.map { (String($0.key), String($0.value)) },
                    csrfToken: context.csrfToken
                ),
                status: apiError.status.code,
                message: language.pick(apiError.chinese, apiError.english),
                path: request.uri.path
            )
            let html = templates.render(page, withTemplate: "error") ?? "\(apiError.status.code)"
            return Response(
                status: apiError.status,
                headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: html))
            )
        }
    }
}
