import ChuangkouCore
import ChuangkouStore
import Foundation

/// Which complaints the staff list shows: the open ones, the overdue ones, the viewer's own, or the closed.
enum ComplaintFilter: String, Sendable, CaseIterable {
    case open
    case overdue
    case mine
    case closed

    /// `?show=` as typed; anything else is the default list.
    init(query: String?) { self = query.flatMap(Self.init(rawValue:)) ?? .open }

    var label: (String, String) {
        switch self {
        case .open: ("在办", "Open")
        case .overdue: ("超期", "Overdue")
        case .mine: ("我承办的", "Mine")
        case .closed: ("已办结", "Closed")
        }
    }

    func admits(_ complaint: Complaint, _ state: Complaint.State, viewer: Badge) -> Bool {
        switch self {
        case .open: complaint.stage != .closed
        case .overdue: state == .overdue || state == .acknowledgeOverdue
        case .mine: complaint.handler == viewer && complaint.stage != .closed
        case .closed: complaint.stage == .closed
        }
    }
}

/// One complaint's facts as both staff pages show them. The text is stored masked; the phone only as `138****5678`.
struct ComplaintSummary: Sendable {
    let id: String
    let shortID: String
    let receivedOn: String
    let channel: String
    let subject: String
    let handler: String
    let stage: String
    let state: String
    let stateLabel: String
    let acknowledgeDue: String
    let answerDue: String
    /// "剩余12日" / "超期3日" / "待投诉人评价"; empty once closed.
    let timeLeft: String

    init(
        _ record: ComplaintRepository.Record,
        status: Complaint.Status,
        today: LocalDate,
        frame: PageFrame,
        language: Language,
        staff: StaffDirectory,
        businessNames: [BusinessCode: String]
    ) {
        let c = record.complaint
        id = c.id.description
        shortID = String(c.id.description.prefix(8))
        receivedOn = c.receivedOn.description
        channel = language.pick(c.channel.label, c.channel.labelEnglish)
        subject =
            switch c.subject {
            case .officer(let badge): language.pick("民警 ", "Officer ") + staff.person(badge, language)
            case .window(let number): frame.windowName(number)
            case .business(let code): language.pick("事项 ", "Service ") + (businessNames[code] ?? code.value)
            case .caseFile(let id): language.pick("办件 ", "Case ") + String(id.description.prefix(8))
            case .hall: language.pick("大厅整体服务", "The hall in general")
            }
        handler = c.handler.map { staff.person($0, language) } ?? language.pick("待受理", "Not yet acknowledged")
        stage = c.stage.rawValue
        state = status.state.rawValue
        stateLabel = language.pick(status.state.label, status.state.labelEnglish)
        acknowledgeDue = status.acknowledgeDue.description
        answerDue = status.answerDue.description
        let due = c.stage == .received ? min(status.acknowledgeDue, status.answerDue) : status.answerDue
        let left = due.daysSinceEpoch - today.daysSinceEpoch
        timeLeft =
            switch c.stage {
            case .answered: language.pick("待投诉人评价", "Awaiting the complainant's view")
            case .closed: ""
            case .received, .investigating:
                left >= 0 ? language.pick("剩余\(left)日", "\(left) day(s) left") : language.pick("超期\(-left)日", "\(-left) day(s) overdue")
            }
    }
}

/// The staff list (`/complaints`): the complaints of the filter the viewer may see, soonest limit first. Complaints
/// that concern the viewer are never read (the repository leaves them out in SQL).
struct ComplaintListPage: Sendable {
    struct Tab: Sendable {
        let href: String
        let label: String
        let current: Bool
    }

    let frame: PageFrame
    let officerName: String
    let tabs: [Tab]
    let rows: [ComplaintSummary]
    let isEmpty: Bool
    let hasTabs: Bool
    /// The case page, when the list is one case's complaints.
    let caseLink: String?

    /// One case's complaints, every stage, newest first; no tabs.
    init(
        frame: PageFrame,
        viewer: Officer,
        caseFile: CaseID,
        items: [(ComplaintRepository.Record, Complaint.Status)],
        today: LocalDate,
        staff: StaffDirectory,
        businessNames: [BusinessCode: String]
    ) {
        let language = Language(rawValue: frame.lang) ?? .chinese
        self.frame = frame
        officerName = viewer.name
        tabs = []
        hasTabs = false
        caseLink = "/cases/\(caseFile)"
        rows = items.map {
            ComplaintSummary($0.0, status: $0.1, today: today, frame: frame, language: language, staff: staff, businessNames: businessNames)
        }
        isEmpty = rows.isEmpty
    }

    init(
        frame: PageFrame,
        viewer: Officer,
        filter: ComplaintFilter,
        items: [(ComplaintRepository.Record, Complaint.Status)],
        today: LocalDate,
        staff: StaffDirectory,
        businessNames: [BusinessCode: String]
    ) {
        let language = Language(rawValue: frame.lang) ?? .chinese
        self.frame = frame
        officerName = viewer.name
        tabs = ComplaintFilter.allCases.map { f in
            Tab(href: "/complaints?show=\(f.rawValue)", label: language.pick(f.label.0, f.label.1), current: f == filter)
        }
        hasTabs = true
        caseLink = nil
        rows = items.filter { filter.admits($0.0.complaint, $0.1.state, viewer: viewer.badge) }.map {
            ComplaintSummary($0.0, status: $0.1, today: today, frame: frame, language: language, staff: staff, businessNames: businessNames)
        }
        isEmpty = rows.isEmpty
    }
}

