import Histogram
import Synchronization

/// The steps we time. `healthz` is the no-op ceiling measured in its own phase.
enum Step: Int, CaseIterable, Sendable {
    case issue, callNext, start, finish, healthz

    var label: String {
        switch self {
        case .issue: "issue"
        case .callNext: "call-next"
        case .start: "start"
        case .finish: "finish"
        case .healthz: "healthz"
        }
    }
}

/// Warm-up runs before `start`; only `[start, end)` is measured.
struct MeasureWindow: Sendable {
    let start: ContinuousClock.Instant
    let end: ContinuousClock.Instant

    func contains(_ instant: ContinuousClock.Instant) -> Bool { start <= instant && instant < end }
    var seconds: Double {
        let (s, atto) = start.duration(to: end).components
        return Double(s) + Double(atto) / 1e18
    }
}

/// Everything one phase measured.
struct Tally: Sendable {
    /// Latency in microseconds of successful responses whose request *started* inside the window.
    var latency: [Histogram<UInt64>] = Step.allCases.map { _ in
        Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
    }
    /// Successful responses that *completed* inside the window (requests per second).
    var completed = 0
    /// Finishes answered 200 inside the window (lifecycles per second).
    var lifecycles = 0
    /// call-next answered 204: nothing waiting for that window.
    var emptyCalls = 0
    /// call-next answered 409 (window still serving) and was retried.
    var conflicts = 0
    /// Unexpected statuses and transport errors, keyed "step status" — over the whole phase, warm-up and
    /// drain included, so that no failure is hidden by the measurement window.
    var errors: [String: Int] = [:]
    var seconds = 0.0

    func histogram(_ step: Step) -> Histogram<UInt64> { latency[step.rawValue] }
}

/// Shared by all clients of a phase. One mutex rather than per-client tallies because a 3-digit histogram
/// up to 60 s is ~140 KB; per-client copies would cost hundreds of MB at high client counts, and the
/// critical sections are a few hundred nanoseconds.
final class Recorder: Sendable {
    let window: MeasureWindow
    private let tally = Mutex(Tally())

    init(window: MeasureWindow) { self.window = window }

    func success(_ step: Step, _ reply: Reply) {
        let timed = window.contains(reply.started)
        let counted = window.contains(reply.ended)
        guard timed || counted else { return }
        let micros = reply.micros
        tally.withLock { tally in
            if timed { tally.latency[step.rawValue].record(min(micros, 60_000_000)) }
            if counted { tally.completed += 1 }
        }
    }

    func lifecycleDone(_ finish: Reply) {
        guard window.contains(finish.ended) else { return }
        tally.withLock { $0.lifecycles += 1 }
    }

    func emptyCall(_ reply: Reply) {
        guard window.contains(reply.started) else { return }
        tally.withLock { $0.emptyCalls += 1 }
    }

    func conflict(_ reply: Reply) {
        guard window.contains(reply.started) else { return }
        tally.withLock { $0.conflicts += 1 }
    }

    func failure(_ step: Step, status: UInt) {
        failure(step, "\(status)")
    }

    func failure(_ step: Step, error: any Error) {
        failure(step, "transport: \(String(String(describing: error).prefix(80)))")
    }

    func failure(_ step: Step, _ what: String) {
        let key = "\(step.label) \(what)"
        tally.withLock { $0.errors[key, default: 0] += 1 }
    }

    var snapshot: Tally {
        var result = tally.withLock { $0 }
        result.seconds = window.seconds
        return result
    }
}

enum Phase {
    /// Runs `clients` concurrent loops until the window ends (each loop checks `recorder.window.end`);
    /// returns once every loop has drained its in-flight work.
    static func run(
        clients: Int,
        warmup: Duration,
        measure: Duration,
        _ client: @escaping @Sendable (Int, Recorder) async -> Void
    ) async -> Tally {
        let now = ContinuousClock.now
        let recorder = Recorder(window: MeasureWindow(start: now + warmup, end: now + warmup + measure))
        await withDiscardingTaskGroup { group in
            for k in 0..<clients {
                group.addTask { await client(k, recorder) }
            }
        }
        return recorder.snapshot
    }
}
