/// Counts of ratings by level for one group (a business, a window, a month), as the public results page shows them.
///
/// Ratings excluded by an upheld appeal are counted apart and never in the rate. The satisfaction rate (满意率) is the
/// share of counted ratings at 基本满意 or better; 差评 are the 1s and 2s (RULES §6).
public struct SatisfactionTally: Sendable, Equatable {
    public private(set) var counts: [Satisfaction: Int] = [:]
    public private(set) var excluded = 0

    public init() {}

    public mutating func add(_ level: Satisfaction, count: Int = 1, excluded isExcluded: Bool = false) {
        if isExcluded {
            excluded += count
        } else {
            counts[level, default: 0] += count
        }
    }

    public var total: Int { counts.values.reduce(0, +) }
    public var bad: Int { counts.filter { $0.key.isBad }.values.reduce(0, +) }

    /// Nil when nothing was rated: no rate is better than a made-up 100 %.
    public var satisfactionRate: Double? {
        total == 0 ? nil : Double(total - bad) / Double(total)
    }

    /// The mean level, 1–5, of the counted ratings.
    public var average: Double? {
        total == 0 ? nil : Double(counts.reduce(0) { $0 + $1.key.rawValue * $1.value }) / Double(total)
    }

    public static func + (a: SatisfactionTally, b: SatisfactionTally) -> SatisfactionTally {
        var sum = a
        for (level, count) in b.counts { sum.add(level, count: count) }
        sum.excluded += b.excluded
        return sum
    }
}
