import ChuangkouCore
import ChuangkouStore

/// The words on the case pages, Chinese first, English second. Official documents (`document.mustache`) stay Chinese:
/// they are legal documents.
extension CasePagesController {
    static let sharedTexts: [String: (String, String)] = [
        "console": ("窗口工作台", "Window console"),
        "applicant": ("申请人", "Applicant"),
        "reason": ("理由", "Reason"),
        "failed": ("操作失败", "Failed"),
    ]

    static let intakeTexts: [String: (String, String)] = sharedTexts.merging([
        "ticket": ("号票", "Ticket"),
        "business": ("办理事项", "Business"),
        "choose": ("请选择", "Choose"),
        "kind": ("类别", "Type"),
        "person": ("个人", "Person"),
        "organisation": ("单位", "Organisation"),
        "name": ("姓名／单位名称", "Name (person or organisation)"),
        "idNumber": ("居民身份证号码", "Resident ID number"),
        "phone": ("手机号码", "Mobile number"),
        "creditCode": ("统一社会信用代码", "Unified social credit code"),
        "legalRepresentative": ("法定代表人", "Legal representative"),
        "agentName": ("经办人姓名", "Agent's name"),
        "agentIdNumber": ("经办人身份证号码", "Agent's ID number"),
        "agentPhone": ("经办人手机号码", "Agent's mobile number"),
        "authorisationSeen": ("已查验介绍信或授权委托书", "Letter of introduction or authorisation seen"),
        "businessDetails": ("业务信息", "Business details"),
        "register": ("登记收件", "Register the application"),
        "visit": ("现场办公", "On-site visit"),
        "onSiteAddress": ("地点", "Address"),
    ]) { _, new in new }

    static let caseTexts: [String: (String, String)] = sharedTexts.merging([
        "fromInquiry": ("来自咨询", "From the inquiry"),
        "channel": ("受理渠道", "Where opened"),
        "desk": ("咨询台", "Desk"),
        "queryCode": ("查询码", "Query code"),
        "complaints": ("本案投诉", "Complaints about this case"),
        "stage": ("办理阶段", "Stage"),
        "identifier": ("证件号码", "ID number"),
        "phone": ("联系电话", "Phone"),
        "agent": ("经办人", "Agent"),
        "receivedOn": ("收件日期", "Received"),
        "noticeDeadline": ("告知期限", "Notice deadline"),
        "acceptedOn": ("受理日期", "Accepted"),
        "deemed": ("（视为受理）", " (deemed accepted)"),
        "guide": ("办事指南", "Service guide"),
        "timeLimit": ("办理时限", "Time limit"),
        "promisedStatutory": ("承诺／法定", "Promised / statutory"),
        "supplementDue": ("容缺补齐期限", "Deferred materials due"),
        "delivery": ("送达方式", "Delivery"),
        "decision": ("决定", "Decision"),
        "material": ("材料", "Material"),
        "required": ("要求", "Required"),
        "state": ("状态", "State"),
        "check": ("核验", "Check"),
        "deferrable": ("可容缺", "may follow"),
        "provided": ("已提交", "Provided"),
        "missing": ("缺少", "Missing"),
        "defective": ("有问题", "Defective"),
        "deferred": ("容缺后补", "Deferred"),
        "notApplicable": ("不适用", "Not applicable"),
        "unchecked": ("未核验", "Not checked"),
        "originals": ("原件", "Originals"),
        "copies": ("复印件", "Copies"),
        "problem": ("问题说明", "What is wrong / why not applicable"),
        "reasonNeeded": ("请写明材料存在的问题或不适用的理由：第", "Say what is wrong or why it does not apply: item"),
        "saveChecklist": ("保存核验结果", "Save the check"),
        "commitmentSigned": ("申请人已签署容缺受理承诺书", "The applicant signed the deferral commitment"),
        "decideIntake": ("作出受理决定", "Decide intake"),
        "refusalReason": ("不予受理理由", "Reason for not accepting"),
        "legalBasis": ("法律依据", "Legal basis"),
        "refuse": ("不予受理", "Do not accept"),
        "breach": ("告知书更正（一次性告知违规）：", "Notice corrected (one-time notice breach): "),
        "supplied": ("收到补正材料：", "Materials received:"),
        "receive": ("收取材料", "Receive"),
        "requestItem": ("再次要求提交第", "Ask again for item"),
        "item": ("项", ""),
        "requestButton": ("要求补正", "Ask for it"),
        "correctAdd": ("更正告知书，增加第", "Correct the notice, adding item"),
        "approveCorrection": ("值班领导批准更正", "Approve the correction (duty leader)"),
        "approval": ("审批流程", "Approval"),
        "step": ("环节", "Step"),
        "assignee": ("承办人", "Officer"),
        "opinion": ("意见", "Opinion"),
        "time": ("时间", "Time"),
        "agree": ("同意", "Approve"),
        "submitOpinion": ("提交意见", "Submit"),
        "grant": ("准予许可", "Grant"),
        "deny": ("不予许可", "Deny"),
        "decide": ("作出决定", "Decide"),
        "deliveryShort": ("送达", "Delivery"),
        "pickup": ("窗口领取", "Pick up at the window"),
        "mail": ("邮寄", "Mail"),
        "proxy": ("委托代领", "Pick up by a proxy"),
        "address": ("地址", "Address"),
        "proxyName": ("代领人", "Proxy"),
        "proxyIdNumber": ("代领人身份证号码", "Proxy's ID number"),
        "mobilityImpaired": ("行动不便", "Mobility impaired"),
        "registerDelivery": ("登记送达方式", "Register delivery"),
        "documents": ("文书", "Documents"),
        "events": ("办理记录", "History"),
    ]) { _, new in new }

