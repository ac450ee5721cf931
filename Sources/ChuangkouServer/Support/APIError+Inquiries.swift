import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// Inquiries (首问负责): every code the API answers with for them, and the one mapping of `InquiryError` and
/// `InquiryRecordError`.
extension APIError {
    enum InquiryCode: String, APIErrorCode {
        case topicRequired = "inquiry.topic-required"
        case questionRequired = "inquiry.question-required"
        case answerRequired = "inquiry.answer-required"
        case textTooLong = "inquiry.text-too-long"
        case badWindow = "inquiry.bad-window"
        case badGuideVersion = "inquiry.bad-guide-version"
        case notOwner = "inquiry.not-owner"
        case closed = "inquiry.closed"
        case handoverPending = "inquiry.handover-pending"
        case noHandover = "inquiry.no-handover"
        case notRecipient = "inquiry.not-handover-recipient"
        case handoverToSelf = "inquiry.handover-to-self"
        case unknown = "inquiry.unknown"
        case unknownBusiness = "inquiry.unknown-business"
        case unknownWindow = "inquiry.unknown-window"
        case unknownColleague = "inquiry.unknown-colleague"
        case unknownBody = "inquiry.unknown-body"
        case unknownCase = "inquiry.unknown-case"
        case businessRequired = "inquiry.business-required"
        case badContact = "inquiry.bad-contact"
        case badRequest = "inquiry.bad-request"
        case bodyInvalid = "competent-body.invalid"
        case bodyUnknown = "competent-body.unknown"
    }

    static let unknownInquiry = APIError(.notFound, InquiryCode.unknown, "没有此咨询记录", "No such inquiry")
    static let unknownCompetentBody = APIError(.notFound, InquiryCode.bodyUnknown, "目录中没有此主管部门或已停用", "No such body in the directory")
    static let inquiryBadContact = APIError(
        .unprocessableContent,
        InquiryCode.badContact,
        "联系电话应为11位手机号码",
        "The contact is an 11-digit mobile number"
    )

    static func inquiryRequest(_ chinese: String, _ english: String) -> APIError {
        APIError(.badRequest, InquiryCode.badRequest, chinese, english)
    }

    init(_ error: InquiryRecordError) {
        switch error {
        case .unknown: self = .unknownInquiry
        case .unknownBusiness: self.init(.unprocessableContent, InquiryCode.unknownBusiness, "没有此办理事项", "No such business")
        case .unknownWindow: self.init(.unprocessableContent, InquiryCode.unknownWindow, "没有此窗口", "No such window")
        case .unknownColleague:
            self.init(
                .unprocessableContent,
                InquiryCode.unknownColleague,
                "转交对象应为本单位在岗的窗口、导办台民警或值班领导",
                "Hand over to an enabled window or desk officer or a duty leader of the unit"
            )
        case .unknownBody: self = .unknownCompetentBody
        case .unknownCase: self.init(.unprocessableContent, InquiryCode.unknownCase, "没有此办件", "No such case")
        case .businessRequired:
            self.init(.unprocessableContent, InquiryCode.businessRequired, "请选择取号的办理事项", "Name the business of the ticket")
        }
    }

    init(_ error: InquiryError) {
        switch error {
        case .topicRequired: self.init(.unprocessableContent, InquiryCode.topicRequired, "请选择事项或填写咨询主题", "Pick a business or name the topic")
        case .topicTooLong(let max), .questionTooLong(let max), .answerTooLong(let max), .noteTooLong(let max):
            self.init(.unprocessableContent, InquiryCode.textTooLong, "内容不能超过\(max)字", "The text is longer than \(max) characters")
        case .questionRequired: self.init(.unprocessableContent, InquiryCode.questionRequired, "请填写咨询内容", "Say what was asked")
        case .answerRequired: self.init(.unprocessableContent, InquiryCode.answerRequired, "请填写答复内容", "Say what was answered")
        case .badWindow: self.init(.unprocessableContent, InquiryCode.badWindow, "窗口号应为1至999", "window is 1 to 999")
        case .badGuideVersion: self.init(.unprocessableContent, InquiryCode.badGuideVersion, "办事指南版本有误", "No such guide version")
        case .notOwner:
            self.init(.forbidden, InquiryCode.notOwner, "只有首问（或已签收的）责任人可以办结或转交", "Only the inquiry's owner may close or hand it over")
        case .closed: self.init(.conflict, InquiryCode.closed, "该咨询已办结", "The inquiry is closed")
        case .handoverPending:
            self.init(.conflict, InquiryCode.handoverPending, "已转交待签收，请先撤回或等待签收", "A handover awaits its receipt: withdraw it or wait")
        case .noHandoverPending: self.init(.conflict, InquiryCode.noHandover, "没有待签收的转交", "No handover is waiting")
        case .notHandoverRecipient:
            self.init(.forbidden, InquiryCode.notRecipient, "只有被转交的民警可以签收或退回", "Only the colleague asked may accept or decline")
        case .handoverToSelf: self.init(.unprocessableContent, InquiryCode.handoverToSelf, "不能转交给自己", "An inquiry is not handed to oneself")
        case .bodyNameRequired: self.init(.unprocessableContent, InquiryCode.bodyInvalid, "请填写部门名称", "The body's name is required")
        case .bodyTextTooLong(let field, let max):
            self.init(.unprocessableContent, InquiryCode.bodyInvalid, "\(field)不能超过\(max)字", "\(field) is longer than \(max) characters")
        case .bodyHandlesRequired:
            self.init(.unprocessableContent, InquiryCode.bodyInvalid, "请填写该部门办理的事项", "Say what the body handles")
        case .badBodyPhone:
            self.init(.unprocessableContent, InquiryCode.bodyInvalid, "电话有误（5至20位数字，可含区号连字符）", "The phone is not valid (5 to 20 digits)")
        }
    }
}
