import Foundation

/// When the hall's office day ends. A deadline falls on a day, and "due on D" means "by the end of the office day on
/// D" in the hall's time zone, so the server needs the closing time to turn a due date into an instant.
///
/// A value, not a constant: halls keep different hours (some close at 17:00, some at 18:00 in summer).
public struct OfficeHours: Sendable, Hashable {
    public let closingHour: Int
    public let closingMinute: Int

    /// The usual government office day, closing at 17:30.
    public init() {
        closingHour = 17
        closingMinute = 30
    }

    /// Returns nil unless the closing time is a real time of day (hour 0..<24, minute 0..<60).
    public init?(closingHour: Int, closingMinute: Int = 0) {
        guard (0..<24).contains(closingHour), (0..<60).contains(closingMinute) else { return nil }
        self.closingHour = closingHour
        self.closingMinute = closingMinute
    }

    /// The instant the office day on `day` ends in `zone` (Asia/Shanghai for a Chinese hall).
    public func closing(on day: LocalDate, in zone: TimeZone) -> Date {
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: closingHour, minute: closingMinute)
        // Every field is in range, so the Gregorian calendar always finds an instant (a time skipped by a DST change is
        // moved forward, which is what a closing time should do).
        return calendar.date(from: components)!
    }
}
