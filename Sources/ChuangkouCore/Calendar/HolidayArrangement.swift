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
    /// overlapping, no make-up working day that is also a day off.
    public func validate() throws(CalendarError) {
        for off in daysOff {
            guard off.from <= off.to else { throw .reversedRange(name: off.name) }
            guard off.from.year == year, off.to.year == year else { throw .outsideYear(year: year, day: off.from.year == year ? off.to : off.from) }
        }
        let sorted = daysOff.sorted { $0.from < $1.from }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.from <= a.to {
            throw .overlapping(a.name, b.name)
        }
        for day in makeUpWorkdays {
            guard day.year == year else { throw .outsideYear(year: year, day: day) }
            if let off = daysOff.first(where: { $0.contains(day) }) { throw .makeUpDayIsDayOff(day, name: off.name) }
        }
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
}
