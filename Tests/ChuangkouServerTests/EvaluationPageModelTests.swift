import ChuangkouCore
import ChuangkouStore
import Foundation
import Testing

@testable import ChuangkouServer

/// The evaluation pages' view models, built without a server: who is offered which form, the list's filters and
/// order, the published figures and the officer's weeks and months.
@Suite("Evaluation page models")
struct EvaluationPageModelTests {
    static let rated = Badge("010231")!
    static let leader = Officer(badge: Badge("010100")!, name: "赵国强", roles: .only(.dutyLeader), post: "值班领导", sex: .male)
    static let otherLeader = Officer(badge: Badge("010101")!, name: "孙立", roles: .only(.dutyLeader), post: "值班领导", sex: .male)
    static let supervisor = Officer(badge: Badge("010300")!, name: "钱文", roles: .only(.supervisor), post: "督察", sex: .female)
    static let ratedLeader = Officer(badge: rated, name: "周明", roles: .only(.dutyLeader), post: "值班领导", sex: .male)
    static let handlers = [leader, otherLeader, supervisor, ratedLeader]

    /// An item built through Core's own events: calls to the rater by the handler, then an appeal or an outcome.
    static func item(
        handler: Badge = leader.badge,
        contact: Bool = true,
        calls: [(Rectification.ReturnVisit.Result, Int)] = [],
        appeal: Bool = false,
        closed: Bool = false
    ) -> Rectification {
        var item = Rectification(
            id: RectificationID(UUID()),
            rating: RatingID(UUID()),
            ratedOfficer: rated,
            raterHasContact: contact,
            openedAt: Date(timeIntervalSince1970: 1_790_000_000),
            openedOn: LocalDate("2026-12-01")!,
            handler: handler,
            stage: .open,
            returnVisits: [],
            outcome: nil,
            appeal: nil,
            fixRating: nil
        )
        let at = Date(timeIntervalSince1970: 1_790_000_100)
        for (result, attempts) in calls { _ = try! item.recordReturnVisit(result, attempts: attempts, note: "回访", by: handler, at: at) }
        if appeal { _ = try! item.fileAppeal(.mistaken, reason: "按错", by: handler, at: at) }
        if closed { _ = try! item.resolve(.explained(description: "已说明"), by: handler, at: at) }
        return item
    }

