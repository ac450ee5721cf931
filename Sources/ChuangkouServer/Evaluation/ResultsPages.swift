import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The published results (`/results`, anyone, printable on A4 and readable on a phone) and an officer's own figures
/// (`/account/ratings`, signed-in staff). Both read tallies, never a rater.
struct ResultsPages {
    let pages: PageRenderer
    let ratings: RatingRepository
    let businesses: BusinessRepository
    let time: HallTime

    /// The first month the picker offers; the last is the current one.
    static let earliestMonth = "2000-01"

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("results") { request, context -> Response in
            let latest = String(time.date.description.prefix(7))
            let month = try Self.month(request.uri.queryParameters.get("month").map { String($0) }, latest: latest)
            let page = ResultsPage(
                frame: pages.frame(request, context, ("好差评结果公示", "Service ratings: published results"), Self.resultTexts),
                results: try await ratings.results(month: month),
                businessNames: try await businessNames(),
                earliest: Self.earliestMonth,
                latest: latest
            )
            return try pages.render("results", page, request)
        }
        router.get("account/ratings") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            let language = Language.of(request)
            let today = time.date
            var weeks: [OwnRatingsPage.Period] = []
            for (index, (from, through)) in OwnRatingsPage.weeks(endingOn: today, count: 6).enumerated() {
                let label = index == 0 ? language.pick("本周", "This week") : "\(from.description) – \(through.description)"
                weeks.append(
                    OwnRatingsPage.period(
                        label: label,
                        from: from,
                        through: through,
                        try await ratings.summary(of: officer.badge, from: from, through: through)
                    )
                )
            }
            var months: [OwnRatingsPage.Period] = []
            for (from, through) in OwnRatingsPage.months(endingOn: today, count: 6) {
                let label = language.pick("\(from.year)年\(from.month)月", String(from.description.prefix(7)))
                months.append(
                    OwnRatingsPage.period(
                        label: label,
                        from: from,
                        through: through,
                        try await ratings.summary(of: officer.badge, from: from, through: through)
                    )
                )
            }
            let page = OwnRatingsPage(
                frame: pages.frame(request, context, ("我的评价", "My ratings"), Self.ownTexts),
                officerName: officer.name,
                weeks: weeks,
                months: months
            )
            return try pages.render("account-ratings", page, request)
        }
    }

    /// `?month=YYYY-MM` between the earliest month and this one (default: this one); anything else a 400 in words.
    static func month(_ text: String?, latest: String) throws -> String {
        guard let text, !text.isEmpty else { return latest }
        guard text.count == 7, let day = LocalDate(text + "-01") else { throw APIError.badMonth }
        let month = String(day.description.prefix(7))
        guard month >= earliestMonth, month <= latest else {
            throw APIError(
                .badRequest,
                APIError.EvaluationCode.badMonth,
                "月份应在\(earliestMonth)至\(latest)之间",
                "The month is between \(earliestMonth) and \(latest)"
            )
        }
        return month
    }

    private func businessNames() async throws -> [BusinessCode: String] {
        Dictionary(
            try await businesses.all(serviceDay: time.date).map { ($0.business.code, $0.business.name) },
            uniquingKeysWith: { a, _ in a }
        )
    }

    static let resultTexts: [String: (String, String)] = [
        "month": ("月份", "Month"),
        "show": ("查看", "Show"),
        "previous": ("上一月", "Previous month"),
        "next": ("下一月", "Next month"),
        "print": ("打印", "Print"),
        "overall": ("总体满意率", "Overall satisfaction"),
        "count": ("评价数", "Ratings"),
        "rate": ("满意率", "Satisfied"),
        "bad": ("差评", "Bad reviews"),
        "excluded": ("申诉成立不计", "Excluded on appeal"),
        "byBusiness": ("按事项", "By service"),
        "byWindow": ("按窗口", "By window"),
        "business": ("事项", "Service"),
        "windowCol": ("窗口", "Window"),
        "none": ("本月暂无评价", "No ratings this month"),
        "badReviews": ("差评整改情况", "How the bad reviews ended"),
        "badTotal": ("差评总数", "Bad reviews"),
        "fixed": ("已整改", "Fixed"),
        "explained": ("已解释说明", "Explained"),
        "appealUpheld": ("申诉成立", "Appeal upheld"),
        "open": ("整改中", "Still open"),
        "returnVisitRate": ("差评回访率（留有联系方式的）", "Return-visit rate (bad reviews with a contact)"),
        "fixes": ("整改措施公示", "What was done"),
        "date": ("差评日期", "Date"),
        "kind": ("方式", "How"),
        "description": ("整改措施", "What was done"),
        "noFixes": ("本月暂无已办结的整改", "No rectification closed this month"),
        "rule": (
            "满意率 = 基本满意及以上的评价 ÷ 计入统计的评价；“不满意”“非常不满意”为差评，每条差评均须回访并整改。本页不公开评价人和民警的个人信息。",
            "Satisfied = ratings of “fairly satisfied” or better ÷ counted ratings; “dissatisfied” and “very dissatisfied” are bad "
                + "reviews, each called back and rectified. No rater's or officer's personal details are published."
        ),
    ]

    static let ownTexts: [String: (String, String)] = [
        "byWeek": ("按周", "By week"),
        "byMonth": ("按月", "By month"),
        "period": ("时段", "Period"),
        "count": ("评价数", "Ratings"),
        "rate": ("满意率", "Satisfied"),
        "bad": ("差评", "Bad"),
        "excluded": ("申诉成立不计", "Excluded on appeal"),
        "indicators": ("指标平均分（1–5）", "Indicator means (1–5)"),
        "privacy": (
            "只显示汇总数字，不显示评价人；评价不能修改或删除。差评由值班领导或督察回访整改。",
            "Totals only, never who rated; ratings cannot be changed or deleted. Bad reviews are followed up by the duty "
                + "leader or a supervisor."
        ),
        "results": ("大厅好差评公示", "The hall's published results"),
    ]
}
