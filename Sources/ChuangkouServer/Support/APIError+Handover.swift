import ChuangkouCore
import Hummingbird

/// Handing a ticket to a colleague's window (另请一名民警): every code the API answers with for it, and the one
/// mapping of `TicketHandoverError`.
extension APIError {
    enum HandoverCode: String, APIErrorCode {
        case notYourTicket = "handover.not-your-ticket"
        case toSelf = "handover.to-self"
        case unknownColleague = "handover.unknown-colleague"
        case offDuty = "handover.colleague-off-duty"
        case onBreak = "handover.colleague-on-break"
        case notServing = "handover.colleague-not-serving"
        case busy = "handover.colleague-busy"
        case badRequest = "handover.bad-request"
    }

    static func handoverRequest(_ chinese: String, _ english: String) -> APIError {
        APIError(.badRequest, HandoverCode.badRequest, chinese, english)
    }

    init(_ error: TicketHandoverError) {
        switch error {
        case .notYourTicket:
            self.init(.conflict, HandoverCode.notYourTicket, "该号票不在您的窗口叫号或办理中", "The ticket is not called or served at your window")
        case .toSelf:
            self.init(.conflict, HandoverCode.toSelf, "不能转交给自己", "You cannot hand a ticket to yourself")
        case .unknownColleague:
            self.init(.notFound, HandoverCode.unknownColleague, "没有此民警", "No such officer")
        case .colleagueNotOnDuty(.onBreak):
            self.init(.conflict, HandoverCode.onBreak, "该民警暂离窗口，请另选一位", "That officer is on a break; choose another")
        case .colleagueNotOnDuty:
            self.init(.conflict, HandoverCode.offDuty, "该民警不在岗（未登录窗口）", "That officer is not at a window")
        case .colleagueNotServing(let window):
            self.init(.conflict, HandoverCode.notServing, "\(window)号窗口不办理此事项", "Window \(window) does not serve this business")
        case .colleagueBusy(let window, let ticket):
            self.init(
                .conflict,
                HandoverCode.busy,
                "\(window)号窗口正在办理\(ticket)号，请稍候或另选一位",
                "Window \(window) is serving ticket \(ticket); wait or choose another"
            )
        }
    }
}