    static let reached: [(Rectification.ReturnVisit.Result, Int)] = [(.contacted, 1)]

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let item: Rectification
        let viewer: Officer
        let visit: Bool
        let outcome: Bool
        let appeal: Bool
        let decide: Bool
        let reassignTo: [Badge]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        .init(name: "handler, visit owed", item: item(), viewer: leader, visit: true, outcome: false, appeal: false, decide: false, reassignTo: []),
        .init(
            name: "handler, rater reached",
            item: item(calls: reached),
            viewer: leader,
            visit: true,
            outcome: true,
            appeal: true,
            decide: false,
            reassignTo: []
        ),
        .init(
            name: "handler, no contact: nothing to call",
            item: item(contact: false),
            viewer: leader,
            visit: false,
            outcome: true,
            appeal: true,
            decide: false,
            reassignTo: []
        ),
        .init(
            name: "another duty leader only reads",
            item: item(calls: reached),
            viewer: otherLeader,
            visit: false,
            outcome: false,
            appeal: false,
            decide: false,
            reassignTo: []
        ),
        .init(
            name: "the rated officer takes no part, even as a duty leader",
            item: item(handler: otherLeader.badge),
            viewer: ratedLeader,
            visit: false,
            outcome: false,
            appeal: false,
            decide: false,
            reassignTo: []
        ),
        .init(
            name: "a supervisor reassigns, never to the rated officer nor the handler",
            item: item(),
            viewer: supervisor,
            visit: false,
            outcome: false,
            appeal: false,
            decide: false,
            reassignTo: [otherLeader.badge, supervisor.badge]
        ),
        .init(
            name: "a supervisor decides another's appeal",
            item: item(calls: reached, appeal: true),
            viewer: supervisor,
            visit: false,
            outcome: false,
            appeal: false,
            decide: true,
            reassignTo: [otherLeader.badge, supervisor.badge]
        ),
        .init(
            name: "a supervisor who handles the item never decides its appeal",
            item: item(handler: supervisor.badge, calls: reached, appeal: true),
            viewer: supervisor,
            visit: false,
            outcome: false,
            appeal: false,
            decide: false,
            reassignTo: [leader.badge, otherLeader.badge]
        ),
        .init(
            name: "a closed item offers nothing",
            item: item(calls: reached, closed: true),
            viewer: supervisor,
            visit: false,
            outcome: false,
            appeal: false,
            decide: false,
            reassignTo: []
        ),
    ]

    @Test("each viewer is offered exactly the forms the rules allow them", arguments: cases)
    func actions(_ c: Case) {
        let actions = RectificationActions.of(c.item, viewer: c.viewer, handlers: Self.handlers, policy: .init())
        #expect(actions.returnVisit == c.visit)
        #expect(actions.outcome == c.outcome)
        #expect(actions.appeal == c.appeal)
        #expect(actions.decideAppeal == c.decide)
        #expect(actions.reassignTo == c.reassignTo)
        #expect(actions.reassign == !c.reassignTo.isEmpty)
        #expect(!actions.reassignTo.contains(Self.rated), "never to the rated officer")
    }

    @Test("three unanswered calls count as the return visit; fewer do not")
    func unreachable() {
        let twice = Self.item(calls: [(.unreachable, 2)])
        let thrice = Self.item(calls: [(.unreachable, 2), (.unreachable, 1)])
        #expect(!RectificationActions.of(twice, viewer: Self.leader, handlers: Self.handlers, policy: .init()).outcome)
        #expect(RectificationActions.of(thrice, viewer: Self.leader, handlers: Self.handlers, policy: .init()).outcome)
    }

    @Test(
        "the list's filters",
        arguments: [
            (RectificationFilter.open, Rectification.State.onTrack, true), (.open, .overdue, true), (.open, .closed, false),
            (.overdue, .contactOverdue, true), (.overdue, .overdue, true), (.overdue, .warning, false), (.closed, .closed, true),
            (.closed, .onTrack, false),
        ]
    )
    func filters(_ filter: RectificationFilter, _ state: Rectification.State, _ shown: Bool) {
        #expect(filter.admits(state) == shown)
    }

    @Test("an unknown ?show= is the default list", arguments: [nil, "", "all", "OPEN", "'; drop"])
    func unknownFilter(_ query: String?) {
        #expect(RectificationFilter(query: query) == .open)
    }

    @Test("months move across years, both ways", arguments: [("2026-12", 1, "2027-01"), ("2027-01", -1, "2026-12"), ("2026-06", -18, "2024-12")])
    func shift(_ month: String, _ by: Int, _ expected: String) {
        #expect(ResultsPage.shift(month, by: by) == expected)
    }

    @Test("weeks run Monday to Sunday, this one ending today; months from the 1st, this one ending today")
    func periods() {
        let today = LocalDate("2026-03-04")!  // a Wednesday
        let weeks = OwnRatingsPage.weeks(endingOn: today, count: 3)
        #expect(weeks.map { "\($0.0)…\($0.1)" } == ["2026-03-02…2026-03-04", "2026-02-23…2026-03-01", "2026-02-16…2026-02-22"])
        let months = OwnRatingsPage.months(endingOn: today, count: 4)
        #expect(
            months.map { "\($0.0)…\($0.1)" } == ["2026-03-01…2026-03-04", "2026-02-01…2026-02-28", "2026-01-01…2026-01-31", "2025-12-01…2025-12-31"]
        )
    }

    @Test(
        "a month is refused outside 2000-01 … this month, and in any other shape",
        arguments: ["2026-13", "1999-12", "2027-01", "26-01", "2026-1", "abcdefg"]
    )
    func badMonths(_ text: String) {
        #expect(throws: APIError.self) { try ResultsPages.month(text, latest: "2026-12") }
    }

    @Test("the default month is this one; a good one is kept")
    func goodMonths() throws {
        #expect(try ResultsPages.month(nil, latest: "2026-12") == "2026-12")
        #expect(try ResultsPages.month("2000-01", latest: "2026-12") == "2000-01")
    }

    @Test("a month with no rating shows no rate rather than a made-up one; figures count by level")
    func rows() {
        #expect(SatisfactionRow(name: "x", SatisfactionTally()).rate == "—")
        var tally = SatisfactionTally()
        tally.add(.verySatisfied, count: 27)
        tally.add(.veryDissatisfied, count: 1)
        tally.add(.dissatisfied, count: 2, excluded: true)
        let row = SatisfactionRow(name: "x", tally)
        #expect(row.rate == "96.4%" && row.total == 28 && row.bad == 1 && row.excluded == 2)
        #expect(row.levels == ["27", "0", "0", "0", "1"])
    }
}
