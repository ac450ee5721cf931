import Logging
import PostgresKit
import SQLKit
import Synchronization

/// PostgreSQL: links committed audit entries into the hash chain (`audit_link_pending`, migration 41), right after
/// the commits that wrote them and before every read of the log.
///
/// One run at a time per process: a commit that wrote an entry wakes it, and wake-ups that come while it runs are
/// served by one more round, so under load each round links every entry committed since the last (one transaction, one
/// fsync, for many). Several processes take turns on the tail's advisory lock inside the function. An entry it could
/// not link (the database away) stays pending, durable, and goes with the next round or read.
final class AuditLinker: Sendable {
    private struct State {
        var running: Task<Void, Never>?
        var again = false
    }

    private let state = Mutex(State())
    private let client: PostgresClient
    private let logger: Logger
    /// Rows linked per statement: bounds one transaction (and the tail's lock) under a backlog.
    static let batch = 2_000

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// A commit wrote audit entries: link them soon.
    func wake() {
        state.withLock { s in
            if s.running != nil {
                s.again = true
                return
            }
            s.running = Task { await self.runUntilDone() }
        }
    }

    /// Links everything pending now (for a reader of the log), without waiting for a run in progress.
    func linkNow() async throws {
        while try await linkOnce() == Self.batch {}
    }

    /// Waits for a run in progress, so `close` does not shut the pool under it.
    func drain() async {
        await state.withLock { $0.running }?.value
    }

    private func runUntilDone() async {
        while true {
            do {
                try await linkNow()
            } catch {
                logger.warning(
                    "audit entries not linked yet: they stay pending for the next write or read",
                    metadata: ["error": "\(String(reflecting: error))"]
                )
            }
            let more = state.withLock { s in
                if s.again {
                    s.again = false
                    return true
                }
                s.running = nil
                return false
            }
            if !more { return }
        }
    }

    private func linkOnce() async throws -> Int {
        try await client.withConnection { connection in
            try await connection.sql(queryLogLevel: nil)
                .raw("SELECT audit_link_pending(\(unsafeRaw: String(Self.batch))) AS linked").first()?
                .decode(column: "linked", as: Int.self) ?? 0
        }
    }
}
