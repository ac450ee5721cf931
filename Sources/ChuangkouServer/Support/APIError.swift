import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// An error as the API reports it: a status, a stable code, and a message in Chinese and English.
///
/// Body: `{"error":{"code":"ticket.not-allowed","message":"…","messageEnglish":"…"}}`, where `message` carries both
/// languages ("中文 / English") for clients that show one string.
struct APIError: HTTPResponseError, Equatable {
    let status: HTTPResponse.Status
    let code: String
    let chinese: String
    let english: String
    /// Every problem found, when there is more than one thing to fix (a refused guide or holiday notice lists them all).
    var problems: [Problem] = []

    /// One problem of several, in both languages; for a document, also where it is (path, and line when known).
    struct Problem: Encodable, Equatable {
        let message: String
        let messageChinese: String
        let messageEnglish: String
        let path: String?
        let rule: String?
        let line: Int?

        init(_ chinese: String, _ english: String, path: String? = nil, rule: String? = nil, line: Int? = nil) {
            message = "\(chinese) / \(english)"
            messageChinese = chinese
            messageEnglish = english
            self.path = path
            self.rule = rule
            self.line = line
        }
    }

    init(_ status: HTTPResponse.Status, _ code: String, _ chinese: String, _ english: String, problems: [Problem] = []) {
        self.status = status
        self.code = code
        self.chinese = chinese
        self.english = english
        self.problems = problems
    }

    static let unauthorized = APIError(.unauthorized, "auth.required", "请先登录", "Sign in first")
    static let badCredentials = APIError(.unauthorized, "auth.bad-credentials", "警号或密码错误", "Wrong badge number or password")
    static let forbidden = APIError(.forbidden, "auth.forbidden", "无权进行此操作", "Not allowed for your role")
    static let notFound = APIError(.notFound, "not-found", "未找到", "Not found")

    static func badRequest(_ chinese: String, _ english: String) -> APIError {
        APIError(.badRequest, "request.malformed", chinese, english)
    }

    static func locked(until: Date) -> APIError {
        APIError(.forbidden, "auth.locked", "登录失败次数过多, 账号已锁定, 请稍后再试", "Too many failed sign-ins; the account is locked for a while")
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
            let messageChinese: String
            let messageEnglish: String
            /// Left out when empty.
            let problems: [Problem]?
        }
        let error: Detail
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(
            error: .init(
                code: code,
                message: "\(chinese) / \(english)",
                messageChinese: chinese,
                messageEnglish: english,
                problems: problems.isEmpty ? nil : problems
            )
        )
        let data = try JSONEncoder().encode(body)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

extension APIError {
    /// The one place where the queue's refusals get their status and code.
    init(_ error: QueueError) {
        switch error {
        case .unknownBusiness(let code):
            self.init(.notFound, "business.unknown", "没有此事项: \(code)", "No such business: \(code)")
        case .unknownTicket:
            self.init(.notFound, "ticket.unknown", "没有此号票", "No such ticket")
        case .unknownWindow(let n):
            self.init(.notFound, "window.unknown", "没有\(n)号窗口", "No window \(n)")
        case .notAllowed(let action, let from):
            self.init(
                .conflict,
                "ticket.not-allowed",
                "号票当前为「\(from.label)」, 不能\(action.label)",
                "Cannot \(action.rawValue) a ticket that is \(from.labelEnglish.lowercased())"
            )
        case .tooFewRecalls(let made, let required):
            self.init(
                .conflict,
                "ticket.too-few-recalls",
                "需重呼\(required)次后才能标记过号 (已重呼\(made)次)",
                "Recall \(required) times before marking a no-show (recalled \(made))"
            )
        case .windowNotServing(let window, let business):
            self.init(.conflict, "window.not-serving", "\(window)号窗口不办理此事项 (\(business))", "Window \(window) does not serve \(business)")
        case .notSignedIn(let window):
            self.init(.conflict, "window.not-signed-in", "您未登录\(window)号窗口", "You are not signed in to window \(window)")
        case .windowPaused(let window):
            self.init(.conflict, "window.paused", "\(window)号窗口暂停服务中", "Window \(window) is paused")
        case .windowClosed(let window):
            self.init(.conflict, "window.closed", "\(window)号窗口未开放", "Window \(window) is closed")
        case .windowBusy(let window, let ticket):
            self.init(.conflict, "window.busy", "\(window)号窗口仍在办理\(ticket)号, 请先办结或过号", "Window \(window) still has ticket \(ticket); finish it first")
        case .windowTaken(let window, let badge):
            self.init(.conflict, "window.taken", "\(window)号窗口已由警号\(badge)登录", "Window \(window) is held by badge \(badge)")
        case .officerMayNotServe:
            self.init(.forbidden, "window.role", "该账号不能在窗口办理业务", "This account cannot work at a window")
        case .outOfOrderNeedsReason:
            self.init(.badRequest, "ticket.reason-required", "非顺序叫号必须填写理由", "Calling out of turn needs a reason")
        case .sameBusiness:
            self.init(.conflict, "ticket.same-business", "号票已属于该事项", "The ticket is already for that business")
        }
    }
}

extension APIError {
    /// The one mapping from anything a handler throws to what the client is told, for JSON and HTML alike.
    /// Errors we do not know become a generic 500 that names the request id; their details go to the log only.
    init(mapping error: any Error, context: AppRequestContext, decoding: (DecodingError) -> APIError) {
        switch error {
        case let e as APIError: self = e
        case let e as QueueError: self.init(e)
        case let e as GuideRejected: self.init(rejectedGuide: e.problems.map { ($0, nil) })
        case let e as CatalogError: self.init(rejectedGuide: e.problems.map { ($0.problem, $0.line) })
        case let e as CalendarError: self.init(e)
        case let e as NoticeRejected: self.init(e)
        case let e as DeadlineError: self.init(e)
        case let e as DeadlineRecordError: self.init(e)
        case let e as IntakeError: self.init(e)
        case let e as NoticeError: self.init(e)
        case let e as CaseError: self.init(e)
        case let e as AccountRepository.Problem: self.init(e)
        case let e as DeviceRepository.Problem: self.init(e)
        case let e as DecodingError: self = decoding(e)
        case is NIOTooManyBytesError: self = .tooLarge
        case let e as HTTPError:
            switch e.status {
            case .notFound: self = .notFound
            case .contentTooLarge: self = .tooLarge
            case .badRequest, .unsupportedMediaType:
                self = .badRequest("请求内容格式错误", "Malformed request: \(e.body ?? "bad request")")
            default: self.init(e.status, "http.\(e.status.code)", e.body ?? "请求有误", e.body ?? e.status.reasonPhrase)
            }
        default:
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            self.init(.internalServerError, "internal", "服务器内部错误 (请求号 \(context.id))", "Internal error (request \(context.id))")
        }
    }
}

extension TicketAction {
    var label: String {
        switch self {
        case .call: "叫号"
        case .recall: "重呼"
        case .start: "开始办理"
        case .finish: "办结"
        case .noShow: "标记过号"
        case .cancel: "取消"
        case .transfer: "转移"
        }
    }
}

extension APIError {
    /// A guide that may not be published: 422 with every problem, each located where possible.
    init(rejectedGuide problems: [(GuideProblem, Int?)]) {
        self.init(
            .unprocessableContent,
            "guide.invalid",
            "办事指南有\(problems.count)处问题, 未发布",
            "The guide has \(problems.count) problem(s) and was not published",
            problems: problems.map { problem, line in
                Problem(problem.messageChinese, problem.messageEnglish, path: problem.path, rule: problem.rule.rawValue, line: line)
            }
        )
    }
}