/// What the viewer of a complaint may do now. The server checks again on every post (Core refuses the rest); the
/// page only offers what would be accepted. The viewer is never an officer the complaint concerns: they get a 404.
struct ComplaintActions: Sendable {
    var acknowledge = false
    var reassign = false
    var note = false
    var answer = false
    var requestExtension = false
    var decideExtension = false
    var extend = false
    var close = false
    var reopen = false
    /// Who may be named handler: supervisors and duty leaders the complaint does not concern.
    var handlers: [Badge] = []

    static func of(_ complaint: Complaint, viewer: Officer, handlers: [Officer]) -> Self {
        var actions = Self()
        let supervisor = viewer.roles.isSupervisor
        let isHandler = complaint.handler == viewer.badge
        let extensionOpen = complaint.extensionGranted == nil && complaint.reopenedOn == nil
        actions.handlers = handlers.map(\.badge).filter(complaint.isVisible(to:))
        switch complaint.stage {
        case .received:
            actions.acknowledge = !actions.handlers.isEmpty
            actions.extend = supervisor && extensionOpen && complaint.extensionRequested == nil
        case .investigating:
            actions.reassign = supervisor && actions.handlers.contains { $0 != complaint.handler }
            actions.note = isHandler
            actions.answer = isHandler
            actions.requestExtension = isHandler && extensionOpen && complaint.extensionRequested == nil
            actions.decideExtension = supervisor && complaint.extensionRequested.map { $0.by != viewer.badge } == true
            actions.extend = supervisor && extensionOpen && complaint.extensionRequested == nil && !isHandler
        case .answered:
            actions.close = isHandler
            actions.reopen = complaint.hasContact && complaint.reopenedOn == nil && complaint.satisfied != true
        case .closed:
            actions.reopen = complaint.hasContact && complaint.reopenedOn == nil && complaint.satisfied == false
        }
        if actions.reassign { actions.handlers = actions.handlers.filter { $0 != complaint.handler } }
        return actions
    }
}

/// One complaint (`/complaints/{id}`): what was said (masked), the limits, the history with who and when, and the
/// forms the viewer may use.
struct ComplaintItemPage: Sendable {
    struct HistoryRow: Sendable {
        let at: String
        let by: String
        let text: String
    }
    struct Choice: Sendable {
        let value: String
        let label: String
    }

    let frame: PageFrame
    let officerName: String
    let summary: ComplaintSummary
    let text: String
    let contact: String
    let transferNumber: String?
    let ticket: String?
    let caseFile: String?
    let extensionGranted: String?
    let extensionRequested: String?
    let findings: [String]
    let history: [HistoryRow]
    let actions: ComplaintActions
    let handlerChoices: [Choice]
    let concernedChoices: [Choice]
    let maxExtensionDays: Int
    /// After a post: what was recorded (PRG), or what to fix.
    var done: String?
    var error: String?
    /// The text typed into the failed form, kept.
    var typed: [String: String] = [:]

    init(
        frame: PageFrame,
        viewer: Officer,
        record: ComplaintRepository.Record,
        status: Complaint.Status,
        today: LocalDate,
        policy: Complaint.Policy,
        staff: StaffDirectory,
        businessNames: [BusinessCode: String]
    ) {
        let language = Language(rawValue: frame.lang) ?? .chinese
        let zone = TimeZone(identifier: frame.timeZone) ?? .current
        let c = record.complaint
        self.frame = frame
        officerName = viewer.name
        summary = ComplaintSummary(
            record,
            status: status,
            today: today,
            frame: frame,
            language: language,
            staff: staff,
            businessNames: businessNames
        )
        text = c.text
        contact =
            record.phoneMasked.map { language.pick("投诉人手机 \($0)（经出件箱答复）", "Complainant's phone \($0) (answered through the outbox)") }
            ?? language.pick("匿名投诉：不予答复", "Anonymous: no reply is owed")
        transferNumber = c.transferNumber
        ticket = c.ticket.map { String($0.description.prefix(8)) }
        caseFile = c.caseFile.map(\.description)
        extensionGranted = c.extensionGranted.map { e in
            language.pick(
                "延长\(e.days)日：\(e.reason)（\(staff.person(e.approvedBy, language))批准）",
                "\(e.days) days: \(e.reason) (approved by \(staff.person(e.approvedBy, language)))"
            )
        }
        extensionRequested = c.extensionRequested.map { r in
            language.pick(
                "申请延长\(r.days)日：\(r.reason)（\(staff.person(r.by, language))，待督察审批）",
                "\(r.days) days asked: \(r.reason) (\(staff.person(r.by, language)); a supervisor decides)"
            )
        }
        findings = c.answers.compactMap { a in
            guard let finding = a.finding, let against = a.against else { return nil }
            return "\(staff.person(against, language))\(language.pick("：", ": "))\(language.pick(finding.label, finding.labelEnglish))"
        }
        history = record.history.map { line in
            HistoryRow(
                at: PageClock.minute(line.at, in: zone),
                by: line.by.map { staff.person($0, language) } ?? language.pick("投诉人／系统", "Complainant / system"),
                text: language.pick(line.label, line.labelEnglish)
            )
        }
        actions = ComplaintActions.of(c, viewer: viewer, handlers: staff.handlers)
        handlerChoices = actions.handlers.map { Choice(value: $0.value, label: staff.person($0, language)) }
        concernedChoices = c.concerned.map { Choice(value: $0.value, label: staff.person($0, language)) }
        maxExtensionDays = policy.maxExtensionDays
    }
}
