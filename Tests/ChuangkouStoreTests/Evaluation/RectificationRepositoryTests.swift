import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Rectification items in the store")
struct RectificationRepositoryTests {
    let sealer = RatingStoreFixture.sealer
    let leader = RatingStoreFixture.leader
    let supervisor = Badge("019900")!

    func badReview(in db: Database, contact: MobileNumber? = MobileNumber("13912345678"), at now: Date) async throws -> Rectification {
        let ticket = try await RatingStoreFixture.servedTicket(in: db, at: now)
        let given = try await RatingRepository(database: db, sealer: sealer)
            .rate(ticket: ticket.id, .init(level: .veryDissatisfied, contact: contact, channel: .pad), hall: Demo.hall, at: now)
        return try #require(given.rectification)
    }

    @Test("return visit, outcome and the rater's message, each in the item's history; the item closes")
    func closedLoop() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let item = try await badReview(in: db, at: now)
            let items = RectificationRepository(database: db)
            await #expect(throws: RectificationError.returnVisitOwed) {
                _ = try await items.resolve(item.id, .explained(description: "已说明"), by: leader, at: now)
            }
            await #expect(throws: RectificationError.ratedOfficerCannotAct) {
                _ = try await items.recordReturnVisit(item.id, .contacted, attempts: 1, note: "x", by: Demo.officers[0], at: now)
            }
            _ = try await items.recordReturnVisit(item.id, .contacted, attempts: 1, note: "评价人反映等候时间长", by: leader, at: now)
            let closed = try await items.resolve(
                item.id,
                .fixedNow(description: "增开一个户政窗口"),
                by: leader,
                at: now,
                linkBase: "https://hall.example"
            )
            #expect(closed.item.stage == .closed)
            #expect(closed.history.map(\.code) == ["opened", "return-visit", "resolved"])
            let outcome = try #require(try await NotificationOutbox(database: db).all().first { $0.kind == "rectification.outcome" })
            #expect(outcome.subject.contains("增开一个户政窗口"))
            #expect(outcome.subject.contains("https://hall.example/rate-fix/"))
            #expect(try sealer.open(try #require(outcome.recipientPhoneSealed)) == "13912345678")
            #expect(try await items.open().isEmpty)
            let code = try FixLinkTests.code(in: outcome.subject)
            let limit = RectificationRepository.LinkLimit(client: "198.51.100.1", maxFailures: 5, window: .seconds(900))
            let fixed = try await items.rateFix(code: code, .satisfied, limit: limit, at: now)
            #expect(fixed.fixRating == .satisfied)
            #expect(try #require(try await items.find(item.id)).history.map(\.code) == ["opened", "return-visit", "resolved", "fix-rated"])
            await #expect(throws: RatingError.fixNotRateable) { _ = try await items.rateFix(code: code, .verySatisfied, limit: limit, at: now) }
        }
    }

    @Test("an upheld appeal leaves the rating stored but moves it out of the month's tally")
    func upheldAppeal() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let item = try await badReview(in: db, contact: nil, at: now)
            let items = RectificationRepository(database: db)
            _ = try await items.fileAppeal(item.id, .mistaken, reason: "评价人误按", by: leader, at: now)
            await #expect(throws: RectificationError.appealDecidedByHandler) {
                _ = try await items.decideAppeal(item.id, upheld: true, reason: "同意", by: leader, at: now)
            }
            let decided = try await items.decideAppeal(item.id, upheld: true, reason: "监控显示评价人误按", by: supervisor, at: now)
            #expect(decided.item.excludesRating && decided.item.stage == .closed)
            let tallies = try await db.read { sql in
                try await sql.raw("SELECT counted, excluded FROM rating_tallies WHERE level = 1").all().map {
                    (try $0.decode(column: "counted", as: Int.self), try $0.decode(column: "excluded", as: Int.self))
                }
            }
            #expect(tallies.count == 1 && tallies[0] == (0, 1))
            let stored = try await db.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM ratings").first()!.decode(column: "n", as: Int.self)
            }
            #expect(stored == 1)
        }
    }

    @Test("a supervisor reassigns, never to the rated officer")
    func reassign() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let item = try await badReview(in: db, at: now)
            let items = RectificationRepository(database: db)
            await #expect(throws: RectificationError.handlerIsRatedOfficer) {
                _ = try await items.reassign(item.id, to: Demo.officers[0], by: supervisor, at: now)
            }
            let moved = try await items.reassign(item.id, to: Demo.officers[1], by: supervisor, at: now)
            #expect(moved.item.handler == Demo.officers[1])
            #expect(
                try await NotificationOutbox(database: db).all().contains { $0.kind == "rectification.assigned" && $0.recipient == Demo.officers[1] }
            )
        }
    }
}

@Suite("Published results and an officer's own ratings")
struct RatingResultsTests {
    let sealer = RatingStoreFixture.sealer

