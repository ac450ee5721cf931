import ChuangkouCore
import ChuangkouStore
import Foundation
import Logging
import ServiceLifecycle

/// Keeps the desk's recent months warm: at start and after each of the hall's midnights, rolls the closed days of the
/// last `days` that are not rolled yet (`DeskRepository.rollRecent`, one short write per day), so the supervisor's first
/// read of the month writes nothing. Older days still roll on their first read. Every process may run one: a day
/// rolled by another is found marked and left.
struct DeskRollupService: DailyLookService {
    let desk: DeskRepository
    let hall: Hall
    /// `chuangkou.supervision.rollup-days`; 0 turns it off in this process.
    let days: Int
    let checkEvery: Duration
    let logger: Logger
    let now: @Sendable () -> Date

    var isOn: Bool { days > 0 }

    /// One look: rolls what is due unless this process already did on the hall's day; returns the day now settled.
    func look(settled: LocalDate?) async -> LocalDate? {
        let at = now()
        let today = hall.serviceDay(at: at)
        guard settled != today else { return settled }
        do {
            let rolled = try await desk.rollRecent(days: days, hall: hall, at: at)
            if rolled > 0 { logger.info("desk days rolled", metadata: ["days": "\(rolled)", "today": "\(today)"]) }
            return today
        } catch {
            logger.error("desk rollup failed", metadata: ["today": "\(today)", "error": "\(error)"])
            return settled
        }
    }
}
