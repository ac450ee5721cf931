import ChuangkouCore
import Foundation

/// A case's identifier: a UUID, never shown to the public (citizens use the status-query code).
public struct CaseID: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UUID
    public init(_ rawValue: UUID) { self.rawValue = rawValue }
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        rawValue = uuid
    }
    public var description: String { rawValue.uuidString.lowercased() }
}

/// Where a case stands. `intake` until the outcome is decided; a notice sends it to `awaitingSupplement`; acceptance
/// (complete, 容缺 or deemed) to `accepted`; the rest are final.
public enum CaseStage: String, Sendable, Codable, CaseIterable {
    case intake
    /// 一次性告知书 issued; waiting for the listed items.
    case awaitingSupplement
    /// Accepted (受理), in approval, the deadline clock running.
    case accepted
    /// 即办件 finished on the spot (办结).
    case completed
    /// 不予受理.
    case notAccepted
    /// 准予行政许可.
    case granted
    /// 不予行政许可.
    case denied
    /// 容缺 items never arrived: terminated (终止办理).
    case terminated

    public var label: String {
        switch self {
        case .intake: "材料核验中"
        case .awaitingSupplement: "待补正材料"
        case .accepted: "已受理，审批中"
        case .completed: "已办结"
        case .notAccepted: "不予受理"
        case .granted: "准予许可，已办结"
        case .denied: "不予许可"
        case .terminated: "已终止办理"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .intake: "Checking materials"
        case .awaitingSupplement: "Waiting for missing materials"
        case .accepted: "Accepted, under review"
        case .completed: "Completed"
        case .notAccepted: "Not accepted"
        case .granted: "Granted"
        case .denied: "Denied"
        case .terminated: "Terminated"
        }
    }

    public var isFinal: Bool { [.completed, .notAccepted, .granted, .denied, .terminated].contains(self) }
}

/// The official documents a case issues (RULES §5).
public enum DocumentKind: String, Sendable, Codable, CaseIterable {
    /// 受理通知书 (also for deemed acceptance, 视为受理).
    case acceptanceNotice
    /// 办结通知书 of a 即办件 finished on the spot, with the receipt.
    case completionReceipt
    /// 一次性告知书 (补正材料通知书).
    case oneTimeNotice
    /// 一次性告知书更正: items added with the duty leader's approval.
    case noticeCorrection
    /// 容缺受理通知书.
    case deferralNotice
    /// 不予受理通知书.
    case refusalNotice
    /// 准予行政许可决定书.
    case grantDecision
    /// 不予行政许可决定书.
    case denialDecision
    /// 终止办理通知书 (容缺 items never supplied).
    case terminationNotice

    public var title: String {
        switch self {
        case .acceptanceNotice: "受理通知书"
        case .completionReceipt: "办结通知书"
        case .oneTimeNotice: "一次性告知书"
        case .noticeCorrection: "一次性告知书（更正）"
        case .deferralNotice: "容缺受理通知书"
        case .refusalNotice: "不予受理通知书"
        case .grantDecision: "准予行政许可决定书"
        case .denialDecision: "不予行政许可决定书"
        case .terminationNotice: "终止办理通知书"
        }
    }

    public var titleEnglish: String {
        switch self {
        case .acceptanceNotice: "Notice of acceptance"
        case .completionReceipt: "Notice of completion"
        case .oneTimeNotice: "One-time notice of missing materials"
        case .noticeCorrection: "Correction of the one-time notice"
        case .deferralNotice: "Notice of acceptance with deferred materials"
        case .refusalNotice: "Notice of non-acceptance"
        case .grantDecision: "Decision granting the licence"
        case .denialDecision: "Decision refusing the licence"
        case .terminationNotice: "Notice of termination"
        }
    }
}

/// 容缺受理: the items the applicant committed to bring, by when, and which have arrived.
public struct Deferral: Sendable, Equatable, Codable {
    public var items: [NoticeItem]
    public var due: LocalDate
    public var received: [Int]

    public var outstanding: [NoticeItem] { items.filter { !received.contains($0.index) } }
}

/// How the applicant receives the result when they cannot (or prefer not to) come back.
public struct Delivery: Sendable, Equatable, Codable {
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// 窗口领取 in person.
        case pickup
        /// 邮寄.
        case mail
        /// 委托他人代领.
        case proxy
    }

    public var method: Method
    /// For `mail`.
    public var address: String?
    /// For `proxy`.
    public var proxyName: String?
    public var proxyIDNumber: ResidentIDNumber?
    /// 行动不便: the hall calls or brings the result.
    public var mobilityImpaired: Bool

    public init(method: Method, address: String?, proxyName: String?, proxyIDNumber: ResidentIDNumber?, mobilityImpaired: Bool) {
        self.method = method
        self.address = address
        self.proxyName = proxyName
        self.proxyIDNumber = proxyIDNumber
        self.mobilityImpaired = mobilityImpaired
    }

    public var label: String {
        switch method {
        case .pickup: "窗口领取"
        case .mail: "邮寄送达"
        case .proxy: "委托代领"
        }
    }
}

