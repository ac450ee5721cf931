import ChuangkouCore
import Hummingbird

/// The queue (businesses, tickets, windows): every code the API answers with for it, and the one mapping of
/// `QueueError` to a status, that code and its words.
extension APIError {
    enum QueueCode: String, APIErrorCode {
        case unknownBusiness = "business.unknown"
        case unknownTicket = "ticket.unknown"
        case unknownWindow = "window.unknown"
        case notAllowed = "ticket.not-allowed"
        case tooFewRecalls = "ticket.too-few-recalls"
        case reasonRequired = "ticket.reason-required"
        case sameBusiness = "ticket.same-business"
        case windowNotServing = "window.not-serving"
        case notSignedIn = "window.not-signed-in"
        case windowPaused = "window.paused"
        case windowClosed = "window.closed"
        case windowBusy = "window.busy"
        case windowTaken = "window.taken"
        case mayNotServe = "window.role"
        case greenChannelNotDeclared = "ticket.green-channel-not-declared"
        case greenChannelUnchecked = "ticket.green-channel-unchecked"
    }

    static func unknownBusiness(_ code: String) -> APIError {
        APIError(.notFound, QueueCode.unknownBusiness, "没有此事项: \(code)", "No such business: \(code)")
    }

    static let unknownTicket = APIError(.notFound, QueueCode.unknownTicket, "没有此号票", "No such ticket")

    /// A window number in a path that is not a number at all.
    static func unknownWindow(_ text: String) -> APIError {
        APIError(.notFound, QueueCode.unknownWindow, "没有此窗口: \(text)", "No such window: \(text)")
    }

    init(_ error: QueueError) {
        switch error {
        case .unknownBusiness(let code):
            self = .unknownBusiness(code)
        case .unknownTicket:
            self = .unknownTicket
        case .unknownWindow(let n):
            self.init(.notFound, QueueCode.unknownWindow, "没有\(n)号窗口", "No window \(n)")
        case .notAllowed(let action, let from):
            self.init(
                .conflict,
                QueueCode.notAllowed,
                "号票当前为「\(from.label)」, 不能\(action.label)",
                "Cannot \(action.rawValue) a ticket that is \(from.labelEnglish.lowercased())"
            )
        case .tooFewRecalls(let made, let required):
            self.init(
                .conflict,
                QueueCode.tooFewRecalls,
                "需重呼\(required)次后才能标记过号 (已重呼\(made)次)",
                "Recall \(required) times before marking a no-show (recalled \(made))"
            )
        case .windowNotServing(let window, let business):
            self.init(
                .conflict,
                QueueCode.windowNotServing,
                "\(window)号窗口不办理此事项 (\(business))",
                "Window \(window) does not serve \(business)"
            )
        case .notSignedIn(let window):
            self.init(.conflict, QueueCode.notSignedIn, "您未登录\(window)号窗口", "You are not signed in to window \(window)")
        case .windowPaused(let window):
            self.init(.conflict, QueueCode.windowPaused, "\(window)号窗口暂停服务中", "Window \(window) is paused")
        case .windowClosed(let window):
            self.init(.conflict, QueueCode.windowClosed, "\(window)号窗口未开放", "Window \(window) is closed")
        case .windowBusy(let window, let ticket):
            self.init(
                .conflict,
                QueueCode.windowBusy,
                "\(window)号窗口仍在办理\(ticket)号, 请先办结或过号",
                "Window \(window) still has ticket \(ticket); finish it first"
            )
        case .windowTaken(let window, let badge):
            self.init(.conflict, QueueCode.windowTaken, "\(window)号窗口已由警号\(badge)登录", "Window \(window) is held by badge \(badge)")
        case .officerMayNotServe:
            self.init(.forbidden, QueueCode.mayNotServe, "该账号不能在窗口办理业务", "This account cannot work at a window")
        case .outOfOrderNeedsReason:
            self.init(.badRequest, QueueCode.reasonRequired, "非顺序叫号必须填写理由", "Calling out of turn needs a reason")
        case .sameBusiness:
            self.init(.conflict, QueueCode.sameBusiness, "号票已属于该事项", "The ticket is already for that business")
        case .greenChannelNotDeclared:
            self.init(
                .conflict,
                QueueCode.greenChannelNotDeclared,
                "该号票没有待核实的自行申报绿色通道",
                "The ticket has no self-declared green channel waiting to be checked"
            )
        case .greenChannelUnchecked:
            self.init(
                .conflict,
                QueueCode.greenChannelUnchecked,
                "该号票的绿色通道为群众自行申报，请先核实（确认或不予认可）再办理",
                "The green channel was declared by the citizen: confirm or decline it before serving"
            )
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
        case .confirmGreenChannel: "确认绿色通道"
        case .declineGreenChannel: "不予认可绿色通道"
        case .handOver: "转交其他民警"
        }
    }
}
