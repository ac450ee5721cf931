import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// The one place where intake, the one-time notice and the case store get their status and code.
extension APIError {
    init(_ error: IntakeError) {
        switch error {
        case .materialsUnchecked, .checklistFromAnotherGuide, .authorisationNotSeen:
            self.init(.conflict, "case.\(Self.slug(error))", error.chinese, error.english)
        default:
            self.init(.unprocessableContent, "case.\(Self.slug(error))", error.chinese, error.english)
        }
    }

    init(_ error: NoticeError) {
        switch error {
        case .notOnNotice:
            self.init(.conflict, "case.not-on-notice", error.chinese, error.english)
        case .correctionNeedsDutyLeader, .selfApproval, .officerMayNotIssue:
            self.init(.forbidden, "notice.\(Self.slug(error))", error.chinese, error.english)
        case .blankReason, .noItems, .duplicateItem:
            self.init(.unprocessableContent, "notice.\(Self.slug(error))", error.chinese, error.english)
        default:
            self.init(.conflict, "notice.\(Self.slug(error))", error.chinese, error.english)
        }
    }

    init(_ error: CaseError) {
        switch error {
        case .unknownCase: self.init(.notFound, "case.unknown", "没有此办件", "No such case")
        case .unknownDocument: self.init(.notFound, "document.unknown", "没有此文书", "No such document")
        case .unknownTicket: self.init(.notFound, "ticket.unknown", "没有此号票", "No such ticket")
        case .unknownBusiness(let code): self.init(.notFound, "business.unknown", "没有此事项: \(code)", "No such business: \(code)")
        case .noGuide(let code): self.init(.conflict, "guide.missing", "事项\(code)没有办事指南", "Business \(code) has no guide")
        case .ticketNotAtWindow:
            self.init(.conflict, "case.ticket-not-at-window", "该号票不在您的窗口办理中", "The ticket is not called to your window")
        case .ticketHasCase: self.init(.conflict, "case.ticket-has-case", "该号票已建立办件", "The ticket already has a case")
        case .wrongStage(let stage):
            self.init(.conflict, "case.wrong-stage", "办件当前为「\(stage.label)」，不能进行此操作", "Not possible while the case is: \(stage.labelEnglish)")
        case .officerMayNotHandle: self.init(.forbidden, "case.role", "该账号不能办理业务", "This account does not handle cases")
        case .fieldsInvalid(let problems):
            self.init(
                .unprocessableContent,
                "case.invalid-fields",
                "业务信息有\(problems.count)处问题：" + problems.joined(separator: "；"),
                "The business details have \(problems.count) problem(s)",
                problems: problems.map { Problem($0, $0, path: "fields") }
            )
        case .stepOutOfOrder(let expected):
            self.init(.conflict, "case.step-out-of-order", "请先办理第\(expected)步", "Step \(expected) comes first")
        case .unknownStep(let n): self.init(.notFound, "case.unknown-step", "没有第\(n)步", "No step \(n)")
        case .stepNeedsLeader: self.init(.forbidden, "case.step-needs-leader", "审批环节须由值班领导办理", "A leader's step needs the duty leader")
        case .blankOpinion: self.init(.unprocessableContent, "case.opinion-required", "请填写办理意见", "Give an opinion")
        case .stepsPending(let names):
            self.init(.conflict, "case.steps-pending", "尚有环节未办理：" + names.joined(separator: "、"), "Steps pending: " + names.joined(separator: ", "))
        case .decisionAgainstApproval:
            self.init(.conflict, "case.against-approval", "决定与审批意见不一致", "The decision must follow the approval step")
        case .reasonRequired: self.init(.unprocessableContent, "case.reason-required", "请写明理由", "A reason is required")
        case .supplementDueTooLate(let due):
            self.init(
                .unprocessableContent,
                "case.supplement-due-too-late",
                "补齐期限不得晚于承诺办结日期（\(due)）",
                "The supplement deadline may not pass the promised date (\(due))"
            )
        case .supplementDueInPast:
            self.init(.unprocessableContent, "case.supplement-due-in-past", "补齐期限不能早于今天", "The supplement deadline is in the past")
        case .notExpected(let index):
            self.init(.conflict, "case.not-expected", "第\(index + 1)项材料不在待补材料之列", "Material \(index + 1) is not awaited")
        case .deliveryIncomplete(let field):
            self.init(.unprocessableContent, "case.delivery-incomplete", "送达信息不完整：\(field)", "Delivery details incomplete: \(field)")
        case .deferredOutstanding(let names):
            self.init(
                .conflict,
                "case.deferred-outstanding",
                "容缺材料尚未补齐：" + names.joined(separator: "、"),
                "Deferred materials outstanding: " + names.joined(separator: ", ")
            )
        }
    }

    /// `materialsUnchecked([…])` → `materials-unchecked`.
    private static func slug(_ value: Any) -> String {
        let name = String(describing: value).prefix { $0 != "(" }
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "-" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
