import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("The desk benchmark's seeded history")
struct DeskSeederTests {
    @Test("seeded tickets, out-of-turn calls and breaches add up on the desk, from rollups; a second seeding is refused")
    func seededHistoryOnTheDesk() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let sealer = DataSealer(base64: DataSealer.newKeyText())!
            let last = LocalDate("2026-03-20")!
            let plan = DeskSeeder.Plan(tickets: 3_000, cases: 400, lastDay: last, days: 10, batch: 500)
            let report = try await DeskSeeder(database: db).seed(plan, hall: Demo.hall, sealer: sealer)
            #expect(report.tickets == 3_000 && report.cases == 400)
            #expect(report.outOfTurn > 0 && report.breaches > 0)
            let now = Demo.hall.start(of: LocalDate("2026-04-10")!).addingTimeInterval(10 * 3_600)
            let rows = try await DeskRepository(database: db)
                .rows(try DeskPeriod(.month, containing: last), hall: Demo.hall, viewer: Badge("010300")!, at: now)
            let hall = rows[0]
            let statuses = try await db.read { sql in
                try await sql.raw("SELECT status, COUNT(*) AS n FROM tickets WHERE prefix = 'Y' GROUP BY status").all()
                    .map { (try $0.decode(column: "status", as: String.self), try $0.decode(column: "n", as: Int.self)) }
            }
            let count = Dictionary(uniqueKeysWithValues: statuses)
            #expect(hall.queue.served == count["finished"] && hall.queue.noShows == count["noShow"])
            #expect(hall.queue.served + hall.queue.noShows + (count["cancelled"] ?? 0) == 3_000)
            #expect(hall.outOfTurnOpen == report.outOfTurn && hall.breaches == report.breaches)
            #expect(hall.queue.p90WaitSeconds != nil && hall.queue.averageServiceSeconds != nil)
            #expect(hall.casesOnTime + hall.casesOverdue > 0 && hall.casesOnTime + hall.casesOverdue <= 400)
            await #expect(throws: DeskSeederError.self) { try await DeskSeeder(database: db).seed(plan, hall: Demo.hall, sealer: sealer) }
        }
    }
}
