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

    private enum Backend: Sendable {
        case sqlite(
            writer: SQLiteDirectConnection,
            writes: GroupCommit,
            readers: [(SQLiteDirectConnection, AsyncLock)],
            next: ReaderCursor,
            checkpointer: SQLiteDirectConnection,
            checkpointLock: AsyncLock
        )
        case postgres(PostgresClient, runner: Task<Void, Never>)
    }

    /// How SQLite trades durability for speed. `normal` in WAL mode survives a crash of the process
    /// (every acknowledged commit is in the WAL) but may lose the last commits on power loss; `full` survives
    /// power loss too, at about a tenth of the commit rate.
    public enum SQLiteSynchronous: String, Sendable {
        case normal = "NORMAL"
        case full = "FULL"
    }

    /// Per-connection SQLite settings: foreign keys on; a 16 MB page cache so hot pages stay in memory.
    /// (Memory-mapped I/O was tried and measured slower here: remapping as the file grows cost TLB shootdowns.)
    static let connectionPragmas = ["PRAGMA foreign_keys = ON", "PRAGMA cache_size = -16000", "PRAGMA temp_store = MEMORY"]

    public static func open(
        _ location: DatabaseLocation,
        synchronous: SQLiteSynchronous = .normal,
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
            for pragma in [
                "PRAGMA busy_timeout = 5000", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = \(synchronous.rawValue)",
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
                    writes: GroupCommit(connection: writer, lock: AsyncLock(), logger: logger),
                    readers: readers,
                    next: ReaderCursor(),
                    checkpointer: checkpointer,
                    checkpointLock: AsyncLock()
                ),
                logger: logger
            )
        case .postgres(let url):
            // `?schema=NAME` puts every connection in that schema (tests give each run its own).
            var components = URLComponents(string: url)
            let schema = components?.queryItems?.first { $0.name == "schema" }?.value
            let others = components?.queryItems?.filter { $0.name != "schema" } ?? []
            components?.queryItems = others.isEmpty ? nil : others
            let config = try SQLPostgresConfiguration(url: components?.string ?? url)
            var clientConfig = PostgresClient.Configuration(
                host: config.coreConfiguration.host ?? "127.0.0.1",
                port: config.coreConfiguration.port ?? 5432,
                username: config.coreConfiguration.username,
                password: config.coreConfiguration.password,
                database: config.coreConfiguration.database,
                tls: .disable
            )
            clientConfig.options.maximumConnections = 16
            if let schema { clientConfig.options.additionalStartupParameters = [("search_path", schema)] }
            let client = PostgresClient(configuration: clientConfig, backgroundLogger: logger)
            // The pool hands out connections only while its `run()` runs. Running it here, for exactly as long
            // as this object is open, makes the database usable from `open` to `close` on both backends.
            let runner = Task { await client.run() }
            return Database(dialect: .postgres, location: location, backend: .postgres(client, runner: runner), logger: logger)
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
        case .postgres(_, let runner):
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

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // On SQLite another caller's task may run the body (group commit): it audits as this caller.
        let actor = AuditActor.current
        let body: @Sendable (any SQLDatabase) async throws -> T = { db in try await actor.acting { try await body(db) } }
        switch backend {
        case .sqlite(_, let writes, _, _, _, _):
            return try await writes.transaction(body)
        case .postgres(let client, _):
            return try await client.withConnection { connection in
                let db = connection.sql(queryLogLevel: nil)
                try await db.raw("BEGIN").run()
                return try await Self.finish(db, body)
            }
        }
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

    /// Runs read-only statements. On SQLite they run on a reader connection and see the last committed state.
    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(_, _, let readers, let next, _, _):
            let (reader, lock) = readers[next.advance() % readers.count]
            return try await lock.withLock {
                try await body(SQLiteDirectDatabase(connection: reader, logger: logger, eventLoop: MultiThreadedEventLoopGroup.singleton.any()))
            }
        case .postgres(let client, _):
            return try await client.withConnection { connection in
                try await body(connection.sql(queryLogLevel: nil))
            }
        }
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
