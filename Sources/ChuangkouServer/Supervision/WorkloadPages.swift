import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The workload page (`/workload`, 避免厌烦): per officer for a day, week or month, minutes at the window, serving, the
/// breaks and tickets served, each day with more serving than the hall's limit marked, and what each person handles.
/// Duty leaders and supervisors see everyone; any other staff member their own row.
struct WorkloadPages {
    let pages: PageRenderer
    let api: WorkloadController
    let officers: OfficerRepository

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("workload") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            let period = try DeskController.period(request, today: api.hall.serviceDay(at: api.now()))
            let rows = try await api.rows(period, viewer: officer)
            let names = Dictionary(try await officers.all().map { ($0.badge, $0.name) }) { first, _ in first }
            let page = WorkloadPage(
                frame: pages.frame(request, context, ("工作量", "Workload"), Self.texts),
                period: period,
                heavyServingMinutes: api.heavyServingMinutes,
                rows: rows,
                names: names,
                everyone: officer.roles.isDutyLeader || officer.roles.isSupervisor
            )
            return try pages.render("workload", page, request)
        }
    }

    static let texts: [String: (String, String)] = [
        "day": ("日", "Day"),
        "week": ("周", "Week"),
        "month": ("月", "Month"),
        "officer": ("民警", "Officer"),
        "date": ("日期", "Date"),
        "window": ("在岗（分）", "At the window (min)"),
        "serving": ("办理（分）", "Serving (min)"),
        "breaks": ("暂停 次数/分钟", "Breaks count/min"),
        "served": ("办结", "Served"),
        "heavy": ("超负荷", "Heavy"),
        "heavyDays": ("超负荷天数", "Heavy days"),
        "handling": ("承办 本期分派/在办", "Assigned in period / open"),
        "complaint": ("投诉", "Complaints"),
        "rectification": ("差评整改", "Rectifications"),
        "followUp": ("检查整改", "Follow-ups"),
        "total": ("合计", "Total"),
        "none": ("本期没有记录。", "Nothing recorded in this period."),
        "own": ("只显示本人的工作量。", "Only your own workload is shown."),
        "rule": ("办理时间超过", "Serving over"),
        "minutes": ("分钟的日子标为超负荷。", "minutes in a day is marked heavy."),
    ]
}

/// The workload page's view model.
struct WorkloadPage: Sendable {
    struct Line: Sendable {
        let label: String
        let window: Int
        let serving: Int
        let breaks: String
        let served: Int
        let heavy: Bool
    }

    struct Row: Sendable {
        let officer: String
        let total: Line
        let heavyDays: Int
        let days: [Line]
        let handling: String
    }

    let frame: PageFrame
    let from: String
    let through: String
    let periods: [DeskPage.Choice]
    let heavyServingMinutes: Int
    let rows: [Row]
    let empty: Bool
    let ownOnly: Bool

    init(
        frame: PageFrame,
        period: DeskPeriod,
        heavyServingMinutes: Int,
        rows: [Workload.Row],
        names: [Badge: String],
        everyone: Bool
    ) {
        self.frame = frame
        from = period.from.description
        through = period.through.description
        periods = DeskPeriod.Kind.allCases.map { kind in
            DeskPage.Choice(
                label: frame.t[kind.rawValue] ?? kind.rawValue,
                href: "/workload?period=\(kind.rawValue)&date=\(period.from)",
                current: kind == period.kind
            )
        }
        self.heavyServingMinutes = heavyServingMinutes
        func line(_ label: String, _ figures: Workload.Figures, heavy: Bool) -> Line {
            let shown = WorkloadController.Figures(figures)
            return Line(
                label: label,
                window: shown.windowMinutes,
                serving: shown.servingMinutes,
                breaks: "\(shown.breaks) / \(shown.breakMinutes)",
                served: shown.served,
                heavy: heavy
            )
        }
        let t = frame.t
        self.rows = rows.map { row in
            let handling = Workload.Assignment.Kind.allCases.map { kind in
                "\(t[kind.rawValue] ?? kind.rawValue) \(row.assigned[kind] ?? 0)/\(row.open[kind] ?? 0)"
            }
            return Row(
                officer: names[row.officer].map { "\($0) \(row.officer.value)" } ?? row.officer.value,
                total: line(t["total"] ?? "合计", row.total, heavy: row.heavyDays > 0),
                heavyDays: row.heavyDays,
                days: row.days.map { line($0.day.description, $0.figures, heavy: $0.heavy) },
                handling: handling.joined(separator: "，")
            )
        }
        empty = rows.isEmpty
        ownOnly = !everyone
    }
}
