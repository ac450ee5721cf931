import ChuangkouCore
import Foundation
import Testing

@Suite("What a citizen's screen offers to rate")
struct RatingOfferTests {
    static let ended = RatingFixture.finished
    static let week = 7 * 86_400.0

    @Test(
        "the faces are offered from the end of the service to the last moment, never twice, never before",
        arguments: [
            (nil, false, 0, RatingOffer.notYet),
            (ended, false, -1, .notYet),
            (ended, false, 0, .open(until: ended.addingTimeInterval(week))),
            (ended, false, week, .open(until: ended.addingTimeInterval(week))),
            (ended, false, week + 0.001, .closed),
            (ended, true, 60, .rated),
            (nil, true, 0, .rated),
        ] as [(Date?, Bool, Double, RatingOffer)]
    )
    func offer(servedAt: Date?, rated: Bool, after seconds: Double, expected: RatingOffer) {
        #expect(RatingPolicy().offer(servedAt: servedAt, rated: rated, at: Self.ended.addingTimeInterval(seconds)) == expected)
    }

    @Test(
        "a screen offers the faces exactly when a rating would be accepted",
        arguments: [0.0, 3_600, 6 * 86_400, week, week + 1, 30 * 86_400] as [Double]
    )
    func offerAgreesWithRating(after seconds: Double) {
        let now = Self.ended.addingTimeInterval(seconds)
        let accepted = (try? Rating(id: RatingID(UUID()), service: RatingFixture.ticket, level: .satisfied, channel: .pad, at: now)) != nil
        if case .open = RatingPolicy().offer(servedAt: Self.ended, rated: false, at: now) { #expect(accepted) } else { #expect(!accepted) }
    }

}
