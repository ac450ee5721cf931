import Logging
import NIOPosix
import SQLKit
import Synchronization

/// Runs SQLite write transactions in batches: whoever finds the writer idle becomes the *leader*, runs every
/// transaction queued at that moment inside one `BEGIN IMMEDIATE … COMMIT`, each in its own savepoint, and only
/// then answers them all; the next waiting caller leads the next batch.
///
/// Why: with one lock per transaction, every commit hands the writer to the next task, which must first be
/// scheduled onto a thread before it can begin — on 2 cores the writer sat idle in those hand-overs (BENCHMARKS.md).
/// A batch runs back to back on the leader's thread, commits once (one WAL append for pages several transactions
/// touched), and still keeps each transaction all-or-nothing: a failing one is rolled back to its savepoint alone.
/// Nothing is acknowledged before its batch's `COMMIT` returns, so durability is exactly that of a lone commit.
/// With `sync` (`FULL-BESIDE`) nothing is acknowledged before the write-ahead log is synced after that commit either,
/// and the writer goes on with the next batch meanwhile (`WALSync`).
final class GroupCommit: Sendable {
    private struct State {
        var queue: [any PendingWrite] = []
        var leading = false
    }
    private let state = Mutex(State())
    private let connection: SQLiteDirectConnection
    /// Held by the leader for the whole batch, so `close()` can wait for a batch in flight.
    let lock: AsyncLock
    private let logger: Logger
    /// Syncs the log after each commit, off the writer's turn; nil when the hall runs with `synchronous=NORMAL`.
    private let sync: WALSync?
    /// A bound on one batch, so a leader under heavy load answers its own caller in reasonable time.
    static let maximumBatch = 64

    init(connection: SQLiteDirectConnection, lock: AsyncLock, sync: WALSync?, logger: Logger) {
        self.connection = connection
        self.lock = lock
        self.sync = sync
        self.logger = logger
    }

    /// Transactions waiting for a batch (not counting the one running): lets tests line up a batch.
    var queued: Int { state.withLock { $0.queue.count } }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let job = WriteJob(body)
        let leads = state.withLock { s in
            s.queue.append(job)
            if s.leading { return false }
            s.leading = true
            return true
        }
        if !leads, case .done(let result) = await job.outcome() {
            return try result.get()
        }
        // Leading: run batches until our own transaction has run, then pass the lead on and wait for its answer
        // (with `FULL-BESIDE` it comes once the log is synced, while the next leader already runs the next batch).
        while true {
            let batch = state.withLock { s in
                let taken = Array(s.queue.prefix(Self.maximumBatch))
                s.queue.removeFirst(taken.count)
                return taken
            }
            let leftOver = await run(batch)
            if !leftOver.isEmpty {
                state.withLock { s in s.queue.insert(contentsOf: leftOver, at: 0) }
            }
            if job.isPastTheWriter {
                handOver()
                guard case .done(let result) = await job.outcome() else {
                    preconditionFailure("a job that has run is never asked to lead")
                }
                return try result.get()
            }
        }
    }

    /// Gives the lead to the oldest waiting caller, or marks the writer idle.
    private func handOver() {
        let next = state.withLock { s -> (any PendingWrite)? in
            guard let first = s.queue.first else {
                s.leading = false
                return nil
            }
            return first
        }
        next?.lead()
    }

    /// Runs one batch and answers its jobs. Returns the jobs that were not run (the transaction was lost under
    /// them, e.g. a disk error rolled everything back) so they can go again.
    private func run(_ batch: [any PendingWrite]) async -> [any PendingWrite] {
        guard !batch.isEmpty else { return [] }
        return await lock.withLock {
            let db = SQLiteDirectDatabase(connection: connection, logger: logger, eventLoop: MultiThreadedEventLoopGroup.singleton.any())
            do {
                if let failure = sync?.failure { throw failure }
                try await db.raw("BEGIN IMMEDIATE").run()
            } catch {
                for job in batch { job.complete(failure: error) }
                return []
            }
            // A lone transaction needs no savepoint: its own failure rolls back the whole (one-job) batch.
            if batch.count == 1 {
                let ok = await batch[0].run(db)
                await finish(ok ? batch : [], failed: ok ? [] : batch, db)
                return []
            }
            var succeeded: [any PendingWrite] = []
            var failed: [any PendingWrite] = []
            for (index, job) in batch.enumerated() {
                do {
                    try await db.raw("SAVEPOINT batch_job").run()
                } catch {
                    return await abandon(succeeded: succeeded, failed: failed, notRun: Array(batch[index...]), error, db)
                }
                if await job.run(db) {
                    do {
                        try await db.raw("RELEASE batch_job").run()
                        succeeded.append(job)
                    } catch {
                        // Its work is lost with the transaction: answered with the error, like the others that ran.
                        succeeded.append(job)
                        return await abandon(succeeded: succeeded, failed: failed, notRun: Array(batch[(index + 1)...]), error, db)
                    }
                } else {
                    failed.append(job)
                    do {
                        try await db.raw("ROLLBACK TO batch_job").run()
                        try await db.raw("RELEASE batch_job").run()
                    } catch {
                        return await abandon(succeeded: succeeded, failed: failed, notRun: Array(batch[(index + 1)...]), error, db)
                    }
                }
            }
            await finish(succeeded, failed: failed, db)
            return []
        }
    }

    /// Commits the batch and answers everyone: the failed jobs with their own errors, the rest with their results,
    /// or with the commit's error if the commit fails.
    private func finish(_ succeeded: [any PendingWrite], failed: [any PendingWrite], _ db: any SQLDatabase) async {
        do {
            if succeeded.isEmpty {
                try await db.raw("ROLLBACK").run()
            } else {
                try await db.raw("COMMIT").run()
            }
            if let sync, !succeeded.isEmpty {
                sync.afterCommit { error in for job in succeeded { job.complete(failure: error) } }
            } else {
                for job in succeeded { job.complete(failure: nil) }
            }
        } catch {
            try? await db.raw("ROLLBACK").run()
            for job in succeeded { job.complete(failure: error) }
        }
        for job in failed { job.complete(failure: nil) }
    }

    /// The transaction itself is gone (SQLite rolled it back after an I/O or disk-full error): the work of the jobs
    /// that ran is lost, so they fail with that error; the ones not yet run go back to the queue.
    private func abandon(
        succeeded: [any PendingWrite],
        failed: [any PendingWrite],
        notRun: [any PendingWrite],
        _ error: any Error,
        _ db: any SQLDatabase
    ) async -> [any PendingWrite] {
        logger.error("batch transaction lost", metadata: ["error": "\(error)"])
        try? await db.raw("ROLLBACK").run()
        for job in succeeded { job.complete(failure: error) }
        for job in failed { job.complete(failure: nil) }
        return notRun
    }
}

