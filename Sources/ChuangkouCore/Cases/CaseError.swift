/// Why a case refused an event (the checklist's and the one-time notice's own refusals are `IntakeError` and
/// `NoticeError`). One case per reason, so the server can give each a status and a stable code; the words are here.
public enum CaseError: Error, Equatable, Sendable {
    case wrongStage(CaseStage)
    /// Administrators configure the hall; they do not handle cases.
    case officerMayNotHandle
    /// The business fields do not fit the guide's `fields`: every problem, in Chinese.
    case fieldsInvalid([String])
    /// The ticket is not at the officer's window (or not called or being served).
    case ticketNotAtWindow
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
    /// Only the case's holder, one a step was handed to, or a duty leader acts on a case.
    case notHolder
    /// Reading a case one does not hold (or take a step of) needs a written reason, kept in the audit.
    case readReasonRequired
    /// 四眼原则: the review step (审核) is never taken by the officer who accepted the case.
    case reviewByAccepter
    /// The decision is taken by the holder of the leader step (审批), no one else.
    case decisionByOther
    case reasonRequired
    /// A 容缺 supplement deadline may not pass the promised due date.
    case supplementDueTooLate(promisedDue: LocalDate)
    case supplementDueInPast
    /// Only items on the notice or the 容缺 list can be received.
    case notExpected(index: Int)
    /// A delivery detail is missing: the request field that should carry it.
    case deliveryIncomplete(String)
    /// A grant waits for the 容缺 items still outstanding.
    case deferredOutstanding([String])
}

extension CaseError {
    public var chinese: String {
        switch self {
        case .wrongStage(let stage): "办件当前为「\(stage.label)」，不能进行此操作"
        case .officerMayNotHandle: "该账号不能办理业务"
        case .fieldsInvalid(let problems): "业务信息有\(problems.count)处问题：" + problems.joined(separator: "；")
        case .ticketNotAtWindow: "该号票不在您的窗口办理中"
        case .stepOutOfOrder(let expected): "请先办理第\(expected)步"
        case .unknownStep(let n): "没有第\(n)步"
        case .stepNeedsLeader: "审批环节须由值班领导办理"
        case .blankOpinion: "请填写办理意见"
        case .stepsPending(let names): "尚有环节未办理：" + names.joined(separator: "、")
        case .decisionAgainstApproval: "决定与审批意见不一致"
        case .notHolder: "您不是该办件的承办人，不能办理"
        case .readReasonRequired: "您不是该办件的经办人，查阅须写明理由（2至200字），理由将记入审计日志"
        case .reviewByAccepter: "审核环节不能由受理民警本人办理"
        case .decisionByOther: "决定须由审批环节的办理人作出"
        case .reasonRequired: "请写明理由"
        case .supplementDueTooLate(let due): "补齐期限不得晚于承诺办结日期（\(due)）"
        case .supplementDueInPast: "补齐期限不能早于今天"
        case .notExpected(let index): "第\(index + 1)项材料不在待补材料之列"
        case .deliveryIncomplete(let field): "送达信息不完整：\(field)"
        case .deferredOutstanding(let names): "容缺材料尚未补齐：" + names.joined(separator: "、")
        }
    }

    public var english: String {
        switch self {
        case .wrongStage(let stage): "Not possible while the case is: \(stage.labelEnglish)"
        case .officerMayNotHandle: "This account does not handle cases"
        case .fieldsInvalid(let problems): "The business details have \(problems.count) problem(s)"
        case .ticketNotAtWindow: "The ticket is not called to your window"
        case .stepOutOfOrder(let expected): "Step \(expected) comes first"
        case .unknownStep(let n): "No step \(n)"
        case .stepNeedsLeader: "A leader's step needs the duty leader"
        case .blankOpinion: "Give an opinion"
        case .stepsPending(let names): "Steps pending: " + names.joined(separator: ", ")
        case .decisionAgainstApproval: "The decision must follow the approval step"
        case .notHolder: "Only the case's holder, one it was handed to, or a duty leader acts on it"
        case .readReasonRequired: "You do not handle this case: give a reason (2–200 characters) to read it; it is kept in the audit log"
        case .reviewByAccepter: "The review step is never taken by the officer who accepted the case"
        case .decisionByOther: "The decision is taken by the holder of the approval step"
        case .reasonRequired: "A reason is required"
        case .supplementDueTooLate(let due): "The supplement deadline may not pass the promised date (\(due))"
        case .supplementDueInPast: "The supplement deadline is in the past"
        case .notExpected(let index): "Material \(index + 1) is not awaited"
        case .deliveryIncomplete(let field): "Delivery details incomplete: \(field)"
        case .deferredOutstanding(let names): "Deferred materials outstanding: " + names.joined(separator: ", ")
        }
    }
}
