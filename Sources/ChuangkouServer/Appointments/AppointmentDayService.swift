import ChuangkouCore
import ChuangkouStore
import Foundation
import Logging
import ServiceLifecycle

/// Starts the appointments' day run (`AppointmentRepository.runDay`: no-shows, tomorrow's reminders) once the hall's
/// clock passes `startsAt` each day. Every process runs one; the run's claim row lets one of them do the day's work,
/// the others find it done. A failed run is tried again at the next look.
struct AppointmentDayService: DailyLookService {
    let appointments: AppointmentRepository
    let hall: Hall
    /// Minutes after midnight in the hall's zone.
    let startsAt: Int
    let checkEvery: Duration
    let worker: String
    let logger: Logger
    let now: @Sendable () -> Date

    var isOn: Bool { true }

    /// One look: runs the day when it is due and not settled in this process; returns the day now settled.
    func look(settled: LocalDate?) async -> LocalDate? {
        let at = now()
        let today = hall.serviceDay(at: at)
        guard settled != today, Self.minutes(of: at, in: hall.timeZone) >= startsAt else { return settled }
        do {
            if let run = try await appointments.runDay(hall: hall, by: worker, at: at) {
                logger.info("appointments day run", metadata: ["day": "\(today)", "missed": "\(run.missed)", "reminded": "\(run.reminded)"])
            }
            return today
        } catch {
            logger.error("appointments day run failed", metadata: ["day": "\(today)", "error": "\(error)"])
            return settled
        }
    }

    static func minutes(of instant: Date, in zone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }
}
