/// Reading the clock on a given day against a working-day calendar.
///
/// A stopped clock is read on its stop day whatever `today` is: its numbers are final. Results that rest on a year
/// with no published holiday notice are marked provisional.
extension DeadlineClock {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// More than `warningWithin` working days left.
        case onTrack
        /// On or before the promised due date with at most `warningWithin` working days left (the due day itself
        /// has 0 left).
        case warning
        /// Past the promised due date.
        case overdue
        /// A pause is open: nothing is being counted.
        case paused
        /// The case was decided; see `Status.finishedInTime`.
        case stopped

        public var label: String {
            switch self {
            case .onTrack: "正常"
            case .warning: "临期预警"
            case .overdue: "已超期"
            case .paused: "暂停计时"
            case .stopped: "已办结"
            }
        }

        public var labelEnglish: String {
            switch self {
            case .onTrack: "On track"
            case .warning: "Due soon"
            case .overdue: "Overdue"
            case .paused: "Paused"
            case .stopped: "Stopped"
            }
        }
    }

    /// Everything a board or a status page shows about a clock, computed in one pass.
    public struct Status: Sendable, Equatable, Codable {
        public let state: State
        public let workingDaysUsed: Int
        /// Against the promised due date; negative once overdue.
        public let workingDaysLeft: Int
        public let promisedDue: LocalDate
        public let statutoryDue: LocalDate
        public let statutoryOverdue: Bool
        /// Only for a stopped clock: whether it stopped on or before both due dates.
        public let finishedInTime: Bool?
        /// Some figure rests on a year with no published holiday notice (weekdays only).
        public let provisional: Bool
    }

    /// Promised limit plus any extension: the working days the case may use.
    public var promisedTotal: Int { promisedLimit + extensionDays }
    public var statutoryTotal: Int { statutoryLimit + extensionDays }

    public func status(on today: LocalDate, calendar: WorkingDayCalendar, warningWithin: Int = 1) -> Status {
        let day = readingDay(today)
        let paused = pausedWorkingDays(asOf: day, calendar: calendar)
        let used = workingDaysUsed(asOf: day, paused: paused, calendar: calendar)
        let promised = due(after: promisedTotal, paused: paused, calendar: calendar)
        let statutory = due(after: statutoryTotal, paused: paused, calendar: calendar)
        let left = promisedTotal - used.value

        let state: State =
            if isStopped { .stopped } else if isPaused(on: day) { .paused } else if day > promised.value { .overdue } else if left <= warningWithin {
                .warning
            } else { .onTrack }
        return Status(
            state: state,
            workingDaysUsed: used.value,
            workingDaysLeft: left,
            promisedDue: promised.value,
            statutoryDue: statutory.value,
            statutoryOverdue: day > statutory.value,
            finishedInTime: stoppedOn.map { $0 <= promised.value && $0 <= statutory.value },
            provisional: used.provisional || promised.provisional || statutory.provisional
        )
    }

    public func state(on today: LocalDate, calendar: WorkingDayCalendar, warningWithin: Int = 1) -> State {
        status(on: today, calendar: calendar, warningWithin: warningWithin).state
    }

    public func promisedDue(on today: LocalDate, calendar: WorkingDayCalendar) -> WorkingDayCalendar.Reckoning<LocalDate> {
        due(after: promisedTotal, paused: pausedWorkingDays(asOf: readingDay(today), calendar: calendar), calendar: calendar)
    }

    public func statutoryDue(on today: LocalDate, calendar: WorkingDayCalendar) -> WorkingDayCalendar.Reckoning<LocalDate> {
        due(after: statutoryTotal, paused: pausedWorkingDays(asOf: readingDay(today), calendar: calendar), calendar: calendar)
    }

    public func statutoryOverdue(on today: LocalDate, calendar: WorkingDayCalendar) -> Bool {
        readingDay(today) > statutoryDue(on: today, calendar: calendar).value
    }

    /// Working days counted so far: those after acceptance through `today`, less the paused ones.
    public func workingDaysUsed(on today: LocalDate, calendar: WorkingDayCalendar) -> WorkingDayCalendar.Reckoning<Int> {
        let day = readingDay(today)
        return workingDaysUsed(asOf: day, paused: pausedWorkingDays(asOf: day, calendar: calendar), calendar: calendar)
    }

    /// Working days until the promised due date; negative once overdue.
    public func workingDaysLeft(on today: LocalDate, calendar: WorkingDayCalendar) -> WorkingDayCalendar.Reckoning<Int> {
        let used = workingDaysUsed(on: today, calendar: calendar)
        return WorkingDayCalendar.Reckoning(value: promisedTotal - used.value, provisional: used.provisional)
    }

    /// Working days not counted as of `day`: for each pause, those after `pausedOn` through its resumption, or
    /// through `day` while it is open. Cut at `day`, so reading a past day sees only what had happened by then.
    public func pausedWorkingDays(asOf day: LocalDate, calendar: WorkingDayCalendar) -> WorkingDayCalendar.Reckoning<Int> {
        var total = 0
        var provisional = false
        for pause in pauses {
            let excluded = calendar.workingDays(after: pause.pausedOn, through: min(pause.resumedOn ?? day, day))
            total += excluded.value
            provisional = provisional || excluded.provisional
        }
        return WorkingDayCalendar.Reckoning(value: total, provisional: provisional)
    }

    private func readingDay(_ today: LocalDate) -> LocalDate { stoppedOn ?? today }

    private func isPaused(on day: LocalDate) -> Bool {
        guard let last = pauses.last, last.isOpen else { return false }
        return last.pausedOn <= day
    }

    private func workingDaysUsed(
        asOf day: LocalDate,
        paused: WorkingDayCalendar.Reckoning<Int>,
        calendar: WorkingDayCalendar
    ) -> WorkingDayCalendar.Reckoning<Int> {
        let elapsed = calendar.workingDays(after: acceptedOn, through: day)
        return WorkingDayCalendar.Reckoning(value: elapsed.value - paused.value, provisional: elapsed.provisional || paused.provisional)
    }

    private func due(
        after limit: Int,
        paused: WorkingDayCalendar.Reckoning<Int>,
        calendar: WorkingDayCalendar
    ) -> WorkingDayCalendar.Reckoning<LocalDate> {
        // The limits are bounded on every way in (init, extend, decoding); a due date that would still fall past
        // 9999-12-31 reads as that day, provisional, rather than stopping whoever reads the clock.
        guard let due = try? calendar.adding(workingDays: limit + paused.value, to: acceptedOn) else {
            return WorkingDayCalendar.Reckoning(value: LocalDate.latest, provisional: true)
        }
        return WorkingDayCalendar.Reckoning(value: due.value, provisional: due.provisional || paused.provisional)
    }
}
