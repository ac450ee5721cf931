import ChuangkouCore
import ChuangkouStore
import Logging
import ServiceLifecycle
import Synchronization

/// The calendar in force, kept in memory: every deadline computation reads it, so it must not cost a query.
///
/// Refreshed at once after a publication through this process, and every `interval` for those made through another
/// process sharing the database (or on the command line).
final class CalendarCache: Service, Sendable {
    private let current: Mutex<WorkingDayCalendar>
    private let repository: CalendarRepository?
    private let interval: Duration
    private let logger: Logger

    init(
        _ calendar: WorkingDayCalendar,
        repository: CalendarRepository?,
        interval: Duration = .seconds(60),
        logger: Logger = Logger(label: "chuangkou.calendar")
    ) {
        current = Mutex(calendar)
        self.repository = repository
        self.interval = interval
        self.logger = logger
    }

    /// An empty calendar (every date provisional), for wiring that never computes a deadline.
    convenience init() {
        // No arrangements, nothing to refuse.
        self.init(try! WorkingDayCalendar([]), repository: nil)
    }

    var calendar: WorkingDayCalendar { current.withLock { $0 } }

    /// Rereads the calendar in force from the database.
    func refresh() async throws {
        guard let repository else { return }
        let fresh = try await repository.current()
        current.withLock { $0 = fresh }
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: self.interval)
                do {
                    try await self.refresh()
                } catch {
                    self.logger.warning("could not reread the calendar", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
        }
    }
}
