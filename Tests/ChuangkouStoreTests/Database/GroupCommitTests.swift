import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import Logging
import SQLKit
import Synchronization
import Testing

@testable import ChuangkouStore

/// Group commit never answers a transaction before its batch's commit, and never with success when the commit fails.
@Suite("Group commit")
struct GroupCommitTests {
    /// A gate the first (leading) transaction waits at, so that the others queue up behind it into one batch.
    final class Gate: Sendable {
        private let state = Mutex<(open: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

        func wait() async {
            await withCheckedContinuation { continuation in
                let open = state.withLock { s in
                    if s.open { return true }
                    s.waiter = continuation
                    return false
                }
                if open { continuation.resume() }
            }
        }

        func open() {
            let waiter = state.withLock { s in
                s.open = true
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume()
        }
    }

    final class Counter: Sendable {
        private let value = Mutex(0)
        func add() { value.withLock { $0 += 1 } }
        var count: Int { value.withLock { $0 } }
    }

    static let batchSize = 12

    /// Runs `leader` first and, while it holds the writer, queues `batchSize` transactions made by `member`; they then
    /// run as one batch. Returns each member's outcome by index.
    static func batch(
        _ db: Database,
        member: @escaping @Sendable (Int, any SQLDatabase) async throws -> Void
    ) async throws -> [Int: Bool] {
        let gate = Gate()
        let leading = Counter()
        return try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            group.addTask {
                // The leader's own outcome is not the test's (a failing sync fails it too).
                do {
                    try await db.transaction { (_: any SQLDatabase) async throws -> Void in
                        leading.add()
                        await gate.wait()
                    }
                    return (-1, true)
                } catch {
                    return (-1, false)
                }
            }
            while leading.count == 0 { await Task.yield() }
            for n in 0..<batchSize {
                group.addTask {
                    do {
                        try await db.transaction { sql in try await member(n, sql) }
                        return (n, true)
                    } catch {
                        return (n, false)
                    }
                }
            }
            while db.queuedWrites < batchSize { await Task.yield() }
            gate.open()
            var outcomes: [Int: Bool] = [:]
            for try await (n, ok) in group where n >= 0 { outcomes[n] = ok }
            return outcomes
        }
    }

    @Test("a commit that fails fails every transaction of its batch, and none of their writes is kept")
    func failingCommitFailsTheWholeBatch() async throws {
        guard TestDatabase.postgresURL == nil else { return }  // batching is the SQLite writer's
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            let hooks = Counter()
            db.whenHallEventsCommit { hooks.add() }
            try await db.transaction { sql in
                try await sql.raw("CREATE TABLE parent (id INTEGER PRIMARY KEY)").run()
                // Checked only at COMMIT: a real commit failure, with no test hook inside the database.
                try await sql.raw(
                    "CREATE TABLE child (n INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)"
                ).run()
                try await sql.raw("INSERT INTO parent (id) VALUES (1)").run()
            }
            let outcomes = try await Self.batch(db) { n, sql in
                // Member 5 leaves an orphan: its own body succeeds, the shared COMMIT is refused.
                try await sql.raw("INSERT INTO child (n, parent) VALUES (\(bind: n), \(bind: n == 5 ? 999 : 1))").run()
                try await HallEventLog.append(HallEvent(kind: .ticket, action: "test", at: Date()), in: sql)
            }
            #expect(outcomes.count == Self.batchSize)
            #expect(outcomes.values.allSatisfy { !$0 }, "no member of a batch whose commit failed is answered with success: \(outcomes)")
            let children = try await db.read { sql in
                try await sql.raw("SELECT COUNT(*) AS c FROM child").first()?.decode(column: "c", as: Int.self)
            }
            #expect(children == 0)
            #expect(hooks.count == 0, "no hall-event hook runs for a failed commit")

            // The writer is usable afterwards, and a batch without the orphan commits whole.
            let again = try await Self.batch(db) { n, sql in
                try await sql.raw("INSERT INTO child (n, parent) VALUES (\(bind: n), 1)").run()
            }
            #expect(again.values.allSatisfy { $0 })
            let after = try await db.read { sql in
                try await sql.raw("SELECT COUNT(*) AS c FROM child").first()?.decode(column: "c", as: Int.self)
            }
            #expect(after == Self.batchSize)
        }
    }

