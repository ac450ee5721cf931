import ChuangkouCore
import Foundation
import Hummingbird

/// The deadline board (`/deadlines`): every open clock, least time left first, in the state's colour, with both due
/// dates, working days used and left, the provisional mark and why a paused clock is paused. Officers only.
struct DeadlineBoardPages {
    let pages: PageRenderer
    let board: DeadlineBoard

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("deadlines") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            let page = DeadlineBoardPage(
                frame: pages.frame(request, context, ("办理时限看板", "Deadline board"), Self.texts),
                officerName: officer.name,
                language: Language.of(request),
                deadlines: try await board.open(),
                warningWithin: board.time.warningWithin
            )
            return try pages.render("deadlines", page, request)
        }
    }

    static let texts: [String: (String, String)] = [
        "subject": ("办理事项", "Subject"),
        "owner": ("承办民警", "Owner"),
        "state": ("状态", "State"),
        "promisedDue": ("承诺办结日", "Promised due"),
        "statutoryDue": ("法定办结日", "Statutory due"),
        "used": ("已用", "Used"),
        "left": ("剩余", "Left"),
        "workingDays": ("个工作日", "working days"),
        "provisional": ("暂定", "provisional"),
        "provisionalNote": (
            "标「暂定」的日期涉及尚未发布放假安排的年份, 暂按周一至周五计算",
            "Dates marked provisional reach a year with no published holiday notice: weekdays only"
        ),
        "paused": ("暂停计时", "Paused"),
        "since": ("自", "since"),
        "extended": ("已延长", "Extended"),
        "statutoryOverdue": ("超过法定时限", "past the statutory limit"),
        "empty": ("暂无在办的限时事项", "No open deadlines"),
        "warningRule": ("剩余不超过 {n} 个工作日即预警", "Warning at {n} working day(s) left or fewer"),
    ]
}

/// The board's view model: one row per open clock, already sorted.
struct DeadlineBoardPage: Sendable {
    struct Row: Sendable {
        let id: String
        let subject: String
        let business: String?
        let owner: String
        let state: String
        let stateLabel: String
        let promisedDue: String
        let statutoryDue: String
        let statutoryOverdue: Bool
        let used: Int
        let left: Int
        let provisional: Bool
        let paused: String?
        let extended: String?
    }

    let frame: PageFrame
    let officerName: String
    let rows: [Row]
    let isEmpty: Bool
    let warningRule: String

    init(frame: PageFrame, officerName: String, language: Language, deadlines: [DeadlineResponse], warningWithin: Int) {
        self.frame = frame
        self.officerName = officerName
        rows = deadlines.map { d in
            let state = DeadlineClock.State(rawValue: d.state) ?? .onTrack
            let open = d.pauses.last.flatMap { $0.resumedOn == nil ? $0 : nil }
            let kind = open.flatMap { DeadlineClock.PauseKind(rawValue: $0.kind) }
            return Row(
                id: d.id,
                subject: d.subject,
                business: d.business,
                owner: d.owner,
                state: d.state,
                stateLabel: language.pick(state.label, state.labelEnglish),
                promisedDue: d.promisedDue,
                statutoryDue: d.statutoryDue,
                statutoryOverdue: d.statutoryOverdue,
                used: d.workingDaysUsed,
                left: d.workingDaysLeft,
                provisional: d.provisional,
                paused: open.map { p in
                    "\(kind.map { language.pick($0.label, $0.labelEnglish) } ?? p.kind): \(p.reason) (\(language.pick("自", "since")) \(p.pausedOn))"
                },
                extended: d.`extension`.map { e in
                    language.pick(
                        "延长\(e.workingDays)个工作日 (\(e.approvedBy)批准): \(e.reason)",
                        "+\(e.workingDays) working days (approved by \(e.approvedBy)): \(e.reason)"
                    )
                }
            )
        }
        isEmpty = rows.isEmpty
        warningRule = (frame.t["warningRule"] ?? "").replacingOccurrences(of: "{n}", with: String(warningWithin))
    }
}
