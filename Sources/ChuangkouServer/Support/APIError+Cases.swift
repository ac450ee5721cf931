import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// Cases (intake, the one-time notice, approval, documents, the status query): every code the API answers with for
/// them, and the one mapping of `IntakeError`, `NoticeError` and `CaseError` to a status and that code.
extension APIError {
    enum CaseCode: String, APIErrorCode {
        case unknown = "case.unknown"
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
        switch error {
        case .unknownCase: self.init(.notFound, CaseCode.unknown, "没有此办件", "No such case")
        case .unknownDocument: self.init(.notFound, CaseCode.unknownDocument, "没有此文书", "No such document")
        case .unknownTicket: self = .unknownTicket
        case .unknownBusiness(let code): self = .unknownBusiness(code)
        case .noGuide(let code): self = .noGuide(code)
        case .ticketNotAtWindow:
            self.init(.conflict, CaseCode.ticketNotAtWindow, "该号票不在您的窗口办理中", "The ticket is not called to your window")
        case .ticketHasCase: self.init(.conflict, CaseCode.ticketHasCase, "该号票已建立办件", "The ticket already has a case")
        case .wrongStage(let stage):
            self.init(
                .conflict,
                CaseCode.wrongStage,
                "办件当前为「\(stage.label)」，不能进行此操作",
                "Not possible while the case is: \(stage.labelEnglish)"
            )
        case .officerMayNotHandle: self.init(.forbidden, CaseCode.role, "该账号不能办理业务", "This account does not handle cases")
        case .fieldsInvalid(let problems):
            self.init(
                .unprocessableContent,
                CaseCode.invalidFields,
                "业务信息有\(problems.count)处问题：" + problems.joined(separator: "；"),
                "The business details have \(problems.count) problem(s)",
                problems: problems.map { Problem($0, $0, path: "fields") }
            )
        case .stepOutOfOrder(let expected):
            self.init(.conflict, CaseCode.stepOutOfOrder, "请先办理第\(expected)步", "Step \(expected) comes first")
        case .unknownStep(let n): self.init(.notFound, CaseCode.unknownStep, "没有第\(n)步", "No step \(n)")
        case .stepNeedsLeader:
            self.init(.forbidden, CaseCode.stepNeedsLeader, "审批环节须由值班领导办理", "A leader's step needs the duty leader")
        case .blankOpinion: self.init(.unprocessableContent, CaseCode.opinionRequired, "请填写办理意见", "Give an opinion")
        case .stepsPending(let names):
            self.init(
                .conflict,
                CaseCode.stepsPending,
                "尚有环节未办理：" + names.joined(separator: "、"),
                "Steps pending: " + names.joined(separator: ", ")
            )
        case .decisionAgainstApproval:
            self.init(.conflict, CaseCode.againstApproval, "决定与审批意见不一致", "The decision must follow the approval step")
        case .reasonRequired: self.init(.unprocessableContent, CaseCode.reasonRequired, "请写明理由", "A reason is required")
        case .supplementDueTooLate(let due):
            self.init(
                .unprocessableContent,
                CaseCode.supplementDueTooLate,
                "补齐期限不得晚于承诺办结日期（\(due)）",
                "The supplement deadline may not pass the promised date (\(due))"
            )
        case .supplementDueInPast:
            self.init(
                .unprocessableContent,
                CaseCode.supplementDueInPast,
                "补齐期限不能早于今天",
                "The supplement deadline is in the past"
            )
        case .notExpected(let index):
            self.init(.conflict, CaseCode.notExpected, "第\(index + 1)项材料不在待补材料之列", "Material \(index + 1) is not awaited")
        case .deliveryIncomplete(let field):
            self.init(
                .unprocessableContent,
                CaseCode.deliveryIncomplete,
                "送达信息不完整：\(field)",
                "Delivery details incomplete: \(field)"
            )
        case .deferredOutstanding(let names):
            self.init(
                .conflict,
                CaseCode.deferredOutstanding,
                "容缺材料尚未补齐：" + names.joined(separator: "、"),
                "Deferred materials outstanding: " + names.joined(separator: ", ")
            )
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
