import Logging
import Synchronization
import Testing

@testable import ChuangkouStore

/// A burst of wake-ups costs one run, or two; a wake-up after the work went idle is never lost.
@Suite("Coalescing worker")
struct CoalescingWorkerTests {
    /// Counts runs; each run waits until the test lets it finish.
    final class Runs: Sendable {
        private let state = Mutex<(count: Int, waiting: [CheckedContinuation<Void, Never>])>((0, []))

        var count: Int { state.withLock { $0.count } }
        var blocked: Int { state.withLock { $0.waiting.count } }

        func run() async {
            await withCheckedContinuation { continuation in
                state.withLock { s in
                    s.count += 1
                    s.waiting.append(continuation)
                }
            }
        }

        func releaseAll() {
            let waiting = state.withLock { s in
                defer { s.waiting = [] }
                return s.waiting
            }
            for continuation in waiting { continuation.resume() }
        }
    }

    private func until(_ condition: () -> Bool) async {
        while !condition() { await Task.yield() }
    }

    @Test("wake-ups during a run are served by one more run, after the pause", arguments: [Duration.zero, .milliseconds(5)])
    func burst(pause: Duration) async {
        let runs = Runs()
        let worker = CoalescingWorker("test", pause: pause, logger: Logger(label: "test")) { await runs.run() }
        worker.wake()
        await until { runs.blocked == 1 }
        for _ in 0..<100 { worker.wake() }
        runs.releaseAll()
        await until { runs.count == 2 && runs.blocked == 1 }
        runs.releaseAll()
        await worker.drain()
        #expect(runs.count == 2)

        // Idle again: the next wake-up runs at once.
        worker.wake()
        await until { runs.blocked == 1 }
        runs.releaseAll()
        await worker.drain()
        #expect(runs.count == 3)
    }
}
