import Foundation

/// One ticket as the desk counts it: who served it and its four instants.
public struct DeskTicket: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case finished
        case noShow
        /// Waiting, called, serving or cancelled: counted for nothing but the wait, when it was called.
        case other
    }

    public let officer: Badge?
    public let outcome: Outcome
    public let issuedAt: Date
    public let calledAt: Date?
    public let startedAt: Date?
    public let finishedAt: Date?

    public init(officer: Badge?, outcome: Outcome, issuedAt: Date, calledAt: Date?, startedAt: Date?, finishedAt: Date?) {
        self.officer = officer
        self.outcome = outcome
        self.issuedAt = issuedAt
        self.calledAt = calledAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// The queue's figures for one officer or the whole hall over a period: tickets served, no-shows, and the average and
/// 90th percentile (nearest rank) of the wait (issue to first call) and of the service (start to finish), in seconds.
public struct QueueFigures: Sendable, Equatable {
    public var served = 0
    public var noShows = 0
    public var averageWaitSeconds: Int?
    public var p90WaitSeconds: Int?
    public var averageServiceSeconds: Int?
    public var p90ServiceSeconds: Int?

    public init() {}

    /// The hall's figures (`nil` key) and each officer's, from the tickets of the period and the tallies of days already
    /// rolled up (`nil` key there: tickets no officer touched).
    public static func compute(_ tickets: [DeskTicket], plus rolled: [Badge?: QueueTally] = [:]) -> [Badge?: QueueFigures] {
        var tallies = rolled
        for (officer, tally) in QueueTally.byOfficer(tickets) { tallies[officer, default: QueueTally()].merge(tally) }
        var hall = QueueTally()
        for tally in tallies.values { hall.merge(tally) }
        var figures: [Badge?: QueueFigures] = [nil: hall.figures]
        for (officer, tally) in tallies { if let officer { figures[officer] = tally.figures } }
        return figures
    }

    /// The mean, rounded to the nearest second; nil for no values.
    public static func average(_ values: [TimeInterval]) -> Int? {
        guard !values.isEmpty else { return nil }
        return Int((values.reduce(0, +) / Double(values.count)).rounded())
    }

    /// The nearest-rank 90th percentile: the smallest value with at least 90 % of the values at or below it.
    public static func percentile90(_ values: [TimeInterval]) -> Int? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        // ⌈0.9 n⌉ in integers: no floating-point rounding at the boundary.
        let rank = (sorted.count * 9 + 9) / 10
        return Int(sorted[max(0, rank - 1)].rounded())
    }
}
