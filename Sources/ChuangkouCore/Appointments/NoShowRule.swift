import Foundation

/// Repeated no-shows (爽约) block booking: `limit` missed appointments within `withinDays` days block new bookings for
/// `blockDays` days from the last one. The rule is shown to the citizen in words (`explanation`).
public struct NoShowRule: Sendable, Equatable {
    public var limit: Int
    public var withinDays: Int
    public var blockDays: Int

    public init(limit: Int = 3, withinDays: Int = 30, blockDays: Int = 30) {
        self.limit = limit
        self.withinDays = withinDays
        self.blockDays = blockDays
    }

    /// Until when booking is blocked, given the instants of a phone's missed appointments (any order); nil when not.
    public func blockedUntil(missed: [Date], now: Date) -> Date? {
        guard limit > 0 else { return nil }
        let day = 86_400.0
        let sorted = missed.filter { $0 <= now }.sorted()
        // Every run of `limit` misses inside `withinDays` starts a block from its last miss; the latest such block counts.
        var until: Date?
        if sorted.count >= limit {
            for end in (limit - 1)..<sorted.count where sorted[end].timeIntervalSince(sorted[end - limit + 1]) <= Double(withinDays) * day {
                until = sorted[end].addingTimeInterval(Double(blockDays) * day)
            }
        }
        guard let until, until > now else { return nil }
        return until
    }

    public var explanation: String { "\(withinDays)天内预约后未到\(limit)次的，自最后一次起\(blockDays)天内不能预约。" }
    public var explanationEnglish: String {
        "Missing \(limit) appointments within \(withinDays) days blocks booking for \(blockDays) days from the last one."
    }
}
