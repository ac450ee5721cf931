import Foundation

/// 上午 or 下午: the roster is kept per day and half-day.
public enum HalfDay: String, Sendable, Codable, CaseIterable, Comparable {
    case morning
    case afternoon

    public var label: String { self == .morning ? "上午" : "下午" }
    public var labelEnglish: String { self == .morning ? "Morning" : "Afternoon" }

    public static func < (a: HalfDay, b: HalfDay) -> Bool { a == .morning && b == .afternoon }
}

/// One half-day of the roster (2026-12-02 上午).
public struct DutySlot: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let day: LocalDate
    public let half: HalfDay

    public init(_ day: LocalDate, _ half: HalfDay) {
        self.day = day
        self.half = half
    }

    /// `2026-12-02/morning`, as in the roster's URLs and audit rows.
    public var description: String { "\(day)/\(half.rawValue)" }

    /// 2026年12月2日上午
    public var label: String { "\(day.year)年\(day.month)月\(day.day)日\(half.label)" }

    public static func < (a: DutySlot, b: DutySlot) -> Bool { (a.day, a.half) < (b.day, b.half) }
}

/// When the two halves of a duty day begin in the hall's zone: the morning duty runs from midnight to the afternoon's
/// start, the afternoon duty from then to midnight, so at every instant exactly one slot is current and a question
/// asked at 23:59 and one at 00:01 go to different days' leaders.
public struct DutyHours: Sendable, Hashable {
    /// Minutes after midnight at which the afternoon duty takes over.
    public let afternoonStarts: Int

    /// Noon.
    public init() { afternoonStarts = 12 * 60 }

    /// Nil unless the afternoon starts strictly inside the day (00:01–23:59).
    public init?(afternoonStartsHour hour: Int, minute: Int = 0) {
        guard (0..<24).contains(hour), (0..<60).contains(minute), hour * 60 + minute > 0 else { return nil }
        afternoonStarts = hour * 60 + minute
    }

    /// Parses `HH:MM`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(afternoonStartsHour: h, minute: m)
    }

    /// The slot an instant falls in, in the hall's zone.
    public func slot(at instant: Date, in zone: TimeZone) -> DutySlot {
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.hour, .minute], from: instant)
        let minutes = (c.hour ?? 0) * 60 + (c.minute ?? 0)
        return DutySlot(LocalDate(instant, in: zone), minutes < afternoonStarts ? .morning : .afternoon)
    }

    /// The instants a slot covers, start included, end excluded; stored with each shift so the question "who is on
    /// duty now" needs neither the zone nor this setting, and a later change of the setting leaves past shifts alone.
    public func interval(of slot: DutySlot, in zone: TimeZone) -> (start: Date, end: Date) {
        let midnight = Self.instant(slot.day, minutes: 0, in: zone)
        let split = Self.instant(slot.day, minutes: afternoonStarts, in: zone)
        switch slot.half {
        case .morning: return (midnight, split)
        case .afternoon:
            var calendar = Foundation.Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            return (split, calendar.date(byAdding: .day, value: 1, to: midnight)!)
        }
    }

    static func instant(_ day: LocalDate, minutes: Int, in zone: TimeZone) -> Date {
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        // Every field is in range; a time skipped by a DST change moves forward.
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: minutes / 60, minute: minutes % 60))!
    }
}
