import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// Incident records and escalations: every code the API answers with for them, and the one mapping of
/// `IncidentError` and `IncidentRecordError` (no leader on duty is `duty.no-leader-on-duty`).
extension APIError {
    enum IncidentCode: String, APIErrorCode {
        case textRequired = "incident.text-required"
        case textTooLong = "incident.text-too-long"
        case badWindow = "incident.bad-window"
        case toSelf = "incident.escalated-to-self"
        case notTheLeader = "incident.not-the-leader"
        case taken = "incident.already-taken"
        case closed = "incident.closed"
        case unknown = "incident.unknown"
        case unknownTicket = "incident.unknown-ticket"
        case badRequest = "incident.bad-request"
    }

    static let unknownIncident = APIError(.notFound, IncidentCode.unknown, "没有此情况记录", "No such incident")

    static func incidentRequest(_ chinese: String, _ english: String) -> APIError {
        APIError(.badRequest, IncidentCode.badRequest, chinese, english)
    }

    init(_ error: IncidentRecordError) {
        switch error {
        case .unknown: self = .unknownIncident
        case .unknownTicket: self.init(.unprocessableContent, IncidentCode.unknownTicket, "没有此号票", "No such ticket")
        }
    }

    init(_ error: IncidentError) {
        switch error {
        case .askedRequired: self.init(.unprocessableContent, IncidentCode.textRequired, "请填写群众的诉求", "Say what was asked")
        case .answeredRequired: self.init(.unprocessableContent, IncidentCode.textRequired, "请填写民警的答复", "Say what was answered")
        case .outcomeRequired: self.init(.unprocessableContent, IncidentCode.textRequired, "请填写处理结果", "Say how it ended")
        case .textTooLong(let max):
            self.init(.unprocessableContent, IncidentCode.textTooLong, "内容不能超过\(max)字", "The text is longer than \(max) characters")
        case .badWindow: self.init(.unprocessableContent, IncidentCode.badWindow, "窗口号应为1至999", "window is 1 to 999")
        case .escalatedToSelf: self.init(.conflict, IncidentCode.toSelf, "您本人是当前值班领导", "You are the duty leader on duty")
        case .notTheLeader:
            self.init(
                .forbidden,
                IncidentCode.notTheLeader,
                "只有被请示的值班领导可以接手并记录处理结果",
                "Only the duty leader asked may take it and record the resolution"
            )
        case .alreadyTaken: self.init(.conflict, IncidentCode.taken, "已接手", "Taken over already")
        case .closed: self.init(.conflict, IncidentCode.closed, "该情况已处理完毕", "The incident is closed")
        }
    }
}

/// The administrators' suggested wording for a refusal.
extension APIError {
    enum WordingCode: String, APIErrorCode {
        case chineseRequired = "wording.chinese-required"
        case tooLong = "wording.too-long"
        case personalNumber = "wording.personal-number"
    }

    init(_ error: RefusalWordingError) {
        switch error {
        case .chineseRequired: self.init(.unprocessableContent, WordingCode.chineseRequired, "请填写中文用语", "Give the Chinese wording")
        case .tooLong(let max):
            self.init(.unprocessableContent, WordingCode.tooLong, "用语不能超过\(max)字", "The wording is longer than \(max) characters")
        case .personalNumber:
            self.init(
                .unprocessableContent,
                WordingCode.personalNumber,
                "用语中不能有身份证号或手机号",
                "The wording may not hold an ID or mobile number"
            )
        }
    }
}
