/// One year's official arrangement of days off and make-up working days (调休), as the State Council publishes it.
public struct HolidayArrangement: Sendable, Equatable {
    /// A named stretch of days off (春节 2026-02-15 … 2026-02-23), both ends included.
    public struct DaysOff: Sendable, Equatable {
        public var name: String
        public var from: LocalDate
        public var to: LocalDate

        public init(name: String, from: LocalDate, to: LocalDate) {
            self.name = name
            self.from = from
            self.to = to
        }

        public func contains(_ day: LocalDate) -> Bool { from <= day && day <= to }
    }

    public var year: Int
    public var daysOff: [DaysOff]
    /// Weekend days that are working days this year.
    public var makeUpWorkdays: [LocalDate]

    public init(year: Int, daysOff: [DaysOff], makeUpWorkdays: [LocalDate]) {
        self.year = year
        self.daysOff = daysOff
        self.makeUpWorkdays = makeUpWorkdays
    }

    /// Checks the notice makes sense before it is used: every date in its year, ranges the right way round and not
    /// overlapping, no make-up working day that is also a day off. Throws the first of `problems()`.
    public func validate() throws(CalendarError) {
        if let first = problems().first { throw first }
    }

    /// Every reason to refuse this notice, in the order an admin would fix them (empty when it is sound). Listing them
    /// all at once, rather than the first, spares an admin one round trip per mistake.
    public func problems() -> [CalendarError] {
        var found: [CalendarError] = []
        for off in daysOff {
            if off.from > off.to { found.append(.reversedRange(name: off.name)) }
            for day in [off.from, off.to] where day.year != year && !found.contains(.outsideYear(year: year, day: day)) {
                found.append(.outsideYear(year: year, day: day))
            }
        }
        let sorted = daysOff.sorted { $0.from < $1.from }
        for (index, a) in sorted.enumerated() {
            for b in sorted.dropFirst(index + 1) where b.from <= a.to && a.from <= a.to {
                found.append(.overlapping(a.name, b.name))
            }
        }
        for day in makeUpWorkdays {
            if day.year != year { found.append(.outsideYear(year: year, day: day)) }
            if let off = daysOff.first(where: { $0.contains(day) }) { found.append(.makeUpDayIsDayOff(day, name: off.name)) }
        }
        return found
    }
}

/// Why a holiday notice was refused.
public enum CalendarError: Error, Equatable, Sendable {
    case reversedRange(name: String)
    case outsideYear(year: Int, day: LocalDate)
    case overlapping(String, String)
    case makeUpDayIsDayOff(LocalDate, name: String)
    case duplicateYear(Int)
    case negativeCount(Int)
    /// A notice's text that is not a `YYYY-MM-DD` date.
    case notADate(String)
    /// A stretch of days off without a name (the notice names each holiday).
    case unnamedDaysOff(from: String)
    /// A computation that would leave the years a date can hold (1–9999).
    case outOfRange(from: LocalDate, days: Int)
}
