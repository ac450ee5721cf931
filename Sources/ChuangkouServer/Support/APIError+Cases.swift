import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// Cases (intake, the one-time notice, approval, documents, the status query): every code the API answers with for
/// them, and the one mapping of `IntakeError`, `NoticeError`, `CaseError` and `CaseStoreError` to a status and that
/// code. The rules' words are Core's; only the store's lookups are worded here.
extension APIError {
    enum CaseCode: String, APIErrorCode {
        case unknown = "case.unknown"
        case notHolder = "case.not-holder"
        case readReasonRequired = "case.read-reason-required"
        case reviewByAccepter = "case.review-by-accepter"
        case decisionByOther = "case.decision-by-other"
        case unknownDocument = "document.unknown"
        case businessRequired = "case.business-required"
        case applicantInvalid = "applicant.invalid"
        case invalidFields = "case.invalid-fields"
        case ticketNotAtWindow = "case.ticket-not-at-window"
        case ticketHasCase = "case.ticket-has-case"
        case wrongStage = "case.wrong-stage"
        case role = "case.role"
        case unknownState = "case.unknown-state"
        case stepOutOfOrder = "case.step-out-of-order"
        case unknownStep = "case.unknown-step"
        case stepNeedsLeader = "case.step-needs-leader"
        case opinionRequired = "case.opinion-required"
        case stepsPending = "case.steps-pending"
        case againstApproval = "case.against-approval"
        case reasonRequired = "case.reason-required"
        case supplementDueTooLate = "case.supplement-due-too-late"
        case supplementDueInPast = "case.supplement-due-in-past"
        case notExpected = "case.not-expected"
        case deliveryIncomplete = "case.delivery-incomplete"
        case deferredOutstanding = "case.deferred-outstanding"
        // Intake (`IntakeError`).
        case blankName = "case.blank-name"
        case unknownMaterial = "case.unknown-material"
        case notDeferrable = "case.not-deferrable"
        case essentialAlwaysApplies = "case.essential-always-applies"
        case blankNotApplicableReason = "case.blank-not-applicable-reason"
        case negativeCount = "case.negative-count"
        case blankDefect = "case.blank-defect"
        case materialsUnchecked = "case.materials-unchecked"
        case authorisationNotSeen = "case.authorisation-not-seen"
        case checklistFromAnotherGuide = "case.checklist-from-another-guide"
        // The one-time notice (`NoticeError`).
        case notOnNotice = "case.not-on-notice"
        case noticeAlreadyIssued = "notice.already-issued"
        case noNotice = "notice.no-notice"
        case noticeNoItems = "notice.no-items"
        case noticeDuplicateItem = "notice.duplicate-item"
        case alreadyOnNotice = "notice.already-on-notice"
        case correctionNeedsDutyLeader = "notice.correction-needs-duty-leader"
        case noticeSelfApproval = "notice.self-approval"
        case officerMayNotIssue = "notice.officer-may-not-issue"
        case noticeBlankReason = "notice.blank-reason"
        case noticeBeforeReceipt = "notice.before-receipt"
        case noticeBeforeNotice = "notice.before-notice"
        case noticeDeadlinePassed = "notice.deadline-passed"
        case noticeIntakeDecided = "notice.intake-decided"
        case noticeAlreadyDecided = "notice.already-decided"
        // The public status query.
        case statusNotFound = "status.not-found"
        case statusRateLimited = "status.rate-limited"
    }

    static let caseBusinessRequired = APIError(.badRequest, CaseCode.businessRequired, "请选择事项或号票", "Give a business or a ticket")
    static let statusNotFound = APIError(
        .notFound,
        CaseCode.statusNotFound,
        "查询码或手机号后四位不正确",
        "Wrong query code or phone digits"
    )
    static let statusRateLimited = APIError(
        .tooManyRequests,
        CaseCode.statusRateLimited,
        "查询失败次数过多，请15分钟后再试",
        "Too many failed queries; try again later"
    )

    static func applicantInvalid(_ chinese: String, _ english: String, problems: [Problem] = []) -> APIError {
        APIError(.unprocessableContent, CaseCode.applicantInvalid, chinese, english, problems: problems)
    }

    static let unknownMaterialState = APIError(
        .unprocessableContent,
        CaseCode.unknownState,
        "材料状态应为 provided、missing、defective、deferred、notApplicable 或 unchecked",
        "state is provided, missing, defective, deferred, notApplicable or unchecked"
    )

    static let unknownDeliveryMethod = APIError(
        .unprocessableContent,
        CaseCode.deliveryIncomplete,
        "送达方式应为 pickup、mail 或 proxy",
        "method is pickup, mail or proxy"
    )

    init(_ error: IntakeError) {
        let code: CaseCode
        switch error {
        case .blankName: code = .blankName
        case .unknownMaterial: code = .unknownMaterial
        case .notDeferrable: code = .notDeferrable
        case .essentialAlwaysApplies: code = .essentialAlwaysApplies
        case .blankNotApplicableReason: code = .blankNotApplicableReason
        case .negativeCount: code = .negativeCount
        case .blankDefect: code = .blankDefect
        case .materialsUnchecked: code = .materialsUnchecked
        case .authorisationNotSeen: code = .authorisationNotSeen
        case .checklistFromAnotherGuide: code = .checklistFromAnotherGuide
        }
        switch error {
        case .materialsUnchecked, .checklistFromAnotherGuide, .authorisationNotSeen:
            self.init(.conflict, code, error.chinese, error.english)
        default:
            self.init(.unprocessableContent, code, error.chinese, error.english)
        }
    }

