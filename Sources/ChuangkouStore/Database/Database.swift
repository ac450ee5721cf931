import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import Synchronization

/// Where the hall keeps its data: an embedded SQLite file, or a PostgreSQL server shared by several processes.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// `postgres://…` (or `postgresql://…`) means PostgreSQL; anything else is a SQLite file path.
    public init(_ text: String) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    /// Safe to log: a PostgreSQL URL loses its password.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url):
            guard var c = URLComponents(string: url) else { return "postgres://…" }
            if c.password != nil { c.password = "***" }
            return c.string ?? "postgres://…"
        }
    }
}

/// The two SQL dialects we speak. Statements are shared; the few fragments that differ live in `Dialect`.
public enum Dialect: Sendable {
    case sqlite
    case postgres
}

/// The one door to the database. Every state change goes through `transaction`, which commits all or nothing.
///
/// - SQLite: one writer connection; transactions queued in order and committed in batches (`GroupCommit`: one
///   `BEGIN IMMEDIATE` per batch, so two processes on one file still serialise, a savepoint per transaction), plus
///   two reader connections that WAL lets run beside the writer; all called
///   directly (`SQLiteDirectConnection`).
/// - PostgreSQL: a `PostgresClient` pool; correctness under concurrency comes from row locks, `SKIP LOCKED`
///   and unique constraints in the statements themselves, not from anything in this process.
public final class Database: Sendable {
    public let dialect: Dialect
    public let location: DatabaseLocation
    private let backend: Backend
    private let logger: Logger
    /// Called after every successful commit of a transaction that wrote hall events (`whenHallEventsCommit`).
    private let hallEventHooks = Mutex<[@Sendable () -> Void]>([])

    private enum Backend: Sendable {
        case sqlite(
            writer: SQLiteDirectConnection,
            writes: GroupCommit,
            readers: [(SQLiteDirectConnection, AsyncLock)],
            next: ReaderCursor,
            checkpointer: SQLiteDirectConnection,
            checkpointLock: AsyncLock
        )
        case postgres(
            PostgresClient, runner: Task<Void, Never>, listener: HallEventListener, audit: AuditLinker, notifier: CoalescingWorker,
            shapes: PreparedShapes
        )
    }

    /// How SQLite trades durability for speed. `full` (the default) syncs the WAL to disk before a commit is
    /// acknowledged, so an issued ticket survives a power cut; group commit lets a batch share the sync. `fullBeside`
    /// keeps the same promise with the sync beside the writer (`WALSync`: the next batch runs during it), not yet shown
    /// faster side by side (BENCHMARKS.md, issue 16), so not the default. `normal` in WAL mode survives a crash of the
    /// process but may lose the last commits on power loss.
    public enum SQLiteSynchronous: String, Sendable {
        case normal = "NORMAL"
        case full = "FULL"
        case fullBeside = "FULL-BESIDE"
    }

    /// Per-connection SQLite settings: foreign keys on; a 16 MB page cache so hot pages stay in memory.
    /// (Memory-mapped I/O was tried and measured slower here: remapping as the file grows cost TLB shootdowns.)
    static let connectionPragmas = ["PRAGMA foreign_keys = ON", "PRAGMA cache_size = -16000", "PRAGMA temp_store = MEMORY"]

    public static func open(
        _ location: DatabaseLocation,
        synchronous: SQLiteSynchronous = .full,
        logger: Logger
    ) async throws -> Database {
        try await open(location, synchronous: synchronous, walSyncer: nil, logger: logger)
    }

