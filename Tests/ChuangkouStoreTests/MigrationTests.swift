import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Logging
import SQLKit
import Testing

@Suite("Migrations and demo data")
struct MigrationTests {
    @Test("migrations apply once and are recorded; running again does nothing")
    func idempotent() async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            let migrator = Migrator(database: db)
            #expect(
                try await migrator.appliedVersions() == [
                    1, 2, 3, 4, 5, 6, 7, 12, 13, 15, 17, 19, 20, 21, 22, 23, 24, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42,
                ]
            )
            #expect(try await migrator.migrate() == [])
        }
    }

    @Test("the demo hall loads once: 6 windows, the 10 catalog businesses, 12 accounts (a desk officer and a supervisor among them)")
    func demo() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            #expect(try await DemoHall.loadIfEmpty(into: db, passwordHash: "x", at: Date()) == false)
            #expect(try await WindowRepository(database: db).all().count == 6)
            #expect(try await BusinessRepository(database: db).all(serviceDay: DemoHall.hall.serviceDay(at: Date())).count == 10)
            #expect(try await OfficerRepository(database: db).all().count == 12)
            #expect(try await HallRepository(database: db).load()?.supervisionPhone == DemoHall.hall.supervisionPhone)
        }
    }

    @Test("a failed transaction leaves nothing behind")
    func rollback() async throws {
        struct Boom: Error {}
        try await TestDatabase.withDatabase { (db: Database) async throws in
            await #expect(throws: Boom.self) {
                try await db.transaction { sql in
                    try await sql.raw("INSERT INTO ticket_counters (service_day, prefix, last_sequence) VALUES ('2026-01-01', 'Z', 5)").run()
                    throw Boom()
                }
            }
            let rows = try await db.read { sql in try await sql.raw("SELECT prefix FROM ticket_counters WHERE prefix = 'Z'").all().count }
            #expect(rows == 0)
        }
    }
}

@Suite("SQLite checkpoints")
struct CheckpointTests {
    @Test("a checkpoint copies every committed frame of the write-ahead log into the database file")
    func checkpoint() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            guard case .sqlite(let path) = db.location else { return }
            func fileSize() throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 }
            try await db.checkpoint()
            let before = try fileSize()
            let tickets = TicketRepository(database: db)
            for _ in 0..<300 { _ = try await tickets.issue(business: BusinessCode("id-card")!, greenChannel: nil, hall: DemoHall.hall, at: Date()) }
            // The new pages are only in the write-ahead log until a checkpoint copies them into the file.
            #expect(try fileSize() == before)
            try await db.checkpoint()
            #expect(try fileSize() > before)
        }
    }
}
