import Logging
import Synchronization

/// Runs `work` in the background when woken, one run at a time; wake-ups that come while it runs are served by one
/// more run, so a burst of commits costs a run or two, not one each. Used for what must follow commits but need not
/// be inside them (PostgreSQL: linking audit entries, telling other processes of new hall events).
///
/// A wake-up that finds it idle runs at once; one that came during a run is served `pause` after that run ends, so
/// under load the work runs at most once per `pause` however many commits wake it (each audit link is a transaction
/// and an fsync of its own: one per commit doubled PostgreSQL's fsyncs, BENCHMARKS.md).
final class CoalescingWorker: Sendable {
    private struct State {
        var running: Task<Void, Never>?
        var again = false
    }

    private let state = Mutex(State())
    private let what: String
    private let logger: Logger
    private let pause: Duration
    private let work: @Sendable () async throws -> Void

    init(_ what: String, pause: Duration = .zero, logger: Logger, work: @escaping @Sendable () async throws -> Void) {
        self.what = what
        self.pause = pause
        self.logger = logger
        self.work = work
    }

    func wake() {
        state.withLock { s in
            if s.running != nil {
                s.again = true
                return
            }
            s.running = Task { await self.runUntilDone() }
        }
    }

    /// Waits for a run in progress, so `close` does not shut the pool under it.
    func drain() async {
        await state.withLock { $0.running }?.value
    }

    private func runUntilDone() async {
        while true {
            do {
                try await work()
            } catch {
                // Nothing is lost: what it would have done is done by the next run (or a reader, or a poll).
                logger.warning("\(what) failed; the next run does it", metadata: ["error": "\(String(reflecting: error))"])
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
            if pause > .zero { try? await Task.sleep(for: pause) }
        }
    }
}
