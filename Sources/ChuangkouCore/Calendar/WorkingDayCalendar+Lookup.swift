/// What the calendar says about one day, for the calendar API and pages.
extension WorkingDayCalendar {
    /// The holiday a day belongs to (春节), or nil for an ordinary day or a year with no published notice.
    public func holiday(on day: LocalDate) -> String? {
        arrangements[day.year]?.daysOff.first { $0.contains(day) }?.name
    }

    /// Whether the day is a make-up working day (调休) of a published notice.
    public func isMakeUpWorkday(_ day: LocalDate) -> Bool {
        arrangements[day.year]?.makeUpWorkdays.contains(day) ?? false
    }

    /// The published years, oldest first.
    public var publishedYears: [Int] { arrangements.keys.sorted() }
}
