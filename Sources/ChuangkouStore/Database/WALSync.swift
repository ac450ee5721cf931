#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import NIOPosix
import Synchronization

/// `FULL-BESIDE`: makes committed SQLite batches durable *outside* the writer's turn, and answers them only once they
/// are. Not the default: side by side it has not yet beaten SQLite's own FULL (BENCHMARKS.md, issue 16).
///
/// Why: with `synchronous=FULL` SQLite syncs the write-ahead log inside `COMMIT`, so the single writer sits idle for
/// the whole fsync and every queued transaction waits behind it (FULL ran at ≈ 0.7 of NORMAL, BENCHMARKS.md). Here the
/// writer commits with `NORMAL` (the frames are written to the log, not yet synced) and goes on with the next batch,
/// while this syncs the log file on a thread of its own. A batch is answered only after a sync that *began after its
/// commit returned*, so every acknowledged transaction is on disk, exactly as with FULL; syncs that overlap new commits
/// simply cover them too (one fsync for every batch committed while the previous one ran).
///
/// A failed sync fails every batch it covered, and from then on the writer refuses to start another (`failure`): after
/// a failed fsync the kernel may have dropped the pages, so nothing written since can be promised either (PostgreSQL
/// stops for the same reason). Restarting the server reopens the file.
final class WALSync: Sendable {
    /// Syncs the log; the default `fdatasync`s the `-wal` file. Tests put a gate or a failure here.
    typealias Syncer = @Sendable () throws -> Void

    private struct State {
        /// Commits registered so far, and how many of them the last finished sync covered.
        var committed: UInt64 = 0
        var synced: UInt64 = 0
        var waiting: [(upTo: UInt64, answer: @Sendable ((any Error)?) -> Void)] = []
        var syncing = false
        var failure: (any Error)?
    }

    private let state = Mutex(State())
    private let syncer: Syncer
    private let logger: Logger

    init(syncer: @escaping Syncer, logger: Logger) {
        self.syncer = syncer
        self.logger = logger
    }

    /// The sync that `FULL` would have done inside `COMMIT`: `fdatasync` on the database's `-wal` file (the same
    /// inode SQLite writes; Linux flushes an inode's pages whichever descriptor wrote them). The descriptor is opened
    /// at the first sync (the log exists once something committed) and kept open for the database's life, and the
    /// directory is synced once so the log's own name survives a power cut.
    static func walFile(databasePath path: String) -> Syncer {
        let descriptor = Mutex<Int32>(-1)
        return {
            try descriptor.withLock { fd in
                if fd < 0 {
                    let opened = open(path + "-wal", O_RDWR | O_CLOEXEC)
                    guard opened >= 0 else { throw WALSyncError(call: "open", code: errno) }
                    let directory = open((path as NSString).deletingLastPathComponent.isEmpty
                        ? "." : (path as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
                    if directory >= 0 {
                        _ = fsync(directory)
                        close(directory)
                    }
                    fd = opened
                }
                guard fdatasync(fd) == 0 else { throw WALSyncError(call: "fdatasync", code: errno) }
            }
        }
    }

    /// Set once a sync has failed: the writer refuses new batches.
    var failure: (any Error)? { state.withLock { $0.failure } }

    /// Called right after a batch's `COMMIT` returned: `answer` runs (on another thread) once a sync begun after this
    /// call has finished — with nil, or with the sync's error.
    func afterCommit(_ answer: @escaping @Sendable ((any Error)?) -> Void) {
        let (startSync, failed) = state.withLock { s -> (Bool, (any Error)?) in
            if let failure = s.failure { return (false, failure) }
            s.committed += 1
            s.waiting.append((s.committed, answer))
            if s.syncing { return (false, nil) }
            s.syncing = true
            return (true, nil)
        }
        if let failed {
            answer(failed)
            return
        }
        if startSync { syncLoop() }
    }

    /// Syncs until no commit is left unsynced, each round covering every commit registered before it began.
    private func syncLoop() {
        NIOThreadPool.singleton.submit { [self] _ in
            while true {
                let target = state.withLock { $0.committed }
                var error: (any Error)?
                do {
                    try syncer()
                } catch let failure {
                    error = failure
                    logger.critical("the write-ahead log could not be synced: writes stop until restart", metadata: ["error": "\(failure)"])
                }
                let (answers, again) = state.withLock { s -> ([@Sendable ((any Error)?) -> Void], Bool) in
                    if let error { s.failure = error }
                    s.synced = target
                    let covered = s.waiting.filter { $0.upTo <= target }.map(\.answer)
                    s.waiting.removeAll { $0.upTo <= target }
                    // After a failure the rest can never be promised either: answer them now with it.
                    let rest = s.failure == nil ? [] : s.waiting.map(\.answer)
                    if s.failure != nil { s.waiting.removeAll() }
                    let again = s.failure == nil && s.committed > target
                    if !again { s.syncing = false }
                    return (covered + rest, again)
                }
                for answer in answers { answer(error) }
                if !again { return }
            }
        }
    }
}

struct WALSyncError: Error, CustomStringConvertible {
    let call: String
    let code: Int32
    var description: String { "\(call) on the write-ahead log failed: \(String(cString: strerror(code)))" }
}
