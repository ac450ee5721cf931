import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Case spot-checks in the store")
struct SpotCheckRepositoryTests {
    let supervisor = Badge("010300")!

    @Test("a draw keeps its seed and checks out when drawn again; its handler may not review a case, a problem needs a note, one finding each")
    func drawAndReview() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Intake.at("2026-03-03")
            var closed: [CaseID] = []
            for _ in 0..<3 { closed.append(try await CaseRatingTests.decidedCase(db, at: now).id) }
            let spotChecks = SpotCheckRepository(database: db)
            let day = LocalDate("2026-03-03")!
            let record = try await spotChecks.draw(from: day, through: day, count: 2, seed: 42, by: supervisor, at: now)
            let expected = try SpotCheck.draw(from: closed, count: 2, seed: 42)
            #expect(record.seed == 42 && record.population == 3 && record.cases.map(\.caseID) == expected.drawn)
            let check = try await spotChecks.recheck(record.id)
            #expect(check.sameCandidates && check.sameCases)
            let handler = try #require(record.cases[0].handler)
            await #expect(throws: SpotCheckError.ownCase) {
                try await spotChecks.review(record.id, position: 0, finding: .inOrder, note: "", by: handler, at: now)
            }
            await #expect(throws: SpotCheckError.noteRequired) {
                try await spotChecks.review(record.id, position: 0, finding: .problem, note: " ", by: supervisor, at: now)
            }
            try await spotChecks.review(record.id, position: 0, finding: .problem, note: "告知单缺页", by: supervisor, at: now)
            await #expect(throws: SpotCheckRecordError.alreadyReviewed) {
                try await spotChecks.review(record.id, position: 0, finding: .inOrder, note: "", by: supervisor, at: now)
            }
            let again = try #require(try await spotChecks.find(record.id))
            #expect(again.cases[0].finding == .problem && again.cases[0].reviewedBy == supervisor)
            #expect(try await spotChecks.list(from: day, through: day).map(\.id) == [record.id])
            // Another closed case of the period changes the candidates, and the recheck says so.
            _ = try await CaseRatingTests.decidedCase(db, at: now)
            #expect(try await spotChecks.recheck(record.id).sameCandidates == false)
            await #expect(throws: SpotCheckError.countOutOfRange(max: 200)) {
                _ = try await spotChecks.draw(from: day, through: day, count: 0, seed: 1, by: supervisor, at: now)
            }
        }
    }

    @Test("the candidate pool is frozen with the draw: the recorded digest, the same cases again, what changed since; a tampered pool shows")
    func frozenPool() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Intake.at("2026-03-03")
            var closed: [CaseID] = []
            for _ in 0..<4 { closed.append(try await CaseRatingTests.decidedCase(db, at: now).id) }
            let spotChecks = SpotCheckRepository(database: db)
            let day = LocalDate("2026-03-03")!
            let record = try await spotChecks.draw(from: day, through: day, count: 2, seed: 7, by: supervisor, at: now)
            #expect(try await spotChecks.pool(of: record.id) == closed.sorted { $0.description < $1.description })
            let fresh = try #require(try await spotChecks.recheck(record.id).pool)
            #expect(fresh == .init(digestMatches: true, sameCases: true, added: 0, removed: 0))

            // A later closed case changes today's candidates, not what was drawn from: the proof still holds.
            _ = try await CaseRatingTests.decidedCase(db, at: now)
            let later = try await spotChecks.recheck(record.id)
            #expect(!later.sameCandidates && later.pool == .init(digestMatches: true, sameCases: true, added: 1, removed: 0))

            // A pool edited by hand no longer has the recorded digest.
            let dropped = try #require(closed.first { id in !record.cases.contains { $0.caseID == id } })
            try await db.transaction { sql in
                try await sql.raw(
                    """
                    DELETE FROM spot_check_candidates WHERE spot_check_id = \(bind: record.id.description)
                        AND case_id = \(bind: dropped.description)
                    """
                ).run()
            }
            let tampered = try #require(try await spotChecks.recheck(record.id).pool)
            #expect(!tampered.digestMatches && tampered.removed == 0 && tampered.added == 2)

            // A draw from no candidates keeps an empty pool that checks out.
            let next = try day.adding(days: 1)
            let empty = try await spotChecks.draw(from: next, through: next, count: 3, seed: 1, by: supervisor, at: now)
            #expect(try await spotChecks.recheck(empty.id).pool == .init(digestMatches: true, sameCases: true, added: 0, removed: 0))
        }
    }
}