    /// The form an officer who does not handle a case fills in before reading it.
    static let readingReasonTexts: [String: (String, String)] = [
        "explain": (
            "您不是该办件的经办人。查阅他人办件须写明理由，理由与查阅记录一并记入审计日志。",
            "You do not handle this case. To read it, give a reason; it is kept in the audit log with the read."
        ),
        "reason": ("查阅理由（2至200字）", "Reason (2–200 characters)"),
        "read": ("查阅", "Read the case"),
        "back": ("返回工作台", "Back to the console"),
    ]

    static let statusTexts: [String: (String, String)] = [
        "code": ("查询码 Query code", "Query code"),
        "phoneLast4": ("手机号码后四位 Last 4 digits of the phone", "Last 4 digits of the phone"),
        "query": ("查询 Check", "Check"),
        "business": ("办理事项", "Business"),
        "stage": ("办理阶段", "Stage"),
        "receivedOn": ("收件日期", "Received"),
        "acceptedOn": ("受理日期", "Accepted"),
        "promisedDue": ("承诺办结日期", "Promised completion"),
        "supplementDue": ("容缺补齐期限", "Deferred materials due"),
        "missing": ("尚需提交的材料", "Materials still needed"),
    ].merging(RatingForm.texts) { a, _ in a }

    /// What the officer found for a material, as the case page names it.
    static func stateLabel(_ state: String, _ language: Language) -> String {
        switch state {
        case "provided": language.pick("已提交", "Provided")
        case "missing": language.pick("缺少", "Missing")
        case "defective": language.pick("有问题", "Defective")
        case "deferred": language.pick("容缺后补", "Deferred")
        case "notApplicable": language.pick("不适用", "Not applicable")
        default: language.pick("未核验", "Not checked")
        }
    }

    /// A material's state with its reason: "有问题 复印件不清晰", "不适用：无代办人".
    static func stateText(_ state: String, reason: String, _ language: Language) -> String {
        let label = stateLabel(state, language)
        if state == "notApplicable" { return label + language.pick("：", ": ") + reason }
        return label + " " + reason
    }

