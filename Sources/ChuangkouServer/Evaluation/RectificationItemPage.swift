import ChuangkouCore
import ChuangkouStore
import Foundation

/// What the viewer of an item may do now. The server checks again on every post (Core refuses the rest); the page only
/// offers what would be accepted, and says why nothing else is offered.
struct RectificationActions: Sendable {
    var returnVisit = false
    var outcome = false
    var appeal = false
    var decideAppeal = false
    var reassign = false
    /// The handler may open the rater's phone to call back (each opening audited).
    var revealContact = false
    /// Badges the item may be given to: duty leaders and supervisors, never the rated officer nor the handler.
    var reassignTo: [Badge] = []
    /// Why the viewer sees no form, when that is worth saying.
    var note: (String, String)?

    /// The rules of RULES §6 and §8 as the page applies them: the rated officer takes no part; the handler calls back,
    /// resolves or appeals; a supervisor who is neither the handler nor the appellant decides an appeal; a supervisor
    /// reassigns, never to the rated officer.
    static func of(_ item: Rectification, viewer: Officer, handlers: [Officer], policy: Rectification.Policy) -> Self {
        var actions = Self()
        guard viewer.badge != item.ratedOfficer else {
            actions.note = ("您是被评价民警，不参与本条整改", "You are the rated officer and take no part in this item")
            return actions
        }
        let isHandler = viewer.badge == item.handler
        let visited = item.returnVisitDone(policy: policy)
        actions.revealContact = isHandler && item.raterHasContact && item.stage != .closed
        if isHandler, item.stage == .open {
            actions.returnVisit = item.raterHasContact
            actions.outcome = visited
            actions.appeal = visited && item.appeal == nil
            if !visited {
                actions.note = (
                    "请先回访评价人（联系上，或\(policy.minimumAttempts)次未联系上），再登记整改结果或申诉",
                    "Call the rater back first (reached, or \(policy.minimumAttempts) tries) before an outcome or an appeal"
                )
            }
        }
        if viewer.roles.isSupervisor, item.stage == .appealed, let appeal = item.appeal, !isHandler, viewer.badge != appeal.filedBy {
            actions.decideAppeal = true
        }
        if viewer.roles.isSupervisor, item.stage != .closed {
            actions.reassignTo = handlers.map(\.badge).filter { $0 != item.ratedOfficer && $0 != item.handler }
            actions.reassign = !actions.reassignTo.isEmpty
        }
        if item.stage == .appealed, !actions.decideAppeal, actions.note == nil {
            actions.note = (
                "申诉待督察审核（承办人和被评价民警以外的督察）",
                "The appeal waits for a supervisor other than the handler and the rated officer"
            )
        }
        if !isHandler, item.stage == .open, !actions.reassign, actions.note == nil {
            actions.note = ("本条由承办人办理", "The handler works this item")
        }
        return actions
    }
}

/// One item (`/rectifications/{id}`): the service rated, the limits, the return visits, the outcome or appeal, the whole
/// history with who and when, and the forms the viewer may use. Never the rater's phone: it stays sealed.
struct RectificationItemPage: Sendable {
    struct HistoryRow: Sendable {
        let at: String
        let by: String
        let text: String
    }
    struct Choice: Sendable {
        let badge: String
        let label: String
    }
    struct Notice: Sendable {
        let text: String
    }

    let frame: PageFrame
    let officerName: String
    let summary: RectificationSummary
    let comment: String?
    let contact: String
    let stageLabel: String
    let outcome: String?
    let appeal: String?
    let appealDecision: String?
    let fixRating: String?
    let history: [HistoryRow]
    let actions: RectificationActions
    let note: String?
    let reassignChoices: [Choice]
    let minimumAttempts: Int
    let today: String
    /// After a post: what was recorded (PRG), or what to fix.
    var done: String?
    var error: String?
    /// The rater's phone, opened on the handler's request for this one response (never cached).
    var revealedContact: String?
    /// The text typed into the failed form, kept.
    var typed: [String: String] = [:]

    init(
        frame: PageFrame,
        viewer: Officer,
        record: RectificationRepository.Record,
        status: Rectification.Status,
        policy: Rectification.Policy,
        staff: StaffDirectory,
        businessNames: [BusinessCode: String],
        today: LocalDate
    ) {
        let language = Language(rawValue: frame.lang) ?? .chinese
        let item = record.item
        let zone = TimeZone(identifier: frame.timeZone) ?? .current
        self.frame = frame
        officerName = viewer.name
        summary = RectificationSummary(
            record,
            status: status,
            policy: policy,
            frame: frame,
            language: language,
            staff: staff,
            businessNames: businessNames
        )
        comment = record.comment
        contact =
            item.raterHasContact
            ? language.pick("评价人留有手机号（加密保存，不在页面显示）", "The rater left a phone number (sealed; never shown)")
            : language.pick("评价人未留联系方式，无需回访", "The rater left no contact: no return visit is owed")
        stageLabel = language.pick(Self.stageLabel(item.stage).0, Self.stageLabel(item.stage).1)
        outcome = item.outcome.map { outcome in
            switch outcome {
            case .fixedNow(let text): language.pick("立行立改：\(text)", "Fixed at once: \(text)")
            case .fixedBy(let date, let text): language.pick("限期于\(date.chineseDate)前整改：\(text)", "To be fixed by \(date): \(text)")
            case .explained(let text): language.pick("解释说明：\(text)", "Explained: \(text)")
            }
        }
        appeal = item.appeal.map { a in
            language.pick(
                "\(a.ground.label)：\(a.reason)（\(staff.person(a.filedBy, language))）",
                "\(a.ground.labelEnglish): \(a.reason) (\(staff.person(a.filedBy, language)))"
            )
        }
        appealDecision = item.appeal?.decision.map { d in
            let verdict = d.upheld ? language.pick("申诉成立", "Upheld") : language.pick("申诉不成立", "Rejected")
            return "\(verdict)\(frame.t["colon"] ?? "：")\(d.reason)（\(staff.person(d.by, language))）"
        }
        fixRating = item.fixRating.map { language.pick($0.label, $0.labelEnglish) }
        history = record.history.map { line in
            HistoryRow(
                at: PageClock.minute(line.at, in: zone),
                by: line.by.map { staff.person($0, language) } ?? language.pick("系统／评价人", "System / rater"),
                text: language.pick(line.label, line.labelEnglish)
            )
        }
        actions = RectificationActions.of(item, viewer: viewer, handlers: staff.handlers, policy: policy)
        note = actions.note.map { language.pick($0.0, $0.1) }
        reassignChoices = actions.reassignTo.map { Choice(badge: $0.value, label: staff.person($0, language)) }
        minimumAttempts = policy.minimumAttempts
        self.today = today.description
    }

    static func stageLabel(_ stage: Rectification.Stage) -> (String, String) {
        switch stage {
        case .open: ("整改中", "Open")
        case .appealed: ("申诉审核中", "Appeal pending")
        case .closed: ("已办结", "Closed")
        }
    }
}
