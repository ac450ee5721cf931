import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import Testing

/// A served ticket and a decided case to rate, shared by the evaluation tests.
enum RatingFixture {
    static let officer = Badge("010231")!
    static let leader = Badge("100001")!
    static let supervisor = Badge("100009")!
    static let colleague = Badge("010232")!
    static let finished = Date(timeIntervalSince1970: 1_780_000_000)
    static let ticket = RatedService.ticket(
        TicketID(UUID()),
        officer: officer,
        window: 2,
        business: BusinessCode("id-card")!,
        finishedAt: finished
    )

    static func rating(
        _ level: Satisfaction,
        contact: MobileNumber? = MobileNumber("13812345678"),
        after seconds: Double = 60
    ) -> Rating {
        try! Rating(id: RatingID(UUID()), service: ticket, level: level, contact: contact, channel: .pad, at: finished.addingTimeInterval(seconds))
    }
}

@Suite("Ratings (好差评)")
struct RatingTests {
    let service = RatingFixture.ticket
    let finished = RatingFixture.finished

    @Test("差评 is exactly 1 and 2", arguments: Satisfaction.allCases)
    func badLevels(level: Satisfaction) {
        #expect(level.isBad == (level.rawValue <= 2))
        #expect(!level.label.isEmpty && !level.labelEnglish.isEmpty)
    }

    @Test(
        "a later rating is accepted up to 7 days after the service and refused after",
        arguments: [(0.0, true), (60.0, true), (604_800.0, true), (604_801.0, false), (2_592_000.0, false)] as [(Double, Bool)]
    )
    func lateWindow(seconds: Double, accepted: Bool) {
        let lastMoment = finished.addingTimeInterval(604_800)
        let attempt = Result<Rating, RatingError>(catching: { () throws(RatingError) -> Rating in
            try Rating(id: RatingID(UUID()), service: service, level: .satisfied, channel: .ticketLink, at: finished.addingTimeInterval(seconds))
        })
        switch attempt {
        case .success: #expect(accepted)
        case .failure(let error):
            #expect(!accepted)
            #expect(error == RatingError.tooLate(lastMoment: lastMoment))
        }
    }

    @Test("the late window is a setting")
    func lateWindowSetting() {
        let policy = RatingPolicy(lateRatingDays: 1)
        #expect(throws: RatingError.tooLate(lastMoment: finished.addingTimeInterval(86_400))) {
            try Rating(
                id: RatingID(UUID()),
                service: service,
                level: .satisfied,
                channel: .pad,
                at: finished.addingTimeInterval(86_401),
                policy: policy
            )
        }
    }

    @Test("a service cannot be rated before it ended")
    func beforeService() {
        #expect(throws: RatingError.serviceNotEnded) {
            try Rating(id: RatingID(UUID()), service: service, level: .satisfied, channel: .pad, at: finished.addingTimeInterval(-1))
        }
    }

    @Test("indicators are scored 1–5", arguments: [0, 6, -1, 100])
    func indicatorRange(score: Int) {
        #expect(throws: RatingError.indicatorOutOfRange(.attitude)) {
            try Rating(
                id: RatingID(UUID()),
                service: service,
                level: .satisfied,
                indicators: [.overall: 5, .attitude: score],
                channel: .pad,
                at: finished
            )
        }
    }

    @Test("a comment is trimmed, bounded, and its ID numbers and phones are masked before it is kept")
    func comment() throws {
        let rating = try Rating(
            id: RatingID(UUID()),
            service: service,
            level: .dissatisfied,
            comment: "  民警态度差，我的身份证11010519491231002X，电话13812345678  ",
            channel: .pad,
            at: finished
        )
        #expect(rating.comment == "民警态度差，我的身份证110***********002X，电话138****5678")
        #expect(!Masking.containsPersonalNumbers(rating.comment!))
        let blank = try Rating(id: RatingID(UUID()), service: service, level: .satisfied, comment: "   ", channel: .pad, at: finished)
        #expect(blank.comment == nil)
        #expect(throws: RatingError.commentTooLong(max: 500)) {
            try Rating(
                id: RatingID(UUID()),
                service: service,
                level: .satisfied,
                comment: String(repeating: "好", count: 501),
                channel: .pad,
                at: finished
            )
        }
    }

    @Test("the tally's satisfaction rate counts 基本满意 and better, leaves excluded ratings out, and is nil when empty")
    func tally() {
        var tally = SatisfactionTally()
        #expect(tally.satisfactionRate == nil && tally.average == nil)
        tally.add(.verySatisfied, count: 6)
        tally.add(.fairlySatisfied, count: 2)
        tally.add(.dissatisfied)
        tally.add(.veryDissatisfied)
        tally.add(.veryDissatisfied, count: 5, excluded: true)
        #expect(tally.total == 10 && tally.bad == 2 && tally.excluded == 5)
        #expect(tally.satisfactionRate == 0.8)
        #expect(tally.average == Double(6 * 5 + 2 * 3 + 2 + 1) / 10)
        let sum = tally + tally
        #expect(sum.total == 20 && sum.excluded == 10 && sum.satisfactionRate == 0.8)
    }
}
