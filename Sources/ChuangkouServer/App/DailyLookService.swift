import ChuangkouCore
import ServiceLifecycle

/// A background service that looks every `checkEvery` and does its work once per hall day (the appointments' day
/// run, the desk's rollups): `look` answers the day it has settled, and the loop hands it back on the next look.
protocol DailyLookService: Service {
    /// Off in this process when false (a setting of 0).
    var isOn: Bool { get }
    var checkEvery: Duration { get }
    func look(settled: LocalDate?) async -> LocalDate?
}

extension DailyLookService {
    func run() async throws {
        // A service that returns would stop the whole application: turned off, it waits for shutdown.
        guard isOn, checkEvery > .zero else { return try await gracefulShutdown() }
        await cancelWhenGracefulShutdown {
            var settled: LocalDate?
            while !Task.isCancelled {
                settled = await look(settled: settled)
                try? await Task.sleep(for: checkEvery)
            }
        }
    }
}