    @Test("in one batch, a transaction that throws is rolled back alone and answered with its error; the others commit")
    func rolledBackMemberIsNotAcknowledged() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        struct Refused: Error {}
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            try await db.transaction { sql in try await sql.raw("CREATE TABLE scratch (n INTEGER PRIMARY KEY)").run() }
            let outcomes = try await Self.batch(db) { n, sql in
                try await sql.raw("INSERT INTO scratch (n) VALUES (\(bind: n))").run()
                if n % 4 == 1 { throw Refused() }
            }
            for (n, ok) in outcomes {
                #expect(ok == (n % 4 != 1), "member \(n)")
            }
            let rows = try await db.read { sql in
                try await sql.raw("SELECT n FROM scratch ORDER BY n").all().map { try $0.decode(column: "n", as: Int.self) }
            }
            #expect(rows == (0..<Self.batchSize).filter { $0 % 4 != 1 })
        }
    }

    @Test("every acknowledged transaction is already committed: a read right after the answer sees it")
    func answeredOnlyAfterCommit() async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            try await db.transaction { sql in try await sql.raw("CREATE TABLE scratch (n INTEGER PRIMARY KEY)").run() }
            let unseen = try await withThrowingTaskGroup(of: Int?.self) { group in
                for n in 0..<200 {
                    group.addTask {
                        try await db.transaction { sql in try await sql.raw("INSERT INTO scratch (n) VALUES (\(bind: n))").run() }
                        let seen = try await db.read { sql in
                            try await sql.raw("SELECT n FROM scratch WHERE n = \(bind: n)").first() != nil
                        }
                        return seen ? nil : n
                    }
                }
                var missing: [Int] = []
                for try await n in group { if let n { missing.append(n) } }
                return missing
            }
            #expect(unseen.isEmpty)
        }
    }

    /// A SQLite database in a temporary file whose log sync is `syncer` (durable mode), closed after `body`.
    static func withSyncedDatabase(
        _ syncer: @escaping WALSync.Syncer,
        _ body: @Sendable (Database) async throws -> Void
    ) async throws {
        let location = try await TestDatabase.freshLocation()
        let db = try await Database.open(location, synchronous: .fullBeside, walSyncer: syncer, logger: Logger(label: "test"))
        do {
            try await db.transaction { sql in try await sql.raw("CREATE TABLE scratch (n INTEGER PRIMARY KEY)").run() }
            try await body(db)
            await db.close()
        } catch {
            await db.close()
            throw error
        }
    }

    static func scratchCount(_ db: Database) async throws -> Int {
        try await db.read { sql in
            try await sql.raw("SELECT COUNT(*) AS c FROM scratch").first()?.decode(column: "c", as: Int.self) ?? -1
        }
    }

    @Test("SQLite opens with synchronous=FULL unless told otherwise: commits are synced before they are answered")
    func durableByDefault() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            let level = try await db.transaction { sql in
                try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
            }
            #expect(level == 2)  // FULL
        }
    }

    @Test("synced beside the writer: a committed transaction is answered only after the log sync that followed its commit")
    func answeredOnlyAfterTheSync() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        let syncs = Counter()
        let gate = Gate()
        let syncing = Counter()
        try await Self.withSyncedDatabase({
            // Every sync after the first (the CREATE TABLE) waits at the gate, like a slow disk.
            syncing.add()
            if syncing.count > 1 {
                let done = DispatchSemaphore(value: 0)
                Task { await gate.wait(); done.signal() }
                done.wait()
            }
            syncs.add()
        }) { db in
            let answered = Counter()
            let write = Task {
                try await db.transaction { sql in try await sql.raw("INSERT INTO scratch (n) VALUES (1)").run() }
                answered.add()
            }
            // The commit itself is done (a reader sees the row) while the caller still waits for the sync.
            while try await Self.scratchCount(db) == 0 { await Task.yield() }
            while syncing.count < 2 { await Task.yield() }
            #expect(answered.count == 0)
            #expect(syncs.count == 1, "the second sync is still running")
            gate.open()
            try await write.value
            #expect(answered.count == 1)
            #expect(syncs.count == 2, "answered after its sync finished")
        }
    }

    @Test("a failing log sync fails every transaction of the batches it covered, and the writer refuses new ones")
    func failingSyncFailsItsBatch() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        struct DiskGone: Error {}
        let failing = Mutex(false)
        try await Self.withSyncedDatabase({
            if failing.withLock({ $0 }) { throw DiskGone() }
        }) { db in
            failing.withLock { $0 = true }
            let outcomes = try await Self.batch(db) { n, sql in
                try await sql.raw("INSERT INTO scratch (n) VALUES (\(bind: n))").run()
            }
            #expect(outcomes.count == Self.batchSize)
            #expect(outcomes.values.allSatisfy { !$0 }, "nobody is told a write is safe when the disk did not take it: \(outcomes)")
            // A later write is refused before it begins: nothing written after a failed sync can be promised.
            await #expect(throws: DiskGone.self) {
                try await db.transaction { sql in try await sql.raw("INSERT INTO scratch (n) VALUES (100)").run() }
            }
            let rows = try await db.read { sql in
                try await sql.raw("SELECT COUNT(*) AS c FROM scratch WHERE n = 100").first()?.decode(column: "c", as: Int.self)
            }
            #expect(rows == 0)
        }
    }

    @Test("the real sync: fdatasync on the -wal file works on a fresh database, and a missing log is an error")
    func realLogSync() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        guard case .sqlite(let path) = try await TestDatabase.freshLocation() else { return }
        let db = try await Database.open(.sqlite(path: path), synchronous: .fullBeside, logger: Logger(label: "test"))
        try await db.transaction { sql in try await sql.raw("CREATE TABLE scratch (n INTEGER PRIMARY KEY)").run() }
        try await db.transaction { sql in try await sql.raw("INSERT INTO scratch (n) VALUES (1)").run() }
        #expect(try await Self.scratchCount(db) == 1)
        await db.close()
        #expect(throws: WALSyncError.self) { try WALSync.walFile(databasePath: path + ".missing")() }
    }

    @Test("the hall-event hook runs after a commit that wrote hall events, never after a rollback or a commit without events")
    func hallEventHook() async throws {
        struct Refused: Error {}
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            let hooks = Counter()
            db.whenHallEventsCommit { hooks.add() }
            let event = HallEvent(kind: .window, window: 1, action: "test", at: Date())
            try await db.transaction { sql in try await HallEventLog.append(event, in: sql) }
            #expect(hooks.count == 1)
            await #expect(throws: Refused.self) {
                try await db.transaction { sql in
                    try await HallEventLog.append(event, in: sql)
                    throw Refused()
                }
            }
            #expect(hooks.count == 1, "a rolled-back transaction wakes nobody")
            try await db.transaction { sql in try await sql.raw("SELECT 1 AS one").run() }
            #expect(hooks.count == 1, "a commit without events wakes nobody")
            #expect(try await HallEventLog(database: db).events(after: 0).count == 1)
        }
    }
}
