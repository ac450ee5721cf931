import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// Complaints: every code the API answers with for them, and the one mapping of `ComplaintError` and
/// `ComplaintRecordError`.
extension APIError {
    enum ComplaintCode: String, APIErrorCode {
        case textRequired = "complaint.text-required"
        case textTooLong = "complaint.text-too-long"
        case concerned = "complaint.concerned-officer"
        case recorder = "complaint.recorder-mismatch"
        case transferNumber = "complaint.transfer-number-required"
        case badWindow = "complaint.bad-window"
        case acknowledged = "complaint.already-acknowledged"
        case notInvestigating = "complaint.not-investigating"
        case notAnswered = "complaint.not-answered"
        case notHandler = "complaint.not-handler"
        case sameHandler = "complaint.same-handler"
        case closed = "complaint.closed"
        case extended = "complaint.already-extended"
        case extensionRange = "complaint.extension-out-of-range"
        case extensionReopened = "complaint.extension-after-reopening"
        case findingUnconcerned = "complaint.finding-against-unconcerned"
        case findingOfficer = "complaint.finding-needs-officer"
        case anonymous = "complaint.anonymous"
        case rated = "complaint.already-rated"
        case reopened = "complaint.reopened-already"
        case reopenDissatisfied = "complaint.reopen-needs-dissatisfaction"
        case unknown = "complaint.unknown"
        case unknownSubject = "complaint.unknown-subject"
        case unknownTicket = "complaint.unknown-ticket"
        case unknownCase = "complaint.unknown-case"
        case notAHandler = "complaint.not-a-handler"
        case queryNotFound = "complaint.query-not-found"
        case rateLimited = "complaint.rate-limited"
        case tooManyFiled = "complaint.too-many"
        case badContact = "complaint.bad-contact"
        case badRequest = "complaint.bad-request"
    }

    static let unknownComplaint = APIError(.notFound, ComplaintCode.unknown, "没有此投诉", "No such complaint")
    /// A wrong code and wrong digits get the same answer.
    static let complaintQueryNotFound = APIError(
        .notFound,
        ComplaintCode.queryNotFound,
        "查询码或手机号后四位不正确",
        "The query code or the phone's last four digits are wrong"
    )
    static let complaintRateLimited = APIError(
        .tooManyRequests,
        ComplaintCode.rateLimited,
        "查询失败次数过多，请15分钟后再试",
        "Too many failed queries; try again in 15 minutes"
    )
    static let tooManyComplaints = APIError(
        .tooManyRequests,
        ComplaintCode.tooManyFiled,
        "提交过于频繁，请稍后再试",
        "Too many complaints from this address; try again in a minute"
    )
    static let complaintBadContact = APIError(.unprocessableContent, ComplaintCode.badContact, "手机号码有误", "The mobile number is not valid")

    /// The window named is checked at the edge: Core takes a `WindowNumber` only.
    static let complaintBadWindow = APIError(.badRequest, ComplaintCode.badWindow, "窗口号应为1至999", "window is 1 to 999")

    static func complaintRequest(_ chinese: String, _ english: String) -> APIError {
        APIError(.badRequest, ComplaintCode.badRequest, chinese, english)
    }

    init(_ error: ComplaintError) {
        switch error {
        case .emptyText: self.init(.badRequest, ComplaintCode.textRequired, "请填写内容", "The text is required")
        case .textTooLong(let max): self.init(.badRequest, ComplaintCode.textTooLong, "内容不能超过\(max)字", "The text is longer than \(max) characters")
        case .concernedOfficer:
            self.init(
                .forbidden,
                ComplaintCode.concerned,
                "被投诉民警及同办该案件的民警不能登记、查看或办理该投诉",
                "An officer the complaint concerns may not record, see or handle it"
            )
        case .recorderMismatch:
            self.init(
                .badRequest,
                ComplaintCode.recorder,
                "大厅和电话投诉由工作人员登记，网上投诉不署登记人",
                "Hall and phone complaints are recorded by staff; the public form by nobody"
            )
        case .transferNumberRequired:
            self.init(
                .badRequest,
                ComplaintCode.transferNumber,
                "12389转办的投诉须填写转办单号（字母、数字、连字符，最多32位）",
                "A complaint transferred from 12389 needs its work-order number (letters, digits, dashes; up to 32)"
            )
        case .alreadyAcknowledged: self.init(.conflict, ComplaintCode.acknowledged, "该投诉已受理", "The complaint is acknowledged already")
        case .notInvestigating: self.init(.conflict, ComplaintCode.notInvestigating, "该投诉不在办理中", "The complaint is not being investigated")
        case .notAnswered: self.init(.conflict, ComplaintCode.notAnswered, "该投诉尚未答复", "The complaint has not been answered")
        case .notHandler: self.init(.forbidden, ComplaintCode.notHandler, "只有承办人可以办理", "Only the handler may do this")
        case .sameHandler: self.init(.conflict, ComplaintCode.sameHandler, "已由该民警承办", "That officer handles it already")
        case .closed: self.init(.conflict, ComplaintCode.closed, "该投诉已办结", "The complaint is closed")
        case .alreadyExtended: self.init(.conflict, ComplaintCode.extended, "办理期限只能延长一次", "The answer limit is extended once only")
        case .extensionOutOfRange(let max):
            self.init(.badRequest, ComplaintCode.extensionRange, "延长天数应为1至\(max)日", "An extension is 1 to \(max) days")
        case .extensionAfterReopening:
            self.init(.conflict, ComplaintCode.extensionReopened, "复查期限不能延长", "A review's limit is not extended")
        case .findingAgainstUnconcerned:
            self.init(
                .badRequest,
                ComplaintCode.findingUnconcerned,
                "查实情况只能针对被投诉的民警",
                "A finding is about an officer the complaint concerns"
            )
        case .findingNeedsOfficer:
            self.init(.badRequest, ComplaintCode.findingOfficer, "请注明查实情况针对的民警", "Name the officer the finding is about")
        case .anonymous: self.init(.conflict, ComplaintCode.anonymous, "匿名投诉无需评价", "An anonymous complaint is not rated")
        case .alreadyRated: self.init(.conflict, ComplaintCode.rated, "已评价过本次答复", "This answer is rated already")
        case .reopenedAlready: self.init(.conflict, ComplaintCode.reopened, "已申请过一次复查", "A review was asked for already")
        case .reopenNeedsDissatisfaction:
            self.init(
                .conflict,
                ComplaintCode.reopenDissatisfied,
                "对答复不满意时才可申请复查",
                "A review is asked for when not satisfied with the answer"
            )
        }
    }

    init(_ error: ComplaintRecordError) {
        switch error {
        case .unknown: self = .unknownComplaint
        case .unknownOfficer: self.init(.unprocessableContent, ComplaintCode.unknownSubject, "没有此警号的民警", "No officer has that badge")
        case .unknownWindow: self.init(.unprocessableContent, ComplaintCode.unknownSubject, "没有此窗口", "No such window")
        case .unknownBusiness: self.init(.unprocessableContent, ComplaintCode.unknownSubject, "没有此事项", "No such business")
        case .unknownTicket: self.init(.unprocessableContent, ComplaintCode.unknownTicket, "没有此号票", "No such ticket")
        case .unknownCase: self.init(.unprocessableContent, ComplaintCode.unknownCase, "没有此办件", "No such case")
        case .notAHandler:
            self.init(
                .unprocessableContent,
                ComplaintCode.notAHandler,
                "承办人应为督察或值班领导",
                "The handler is a supervisor or a duty leader"
            )
        }
    }
}
