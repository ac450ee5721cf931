import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The audit admin's page (`/admin/audit`): search the audit by time range, actor, action, object and outcome,
/// newest first with a link to older rows, and export what the search finds as CSV (`/api/v1/audit/export.csv`
/// with the same query). The audit administrator only.
struct AuditPages {
    let pages: PageRenderer
    let audit: AuditController

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("admin/audit") { request, context -> Response in
            guard context.officer != nil else { return PageRenderer.signIn(returningTo: request) }
            try AuditController.requireAuditAdmin(context)
            let query = request.uri.queryParameters
            let zone = pages.hall.timeZone
            var filter = try AuditQuery.filter(query, timeZone: zone, maximum: 500)
            filter.limit += 1
            let found = try await audit.search(filter, action: "audit.search")
            let rows = Array(found.prefix(filter.limit - 1))
            let page = AuditPage(
                frame: pages.frame(request, context, ("审计日志", "Audit log"), Self.texts),
                query: query.map { (String($0.key), String($0.value)) },
                rows: rows,
                hasMore: found.count == filter.limit,
                timeZone: zone
            )
            return try pages.render("admin-audit", page, request)
        }
    }

    static let texts: [String: (String, String)] = [
        "from": ("起始时间", "From"),
        "through": ("截止时间", "Through"),
        "actor": ("操作人 (警号)", "Actor (badge)"),
        "action": ("操作", "Action"),
        "object": ("对象", "Object"),
        "outcome": ("结果", "Outcome"),
        "any": ("全部", "Any"),
        "ok": ("成功", "Done"),
        "refused": ("被拒绝", "Refused"),
        "failed": ("失败", "Failed"),
        "search": ("查询", "Search"),
        "export": ("导出 CSV", "Export CSV"),
        "time": ("时间", "Time"),
        "role": ("角色", "Role"),
        "address": ("来源地址", "Source address"),
        "detail": ("说明", "Detail"),
        "older": ("更早的记录", "Older entries"),
        "empty": ("没有符合条件的记录", "No entries match"),
        "chain": (
            "每条记录含前一条记录的哈希, 任何修改、删除或调序都会被 chuangkou audit verify 发现",
            "Each entry carries the previous entry's hash: chuangkou audit verify finds any edit, deletion or reordering"
        ),
    ]
}

/// The audit page's view model: the search as typed, the rows in hall time, and the links for export and paging.
struct AuditPage: Sendable {
    struct Row: Sendable {
        let seq: Int64
        let time: String
        let actor: String
        let role: String
        let address: String
        let action: String
        let object: String
        let outcome: String
        let detail: String
    }

    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let frame: PageFrame
    let from: String
    let through: String
    let actor: String
    let action: String
    let object: String
    let outcomes: [Choice]
    let rows: [Row]
    let isEmpty: Bool
    let exportURL: String
    let olderURL: String?

    init(frame: PageFrame, query: [(String, String)], rows: [AuditRecord], hasMore: Bool, timeZone: TimeZone) {
        self.frame = frame
        func value(_ name: String) -> String { query.last { $0.0 == name }?.1 ?? "" }
        from = value("from")
        through = value("through")
        actor = value("actor")
        action = value("action")
        object = value("object")
        let outcome = value("outcome")
        outcomes =
            [Choice(value: "", label: frame.t["any"] ?? "", selected: outcome.isEmpty)]
            + AuditOutcome.allCases.map { Choice(value: $0.rawValue, label: frame.t[$0.rawValue] ?? $0.rawValue, selected: outcome == $0.rawValue) }
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func time(_ date: Date) -> String {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
            return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
        }
        self.rows = rows.map { r in
            Row(
                seq: r.seq,
                time: time(r.date),
                actor: r.actor,
                role: r.role,
                address: r.address,
                action: r.action,
                object: r.object,
                outcome: r.outcome,
                detail: r.detail
            )
        }
        isEmpty = rows.isEmpty
        let kept = query.filter { ["from", "through", "actor", "action", "object", "outcome"].contains($0.0) && !$0.1.isEmpty }
        exportURL = "/api/v1/audit/export.csv" + (kept.isEmpty ? "" : "?" + QueryString.make(kept))
        olderURL = hasMore ? rows.last.map { "/admin/audit?" + QueryString.make(kept + [("before", String($0.seq))]) } : nil
    }
}