    static func deliveryLabel(_ method: String, _ language: Language) -> String {
        switch method {
        case "pickup": language.pick("窗口领取", "Pick up at the window")
        case "mail": language.pick("邮寄送达", "By mail")
        case "proxy": language.pick("委托代领", "Pick up by a proxy")
        default: method
        }
    }

    // MARK: The history

    /// A history line in words (what happened, and its detail), not the stored codes the API shows. A checklist
    /// version also names the materials it marked not applicable, with the reasons, so the history shows why an item
    /// is on no notice. A line this version does not know is shown as stored.
    static func words(_ event: CaseHistory.Event, versions: [CaseResponse.ChecklistView], _ language: Language) -> (String, String) {
        guard let entry = event.entry else { return (event.action, event.detail ?? "") }
        func pick(_ chinese: String, _ english: String) -> String { language.pick(chinese, english) }
        func materials(_ indices: [Int]) -> String {
            let numbers = indices.map { String($0 + 1) }
            return pick(
                "第\(numbers.joined(separator: "、"))项材料",
                (indices.count == 1 ? "material " : "materials ") + numbers.joined(separator: ", ")
            )
        }
        switch entry {
        case .opened(let ticket):
            return (
                ticket == nil ? pick("现场登记收件", "Registered (walk-in)") : pick("叫号登记收件", "Registered for the called ticket"),
                ""
            )
        case .checklist(let version):
            var detail = pick("第\(version)版", "version \(version)")
            let notApplicable = versions.first { $0.version == version }?.entries.filter { $0.state == "notApplicable" } ?? []
            if !notApplicable.isEmpty {
                let items = notApplicable.map { pick("\($0.material)（\($0.reason ?? "")）", "\($0.material) (\($0.reason ?? ""))") }
                detail += " " + stateLabel("notApplicable", language) + pick("：", ": ") + items.joined(separator: pick("、", "; "))
            }
            return (pick("材料核验", "Materials checked"), detail)
        case .notice(let names):
            return (pick("出具一次性告知", "One-time notice issued"), names.joined(separator: pick("、", ", ")))
        case .completed:
            return (pick("当场办结", "Completed on the spot"), "")
        case .accepted(let how, let day):
            let action =
                switch how {
                case .accepted: pick("受理", "Accepted")
                case .withDeferral: pick("容缺受理", "Accepted with materials to follow")
                case .deemed: pick("依法视为受理", "Deemed accepted by law")
                }
            return (action, pick("自\(day)起", "from \(day)"))
        case .notAccepted(let reason):
            return (pick("不予受理", "Not accepted"), reason)
        case .requested(let index):
            return (pick("再次要求补正", "Asked for a material again"), materials([index]))
        case .breach(let breach):
            let items = breach.items.map(\.material)
            let detail = pick(
                "\(items.joined(separator: "、"))（\(breach.reason)，值班领导\(breach.approvedBy)批准）",
                "\(items.joined(separator: ", ")) (\(breach.reason); approved by duty leader \(breach.approvedBy))"
            )
            return (pick("告知书更正（一次性告知违规）", "Notice corrected (one-time notice breach)"), detail)
        case .supplied(let indices):
            return (pick("收到补正材料", "Materials received"), materials(indices))
        case .step(let position, let name, let opinion):
            return (pick("审批环节", "Approval step"), pick("第\(position)步 \(name)：\(opinion)", "step \(position), \(name): \(opinion)"))
        case .decided(let granted, let reason):
            return (granted ? pick("准予许可", "Granted") : pick("不予许可", "Denied"), reason ?? "")
        case .delivery(let method):
            return (pick("登记送达方式", "Delivery registered"), deliveryLabel(method.rawValue, language))
        case .terminated:
            return (pick("终止办理", "Terminated"), pick("容缺材料逾期未补齐", "the materials to follow did not come in time"))
        case .issued(let kind, let number):
            return (pick("出具\(kind.title)", "Issued: \(kind.titleEnglish)"), number)
        }
    }
}
