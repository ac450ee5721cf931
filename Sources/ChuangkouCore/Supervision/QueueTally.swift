import Foundation

/// Durations counted by whole second (rounded half up, negative clamped to 0): how many of each, and their exact sum in
/// milliseconds. Two histograms add up to the histogram of both sets, so a month's average and 90th percentile come
/// out of its days' histograms exactly as from the month's tickets: the desk's figures are whole seconds anyway.
///
/// The desk merges a month of these (days × officers) on every read, so the common case is an array indexed by
/// second; the rare duration of an hour or more (a ticket left waiting all morning) goes to a dictionary, which keeps
/// the array bounded whatever a stored row says.
public struct SecondsHistogram: Sendable {
    /// Counts of 0..<`denseSeconds` seconds by index, as long as the longest such second seen.
    private var dense: [Int] = []
    /// Counts of `denseSeconds` seconds and more.
    private var sparse: [Int: Int] = [:]
    public private(set) var count = 0
    public private(set) var totalMilliseconds: Int64 = 0

    static let denseSeconds = 3_600

    public init() {}

    /// Whole seconds → how many durations rounded to it.
    public var counts: [Int: Int] {
        var all = sparse
        for (second, n) in dense.enumerated() where n > 0 { all[second] = n }
        return all
    }

    public mutating func add(milliseconds: Int64) {
        let value = max(0, milliseconds)
        add(second: Int((value + 500) / 1_000), times: 1)
        count += 1
        totalMilliseconds += value
    }

    private mutating func add(second: Int, times n: Int) {
        if second < Self.denseSeconds {
            // Grown by doubling: a day's histogram reads its seconds in ascending order, one step up at a time.
            if second >= dense.count {
                dense.append(contentsOf: repeatElement(0, count: min(Self.denseSeconds, max(second + 1, dense.count * 2)) - dense.count))
            }
            dense[second] += n
        } else {
            sparse[second, default: 0] += n
        }
    }

    public mutating func merge(_ other: SecondsHistogram) {
        if other.dense.count > dense.count { dense.append(contentsOf: repeatElement(0, count: other.dense.count - dense.count)) }
        dense.withUnsafeMutableBufferPointer { mine in
            other.dense.withUnsafeBufferPointer { theirs in
                for second in theirs.indices { mine[second] += theirs[second] }
            }
        }
        if !other.sparse.isEmpty { sparse.merge(other.sparse, uniquingKeysWith: +) }
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
        for (second, n) in dense.enumerated() {
            seen += n
            if seen >= rank { return second }
        }
        for second in sparse.keys.sorted() {
            seen += sparse[second]!
            if seen >= rank { return second }
        }
        return nil
    }

    /// `seconds[:count]` pairs by ascending second, comma-separated, the count left out when it is 1: "0,12:3,95".
    public var encoded: String {
        var text = ""
        func append(_ second: Int, _ n: Int) {
            if !text.isEmpty { text += "," }
            text += n == 1 ? String(second) : "\(second):\(n)"
        }
        for (second, n) in dense.enumerated() where n > 0 { append(second, n) }
        for second in sparse.keys.sorted() { append(second, sparse[second]!) }
        return text
    }

    /// Reads `encoded` back with the stored sum; nil for text that is not a histogram, seconds out of ascending order
    /// included (a damaged row is recomputed, never trusted or fatal). Read byte by byte: the desk reads hundreds of
    /// these per request.
    public init?(encoded text: String, totalMilliseconds: Int64) {
        guard totalMilliseconds >= 0 else { return nil }
        self.totalMilliseconds = totalMilliseconds
        guard !text.isEmpty else {
            if totalMilliseconds != 0 { return nil }
            return
        }
        // Pairs first (ascending, so the array is sized once from the last short second), then the counts.
        var pairs: [(second: Int, times: Int)] = []
        pairs.reserveCapacity(text.utf8.count / 4 + 1)
        var state = PairReader()
        for byte in text.utf8 {
            guard state.read(byte, into: &pairs) else { return nil }
        }
        guard state.finish(into: &pairs) else { return nil }
        var total = 0
        for pair in pairs {
            guard total <= Int.max - pair.times else { return nil }
            total += pair.times
        }
        count = total
        let denseEnd = pairs.firstIndex { $0.second >= Self.denseSeconds } ?? pairs.count
        if denseEnd > 0 {
            dense = Array(repeating: 0, count: pairs[denseEnd - 1].second + 1)
            for pair in pairs[..<denseEnd] { dense[pair.second] = pair.times }
        }
        for pair in pairs[denseEnd...] { sparse[pair.second] = pair.times }
    }

    /// Reads `second[:count]` pairs byte by byte; false for text that is not one (no digits, a zero count, a second not
    /// after the previous one, a number too long).
    private struct PairReader {
        var previous = -1
        var second = 0
        var n = 0
        var digits = 0
        var inCount = false
        static let limit = Int.max / 10 - 9

        mutating func read(_ byte: UInt8, into pairs: inout [(second: Int, times: Int)]) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte &- UInt8(ascii: "0"))
                if inCount {
                    guard n <= Self.limit else { return false }
                    n = n * 10 + digit
                } else {
                    guard second <= Self.limit else { return false }
                    second = second * 10 + digit
                }
                digits += 1
                return true
            case UInt8(ascii: ":"):
                guard !inCount, digits > 0 else { return false }
                (inCount, digits) = (true, 0)
                return true
            case UInt8(ascii: ","):
                return finish(into: &pairs)
            default:
                return false
            }
        }

        mutating func finish(into pairs: inout [(second: Int, times: Int)]) -> Bool {
            let times = inCount ? n : 1
            guard digits > 0, second > previous, times > 0 else { return false }
            pairs.append((second, times))
            previous = second
            (second, n, digits, inCount) = (0, 0, 0, false)
            return true
        }
    }
}

extension SecondsHistogram: Equatable {
    /// Equal when they count the same durations, however their arrays grew.
    public static func == (a: SecondsHistogram, b: SecondsHistogram) -> Bool {
        a.count == b.count && a.totalMilliseconds == b.totalMilliseconds && a.sparse == b.sparse
            && zip(a.dense, b.dense).allSatisfy { $0 == $1 }
            && a.dense.dropFirst(b.dense.count).allSatisfy { $0 == 0 } && b.dense.dropFirst(a.dense.count).allSatisfy { $0 == 0 }
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
