import ChuangkouCore
import ChuangkouStore
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Feeds live hall events to every connected display and console.
///
/// Events are read back from the database, not passed around in memory, so a display connected to one server
/// process sees calls made through another. The relay looks for new events when this process has just
/// committed one (the database calls `wake()` after every commit that wrote hall events), on PostgreSQL when any
/// process has (`HallEventListener`), and otherwise every poll interval. Each subscriber has a bounded buffer: a
/// display that falls a whole buffer behind is dropped instead of growing memory without bound.
final class EventRelay: Service, Sendable {
    private let log: HallEventLog
    private let pollInterval: Duration
    private let logger: Logger
    private let wakeups: AsyncStream<Void>
    private let wakeContinuation: AsyncStream<Void>.Continuation
    private let subscribers = Mutex<[UUID: AsyncStream<ByteBuffer>.Continuation]>([:])

    /// How long a skipped id is looked for again: a transaction that took its id before a neighbour's but
    /// committed after it shows up within this span.
    static let lateCommitWindow: TimeInterval = 5

    /// The hall's clock: events carry its time, so the relay must look back from the same "now".
    private let now: @Sendable () -> Date

    /// On PostgreSQL: hears commits of every process (LISTEN/NOTIFY), so polling is only the safety net.
    private let listener: HallEventListener?

    init(
        log: HallEventLog,
        pollInterval: Duration,
        listener: HallEventListener? = nil,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.log = log
        self.listener = listener
        self.now = now
        self.pollInterval = pollInterval
        self.logger = logger
        (wakeups, wakeContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the relay to look for new events now (the database calls it after this process commits hall events).
    func wake() {
        wakeContinuation.yield()
    }

    /// A stream of events from now on, each already written as its Server-Sent Events message (encoded once for all
    /// subscribers, not once per display), with a keep-alive comment every `keepAliveInterval`. It ends when the caller
    /// stops iterating, `end(id)` is called, the server shuts down, or the subscriber falls `bufferSize` messages
    /// behind: a display that cannot keep up is dropped (its browser reconnects and reloads the hall's state) rather
    /// than buffered without limit.
    func subscribe(bufferSize: Int = 64) -> (id: UUID, messages: AsyncStream<ByteBuffer>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .bufferingOldest(bufferSize))
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        subscribers.withLock { $0[id] = continuation }
        return (id, stream)
    }

    /// Ends one subscriber's stream (its display's request is shutting down).
    func end(_ id: UUID) {
        subscribers.withLock { $0[id] }?.finish()
    }

    /// Subscribers connected now.
    var subscriberCount: Int { subscribers.withLock { $0.count } }

    /// How often an idle stream carries a comment, so proxies do not close an idle display.
    static let keepAliveInterval: TimeInterval = 15

    func run() async throws {
        var cursor = EventCursor(after: (try? await log.lastID()) ?? 0, lateCommitWindow: Self.lateCommitWindow)
        var lastPrune = now()
        var lastKeepAlive = now()
        var marks = PruneMarks()
        let ticker = Task { [wakeContinuation, pollInterval] in
            while !Task.isCancelled {
                try? await Task.sleep(for: pollInterval)
                wakeContinuation.yield()
            }
        }
        let listening = Task { [listener, wakeContinuation] in
            await listener?.run(wake: { wakeContinuation.yield() })
        }
        defer {
            ticker.cancel()
            listening.cancel()
        }
        await withGracefulShutdownHandler {
            for await _ in wakeups {
                let now = self.now()
                do {
                    for (id, event) in try await log.events(after: cursor.last, orMissing: cursor.idsToRecheck)
                    where cursor.accept(id, at: now) {
                        publish(event)
                    }
                } catch {
                    logger.warning("event relay could not read events", metadata: ["error": "\(String(reflecting: error))"])
                }
                cursor.expire(at: now)
                if now.timeIntervalSince(lastKeepAlive) >= Self.keepAliveInterval {
                    lastKeepAlive = now
                    broadcast(EventsController.keepAlive)
                }
                // Under load every commit wakes the relay; reading at most every 20 ms batches them for the same latency.
                try? await Task.sleep(for: .milliseconds(20))
                if now.timeIntervalSince(lastPrune) > 600 {
                    lastPrune = now
                    marks.note(cursor.last, at: now)
                    if let through = marks.prunable(at: now, keeping: 3600) {
                        try? await log.prune(throughID: through)
                    }
                }
            }
        } onGracefulShutdown: { [wakeContinuation] in
            wakeContinuation.finish()
        }
        // Finished outside the lock: finishing runs each stream's onTermination, which takes the lock to unsubscribe.
        let open = subscribers.withLock { subs in
            defer { subs.removeAll() }
            return Array(subs.values)
        }
        for continuation in open { continuation.finish() }
    }

    private func publish(_ event: HallEvent) {
        guard subscriberCount > 0 else { return }
        broadcast(EventsController.message(event))
    }

    /// Hands `message` to every subscriber; one whose buffer is full is dropped (finished, outside the lock).
    func broadcast(_ message: ByteBuffer) {
        let targets = subscribers.withLock { Array($0.values) }
        for continuation in targets {
            if case .dropped = continuation.yield(message) { continuation.finish() }
        }
    }
}