    @Test("the month's tallies, outcomes and return-visit rate; the officer's own summary; no rater anywhere")
    func results() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let ratings = RatingRepository(database: db, sealer: sealer)
            let items = RectificationRepository(database: db)
            let levels: [Satisfaction] = [.verySatisfied, .satisfied, .fairlySatisfied, .dissatisfied, .veryDissatisfied]
            var bad: [Rectification] = []
            for level in levels {
                let ticket = try await RatingStoreFixture.servedTicket(in: db, at: now)
                let given = try await ratings.rate(
                    ticket: ticket.id,
                    .init(level: level, indicators: [.attitude: level.rawValue], contact: MobileNumber("13912345678"), channel: .pad),
                    hall: Demo.hall,
                    at: now
                )
                if let item = given.rectification { bad.append(item) }
            }
            #expect(bad.count == 2)
            _ = try await items.recordReturnVisit(bad[0].id, .contacted, attempts: 1, note: "已联系", by: RatingStoreFixture.leader, at: now)
            _ = try await items.resolve(bad[0].id, .fixedNow(description: "增设叫号提示"), by: RatingStoreFixture.leader, at: now)
            let month = String(Demo.hall.serviceDay(at: now).description.prefix(7))
            let results = try await ratings.results(month: month)
            let idCard = try #require(results.byBusiness[Demo.idCard])
            #expect(idCard.total == 5 && idCard.bad == 2 && idCard.satisfactionRate == 0.6)
            #expect(results.byWindow[1]?.total == 5)
            #expect(results.outcomes == .init(open: 1, fixed: 1, explained: 0, appealUpheld: 0, withContact: 2, returnVisited: 1))
            #expect(results.fixes.map(\.outcome) == [.fixedNow(description: "增设叫号提示")])
            let day = Demo.hall.serviceDay(at: now)
            let summary = try await ratings.summary(of: Demo.officers[0], from: day, through: day)
            #expect(summary.tally.total == 5 && summary.indicators[.attitude] == 3)
            let other = try await ratings.summary(of: Demo.officers[1], from: day, through: day)
            #expect(other.tally.total == 0 && other.indicators.isEmpty)
        }
    }
}

@Suite("The rectification watch")
struct RectificationWatchTests {
    @Test("a missed return visit and an overdue item go up to leaders and supervisors once; a warning only to the handler")
    func escalation() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            _ = try await CalendarRepository(database: db).installShipped(at: Date())
            // Fri 2026-02-13, 10:00 in Shanghai: return visit due Sat 02-14 (a make-up day), close due Thu 03-12.
            let opened = ISO8601DateFormatter().date(from: "2026-02-13T02:00:00Z")!
            let ticket = try await RatingStoreFixture.servedTicket(in: db, at: opened)
            let given = try await RatingRepository(database: db, sealer: RatingStoreFixture.sealer)
                .rate(
                    ticket: ticket.id,
                    .init(level: .veryDissatisfied, contact: MobileNumber("13912345678"), channel: .pad),
                    hall: Demo.hall,
                    at: opened
                )
            let item = try #require(given.rectification)
            let watch = RectificationWatch(database: db)
            let supervisor = Badge("010300")!
            #expect(try await watch.check(on: LocalDate("2026-02-14")!, at: opened).findings.isEmpty)
            let late = try await watch.check(on: LocalDate("2026-02-24")!, at: opened)
            #expect(late.findings == [.init(item: item.id, state: .contactOverdue, recipients: [RatingStoreFixture.leader, supervisor])])
            #expect(try await watch.check(on: LocalDate("2026-02-24")!, at: opened).findings.isEmpty, "announced once")
            _ = try await RectificationRepository(database: db)
                .recordReturnVisit(item.id, .contacted, attempts: 1, note: "已联系", by: RatingStoreFixture.leader, at: opened)
            let warning = try await watch.check(on: LocalDate("2026-03-11")!, at: opened)
            #expect(warning.findings == [.init(item: item.id, state: .warning, recipients: [RatingStoreFixture.leader])])
            let overdue = try await watch.check(on: LocalDate("2026-03-13")!, at: opened)
            #expect(overdue.findings.map(\.state) == [.overdue] && overdue.findings[0].recipients.contains(supervisor))
            let kinds = try await NotificationOutbox(database: db).all().map(\.kind).filter {
                $0.hasPrefix("rectification.") && $0 != "rectification.assigned"
            }
            #expect(
                kinds == [
                    "rectification.contactOverdue", "rectification.contactOverdue", "rectification.warning", "rectification.overdue",
                    "rectification.overdue",
                ]
            )
            let history = try #require(try await RectificationRepository(database: db).find(item.id)).history.map(\.code)
            #expect(history == ["opened", "deadline", "return-visit", "deadline", "deadline"])
        }
    }

    @Test("an unreadable item is skipped and reported, and does not stop the others")
    func unreadable() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let ticket = try await RatingStoreFixture.servedTicket(in: db, at: now)
            _ = try await RatingRepository(database: db, sealer: RatingStoreFixture.sealer)
                .rate(ticket: ticket.id, .init(level: .dissatisfied, channel: .pad), hall: Demo.hall, at: now)
            try await db.transaction { sql in try await sql.raw("UPDATE rectifications SET item = 'not json'").run() }
            let report = try await RectificationWatch(database: db).check(on: Demo.hall.serviceDay(at: now).adding(days: 60), at: now)
            #expect(report.skipped.count == 1 && report.findings.isEmpty)
        }
    }
}