    init(_ error: NoticeError) {
        let status: HTTPResponse.Status
        let code: CaseCode
        switch error {
        case .notOnNotice: (status, code) = (.conflict, .notOnNotice)
        case .correctionNeedsDutyLeader: (status, code) = (.forbidden, .correctionNeedsDutyLeader)
        case .selfApproval: (status, code) = (.forbidden, .noticeSelfApproval)
        case .officerMayNotIssue: (status, code) = (.forbidden, .officerMayNotIssue)
        case .blankReason: (status, code) = (.unprocessableContent, .noticeBlankReason)
        case .noItems: (status, code) = (.unprocessableContent, .noticeNoItems)
        case .duplicateItem: (status, code) = (.unprocessableContent, .noticeDuplicateItem)
        case .alreadyIssued: (status, code) = (.conflict, .noticeAlreadyIssued)
        case .noNotice: (status, code) = (.conflict, .noNotice)
        case .alreadyOnNotice: (status, code) = (.conflict, .alreadyOnNotice)
        case .beforeReceipt: (status, code) = (.conflict, .noticeBeforeReceipt)
        case .beforeNotice: (status, code) = (.conflict, .noticeBeforeNotice)
        case .deadlinePassed: (status, code) = (.conflict, .noticeDeadlinePassed)
        case .intakeDecided: (status, code) = (.conflict, .noticeIntakeDecided)
        case .alreadyDecided: (status, code) = (.conflict, .noticeAlreadyDecided)
        }
        self.init(status, code, error.chinese, error.english)
    }

    init(_ error: CaseError) {
        let status: HTTPResponse.Status
        let code: CaseCode
        var problems: [Problem] = []
        switch error {
        case .wrongStage: (status, code) = (.conflict, .wrongStage)
        case .officerMayNotHandle: (status, code) = (.forbidden, .role)
        case .fieldsInvalid(let list):
            (status, code) = (.unprocessableContent, .invalidFields)
            problems = list.map { Problem($0, $0, path: "fields") }
        case .ticketNotAtWindow: (status, code) = (.conflict, .ticketNotAtWindow)
        case .stepOutOfOrder: (status, code) = (.conflict, .stepOutOfOrder)
        case .unknownStep: (status, code) = (.notFound, .unknownStep)
        case .stepNeedsLeader: (status, code) = (.forbidden, .stepNeedsLeader)
        case .blankOpinion: (status, code) = (.unprocessableContent, .opinionRequired)
        case .stepsPending: (status, code) = (.conflict, .stepsPending)
        case .decisionAgainstApproval: (status, code) = (.conflict, .againstApproval)
        case .notHolder: (status, code) = (.forbidden, .notHolder)
        case .readReasonRequired: (status, code) = (.forbidden, .readReasonRequired)
        case .reviewByAccepter: (status, code) = (.forbidden, .reviewByAccepter)
        case .decisionByOther: (status, code) = (.forbidden, .decisionByOther)
        case .reasonRequired: (status, code) = (.unprocessableContent, .reasonRequired)
        case .supplementDueTooLate: (status, code) = (.unprocessableContent, .supplementDueTooLate)
        case .supplementDueInPast: (status, code) = (.unprocessableContent, .supplementDueInPast)
        case .notExpected: (status, code) = (.conflict, .notExpected)
        case .deliveryIncomplete: (status, code) = (.unprocessableContent, .deliveryIncomplete)
        case .deferredOutstanding: (status, code) = (.conflict, .deferredOutstanding)
        }
        self.init(status, code, error.chinese, error.english, problems: problems)
    }

    init(_ error: CaseStoreError) {
        switch error {
        case .unknownCase: self.init(.notFound, CaseCode.unknown, "没有此办件", "No such case")
        case .unknownDocument: self.init(.notFound, CaseCode.unknownDocument, "没有此文书", "No such document")
        case .unknownTicket: self = .unknownTicket
        case .unknownBusiness(let code): self = .unknownBusiness(code)
        case .noGuide(let code): self = .noGuide(code)
        case .ticketHasCase: self.init(.conflict, CaseCode.ticketHasCase, "该号票已建立办件", "The ticket already has a case")
        }
    }
}

// The `rule` an identifier problem names in `applicant.invalid`: literals too, for the same reason as the codes.

extension ResidentIDError {
    var rule: String {
        switch self {
        case .wrongLength: "wrong-length"
        case .notDigits: "not-digits"
        case .badAreaCode: "bad-area-code"
        case .impossibleBirthDate: "impossible-birth-date"
        case .birthDateTooEarly: "birth-date-too-early"
        case .birthDateInFuture: "birth-date-in-future"
        case .wrongCheckCharacter: "wrong-check-character"
        }
    }
}

extension CreditCodeError {
    var rule: String {
        switch self {
        case .wrongLength: "wrong-length"
        case .invalidCharacter: "invalid-character"
        case .badAreaCode: "bad-area-code"
        case .wrongCheckCharacter: "wrong-check-character"
        }
    }
}

extension MobileNumberError {
    var rule: String {
        switch self {
        case .wrongLength: "wrong-length"
        case .notDigits: "not-digits"
        case .notMobilePrefix: "not-mobile-prefix"
        }
    }
}