/// The decision on an accepted case (准予 / 不予行政许可), or a refusal at intake (不予受理).
public struct Decision: Sendable, Equatable, Codable {
    public var granted: Bool
    public var reason: String?
    public var legalBasis: [String]
    public var decidedBy: Badge
    public var decidedOn: LocalDate
}

/// One approval step of a case, from the pinned guide's `steps`.
public struct CaseStep: Sendable, Equatable {
    public var position: Int
    public var name: String
    public var actor: Guide.Step.Actor
    public var assignee: Badge?
    public var opinion: String?
    public var approve: Bool?
    public var decidedAt: Date?

    public var isDone: Bool { decidedAt != nil }
}

/// A case as the hall keeps it, personal data opened.
public struct CaseRecord: Sendable {
    public let id: CaseID
    /// The status-query code (受理编号 / 查询码) printed on every document.
    public let queryCode: String
    public let guide: GuideReference
    public let ticket: TicketID?
    public let window: Int?
    /// The officer who opened the case and answers for it (首问负责).
    public let officer: Badge
    public internal(set) var applicant: Applicant
    public internal(set) var fields: [String: String]
    public internal(set) var stage: CaseStage
    public let receivedAt: Date
    public internal(set) var acceptedOn: LocalDate?
    /// Accepted by 行政许可法 Art. 32 because no notice came within 5 working days.
    public internal(set) var deemed: Bool
    public internal(set) var commitmentSigned: Bool
    public internal(set) var checklist: Checklist
    public internal(set) var checklistVersion: Int
    public internal(set) var ledger: OneTimeNoticeLedger
    public internal(set) var deferral: Deferral?
    public internal(set) var clock: DeadlineRecord.ID?
    public internal(set) var delivery: Delivery?
    public internal(set) var decision: Decision?
    var noticeWarned: Bool

    public var receivedOn: LocalDate { ledger.receivedOn }

    /// What the applicant still has to bring: the notice's outstanding items, or the 容缺 ones.
    public var stillMissing: [NoticeItem] {
        switch stage {
        case .awaitingSupplement, .intake: ledger.notice == nil ? [] : ledger.outstanding
        case .accepted: deferral?.outstanding ?? []
        default: []
        }
    }
}

/// An issued document: its number and the facts it printed, frozen at issue.
public struct CaseDocument: Sendable, Equatable {
    public let id: UUID
    public let caseID: CaseID
    public let kind: DocumentKind
    public let number: String
    public let sequence: Int
    public let issuedAt: Date
    public let issuedBy: Badge
    public let facts: DocumentFacts
    public let reprints: Int
}

/// Everything a document says, written once at issue. Personal numbers appear only masked.
public struct DocumentFacts: Sendable, Equatable, Codable {
    public var title: String
    public var titleEnglish: String
    public var number: String
    public var issuedOn: LocalDate
    /// The issuing unit: the hall's name.
    public var unit: String
    public var unitAddress: String
    public var officerName: String
    public var officerBadge: String
    public var supervisionPhones: [String]
    public var queryCode: String
    public var business: String
    public var guideVersion: Int
    public var applicantName: String
    /// Masked ID number, or an organisation's (public) credit code.
    public var applicantIdentifier: String
    public var phoneMasked: String
    public var agentName: String?
    public var agentIdentifier: String?
    public var receivedOn: LocalDate
    public var acceptedOn: LocalDate?
    public var deemed: Bool
    public var promisedDue: LocalDate?
    public var statutoryDue: LocalDate?
    public var supplementDue: LocalDate?
    /// Lines of a notice (missing or defective items, 容缺 items).
    public var items: [String]
    public var reason: String?
    public var legalBasis: [String]
    /// 行政复议 / 行政诉讼, on refusals and denials.
    public var remedies: [String]
    /// Other lines of the body, in order.
    public var paragraphs: [String]
    public var fields: [Field]

    public struct Field: Sendable, Equatable, Codable {
        public var label: String
        public var value: String
    }
}

/// Why the case store refused a request (Core's `IntakeError` and `NoticeError` cover the rules themselves).
public enum CaseError: Error, Equatable, Sendable {
    case unknownCase
    case unknownDocument
    case unknownTicket
    case unknownBusiness(String)
    /// The business has no published guide.
    case noGuide(String)
    /// The ticket is not at the officer's window (or not called or being served).
    case ticketNotAtWindow
    /// The ticket already has a case.
    case ticketHasCase
    case wrongStage(CaseStage)
    /// Administrators configure the hall; they do not handle cases.
    case officerMayNotHandle
    case fieldsInvalid([String])
    /// Steps are taken in order.
    case stepOutOfOrder(expected: Int)
    case unknownStep(Int)
    /// A leader's step needs the duty leader.
    case stepNeedsLeader
    case blankOpinion
    /// The decision waits for the review and approval steps.
    case stepsPending([String])
    /// The decision must follow the leader's opinion.
    case decisionAgainstApproval
    case reasonRequired
    /// A 容缺 supplement deadline may not pass the promised due date.
    case supplementDueTooLate(promisedDue: LocalDate)
    case supplementDueInPast
    /// Only items on the notice or the 容缺 list can be received.
    case notExpected(index: Int)
    case deliveryIncomplete(String)
    /// A grant waits for the 容缺 items still outstanding.
    case deferredOutstanding([String])
}
