import Foundation

/// One appointment slot (预约时段): a day and a time span in the hall's zone, e.g. 2026-02-14 09:00–09:30.
/// Written `2026-02-14T09:00` in the API and in forms.
public struct AppointmentSlot: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let day: LocalDate
    /// Minutes after midnight, hall time.
    public let start: Int
    public let minutes: Int

    public init(day: LocalDate, start: Int, minutes: Int) {
        self.day = day
        self.start = start
        self.minutes = minutes
    }

    /// Reads `YYYY-MM-DDTHH:MM`; the length comes from the policy, since a slot is named by its start.
    public init?(_ text: String, minutes: Int) {
        let parts = text.split(separator: "T")
        guard text.utf8.count == 16, parts.count == 2, let day = LocalDate(parts[0]) else { return nil }
        let clock = parts[1].split(separator: ":")
        guard clock.count == 2, clock.allSatisfy({ $0.count == 2 }), let hour = Int(clock[0]), let minute = Int(clock[1]),
            (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        self.init(day: day, start: hour * 60 + minute, minutes: minutes)
    }

    public var end: Int { start + minutes }

    /// `2026-02-14T09:00`.
    public var description: String { "\(day)T\(Self.clock(start))" }

    /// `09:00–09:30`, for pages.
    public var label: String { "\(Self.clock(start))–\(Self.clock(end))" }

    public func startsAt(in zone: TimeZone) -> Date { instant(start, zone) }
    public func endsAt(in zone: TimeZone) -> Date { instant(end, zone) }

    public static func < (a: AppointmentSlot, b: AppointmentSlot) -> Bool { (a.day, a.start) < (b.day, b.start) }

    static func clock(_ minutes: Int) -> String {
        let h = minutes / 60
        let m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    private func instant(_ minutes: Int, _ zone: TimeZone) -> Date {
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: minutes / 60, minute: minutes % 60)
        // Every field is in range, so the Gregorian calendar always finds an instant.
        return calendar.date(from: components)!
    }
}
