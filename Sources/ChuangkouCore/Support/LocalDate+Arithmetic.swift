/// Day arithmetic on the proleptic Gregorian calendar, without Foundation's Calendar (and so without a time zone).
extension LocalDate {
    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The first and last days a `LocalDate` can hold (years 1–9999).
    public static let earliest = LocalDate(year: 1, month: 1, day: 1)!
    public static let latest = LocalDate(year: 9999, month: 12, day: 31)!

    /// The day `daysSinceEpoch` days after 1970-01-01; nil outside years 1–9999 (never a trap: a stored or typed
    /// number can be anything).
    public init?(daysSinceEpoch days: Int) {
        guard (Self.earliest.daysSinceEpoch...Self.latest.daysSinceEpoch).contains(days) else { return nil }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// The day `days` later (earlier when negative). Throws instead of trapping past 9999-12-31 or before year 1.
    public func adding(days: Int) throws(CalendarError) -> LocalDate {
        let (sum, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        guard !overflow, let day = LocalDate(daysSinceEpoch: sum) else { throw .outOfRange(from: self, days: days) }
        return day
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let w = (daysSinceEpoch % 7 + 7) % 7
        return (w + 3) % 7 + 1
    }

    public var isWeekend: Bool { isoWeekday >= 6 }
}
