import Foundation

/// Reading a clock at an instant rather than on a day: "due on D" means by the end of the office day on D, so after
/// closing time on the due date the clock is overdue, not merely in its last day.
extension DeadlineClock {
    public func status(
        at instant: Date,
        in zone: TimeZone,
        officeHours: OfficeHours,
        calendar: WorkingDayCalendar,
        warningWithin: Int = 1
    ) -> Status {
        let today = LocalDate(instant, in: zone)
        let status = status(on: today, calendar: calendar, warningWithin: warningWithin)
        func closed(_ due: LocalDate) -> Bool { instant >= officeHours.closing(on: due, in: zone) }
        let overdue = status.state == .warning && closed(status.promisedDue)
        let statutoryOverdue = status.statutoryOverdue || (!isStopped && !isPaused && closed(status.statutoryDue))
        guard overdue || statutoryOverdue != status.statutoryOverdue else { return status }
        return Status(
            state: overdue ? .overdue : status.state,
            workingDaysUsed: status.workingDaysUsed,
            workingDaysLeft: status.workingDaysLeft,
            promisedDue: status.promisedDue,
            statutoryDue: status.statutoryDue,
            statutoryOverdue: statutoryOverdue,
            finishedInTime: status.finishedInTime,
            provisional: status.provisional
        )
    }
}

/// What the deadline watch has told the owner and the duty leader about a clock: nothing, "due soon", or "overdue".
///
/// Kept with the clock so each change of state is announced once, however often (and by however many processes)
/// the watch runs.
public enum DeadlineAlert: String, Sendable, Codable, CaseIterable {
    case none
    case warning
    case overdue

    /// The alert a state calls for; nil for a paused or stopped clock, which keeps whatever was said before.
    public init?(_ state: DeadlineClock.State) {
        switch state {
        case .onTrack: self = .none
        case .warning: self = .warning
        case .overdue: self = .overdue
        case .paused, .stopped: return nil
        }
    }

    /// Whether going from `self` to `next` is news: entering warning or overdue is; back on track (after an
    /// extension or a pause) is only recorded, so a later warning is announced again.
    public func announces(_ next: DeadlineAlert) -> Bool {
        next != self && next != .none
    }
}
