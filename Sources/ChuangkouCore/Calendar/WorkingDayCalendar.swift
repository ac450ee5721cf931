/// Chinese working days (工作日): Monday–Friday unless an official day off, plus make-up working days on weekends.
///
/// 行政许可法 第八十二条: time limits in working days exclude statutory holidays; counting starts the day after the
/// triggering event. For a year with no published arrangement the calendar does not guess silently: results that
/// depend on such a year are marked `provisional` (weekdays only).
public struct WorkingDayCalendar: Sendable, Equatable {
    public private(set) var arrangements: [Int: HolidayArrangement]

    public init(_ arrangements: [HolidayArrangement]) throws(CalendarError) {
        var byYear: [Int: HolidayArrangement] = [:]
        for arrangement in arrangements {
            try arrangement.validate()
            guard byYear[arrangement.year] == nil else { throw .duplicateYear(arrangement.year) }
            byYear[arrangement.year] = arrangement
        }
        self.arrangements = byYear
    }

    /// A result and whether it rests on a year with no published arrangement.
    public struct Reckoning<Value: Sendable & Equatable>: Sendable, Equatable {
        public let value: Value
        public let provisional: Bool

        public init(value: Value, provisional: Bool) {
            self.value = value
            self.provisional = provisional
        }
    }

    public func isPublished(_ year: Int) -> Bool { arrangements[year] != nil }

    public func isWorkingDay(_ day: LocalDate) -> Reckoning<Bool> {
        guard let arrangement = arrangements[day.year] else { return Reckoning(value: !day.isWeekend, provisional: true) }
        if arrangement.makeUpWorkdays.contains(day) { return Reckoning(value: true, provisional: false) }
        if arrangement.daysOff.contains(where: { $0.contains(day) }) { return Reckoning(value: false, provisional: false) }
        return Reckoning(value: !day.isWeekend, provisional: false)
    }

    /// The `count`-th working day after `day` (the day itself never counts). Zero gives `day`.
    public func adding(workingDays count: Int, to day: LocalDate) throws(CalendarError) -> Reckoning<LocalDate> {
        guard count >= 0 else { throw .negativeCount(count) }
        var current = day
        var left = count
        var provisional = false
        while left > 0 {
            current = try current.adding(days: 1)
            let answer = isWorkingDay(current)
            provisional = provisional || answer.provisional
            if answer.value { left -= 1 }
        }
        return Reckoning(value: current, provisional: provisional)
    }

    /// Working days after `start` up to and including `end` (0 when `end` is not after `start`).
    public func workingDays(after start: LocalDate, through end: LocalDate) -> Reckoning<Int> {
        var count = 0
        var provisional = false
        var current = start
        while current < end {
            // Never past `end`, so never out of range.
            guard let next = try? current.adding(days: 1) else { break }
            current = next
            let answer = isWorkingDay(current)
            provisional = provisional || answer.provisional
            if answer.value { count += 1 }
        }
        return Reckoning(value: count, provisional: provisional)
    }

    /// The first working day after `day`; throws only past 9999-12-31.
    public func nextWorkingDay(after day: LocalDate) throws(CalendarError) -> Reckoning<LocalDate> {
        try adding(workingDays: 1, to: day)
    }
}
