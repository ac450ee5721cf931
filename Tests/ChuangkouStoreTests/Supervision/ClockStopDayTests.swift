import ChuangkouCore
import Foundation
import Testing

@testable import ChuangkouStore

/// The desk's quick read of a stored clock's stop day gives what the decoder gives, for every clock the store writes
/// and for text it never writes.
@Suite("A stored clock's stop day, read quickly")
struct ClockStopDayTests {
    private struct StoppedOn: Decodable {
        let stoppedOn: LocalDate?
    }

    func decoded(_ text: String) -> LocalDate? {
        (try? JSONDecoder().decode(StoppedOn.self, from: Data(text.utf8)))?.stoppedOn
    }

    @Test("300 random clocks as stored (paused, resumed, extended, stopped or running): the same day as the decoder")
    func storedClocks() throws {
        var rng = SplitMix64(seed: 0xC10C)
        let leader = Officer(badge: Badge("010100")!, name: "赵", role: .dutyLeader, post: "值班领导")
        var stopped = 0
        for _ in 0..<300 {
            let accepted = try LocalDate("2020-01-01")!.adding(days: Int.random(in: 0..<3_000, using: &rng))
            var clock = try DeadlineClock(acceptedOn: accepted, statutoryLimit: 20, promisedLimit: Int.random(in: 1...20, using: &rng))
            var day = accepted
            if Bool.random(using: &rng) {
                day = try day.adding(days: Int.random(in: 0...5, using: &rng))
                try clock.pause(.supplement, reason: "补正材料：身份证复印件", applicantNotifiedInWriting: true, on: day)
                if Bool.random(using: &rng) { try clock.resume(on: try day.adding(days: 2)) }
            }
            if Int.random(in: 0..<3, using: &rng) == 0, !clock.isPaused {
                try clock.extend(by: 10, reason: "情况复杂", approvedBy: leader, on: day)
            }
            if Bool.random(using: &rng) {
                try clock.stop(on: try day.adding(days: Int.random(in: 2...40, using: &rng)))
                stopped += 1
            }
            let text = try DeadlineRecord.text(clock)
            #expect(ClockStopDay.of(text, decoder: JSONDecoder()) == clock.stoppedOn, "\(text)")
            #expect(ClockStopDay.of(text, decoder: JSONDecoder()) == decoded(text))
            #expect(ClockStopDay.fast(Array(text.utf8)) != nil, "the store's own text is read without the decoder: \(text)")
        }
        #expect(stopped > 100 && stopped < 200)
    }

    @Test("text the store never writes goes to the decoder: spaced, escaped, doubled, null, damaged")
    func otherText() {
        let texts = [
            #"{"acceptedOn":{"day":1,"month":2,"year":2026},"stoppedOn" : {"day":3,"month":2,"year":2026}}"#,
            #"{"stopped\u004fn":{"day":3,"month":2,"year":2026}}"#,
            #"{"stoppedOn":{"day":3,"month":2,"year":2026},"stoppedOn":{"day":4,"month":2,"year":2026}}"#,
            #"{"stoppedOn":null}"#,
            #"{"stoppedOn":{"day":3,"month":2}}"#,
            #"{"stoppedOn":{"day":31,"month":2,"year":2026}}"#,
            #"{"stoppedOn":{"year":2026,"day":3,"month":2}}"#,
            #"{"stoppedOn":{"day":-3,"month":2,"year":2026}}"#,
            #"{"stoppedOn":{"day":3,"month":2,"year":2026}"#,
            "not json", "", "{}",
        ]
        for text in texts {
            #expect(ClockStopDay.of(text, decoder: JSONDecoder()) == decoded(text), "\(text)")
        }
        #expect(ClockStopDay.of(texts[6], decoder: JSONDecoder()) == LocalDate("2026-02-03"))
    }
}
