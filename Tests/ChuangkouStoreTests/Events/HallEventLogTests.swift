import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Testing

@Suite("Hall event log")
struct HallEventLogTests {
    @Test("pruning through an id removes it and everything before it, nothing after")
    func pruneThroughID() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            for _ in 0..<5 {
                _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: Date())
            }
            let log = HallEventLog(database: db)
            let ids = try await log.events(after: 0).map(\.id)
            #expect(ids.count == 5)
            try await log.prune(throughID: ids[1])
            #expect(try await log.events(after: 0).map(\.id) == Array(ids[2...]))
            #expect(try await log.lastID() == ids[4])
        }
    }
}
