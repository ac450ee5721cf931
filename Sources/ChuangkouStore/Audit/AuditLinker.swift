import Logging
import PostgresKit
import SQLKit

/// PostgreSQL: links committed audit entries into the hash chain (`audit_link_pending`, migration 41) soon after the
/// commits that wrote them (at once when idle, at most once per `pause` under load) and before every read of the log.
///
/// One run at a time per process (`CoalescingWorker`): each run links every entry committed since the last (one
/// transaction, one fsync, for many). Several processes take turns on the tail's advisory lock inside the
/// function. An entry it could not link (the database away) stays pending, durable, and goes with the next run or read.
final class AuditLinker: Sendable {
    private let client: PostgresClient
    private let worker: CoalescingWorker
    /// Rows linked per statement: bounds one transaction (and the tail's lock) under a backlog.
    static let batch = 2_000
    /// Under load, at most one link transaction per pause: a reader links what is pending itself (`linkNow`), so the
    /// pause only delays the chain's seal, never what anyone sees.
    static let pause = Duration.milliseconds(200)

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        worker = CoalescingWorker("linking audit entries", pause: Self.pause, logger: logger) { try await Self.linkAll(client) }
    }

    /// A commit wrote audit entries: link them soon.
    func wake() { worker.wake() }

    /// Links everything pending now (for a reader of the log), without waiting for a run in progress.
    func linkNow() async throws { try await Self.linkAll(client) }

    func drain() async { await worker.drain() }

    /// Links batch after batch until a batch comes back short: nothing committed is left pending.
    private static func linkAll(_ client: PostgresClient) async throws {
        while try await linkOnce(client) == batch {}
    }

    private static func linkOnce(_ client: PostgresClient) async throws -> Int {
        try await client.withConnection { connection in
            try await connection.sql(queryLogLevel: nil)
                .raw("SELECT audit_link_pending(\(unsafeRaw: String(Self.batch))) AS linked").first()?
                .decode(column: "linked", as: Int.self) ?? 0
        }
    }
}
