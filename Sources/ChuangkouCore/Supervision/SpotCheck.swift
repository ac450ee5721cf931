import Foundation

/// A random spot-check of cases (抽查, RULES §8): N of a period's closed cases drawn for review with a seed that is
/// recorded, so anyone can draw again and get the same cases.
///
/// The draw depends only on the seed, the count and the set of candidates: candidates are sorted by id first, then a
/// partial Fisher–Yates shuffle takes the first `count`, driven by SplitMix64 (a fixed, published generator, not the
/// platform's), with unbiased bounded draws by rejection. The seed is passed in: Core draws no randomness itself.
public struct SpotCheck: Sendable, Equatable {
    public let seed: UInt64
    /// How many candidates there were.
    public let population: Int
    /// The cases drawn, in draw order.
    public let drawn: [CaseID]

    public static let maxCount = 200

    /// - Throws: `SpotCheckError.countOutOfRange` unless 1 ≤ `count` ≤ 200. A count above the population draws them all.
    public static func draw(from candidates: [CaseID], count: Int, seed: UInt64) throws(SpotCheckError) -> SpotCheck {
        guard (1...maxCount).contains(count) else { throw .countOutOfRange(max: maxCount) }
        var pool = Array(Set(candidates)).sorted { $0.description < $1.description }
        var generator = SplitMix64(seed: seed)
        let take = min(count, pool.count)
        for i in 0..<take {
            let j = i + Int(generator.below(UInt64(pool.count - i)))
            pool.swapAt(i, j)
        }
        return SpotCheck(seed: seed, population: pool.count, drawn: Array(pool.prefix(take)))
    }
}

public typealias SpotCheckID = Identifier<SpotCheck>

extension SpotCheck {
    /// What the reviewer found in a drawn case.
    public enum Finding: String, Sendable, Codable, CaseIterable {
        case inOrder = "in-order"
        case problem

        public var label: String { self == .inOrder ? "合规" : "发现问题" }
        public var labelEnglish: String { self == .inOrder ? "In order" : "Problem found" }
    }

    /// One drawn case reviewed: nobody reviews a case they handled, and a problem says what it is.
    public struct Review: Sendable, Equatable {
        public let finding: Finding
        public let note: String

        public static let maxNote = 1000

        public init(finding: Finding, note: String, reviewer: Badge, handler: Badge) throws(SpotCheckError) {
            let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
            guard reviewer != handler else { throw .ownCase }
            guard finding == .inOrder || !note.isEmpty else { throw .noteRequired }
            guard note.count <= Self.maxNote else { throw .noteTooLong(max: Self.maxNote) }
            self.finding = finding
            self.note = note
        }
    }
}

/// Why a spot-check or its review was refused.
public enum SpotCheckError: Error, Equatable, Sendable {
    case countOutOfRange(max: Int)
    /// The reviewer handled the case drawn.
    case ownCase
    case noteRequired
    case noteTooLong(max: Int)
}

/// SplitMix64 (Steele, Lea and Flood 2014): the same numbers on every machine for a seed. Also the benchmark seeders'
/// and the tests' repeatable generator.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (bound > 0): values in the incomplete last block are drawn again.
    mutating func below(_ bound: UInt64) -> UInt64 {
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let value = next()
            if value < limit { return value % bound }
        }
    }
}
