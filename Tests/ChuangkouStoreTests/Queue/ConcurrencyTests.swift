import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Logging
import Testing

/// The queue's two promises under load: no number twice, no ticket at two windows, nothing passed over.
/// The same tests run on SQLite and, in CI, on PostgreSQL.
@Suite("Exactly once under concurrency")
struct ConcurrencyTests {
    @Test("200 concurrent issues give 200 distinct numbers per prefix, with no gaps")
    func concurrentIssues() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            let businesses = [Demo.idCard, Demo.residence]
            let issued = try await withThrowingTaskGroup(of: Ticket.self) { group in
                for i in 0..<200 {
                    group.addTask { try await tickets.issue(business: businesses[i % 2], greenChannel: nil, hall: Demo.hall, at: Date()) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for prefix in ["A", "B"] {
                let numbers = issued.filter { $0.number.prefix.value == prefix }.map(\.number.sequence).sorted()
                #expect(numbers == Array(1...100))
            }
        }
    }

    @Test("concurrent call-next from 6 windows: every ticket called once, none at two windows, none passed over")
    func concurrentCalls() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Self.drainConcurrently(stores: [db], tickets: 120)
        }
    }

    @Test("two store instances on one database (as two server processes) still call each ticket once")
    func twoProcesses() async throws {
        let location = try await TestDatabase.freshLocation()
        let first = try await Database.open(location, logger: Logger(label: "a"))
        let second = try await Database.open(location, logger: Logger(label: "b"))
        do {
            // Both "processes" migrate at once, as two servers starting together do; one applies, one waits.
            async let a = Migrator(database: first).migrate()
            async let b = Migrator(database: second).migrate()
            let applied = try await (a, b)
            #expect((applied.0 + applied.1).sorted() == (try await Migrator(database: first).appliedVersions()), "each migration applied once")
            try await DemoHall.loadIfEmpty(into: first, passwordHash: "x", at: Date())
            #expect(try await DemoHall.loadIfEmpty(into: second, passwordHash: "x", at: Date()) == false)
            try await Self.drainConcurrently(stores: [first, second], tickets: 120)
        } catch {
            await first.close()
            await second.close()
            throw error
        }
        await first.close()
        await second.close()
    }

    /// Issues `count` tickets concurrently across the stores, then has 6 windows call, start and finish as fast
    /// as they can (each window's calls alternating between stores, with bursts of duplicate call-next on the same
    /// window), and checks the outcome.
    static func drainConcurrently(stores: [Database], tickets count: Int) async throws {
        let repos = stores.map { TicketRepository(database: $0) }
        let businesses = [Demo.idCard, Demo.residence, Demo.seal, Demo.toxic]
        let issued = try await withThrowingTaskGroup(of: Ticket.self) { group in
            for i in 0..<count {
                group.addTask {
                    try await repos[i % repos.count].issue(
                        business: businesses[i % 4],
                        greenChannel: i % 9 == 0 ? .elderly : nil,
                        hall: Demo.hall,
                        at: Date()
                    )
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        try await Demo.openWindows(6, in: stores[0])
        let windowBusinesses = DemoHall.windowBusinesses.map { Set($0.compactMap(BusinessCode.init)) }

        // Each window: a worker loop, plus bursts of extra call-next attempts that must lose cleanly.
        let calls = try await withThrowingTaskGroup(of: [(window: Int, ticket: Ticket)].self) { group in
            for w in 1...6 {
                group.addTask {
                    var mine: [(window: Int, ticket: Ticket)] = []
                    var round = 0
                    while true {
                        round += 1
                        let r = round
                        let repo = repos[r % repos.count]
                        let burst = try await withThrowingTaskGroup(of: Ticket?.self) { burst in
                            for k in 0..<3 {
                                burst.addTask {
                                    do {
                                        return try await repos[(r + k) % repos.count].callNext(
                                            window: WindowNumber(w)!,
                                            by: Demo.officers[w - 1],
                                            hall: Demo.hall,
                                            at: Date()
                                        )
                                    } catch QueueError.windowBusy { return nil }
                                }
                            }
                            return try await burst.reduce(into: [Ticket]()) { if let t = $1 { $0.append(t) } }
                        }
                        #expect(burst.count <= 1, "window \(w) got \(burst.count) tickets in one burst")
                        guard let ticket = burst.first else {
                            // Nothing came back: only acceptable if nothing this window serves is still waiting.
                            let left = try await repo.waiting(
                                for: Array(windowBusinesses[w - 1]),
                                serviceDay: Demo.hall.serviceDay(at: Date()),
                                at: Date()
                            )
                            if left.isEmpty { break }
                            continue
                        }
                        mine.append((w, ticket))
                        _ = try await repo.start(ticket.id, by: Demo.officers[w - 1], at: Date())
                        _ = try await repo.finish(ticket.id, by: Demo.officers[w - 1], at: Date())
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }

        #expect(calls.count == issued.count, "every issued ticket is called")
        #expect(Set(calls.map(\.ticket.id)).count == calls.count, "no ticket is called twice")
        #expect(Set(calls.map(\.ticket.id)) == Set(issued.map(\.id)))
        for call in calls {
            #expect(windowBusinesses[call.window - 1].contains(call.ticket.business), "a window only calls what it serves")
        }
        for prefix in ["A", "B", "C", "D"] {
            let numbers = issued.filter { $0.number.prefix.value == prefix }.map(\.number.sequence).sorted()
            #expect(numbers == Array(1...numbers.count))
        }
    }
}