/// A queued transaction, its result type erased.
private protocol PendingWrite: Sendable {
    /// Runs the body; keeps its value or error. Returns whether it succeeded.
    func run(_ db: any SQLDatabase) async -> Bool
    /// Whether the writer is done with it: its body has run (the answer may still wait for the commit or the sync),
    /// or it was answered without running (the batch could not begin).
    var isPastTheWriter: Bool { get }
    /// Answers the caller: with its own result, or with `failure` (the batch's commit failed) if given.
    func complete(failure: (any Error)?)
    /// Wakes the caller to lead the next batch.
    func lead()
}

private final class WriteJob<T: Sendable>: PendingWrite {
    enum Outcome: Sendable {
        case done(Result<T, any Error>)
        case lead
    }

    private struct State {
        var result: Result<T, any Error>?
        var ran = false
        var answered = false
        var outcome: Outcome?
        var waiter: CheckedContinuation<Outcome, Never>?
    }

    private let body: @Sendable (any SQLDatabase) async throws -> T
    private let state = Mutex(State())

    init(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) {
        self.body = body
    }

    var isPastTheWriter: Bool { state.withLock { $0.ran || $0.answered } }

    func run(_ db: any SQLDatabase) async -> Bool {
        let result: Result<T, any Error>
        do {
            result = .success(try await body(db))
        } catch {
            result = .failure(error)
        }
        state.withLock {
            $0.result = result
            $0.ran = true
        }
        if case .success = result { return true }
        return false
    }

    func complete(failure: (any Error)?) {
        let waiter = state.withLock { s -> (CheckedContinuation<Outcome, Never>, Outcome)? in
            let answer: Result<T, any Error> = failure.map { .failure($0) } ?? s.result ?? .failure(CancellationError())
            let outcome = Outcome.done(answer)
            s.answered = true
            guard let waiter = s.waiter else {
                s.outcome = outcome
                return nil
            }
            s.waiter = nil
            return (waiter, outcome)
        }
        if let (continuation, outcome) = waiter { continuation.resume(returning: outcome) }
    }

    func lead() {
        let waiter = state.withLock { s -> CheckedContinuation<Outcome, Never>? in
            guard let waiter = s.waiter else {
                s.outcome = .lead
                return nil
            }
            s.waiter = nil
            return waiter
        }
        waiter?.resume(returning: .lead)
    }

    /// Waits until the job is answered or its caller is asked to lead.
    func outcome() async -> Outcome {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { s -> Outcome? in
                if let outcome = s.outcome {
                    s.outcome = nil
                    return outcome
                }
                s.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
