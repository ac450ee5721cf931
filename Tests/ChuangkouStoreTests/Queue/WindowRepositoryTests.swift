import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Window repository")
struct WindowRepositoryTests {
    @Test("signing in to another window leaves the first, so an officer holds one window")
    func oneWindowPerOfficer() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let windows = WindowRepository(database: db)
            _ = try await windows.signIn(1, officer: Demo.officers[0], at: Date())
            _ = try await windows.signIn(3, officer: Demo.officers[0], at: Date())
            let all = try await windows.all()
            #expect(all.first { $0.window.number == 1 }?.window.status == .closed)
            #expect(all.first { $0.window.number == 3 }?.officer?.badge == Demo.officers[0])
            #expect(try await windows.window(of: Demo.officers[0])?.number == 3)
        }
    }

    @Test("a held window refuses another officer; unknown windows are named")
    func refusals() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let windows = WindowRepository(database: db)
            _ = try await windows.signIn(2, officer: Demo.officers[0], at: Date())
            await #expect(throws: QueueError.windowTaken(window: 2, badge: Demo.officers[0].value)) {
                _ = try await windows.signIn(2, officer: Demo.officers[1], at: Date())
            }
            await #expect(throws: QueueError.unknownWindow(99)) { _ = try await windows.signIn(99, officer: Demo.officers[1], at: Date()) }
            await #expect(throws: QueueError.notSignedIn(window: 2)) { _ = try await windows.pause(2, officer: Demo.officers[1], at: Date()) }
        }
    }

    @Test("a stored window number outside 1–999 makes the board unreadable with an error, never a trap")
    func storedNumberOutOfRange() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await db.transaction { sql in
                try await sql.raw("INSERT INTO windows (number, status, changed_at) VALUES (1000, 'closed', 0)").run()
            }
            await #expect(throws: DecodingError.self) { _ = try await WindowRepository(database: db).all() }
        }
    }

    @Test("a paused window calls nothing until resumed")
    func pause() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let windows = WindowRepository(database: db)
            let tickets = TicketRepository(database: db)
            _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: Date())
            _ = try await windows.signIn(1, officer: Demo.officers[0], at: Date())
            _ = try await windows.pause(1, officer: Demo.officers[0], at: Date())
            await #expect(throws: QueueError.windowPaused(1)) {
                _ = try await tickets.callNext(window: 1, by: Demo.officers[0], hall: Demo.hall, at: Date())
            }
            _ = try await windows.resume(1, officer: Demo.officers[0], at: Date())
            #expect(try await tickets.callNext(window: 1, by: Demo.officers[0], hall: Demo.hall, at: Date()) != nil)
        }
    }
}
