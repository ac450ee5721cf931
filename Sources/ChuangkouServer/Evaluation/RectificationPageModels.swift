import ChuangkouCore
import ChuangkouStore
import Foundation

/// Which items the duty leader's list shows: everything not closed, only the overdue ones, or the recently closed.
enum RectificationFilter: String, Sendable, CaseIterable {
    case open
    case overdue
    case closed

    /// `?show=` as typed; anything else is the default list.
    init(query: String?) { self = query.flatMap(Self.init(rawValue:)) ?? .open }

    var label: (String, String) {
        switch self {
        case .open: ("在办", "Open")
        case .overdue: ("超时", "Overdue")
        case .closed: ("已办结", "Closed")
        }
    }

    /// Overdue means either limit missed: the return visit's (1 working day) or the close's (15).
    func admits(_ state: Rectification.State) -> Bool {
        switch self {
        case .open: state != .closed
        case .overdue: state == .overdue || state == .contactOverdue
        case .closed: state == .closed
        }
    }
}

/// What the pages know of the staff: names by badge, so history lines say who in words, and who may take an item.
struct StaffDirectory: Sendable {
    let names: [Badge: String]
    /// Duty leaders and supervisors, the people an item may be reassigned to.
    let handlers: [Officer]

    init(_ officers: [Officer]) {
        names = Dictionary(officers.map { ($0.badge, $0.name) }, uniquingKeysWith: { a, _ in a })
        handlers = officers.filter { $0.roles.isDutyLeader || $0.roles.isSupervisor }.sorted { $0.badge.value < $1.badge.value }
    }

    /// "赵国强（010100）", or the bare badge of an account that is gone.
    func person(_ badge: Badge, _ language: Language) -> String {
        guard let name = names[badge] else { return badge.value }
        return language.pick("\(name)（\(badge.value)）", "\(name) (\(badge.value))")
    }
}

/// One item's facts as both pages show them: the service rated, the two limits and the time left.
struct RectificationSummary: Sendable {
    let id: String
    let business: String
    let window: String
    let level: String
    let ratedOfficer: String
    let handler: String
    let openedOn: String
    let state: String
    let stateLabel: String
    let contactDue: String
    let closeDue: String
    /// "剩余3个工作日" / "超期2个工作日" / "已办结".
    let timeLeft: String
    let provisional: Bool
    let returnVisitDone: Bool

    init(
        _ record: RectificationRepository.Record,
        status: Rectification.Status,
        policy: Rectification.Policy,
        frame: PageFrame,
        language: Language,
        staff: StaffDirectory,
        businessNames: [BusinessCode: String]
    ) {
        let item = record.item
        id = item.id.description
        business = businessNames[record.business] ?? record.business.value
        window = record.window.map(frame.windowName) ?? language.pick("网上评价（办件）", "Online (case)")
        level = language.pick(record.level.label, record.level.labelEnglish)
        ratedOfficer = item.ratedOfficer.map { staff.person($0, language) } ?? "—"
        handler = staff.person(item.handler, language)
        openedOn = item.openedOn.description
        state = status.state.rawValue
        stateLabel = language.pick(status.state.label, status.state.labelEnglish)
        contactDue = status.contactDue.description
        closeDue = status.closeDue.description
        let days = status.workingDaysLeft
        timeLeft =
            if status.state == .closed {
                language.pick("已办结", "Closed")
            } else if days >= 0 {
                language.pick("剩余\(days)个工作日", "\(days) working day(s) left")
            } else {
                language.pick("超期\(-days)个工作日", "\(-days) working day(s) overdue")
            }
        provisional = status.provisional
        returnVisitDone = item.returnVisitDone(policy: policy)
    }
}

/// The duty leader's and supervisors' list (`/rectifications`): the items of the filter, least time left first.
struct RectificationListPage: Sendable {
    struct Tab: Sendable {
        let href: String
        let label: String
        let current: Bool
    }

    let frame: PageFrame
    let officerName: String
    let tabs: [Tab]
    let rows: [RectificationSummary]
    let isEmpty: Bool

    init(
        frame: PageFrame,
        officerName: String,
        filter: RectificationFilter,
        items: [(RectificationRepository.Record, Rectification.Status)],
        policy: Rectification.Policy,
        staff: StaffDirectory,
        businessNames: [BusinessCode: String]
    ) {
        let language = Language(rawValue: frame.lang) ?? .chinese
        self.frame = frame
        self.officerName = officerName
        tabs = RectificationFilter.allCases.map { f in
            Tab(href: "/rectifications?show=\(f.rawValue)", label: language.pick(f.label.0, f.label.1), current: f == filter)
        }
        let chosen = items.filter { filter.admits($0.1.state) }
        // Open items: least time left first; closed ones keep the store's order (most recently closed first).
        let ordered =
            filter == .closed
            ? chosen : chosen.sorted { ($0.1.workingDaysLeft, $0.1.closeDue) < ($1.1.workingDaysLeft, $1.1.closeDue) }
        rows = ordered.map {
            RectificationSummary(
                $0.0,
                status: $0.1,
                policy: policy,
                frame: frame,
                language: language,
                staff: staff,
                businessNames: businessNames
            )
        }
        isEmpty = rows.isEmpty
    }
}
