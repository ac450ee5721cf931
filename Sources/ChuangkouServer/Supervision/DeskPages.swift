import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The supervisor's desk page (`/supervision`): the desk's table for a day, week or month, each figure linking to the
/// records behind it, with the CSV export. Supervisors and duty leaders.
struct DeskPages {
    let pages: PageRenderer
    let desk: DeskController

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("supervision") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            guard officer.roles.isSupervisor || officer.roles.isDutyLeader else { throw APIError.forbidden }
            let period = try desk.period(request)
            let rows = try await desk.desk.rows(period, hall: desk.hall, viewer: officer.badge, at: desk.now())
            let page = DeskPage(
                frame: pages.frame(request, context, ("督察台", "Supervisor's desk"), Self.texts),
                language: Language.of(request),
                period: period,
                rows: rows,
                viewer: officer.badge
            )
            return try pages.render("supervision", page, request)
        }
    }

    static let texts: [String: (String, String)] = [
        "day": ("日", "Day"),
        "week": ("周", "Week"),
        "month": ("月", "Month"),
        "officer": ("民警", "Officer"),
        "hall": ("全厅", "Whole hall"),
        "served": ("办结", "Served"),
        "noShows": ("过号", "No-shows"),
        "wait": ("等候 平均/P90（分）", "Wait avg/p90 (min)"),
        "service": ("办理 平均/P90（分）", "Service avg/p90 (min)"),
        "outOfTurn": ("插号 待审/已审/存疑", "Out of turn open/reviewed/flagged"),
        "breaches": ("一次性告知违规", "Notice breaches"),
        "cases": ("办件 按时/超期", "Cases on time/overdue"),
        "badReviews": ("差评 总数/未办结", "Bad reviews total/open"),
        "complaints": ("投诉 在办/超期", "Complaints open/overdue"),
        "inspections": ("检查问题 未整改", "Inspection findings open"),
        "visits": ("现场办公 次数/办结/部分/未能/待记录", "On-site visits / done / partly / not possible / to record"),
        "onSiteCases": ("现场受理件", "Cases taken on site"),
        "csv": ("导出CSV", "Export CSV"),
    ]
}

/// The desk page's view model.
struct DeskPage: Sendable {
    struct Row: Sendable {
        let officer: String
        let isHall: Bool
        let served: Int
        let noShows: Int
        let wait: String
        let service: String
        let outOfTurn: String
        let breaches: Int
        let cases: String
        let badReviews: String
        let complaints: String
        let inspectionFindingsOpen: Int
        let visits: String
        let onSiteCases: Int
        let findingsLink: String?
    }

    struct Choice: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    let frame: PageFrame
    let from: String
    let through: String
    let periods: [Choice]
    let csv: String
    let rows: [Row]

    /// `viewer`'s own row links to no findings page: an officer's record is not read by the officer it is about.
    init(frame: PageFrame, language: Language, period: DeskPeriod, rows: [SupervisorDesk.Row], viewer: Badge? = nil) {
        self.frame = frame
        from = period.from.description
        through = period.through.description
        periods = DeskPeriod.Kind.allCases.map { kind in
            Choice(
                label: frame.t[kind.rawValue] ?? kind.rawValue,
                href: "/supervision?period=\(kind.rawValue)&date=\(period.from)",
                current: kind == period.kind
            )
        }
        csv = "/api/v1/supervision/desk.csv?period=\(period.kind.rawValue)&date=\(period.from)"
        func minutes(_ seconds: Int?) -> String { seconds.map { String(format: "%.1f", Double($0) / 60) } ?? "—" }
        self.rows = rows.map { row in
            Row(
                officer: row.officer?.value ?? (frame.t["hall"] ?? "全厅"),
                isHall: row.officer == nil,
                served: row.queue.served,
                noShows: row.queue.noShows,
                wait: "\(minutes(row.queue.averageWaitSeconds)) / \(minutes(row.queue.p90WaitSeconds))",
                service: "\(minutes(row.queue.averageServiceSeconds)) / \(minutes(row.queue.p90ServiceSeconds))",
                outOfTurn: "\(row.outOfTurnOpen) / \(row.outOfTurnReviewed) / \(row.outOfTurnFlagged)",
                breaches: row.breaches,
                cases: "\(row.casesOnTime) / \(row.casesOverdue)",
                badReviews: "\(row.badReviews) / \(row.badReviewsOpen)",
                complaints: "\(row.complaintsOpen) / \(row.complaintsOverdue)",
                inspectionFindingsOpen: row.inspectionFindingsOpen,
                visits: "\(row.visits) / \(row.visitsDone) / \(row.visitsPartly) / \(row.visitsNotPossible) / \(row.visitsAwaitingResult)",
                onSiteCases: row.onSiteCases,
                findingsLink: row.officer.flatMap { $0 == viewer ? nil : "/officers/\($0.value)/findings" }
            )
        }
    }
}
