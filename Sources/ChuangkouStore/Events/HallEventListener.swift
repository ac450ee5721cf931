import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// Hears, on PostgreSQL, when any process commits hall events: a connection of its own that `LISTEN`s on the channel
/// every process notifies after committing hall events (`Database.transaction`, migration 42), so every node's event
/// relay reads new events at once instead of at its next poll.
///
/// A dropped connection loses the notifications sent while it was away, so after every (re)connection the listener
/// wakes its caller once: the relay reads from its own cursor (the last event id it published) and catches up.
public struct HallEventListener: Sendable {
    let configuration: PostgresConnection.Configuration
    let logger: Logger
    /// Awaited before each reconnection: a pause, so a database that is down is not hammered. Tests hold it to commit
    /// events while the listener is away.
    let beforeReconnect: @Sendable () async -> Void
    /// Told each time listening starts, with a count (1 on the first connection): for tests.
    var onListening: @Sendable (Int) -> Void = { _ in }

    init(configuration: PostgresConnection.Configuration, logger: Logger, beforeReconnect: @escaping @Sendable () async -> Void) {
        self.configuration = configuration
        self.logger = logger
        self.beforeReconnect = beforeReconnect
    }

    /// The same listener, pausing with `pause` before each reconnection and telling `listening` each time it listens.
    public func observed(
        reconnectingAfter pause: @escaping @Sendable () async -> Void,
        listening: @escaping @Sendable (Int) -> Void
    ) -> HallEventListener {
        var copy = HallEventListener(configuration: configuration, logger: logger, beforeReconnect: pause)
        copy.onListening = listening
        return copy
    }

    /// Runs until cancelled, calling `wake` once each time it is listening (connected or reconnected) and on every
    /// notification.
    public func run(wake: @escaping @Sendable () -> Void) async {
        var attempts = 0
        var listened = 0
        while !Task.isCancelled {
            if attempts > 0 { await beforeReconnect() }
            attempts += 1
            guard !Task.isCancelled else { return }
            let connection: PostgresConnection
            do {
                connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(),
                    configuration: configuration,
                    id: attempts,
                    logger: logger
                ).get()
            } catch {
                logger.warning("hall event listener could not connect", metadata: ["error": "\(String(reflecting: error))"])
                continue
            }
            do {
                try await withTaskCancellationHandler {
                    // The notifier names the channel after the schema it writes in; ask this connection which that is.
                    var schema = "public"
                    for try await (name) in try await connection.query("SELECT current_schema()", logger: logger).decode(String.self) {
                        schema = name
                    }
                    let channel = String(decoding: Array("hall_events.\(schema)".utf8.prefix(63)), as: UTF8.self)
                    try await connection.listen(on: channel) { notifications in
                        listened += 1
                        onListening(listened)
                        wake()  // catch up on whatever was committed while not listening
                        for try await _ in notifications { wake() }
                    }
                } onCancel: {
                    let closing: EventLoopFuture<Void> = connection.close()
                    _ = closing
                }
            } catch  where !Task.isCancelled {
                logger.warning("hall event listener lost its connection", metadata: ["error": "\(String(reflecting: error))"])
            } catch {}
            try? await connection.close()
        }
    }
}
