import ChuangkouCore
import ChuangkouStore
import Foundation

/// One row of satisfaction figures: a business, a window, an officer's week or month.
struct SatisfactionRow: Sendable {
    let name: String
    let total: Int
    let bad: Int
    let excluded: Int
    /// "96.4%", or "—" when nothing was rated (no made-up 100 %).
    let rate: String
    /// 0…1 for the `<meter>`; absent when nothing was rated.
    let rateValue: String?
    /// Counts by level, 非常满意 first (text, so a 0 is written, not taken for "false").
    let levels: [String]

    init(name: String, _ tally: SatisfactionTally) {
        self.name = name
        total = tally.total
        bad = tally.bad
        excluded = tally.excluded
        rate = tally.satisfactionRate.map(Self.percent) ?? "—"
        rateValue = tally.satisfactionRate.map { String(format: "%.4f", $0) }
        levels = Satisfaction.allCases.reversed().map { String(tally.counts[$0] ?? 0) }
    }

    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
}

/// The published results of one month (`/results`, no sign-in): satisfaction per business and per window, how the bad
/// reviews ended and the fixes as described by their handlers. Built from tallies only: no rater, no phone, no
/// comment, and no officer's name or badge anywhere, so no officer is identified by a bad review (RULES §6).
struct ResultsPage: Sendable {
    struct Outcomes: Sendable {
        let badReviews: Int
        let open: Int
        let fixed: Int
        let explained: Int
        let appealUpheld: Int
        let withContact: Int
        let returnVisited: Int
        /// The return-visit rate on bad reviews with a contact (RULES §6: 100 %), "—" when there were none.
        let returnVisitRate: String
    }
    struct Fix: Sendable {
        let business: String
        let date: String
        let kind: String
        let description: String
    }

    let frame: PageFrame
    let month: String
    let monthTitle: String
    let earliestMonth: String
    let latestMonth: String
    let previousMonth: String?
    let nextMonth: String?
    let overall: SatisfactionRow
    let businesses: [SatisfactionRow]
    let windows: [SatisfactionRow]
    let hasRatings: Bool
    let outcomes: Outcomes
    let fixes: [Fix]
    let hasFixes: Bool
    let levelNames: [String]

    init(
        frame: PageFrame,
        results: RatingRepository.MonthResults,
        businessNames: [BusinessCode: String],
        earliest: String,
        latest: String
    ) {
        let language = Language(rawValue: frame.lang) ?? .chinese
        self.frame = frame
        month = results.month
        let parts = results.month.split(separator: "-").compactMap { Int($0) }
        monthTitle =
            parts.count == 2
            ? language.pick("\(parts[0])年\(parts[1])月", "\(Self.englishMonths[(parts[1] - 1) % 12]) \(parts[0])") : results.month
        earliestMonth = earliest
        latestMonth = latest
        previousMonth = Self.shift(results.month, by: -1).flatMap { $0 >= earliest ? $0 : nil }
        nextMonth = Self.shift(results.month, by: 1).flatMap { $0 <= latest ? $0 : nil }
        overall = SatisfactionRow(name: language.pick("全部", "All"), results.overall)
        businesses = results.byBusiness.sorted { $0.key.value < $1.key.value }.map {
            SatisfactionRow(name: businessNames[$0.key] ?? $0.key.value, $0.value)
        }
        windows = results.byWindow.sorted { $0.key < $1.key }.map {
            // Window 0 in the tallies: cases rated online, which no window served.
            SatisfactionRow(name: WindowNumber($0.key).map(frame.windowName) ?? language.pick("网上评价（办件）", "Online (cases)"), $0.value)
        }
        hasRatings = results.overall.total + results.overall.excluded > 0
        let o = results.outcomes
        outcomes = Outcomes(
            badReviews: o.total,
            open: o.open,
            fixed: o.fixed,
            explained: o.explained,
            appealUpheld: o.appealUpheld,
            withContact: o.withContact,
            returnVisited: o.returnVisited,
            returnVisitRate: o.withContact == 0 ? "—" : SatisfactionRow.percent(Double(o.returnVisited) / Double(o.withContact))
        )
        fixes = results.fixes.map { fix in
            let kind: String =
                switch fix.outcome {
                case .fixedNow: language.pick("立行立改", "Fixed at once")
                case .fixedBy(let date, _): language.pick("限期整改（\(date.chineseDate)前）", "Fixed by \(date)")
                case .explained: language.pick("解释说明", "Explained")
                }
            return Fix(
                business: businessNames[fix.business] ?? fix.business.value,
                date: fix.openedOn.description,
                kind: kind,
                description: fix.outcome.description
            )
        }
        hasFixes = !fixes.isEmpty
        levelNames = Satisfaction.allCases.reversed().map { language.pick($0.label, $0.labelEnglish) }
    }

    /// `YYYY-MM` moved by whole months.
    static func shift(_ month: String, by months: Int) -> String? {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        let index = parts[0] * 12 + (parts[1] - 1) + months
        return String(format: "%04d-%02d", index / 12, index % 12 + 1)
    }

    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
}

/// An officer's own figures (`/account/ratings`): their ratings by level and the indicators' means, per week and per
/// month, in aggregate. Never who rated, never a comment.
struct OwnRatingsPage: Sendable {
    struct Period: Sendable {
        let label: String
        let from: String
        let through: String
        let row: SatisfactionRow
        /// The four indicators' means ("4.3", "—"), in `RatingIndicator.allCases` order.
        let indicators: [String]
    }

    let frame: PageFrame
    let officerName: String
    let weeks: [Period]
    let months: [Period]
    let levelNames: [String]
    let indicatorNames: [String]

    init(frame: PageFrame, officerName: String, weeks: [Period], months: [Period]) {
        let language = Language(rawValue: frame.lang) ?? .chinese
        self.frame = frame
        self.officerName = officerName
        self.weeks = weeks
        self.months = months
        levelNames = Satisfaction.allCases.reversed().map { language.pick($0.label, $0.labelEnglish) }
        indicatorNames = RatingIndicator.allCases.map { language.pick($0.label, $0.labelEnglish) }
    }

    static func period(label: String, from: LocalDate, through: LocalDate, _ summary: RatingRepository.OfficerSummary) -> Period {
        Period(
            label: label,
            from: from.description,
            through: through.description,
            row: SatisfactionRow(name: label, summary.tally),
            indicators: RatingIndicator.allCases.map { summary.indicators[$0].map { String(format: "%.1f", $0) } ?? "—" }
        )
    }

    /// The last `count` weeks (Monday to Sunday), this one first, this one ending today.
    static func weeks(endingOn today: LocalDate, count: Int) -> [(LocalDate, LocalDate)] {
        guard let monday = try? today.adding(days: 1 - today.isoWeekday) else { return [] }
        return (0..<count).compactMap { back in
            guard let from = try? monday.adding(days: -7 * back), let sunday = try? from.adding(days: 6) else { return nil }
            return (from, min(sunday, today))
        }
    }

    /// The last `count` calendar months, this one first, this one ending today.
    static func months(endingOn today: LocalDate, count: Int) -> [(LocalDate, LocalDate)] {
        (0..<count).compactMap { back in
            let index = today.year * 12 + (today.month - 1) - back
            guard let first = LocalDate(year: index / 12, month: index % 12 + 1, day: 1) else { return nil }
            let nextIndex = index + 1
            guard let next = LocalDate(year: nextIndex / 12, month: nextIndex % 12 + 1, day: 1), let last = try? next.adding(days: -1) else {
                return nil
            }
            return (first, min(last, today))
        }
    }
}
