import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Testing

@Suite("Finish and call next (办结并叫下一号): one press, one transaction")
struct FinishAndCallNextTests {
    static func issue(_ tickets: TicketRepository, _ count: Int, at now: Date) async throws -> [Ticket] {
        var issued: [Ticket] = []
        for i in 0..<count {
            issued.append(try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: now.addingTimeInterval(Double(i))))
        }
        return issued
    }

    @Test("the served ticket is finished and the next one called to the same window, both in the ticket log")
    func finishesAndCalls() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            let now = Date()
            let issued = try await Self.issue(tickets, 2, at: now)
            try await Demo.openWindows(1, in: db)
            let officer = Demo.officers[0]
            let first = try #require(try await tickets.callNext(window: 1, by: officer, hall: Demo.hall, at: now.addingTimeInterval(10)))
            _ = try await tickets.start(first.id, by: officer, at: now.addingTimeInterval(20))
            let (finished, called) = try await tickets.finishAndCallNext(first.id, by: officer, hall: Demo.hall, at: now.addingTimeInterval(30))
            #expect(finished.id == issued[0].id && finished.status == .finished)
            #expect(called?.id == issued[1].id && called?.status == .called && called?.window == 1)
            #expect(try await tickets.history(of: first.id).map(\.action) == [.call, .start, .finish])
            #expect(try await tickets.history(of: issued[1].id).map(\.action) == [.call])
        }
    }

    @Test("with nobody waiting the ticket is still finished and nothing is called")
    func nobodyWaiting() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            let now = Date()
            _ = try await Self.issue(tickets, 1, at: now)
            try await Demo.openWindows(1, in: db)
            let officer = Demo.officers[0]
            let first = try #require(try await tickets.callNext(window: 1, by: officer, hall: Demo.hall, at: now))
            _ = try await tickets.start(first.id, by: officer, at: now)
            let (finished, called) = try await tickets.finishAndCallNext(first.id, by: officer, hall: Demo.hall, at: now)
            #expect(finished.status == .finished && called == nil)
        }
    }

    @Test("a refused finish changes nothing: a ticket only called, or another officer's, stays as it was and the next one waits")
    func refusedChangesNothing() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            let now = Date()
            let issued = try await Self.issue(tickets, 2, at: now)
            try await Demo.openWindows(2, in: db)
            let first = try #require(try await tickets.callNext(window: 1, by: Demo.officers[0], hall: Demo.hall, at: now))
            await #expect(throws: QueueError.notAllowed(action: .finish, from: .called)) {
                _ = try await tickets.finishAndCallNext(first.id, by: Demo.officers[0], hall: Demo.hall, at: now)
            }
            _ = try await tickets.start(first.id, by: Demo.officers[0], at: now)
            await #expect(throws: QueueError.notSignedIn(window: 1)) {
                _ = try await tickets.finishAndCallNext(first.id, by: Demo.officers[1], hall: Demo.hall, at: now)
            }
            #expect(try await tickets.find(first.id)?.status == .serving)
            #expect(try await tickets.find(issued[1].id)?.status == .waiting)
        }
    }

    @Test("a paused window's finish-and-call is refused whole: the served ticket is not finished either")
    func pausedWindow() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            let windows = WindowRepository(database: db)
            let now = Date()
            let issued = try await Self.issue(tickets, 2, at: now)
            try await Demo.openWindows(1, in: db)
            let officer = Demo.officers[0]
            let first = try #require(try await tickets.callNext(window: 1, by: officer, hall: Demo.hall, at: now))
            _ = try await tickets.start(first.id, by: officer, at: now)
            _ = try await windows.pause(1, officer: officer, at: now)
            await #expect(throws: QueueError.self) {
                _ = try await tickets.finishAndCallNext(first.id, by: officer, hall: Demo.hall, at: now)
            }
            #expect(try await tickets.find(first.id)?.status == .serving)
            #expect(try await tickets.find(issued[1].id)?.status == .waiting)
        }
    }

    @Test("two windows finishing at once with one ticket waiting: exactly one of them gets it")
    func concurrentFinishes() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            let now = Date()
            _ = try await Self.issue(tickets, 3, at: now)
            try await Demo.openWindows(2, in: db)
            var serving: [Ticket] = []
            for window in 1...2 {
                let officer = Demo.officers[window - 1]
                let ticket = try #require(try await tickets.callNext(window: WindowNumber(window)!, by: officer, hall: Demo.hall, at: now))
                serving.append(try await tickets.start(ticket.id, by: officer, at: now))
            }
            let called = try await withThrowingTaskGroup(of: Ticket?.self) { group in
                for (i, ticket) in serving.enumerated() {
                    group.addTask {
                        try await tickets.finishAndCallNext(ticket.id, by: Demo.officers[i], hall: Demo.hall, at: now).called
                    }
                }
                return try await group.reduce(into: [Ticket]()) { all, next in if let next { all.append(next) } }
            }
            #expect(called.count == 1)
            #expect(try await tickets.waiting(for: [Demo.idCard], serviceDay: Demo.hall.serviceDay(at: now), at: now).isEmpty)
        }
    }
}