    /// `walSyncer` replaces the `fdatasync` of `fullBeside` (tests: a gate, a failing disk).
    static func open(
        _ location: DatabaseLocation,
        synchronous: SQLiteSynchronous,
        walSyncer: WALSync.Syncer?,
        logger: Logger
    ) async throws -> Database {
        switch location {
        case .sqlite(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            // Personal data lives in these files: owner only (the -wal and -shm files take the database file's mode).
            try KeyFile.makePrivate(path, companions: ["-wal", "-shm"])
            let writer = try SQLiteDirectConnection(path: path)
            // journal_mode is persistent and needs the write lock once; busy_timeout covers other processes.
            // FULL-BESIDE commits with NORMAL and syncs the log itself, outside the writer's turn (`WALSync`).
            let besides = synchronous == .fullBeside
            for pragma in [
                "PRAGMA busy_timeout = 5000", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = \(besides ? "NORMAL" : synchronous.rawValue)",
                "PRAGMA wal_autocheckpoint = 20000", "PRAGMA journal_size_limit = 67108864",
            ] + Self.connectionPragmas {
                _ = try writer.execute(pragma, [])
            }
            var readers: [(SQLiteDirectConnection, AsyncLock)] = []
            for _ in 0..<2 {
                let reader = try SQLiteDirectConnection(path: path)
                for pragma in ["PRAGMA busy_timeout = 5000"] + Self.connectionPragmas {
                    _ = try reader.execute(pragma, [])
                }
                readers.append((reader, AsyncLock()))
            }
            let checkpointer = try SQLiteDirectConnection(path: path)
            _ = try checkpointer.execute("PRAGMA busy_timeout = 5000", [])
            return Database(
                dialect: .sqlite,
                location: location,
                backend: .sqlite(
                    writer: writer,
                    writes: GroupCommit(
                        connection: writer,
                        lock: AsyncLock(),
                        sync: besides
                            ? WALSync(syncer: walSyncer ?? WALSync.walFile(databasePath: path), logger: logger) : nil,
                        logger: logger
                    ),
                    readers: readers,
                    next: ReaderCursor(),
                    checkpointer: checkpointer,
                    checkpointLock: AsyncLock()
                ),
                logger: logger
            )
        case .postgres(let url):
            let address = try PostgresAddress(url: url)
            let client = PostgresClient(configuration: address.client, backgroundLogger: logger)
            let listenConfig = address.connection
            let listener = HallEventListener(
                configuration: listenConfig,
                logger: logger,
                beforeReconnect: { try? await Task.sleep(for: .seconds(1)) }
            )
            // The pool hands out connections only while its `run()` runs. Running it here, for exactly as long
            // as this object is open, makes the database usable from `open` to `close` on both backends.
            let runner = Task { await client.run() }
            // Other processes hear of new hall events from one NOTIFY after a burst of commits (migration 42); under
            // load one per 20 ms at most, well inside what a display's call may take (the poll is 250 ms).
            let notifier = CoalescingWorker("announcing hall events", pause: .milliseconds(20), logger: logger) {
                try await client.withConnection { connection in
                    try await connection.sql(queryLogLevel: nil)
                        .raw("SELECT pg_notify(left('hall_events.' || current_schema(), 63), '')").run()
                }
            }
            let backend = Backend.postgres(
                client, runner: runner, listener: listener, audit: AuditLinker(client: client, logger: logger), notifier: notifier,
                shapes: PreparedShapes()
            )
            return Database(dialect: .postgres, location: location, backend: backend, logger: logger)
        }
    }

    private init(dialect: Dialect, location: DatabaseLocation, backend: Backend, logger: Logger) {
        self.dialect = dialect
        self.location = location
        self.backend = backend
        self.logger = logger
    }

    /// Closes every connection. Safe to call from a cancelled task: the closing itself is not cancelled.
    public func close() async {
        switch backend {
        case .postgres(_, let runner, _, let audit, let notifier, _):
            await audit.drain()
            await notifier.drain()
            runner.cancel()
            await runner.value
        case .sqlite(let writer, let writes, let readers, _, let checkpointer, let checkpointLock):
            await checkpointLock.withLock { checkpointer.close() }
            // Wait for whoever is using a connection to finish with it before closing it.
            await writes.lock.withLock { writer.close() }
            for (reader, lock) in readers { await lock.withLock { reader.close() } }
        }
    }

    /// Copies committed pages from the write-ahead log into the database file (SQLite only; PostgreSQL does its own).
    ///
    /// Done off the write path, on a thread of its own, so commits never wait for a checkpoint and its fsync.
    /// A passive checkpoint does not block writers or readers. The writer's own auto-checkpoint is set high, as a
    /// safety net should this not run.
    public func checkpoint() async throws {
        guard case .sqlite(_, _, _, _, let checkpointer, let checkpointLock) = backend else { return }
        try await checkpointLock.withLock {
            try await NIOThreadPool.singleton.runIfActive { _ = try checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)", []) }
        }
    }

    /// On PostgreSQL, what hears hall events committed by any process (LISTEN/NOTIFY); nil on SQLite, where the relay
    /// polls (another process on the same file has no way to tell it).
    public var hallEventListener: HallEventListener? {
        guard case .postgres(_, _, let listener, _, _, _) = backend else { return nil }
        return listener
    }

    /// On PostgreSQL, links every committed audit entry still waiting for its place in the chain (migration 41), so
    /// what reads the log next sees all of it. Nothing to do on SQLite, whose entries are linked in their transaction.
    public func linkPendingAudit() async throws {
        guard case .postgres(_, _, _, let audit, _, _) = backend else { return }
        try await audit.linkNow()
    }

    /// Registers `hook` to run after each successful commit of a transaction that wrote hall events (the event
    /// relay's wake-up), so no caller has to remember to wake displays after a change.
    public func whenHallEventsCommit(_ hook: @escaping @Sendable () -> Void) {
        hallEventHooks.withLock { $0.append(hook) }
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    ///
    /// Returns only once the commit is done (on SQLite with `synchronous=FULL`: synced to disk), then runs the
    /// hall-event hooks if the transaction wrote events; a rolled-back or failed transaction runs none.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // On SQLite another caller's task may run the body (group commit): it audits as this caller.
        let actor = AuditActor.current
        let body: @Sendable (any SQLDatabase) async throws -> T = { db in try await actor.acting { try await body(db) } }
        let notes = TransactionNotes()
        let result: T
        switch backend {
        case .sqlite(_, let writes, _, _, _, _):
            result = try await writes.transaction { db in try await body(NotingDatabase(base: db, notes: notes)) }
        case .postgres(let client, _, _, _, _, let shapes):
            result = try await client.withConnection { connection in
                let db = NotingDatabase(base: PreparingPostgresDatabase(connection: connection, shapes: shapes), notes: notes)
                try await db.raw("BEGIN").run()
                return try await Self.finish(db, body)
            }
        }
        if notes.wroteAudit, case .postgres(_, _, _, let audit, _, _) = backend { audit.wake() }
        if notes.wroteHallEvents {
            if case .postgres(_, _, _, _, let notifier, _) = backend { notifier.wake() }
            for hook in hallEventHooks.withLock({ $0 }) { hook() }
        }
        return result
    }

    private static func finish<T>(_ db: any SQLDatabase, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    /// The schema is the newest: PostgreSQL statements may be prepared from now on (`PreparingPostgresDatabase`; a
    /// statement prepared against an older table could fail once the table changes).
    func schemaSettled() {
        if case .postgres(_, _, _, _, _, let shapes) = backend { shapes.schemaSettled() }
    }

    /// SQLite write transactions waiting for their batch (0 on PostgreSQL), for tests that line up a batch.
    var queuedWrites: Int {
        guard case .sqlite(_, let writes, _, _, _, _) = backend else { return 0 }
        return writes.queued
    }

    /// Runs read-only statements. On SQLite they run on a reader connection and see the last committed state.
    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(_, _, let readers, let next, _, _):
            let (reader, lock) = readers[next.advance() % readers.count]
            return try await lock.withLock {
                try await body(SQLiteDirectDatabase(connection: reader, logger: logger, eventLoop: MultiThreadedEventLoopGroup.singleton.any()))
            }
        case .postgres(let client, _, _, _, _, let shapes):
            return try await client.withConnection { connection in
                try await body(PreparingPostgresDatabase(connection: connection, shapes: shapes))
            }
        }
    }
}

/// What a transaction wrote that matters after its commit, noted by the in-transaction helpers.
final class TransactionNotes: Sendable {
    private let hallEvents = Atomic(false)
    private let audit = Atomic(false)
    func noteHallEvent() { hallEvents.store(true, ordering: .relaxed) }
    var wroteHallEvents: Bool { hallEvents.load(ordering: .relaxed) }
    /// An entry waits in `audit_pending` for `AuditLinker` (PostgreSQL).
    func noteAudit() { audit.store(true, ordering: .relaxed) }
    var wroteAudit: Bool { audit.load(ordering: .relaxed) }
}

/// The `SQLDatabase` a transaction's body sees: its connection, plus the notes of what it wrote.
struct NotingDatabase: SQLDatabase {
    let base: any SQLDatabase
    let notes: TransactionNotes

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession { try await closure(NotingDatabase(base: $0, notes: notes)) }
    }
}

/// Round-robin over reader connections.
final class ReaderCursor: Sendable {
    private let value = Mutex(0)
    func advance() -> Int {
        value.withLock { v in
            v &+= 1
            return v & Int.max
        }
    }
}
