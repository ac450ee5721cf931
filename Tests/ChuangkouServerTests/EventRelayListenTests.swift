import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Logging
import NIOCore
import SQLKit
import Synchronization
import Testing

@testable import ChuangkouServer

/// PostgreSQL: the relay hears other processes' commits through LISTEN/NOTIFY, and a dropped listening connection
/// loses nothing (it reconnects and catches up from the relay's cursor). Polling is set to an hour, so only the
/// listener can deliver; nothing here waits on a clock (the time limit only turns a hang into a failure: the full
/// PostgreSQL suite takes minutes on a busy machine).
@Suite("Event relay listening on PostgreSQL", .enabled(if: TestDatabase.postgresURL != nil), .timeLimit(.minutes(10)))
struct EventRelayListenTests {
    /// Counts of the listener's (re)connections, and a gate it waits at before reconnecting.
    final class Probe: Sendable {
        let listening: AsyncStream<Int>
        private let listened: AsyncStream<Int>.Continuation
        let away: AsyncStream<Void>
        private let wentAway: AsyncStream<Void>.Continuation
        private let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)

        init() {
            (listening, listened) = AsyncStream.makeStream()
            (away, wentAway) = AsyncStream.makeStream()
        }

        func noteListening(_ count: Int) { listened.yield(count) }

        /// The listener's pause before reconnecting: tells the test, then waits until `reopen()`.
        func waitToReconnect() async {
            await withCheckedContinuation { continuation in
                gate.withLock { $0 = continuation }
                wentAway.yield()
            }
        }

        func reopen() { gate.withLock { $0.take() }?.resume() }
    }

    @Test(
        "another process's call reaches this node at once; after its listening connection drops, what was committed meanwhile arrives"
    )
    func listensAndCatchesUp() async throws {
        let location = try await TestDatabase.freshLocation()
        let here = try await Database.open(location, logger: Logger(label: "here"))
        let there = try await Database.open(location, logger: Logger(label: "there"))
        try await Migrator(database: here).migrate()
        try await DemoHall.loadIfEmpty(into: here, passwordHash: "x", at: Date())
        let probe = Probe()
        let listener = try #require(here.hallEventListener).observed(
            reconnectingAfter: { await probe.waitToReconnect() },
            listening: { probe.noteListening($0) }
        )
        let relay = EventRelay(log: HallEventLog(database: here), pollInterval: .seconds(3600), listener: listener, logger: Logger(label: "relay"))
        let messages = relay.subscribe().messages
        let running = Task { try await relay.run() }
        var listening = probe.listening.makeAsyncIterator()
        var received = messages.makeAsyncIterator()
        let tickets = TicketRepository(database: there)

        #expect(await listening.next() == 1)
        let first = try await tickets.issue(business: BusinessCode("id-card")!, greenChannel: nil, hall: DemoHall.hall, at: Date())
        let heard = try #require(await received.next())
        #expect(String(buffer: heard).contains(first.number.description))

        // Drop the listening connection (its channel names this test's schema, so it is ours alone).
        let killer = try await Database.open(location, logger: Logger(label: "killer"))
        try await killer.read { db in
            try await db.raw(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND query LIKE '%' || current_schema() || '%'"
            )
            .run()
        }
        var away = probe.away.makeAsyncIterator()
        await away.next()
        // Committed while nobody listens: no notification will ever say so.
        let second = try await tickets.issue(business: BusinessCode("id-card")!, greenChannel: nil, hall: DemoHall.hall, at: Date())
        probe.reopen()
        #expect(await listening.next() == 2)
        let caughtUp = try #require(await received.next())
        #expect(String(buffer: caughtUp).contains(second.number.description))

        running.cancel()
        _ = try? await running.value
        await killer.close()
        await there.close()
        await here.close()
    }
}
