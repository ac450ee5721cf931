import ChuangkouCore
import Foundation
import Testing

@Suite("Queue tallies: whole-second histograms that add up")
struct QueueTallyTests {
    /// Random durations in milliseconds, many of them on the half second (the rounding boundary), some negative, some
    /// around the hour where the histogram's array gives way to its dictionary, and a few of days.
    func durations(_ rng: inout some RandomNumberGenerator, count: Int) -> [Int64] {
        (0..<count).map { _ in
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: Int64(Int.random(in: 0..<200, using: &rng)) * 1_000 + 500
            case 1: Int64.random(in: -2_000...0, using: &rng)
            case 2: Int64.random(in: 3_598_000...3_602_000, using: &rng)
            case 3 where Int.random(in: 0..<10, using: &rng) == 0: Int64.random(in: 0...300_000_000, using: &rng)
            default: Int64.random(in: 0...7_200_000, using: &rng)
            }
        }
    }

    @Test("p90 and average from a histogram equal the nearest-rank p90 and mean of the values, over 500 random sets")
    func histogramMatchesValues() {
        // A fixed seed: a mean exactly on a half second is where the two ways of summing could round apart, and that must
        // not come and go between runs.
        var rng = SplitMix64(seed: 0x5EED_0013)
        for _ in 0..<500 {
            let values = durations(&rng, count: Int.random(in: 1...400, using: &rng))
            var histogram = SecondsHistogram()
            for value in values { histogram.add(milliseconds: value) }
            let seconds = values.map { TimeInterval(max(0, $0)) / 1_000 }
            #expect(histogram.p90 == QueueFigures.percentile90(seconds))
            #expect(histogram.average == QueueFigures.average(seconds))
            #expect(histogram.count == values.count)
        }
        #expect(SecondsHistogram().p90 == nil && SecondsHistogram().average == nil)
    }

    @Test("histograms of parts merged equal the histogram of the whole, and read back from their text exactly")
    func mergeAndText() {
        var rng = SplitMix64(seed: 0x5EED_0013)
        for _ in 0..<200 {
            let values = durations(&rng, count: Int.random(in: 0...300, using: &rng))
            let cut = Int.random(in: 0...values.count, using: &rng)
            var whole = SecondsHistogram()
            var left = SecondsHistogram()
            var right = SecondsHistogram()
            for (i, value) in values.enumerated() {
                whole.add(milliseconds: value)
                if i < cut { left.add(milliseconds: value) } else { right.add(milliseconds: value) }
            }
            left.merge(right)
            #expect(left == whole)
            #expect(SecondsHistogram(encoded: whole.encoded, totalMilliseconds: whole.totalMilliseconds) == whole)
        }
        var h = SecondsHistogram()
        for ms: Int64 in [0, 400, 12_000, 12_499, 95_000] { h.add(milliseconds: ms) }
        #expect(h.encoded == "0:2,12:2,95")
        // Each side of the hour, and equal however the array grew.
        var long = SecondsHistogram()
        for ms: Int64 in [3_599_000, 3_600_000, 86_400_000, 86_400_000] { long.add(milliseconds: ms) }
        #expect(long.encoded == "3599,3600,86400:2" && long.p90 == 86_400 && long.counts == [3_599: 1, 3_600: 1, 86_400: 2])
        var grown = long
        grown.merge(SecondsHistogram())
        var other = SecondsHistogram()
        other.add(milliseconds: 5_000)
        var both = other
        both.merge(long)
        var reverse = long
        reverse.merge(other)
        #expect(grown == long && both == reverse && both != long)
    }

    @Test("text that is not a histogram is refused, never half read")
    func damagedText() {
        for text in ["x", "1,,2", "3:0", "3:-1", "-4", "5,5", "1:2:3", ":", "7:", "9,4", ",1", "1,", ":3", "99999999999999999999", "1 "] {
            #expect(SecondsHistogram(encoded: text, totalMilliseconds: 10) == nil, "\(text)")
        }
        #expect(SecondsHistogram(encoded: "", totalMilliseconds: 5) == nil)
        #expect(SecondsHistogram(encoded: "4", totalMilliseconds: -1) == nil)
        #expect(SecondsHistogram(encoded: "", totalMilliseconds: 0) == SecondsHistogram())
    }

    @Test("a tally counts served and no-shows, waits of called tickets and services of finished ones only")
    func tallyOfTickets() {
        let t0 = Date(timeIntervalSince1970: 1_772_413_200)
        let wang = Badge("010231")!
        let tickets = [
            DeskTicket(officer: wang, outcome: .finished, issuedAt: t0, calledAt: t0 + 60, startedAt: t0 + 70, finishedAt: t0 + 370),
            DeskTicket(officer: wang, outcome: .noShow, issuedAt: t0, calledAt: t0 + 120, startedAt: nil, finishedAt: nil),
            // Cancelled while serving: its wait counts, its service does not.
            DeskTicket(officer: wang, outcome: .other, issuedAt: t0, calledAt: t0 + 30, startedAt: t0 + 40, finishedAt: nil),
            DeskTicket(officer: nil, outcome: .other, issuedAt: t0, calledAt: nil, startedAt: nil, finishedAt: nil),
        ]
        let tallies = QueueTally.byOfficer(tickets)
        let w = tallies[wang]!
        #expect((w.served, w.noShows, w.waits.count, w.services.count) == (1, 1, 3, 1))
        #expect(w.waits.totalMilliseconds == 210_000 && w.services.totalMilliseconds == 300_000)
        #expect(tallies[nil]! == QueueTally())
        let figures = QueueFigures.compute(tickets)
        #expect(figures[nil]!.averageWaitSeconds == 70 && figures[wang]!.p90WaitSeconds == 120)
    }
}
