/// The span the supervisor's desk shows: a day, the ISO week (Monday to Sunday) or the calendar month containing a day.
public struct DeskPeriod: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case day
        case week
        case month
    }

    public let kind: Kind
    public let from: LocalDate
    public let through: LocalDate

    public init(_ kind: Kind, containing day: LocalDate) throws(CalendarError) {
        self.kind = kind
        switch kind {
        case .day:
            from = day
            through = day
        case .week:
            from = try day.adding(days: 1 - day.isoWeekday)
            through = try from.adding(days: 6)
        case .month:
            from = LocalDate(year: day.year, month: day.month, day: 1)!
            through = LocalDate(year: day.year, month: day.month, day: LocalDate.daysIn(month: day.month, year: day.year))!
        }
    }

    public func contains(_ day: LocalDate) -> Bool { from <= day && day <= through }
}
