import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

/// 一事一评: a case completed on the spot, rated from the status page with its query code and phone digits.
@Suite("Case ratings in the store")
struct CaseRatingTests {
    static let digits = String(Intake.phone.suffix(4))
    let now = Intake.at("2026-03-03")

    /// A 即办件 completed at `now`: its query code.
    static func decidedCase(_ db: Database, at now: Date) async throws -> CaseFile {
        let calendar = try await Intake.calendar(db)
        let cases = Intake.repository(db)
        let guide = try await Intake.guide(db, Intake.noCriminalRecord)
        let opened = try await cases.walkIn(Intake.noCriminalRecord, Intake.person, calendar: calendar, at: now)
        _ = try await cases.check(opened.id, Intake.complete(guide), calendar: calendar, at: now)
        let (record, _) = try await cases.decide(opened.id, calendar: calendar, at: now)
        #expect(record.stage == .completed)
        return record
    }

    func rate(
        _ ratings: RatingRepository,
        _ code: String,
        digits: String = CaseRatingTests.digits,
        level: Satisfaction = .satisfied,
        client: String = "10.0.0.1",
        at instant: Date
    ) async throws -> RatingRepository.Given {
        try await ratings.rate(
            caseCode: code,
            phoneLast4: digits,
            .init(level: level, channel: .statusPage),
            client: client,
            maxFailures: 5,
            window: .seconds(900),
            hall: Intake.hall,
            at: instant
        )
    }

    @Test("a decided case is rated once from the status page, tied to the officer who opened it; a second rating is refused")
    func oncePerCase() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let record = try await Self.decidedCase(db, at: now)
            let ratings = RatingRepository(database: db, sealer: Intake.sealer)
            #expect(try await !ratings.isRated(case: record.id))
            let given = try await rate(ratings, record.queryCode, at: now.addingTimeInterval(3_600))
            #expect(given.rating.service.officer == Intake.officer.badge && given.rating.service.window == nil)
            #expect(given.rating.channel == .statusPage && given.rating.service.business == Intake.noCriminalRecord)
            #expect(given.rectification == nil)
            #expect(try await ratings.isRated(case: record.id))
            await #expect(throws: RatingError.alreadyRated) {
                _ = try await rate(ratings, record.queryCode.lowercased(), level: .veryDissatisfied, at: now.addingTimeInterval(7_200))
            }
        }
    }

    @Test("the 7 days count from the decision: the last moment is accepted, one millisecond later is too late")
    func lateWindow() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let record = try await Self.decidedCase(db, at: now)
            let ratings = RatingRepository(database: db, sealer: Intake.sealer)
            let decidedAt = try #require(try await ratings.decidedAt(record.id))
            #expect(abs(decidedAt.timeIntervalSince(now)) < 0.001)
            let last = ratings.policy.lastMoment(after: decidedAt)
            await #expect(throws: RatingError.tooLate(lastMoment: last)) {
                _ = try await rate(ratings, record.queryCode, at: last.addingTimeInterval(0.001))
            }
            _ = try await rate(ratings, record.queryCode, at: last)
        }
    }

    @Test("a case still open is not rated yet")
    func openCase() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Intake.calendar(db)
            let opened = try await Intake.repository(db).walkIn(Intake.noCriminalRecord, Intake.person, calendar: calendar, at: now)
            let ratings = RatingRepository(database: db, sealer: Intake.sealer)
            await #expect(throws: RatingError.serviceNotEnded) { _ = try await rate(ratings, opened.queryCode, at: now) }
        }
    }

    @Test("wrong digits count against the address like a failed status query, and the limit stops rating and querying alike")
    func sharedFailureLimit() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let record = try await Self.decidedCase(db, at: now)
            let ratings = RatingRepository(database: db, sealer: Intake.sealer)
            for _ in 0..<4 {
                await #expect(throws: CaseLookupError.notFound) { _ = try await rate(ratings, record.queryCode, digits: "0000", at: now) }
            }
            let query = try await Intake.repository(db).status(
                code: record.queryCode,
                phoneLast4: "0000",
                client: "10.0.0.1",
                maxFailures: 5,
                window: .seconds(900),
                at: now
            )
            guard case .notFound = query else {
                Issue.record("expected notFound")
                return
            }
            await #expect(throws: CaseLookupError.limited) { _ = try await rate(ratings, record.queryCode, at: now) }
            // Another address is not locked out of the citizen's own code.
            _ = try await rate(ratings, record.queryCode, client: "10.0.0.2", at: now)
            let rows = try await db.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM ratings").first()!.decode(column: "n", as: Int.self) }
            #expect(rows == 1)
        }
    }

    @Test("a bad case rating opens its item for the duty leader, never the rated officer")
    func badCaseRating() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let record = try await Self.decidedCase(db, at: now)
            let given = try await rate(RatingRepository(database: db, sealer: Intake.sealer), record.queryCode, level: .dissatisfied, at: now)
            let item = try #require(given.rectification)
            #expect(item.ratedOfficer == Intake.officer.badge && item.handler != Intake.officer.badge)
        }
    }

    @Test("50 concurrent ratings of one case store exactly one; the others are told it is rated already")
    func concurrentCaseRatings() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let record = try await Self.decidedCase(db, at: now)
            let ratings = RatingRepository(database: db, sealer: Intake.sealer)
            let instant = now
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        do {
                            _ = try await rate(ratings, record.queryCode, level: i.isMultiple(of: 2) ? .veryDissatisfied : .satisfied, at: instant)
                            return true
                        } catch RatingError.alreadyRated {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let rows = try await db.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM ratings WHERE case_id IS NOT NULL").first()!.decode(column: "n", as: Int.self)
            }
            let items = try await db.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM rectifications").first()!.decode(column: "n", as: Int.self)
            }
            #expect(rows == 1 && items <= 1)
        }
    }
}
