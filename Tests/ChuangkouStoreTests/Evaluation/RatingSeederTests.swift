import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Synchronization
import Testing

@Suite("Seeding ratings for the results benchmark")
struct RatingSeederTests {
    @Test("seeded ratings land in the tallies, by month, as single ratings would; each bad one has a closed, published fix")
    func seeded() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let plan = RatingSeeder.Plan(count: 1_234, lastMonth: LocalDate("2026-11-01")!, months: 3, badShare: 0.1, batch: 500)
            let counts = Mutex<[Int]>([])
            let added = try await RatingSeeder(database: db).seed(plan, hall: Demo.hall) { done in counts.withLock { $0.append(done) } }
            #expect(added == 1_234 && counts.withLock { $0 } == [500, 1_000, 1_234])

            let ratings = RatingRepository(database: db, sealer: RatingStoreFixture.sealer)
            var total = 0
            var bad = 0
            var fixed = 0
            for month in ["2026-09", "2026-10", "2026-11"] {
                let results = try await ratings.results(month: month)
                total += results.overall.total
                bad += results.overall.bad
                fixed += results.outcomes.fixed
                #expect(results.outcomes.total == results.overall.bad, "one item per bad review in \(month)")
                #expect(results.byWindow.keys.allSatisfy { (1...6).contains($0) })
            }
            #expect(total == 1_234 && bad == fixed && (60...190).contains(bad), "about 10 % bad: \(bad)")
            #expect(try await ratings.results(month: "2026-08").overall.total == 0, "nothing outside the months asked for")

            // A second run adds to the first without colliding with its tickets.
            let november = try await ratings.results(month: "2026-11").overall
            let again = RatingSeeder.Plan(count: 10, lastMonth: LocalDate("2026-11-01")!, months: 1, badShare: 0, batch: 100)
            _ = try await RatingSeeder(database: db).seed(again, hall: Demo.hall)
            #expect(try await ratings.results(month: "2026-11").overall.total == november.total + 10)
        }
    }
}
