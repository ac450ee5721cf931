import Foundation

/// The moment an event happens in the hall: the hall (its zone and public face), the working-day calendar in force
/// and the instant. Core never reads the clock; callers make one of these with the time they read.
public struct Today: Sendable {
    public let hall: Hall
    public let calendar: WorkingDayCalendar
    public let now: Date

    public init(hall: Hall, calendar: WorkingDayCalendar, now: Date) {
        self.hall = hall
        self.calendar = calendar
        self.now = now
    }

    /// The service day in the hall's zone.
    public var date: LocalDate { hall.serviceDay(at: now) }
}
