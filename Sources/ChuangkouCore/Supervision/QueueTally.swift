import Foundation

/// Durations counted by whole second (rounded half up, negative clamped to 0): how many of each, and their exact sum in
/// milliseconds. Two histograms add up to the histogram of both sets, so a month's average and 90th percentile come
/// out of its days' histograms exactly as from the month's tickets: the desk's figures are whole seconds anyway.
public struct SecondsHistogram: Sendable, Equatable {
    /// Whole seconds → how many durations rounded to it.
    public private(set) var counts: [Int: Int] = [:]
    public private(set) var count = 0
    public private(set) var totalMilliseconds: Int64 = 0

    public init() {}

    public mutating func add(milliseconds: Int64) {
        let value = max(0, milliseconds)
        counts[Int((value + 500) / 1_000), default: 0] += 1
        count += 1
        totalMilliseconds += value
    }

    public mutating func merge(_ other: SecondsHistogram) {
        counts.merge(other.counts, uniquingKeysWith: +)
        count += other.count
        totalMilliseconds += other.totalMilliseconds
    }

    /// The mean in seconds, rounded to the nearest; nil for none.
    public var average: Int? {
        guard count > 0 else { return nil }
        return Int((Double(totalMilliseconds) / 1_000 / Double(count)).rounded())
    }

    /// The nearest-rank 90th percentile: the smallest value with at least 90 % of the values at or below it.
    public var p90: Int? {
        guard count > 0 else { return nil }
        // ⌈0.9 n⌉ in integers: no floating-point rounding at the boundary.
        let rank = (count * 9 + 9) / 10
        var seen = 0
        for second in counts.keys.sorted() {
            seen += counts[second]!
            if seen >= rank { return second }
        }
        return nil
    }

    /// `seconds[:count]` pairs by ascending second, comma-separated, the count left out when it is 1: "0,12:3,95".
    public var encoded: String {
        counts.keys.sorted().map { second in
            let n = counts[second]!
            return n == 1 ? String(second) : "\(second):\(n)"
        }.joined(separator: ",")
    }

    /// Reads `encoded` back with the stored sum; nil for text that is not a histogram (a damaged row is recomputed, never
    /// trusted or fatal).
    public init?(encoded text: String, totalMilliseconds: Int64) {
        guard totalMilliseconds >= 0 else { return nil }
        self.totalMilliseconds = totalMilliseconds
        guard !text.isEmpty else {
            if totalMilliseconds != 0 { return nil }
            return
        }
        for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let second = Int(parts[0]), second >= 0, counts[second] == nil else { return nil }
            let n = parts.count == 2 ? Int(parts[1]) : 1
            guard let n, n > 0, count <= Int.max - n else { return nil }
            counts[second] = n
            count += n
        }
    }
}

/// The queue's raw counts for one officer (or for tickets no officer touched) over one day or more: what a closed day's
/// rollup stores, and what `QueueFigures` is computed from, so figures from rollups equal figures from tickets.
public struct QueueTally: Sendable, Equatable {
    public var served = 0
    public var noShows = 0
    /// Issue to first call, for every ticket that was called.
    public var waits = SecondsHistogram()
    /// Start to finish, for every finished ticket that was started.
    public var services = SecondsHistogram()

    public init() {}

    public init(served: Int, noShows: Int, waits: SecondsHistogram, services: SecondsHistogram) {
        self.served = served
        self.noShows = noShows
        self.waits = waits
        self.services = services
    }

    public mutating func add(_ ticket: DeskTicket) {
        switch ticket.outcome {
        case .finished: served += 1
        case .noShow: noShows += 1
        case .other: break
        }
        if let called = ticket.calledAt {
            waits.add(milliseconds: Self.milliseconds(called) - Self.milliseconds(ticket.issuedAt))
        }
        if ticket.outcome == .finished, let start = ticket.startedAt, let end = ticket.finishedAt {
            services.add(milliseconds: Self.milliseconds(end) - Self.milliseconds(start))
        }
    }

    public mutating func merge(_ other: QueueTally) {
        served += other.served
        noShows += other.noShows
        waits.merge(other.waits)
        services.merge(other.services)
    }

    public var figures: QueueFigures {
        var figures = QueueFigures()
        figures.served = served
        figures.noShows = noShows
        (figures.averageWaitSeconds, figures.p90WaitSeconds) = (waits.average, waits.p90)
        (figures.averageServiceSeconds, figures.p90ServiceSeconds) = (services.average, services.p90)
        return figures
    }

    /// One tally per officer who served, called or lost the tickets; `nil`: tickets no officer touched.
    public static func byOfficer(_ tickets: [DeskTicket]) -> [Badge?: QueueTally] {
        var tallies: [Badge?: QueueTally] = [:]
        for ticket in tickets { tallies[ticket.officer, default: QueueTally()].add(ticket) }
        return tallies
    }

    /// The stored instants are whole milliseconds: rounding gives them back exactly.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000).rounded()) }
}
