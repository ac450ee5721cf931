import ChuangkouCore
import Foundation
import SQLKit

/// What the published results (`/results`) and an officer's own page read: tallies, never raters.
extension RatingRepository {
    /// One month of results: satisfaction per business and per window, the bad reviews and how they ended.
    public struct MonthResults: Sendable, Equatable {
        public let month: String
        public let byBusiness: [BusinessCode: SatisfactionTally]
        /// Window 0: cases rated online.
        public let byWindow: [Int: SatisfactionTally]
        public let outcomes: Outcomes
        /// The fixes of the month as published: what was done, never by whom or for whom.
        public let fixes: [Fix]

        public var overall: SatisfactionTally { byBusiness.values.reduce(SatisfactionTally(), +) }
    }

    public struct Outcomes: Sendable, Equatable {
        public var open = 0
        public var fixed = 0
        public var explained = 0
        public var appealUpheld = 0
        /// Bad reviews whose rater left a contact, and of those how many had their return visit (RULES §6: 100 %).
        public var withContact = 0
        public var returnVisited = 0

        public var total: Int { open + fixed + explained + appealUpheld }

        public init(open: Int = 0, fixed: Int = 0, explained: Int = 0, appealUpheld: Int = 0, withContact: Int = 0, returnVisited: Int = 0) {
            self.open = open
            self.fixed = fixed
            self.explained = explained
            self.appealUpheld = appealUpheld
            self.withContact = withContact
            self.returnVisited = returnVisited
        }
    }

    public struct Fix: Sendable, Equatable {
        public let business: BusinessCode
        public let openedOn: LocalDate
        public let outcome: Rectification.Outcome
    }

    /// `month` is `YYYY-MM` in the hall's zone.
    public func results(month: String) async throws -> MonthResults {
        try await database.read { db in
            var byBusiness: [BusinessCode: SatisfactionTally] = [:]
            var byWindow: [Int: SatisfactionTally] = [:]
            for row in try await RatingTally.rows(month: month, in: db) {
                byBusiness[row.business, default: .init()].add(row.level, count: row.counted)
                byBusiness[row.business, default: .init()].add(row.level, count: row.excluded, excluded: true)
                byWindow[row.window, default: .init()].add(row.level, count: row.counted)
                byWindow[row.window, default: .init()].add(row.level, count: row.excluded, excluded: true)
            }
            let (from, until) = Self.monthRange(month)
            var outcomes = Outcomes()
            for row in try await db.raw(
                """
                SELECT outcome, rater_has_contact, return_visit_done, COUNT(*) AS n FROM rectifications
                WHERE opened_on >= \(bind: from) AND opened_on < \(bind: until)
                GROUP BY outcome, rater_has_contact, return_visit_done
                """
            ).all() {
                let n = try row.decode(column: "n", as: Int.self)
                switch try row.decode(column: "outcome", as: String?.self) {
                case "fixedNow", "fixedBy": outcomes.fixed += n
                case "explained": outcomes.explained += n
                case "appealUpheld": outcomes.appealUpheld += n
                default: outcomes.open += n
                }
                if try row.decode(column: "rater_has_contact", as: Int.self) == 1 {
                    outcomes.withContact += n
                    if try row.decode(column: "return_visit_done", as: Int.self) == 1 { outcomes.returnVisited += n }
                }
            }
            let fixes = try await db.raw(
                """
                SELECT r.item, g.business_code FROM rectifications r JOIN ratings g ON g.id = r.rating_id
                WHERE r.opened_on >= \(bind: from) AND r.opened_on < \(bind: until) AND r.outcome IN ('fixedNow', 'fixedBy', 'explained')
                ORDER BY r.opened_on, r.id LIMIT 200
                """
            ).all().compactMap { row -> Fix? in
                guard let business = BusinessCode(try row.decode(column: "business_code", as: String.self)),
                    let item = try? JSONDecoder().decode(Rectification.self, from: Data(try row.decode(column: "item", as: String.self).utf8)),
                    let outcome = item.outcome
                else { return nil }
                return Fix(business: business, openedOn: item.openedOn, outcome: outcome)
            }
            return MonthResults(month: month, byBusiness: byBusiness, byWindow: byWindow, outcomes: outcomes, fixes: fixes)
        }
    }

    /// An officer's own ratings over some days: by level and the indicators' means; never who rated.
    public struct OfficerSummary: Sendable, Equatable {
        public let tally: SatisfactionTally
        public let indicators: [RatingIndicator: Double]
    }

    public func summary(of officer: Badge, from: LocalDate, through: LocalDate) async throws -> OfficerSummary {
        try await database.read { db in
            var tally = SatisfactionTally()
            for row in try await db.raw(
                """
                SELECT g.level, CASE WHEN x.rating_id IS NULL THEN 0 ELSE 1 END AS excluded, COUNT(*) AS n FROM ratings g
                LEFT JOIN rating_exclusions x ON x.rating_id = g.id
                WHERE g.officer_badge = \(bind: officer.value) AND g.rated_day >= \(bind: from.description)
                    AND g.rated_day <= \(bind: through.description)
                GROUP BY g.level, CASE WHEN x.rating_id IS NULL THEN 0 ELSE 1 END
                """
            ).all() {
                guard let level = Satisfaction(rawValue: try row.decode(column: "level", as: Int.self)) else { continue }
                tally.add(level, count: try row.decode(column: "n", as: Int.self), excluded: try row.decode(column: "excluded", as: Int.self) == 1)
            }
            let means = try await db.raw(
                """
                SELECT CAST(AVG(overall) AS DOUBLE PRECISION) AS overall, CAST(AVG(efficiency) AS DOUBLE PRECISION) AS efficiency,
                    CAST(AVG(competence) AS DOUBLE PRECISION) AS competence, CAST(AVG(attitude) AS DOUBLE PRECISION) AS attitude
                FROM ratings WHERE officer_badge = \(bind: officer.value) AND rated_day >= \(bind: from.description)
                    AND rated_day <= \(bind: through.description)
                """
            ).first()
            var indicators: [RatingIndicator: Double] = [:]
            for indicator in RatingIndicator.allCases {
                if let mean = try means?.decode(column: indicator.rawValue, as: Double?.self) { indicators[indicator] = mean }
            }
            return OfficerSummary(tally: tally, indicators: indicators)
        }
    }

    /// `[first day, first day of the next month)` as `YYYY-MM-DD` text, for a `YYYY-MM` month.
    static func monthRange(_ month: String) -> (String, String) {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return (month, month) }
        let (year, m) = (parts[0], parts[1])
        let next = m == 12 ? String(format: "%04d-01", year + 1) : String(format: "%04d-%02d", year, m + 1)
        return (month + "-01", next + "-01")
    }
}
