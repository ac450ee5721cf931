import Foundation

/// The service hall itself: what every ticket, page and printed slip says about where you are and whom to call.
public struct Hall: Sendable, Equatable {
    public var name: String
    public var address: String
    /// The local supervision number shown beside 12389 (四公开).
    public var supervisionPhone: String
    public var timeZone: TimeZone
    /// The hall's opening hours as shown to the public (四公开), e.g. 周一至周五 9:00—17:30.
    public var officeHours: String

    /// The national police-misconduct line; always shown with the local number.
    public static let nationalSupervisionPhone = "12389"

    public init(name: String, address: String, supervisionPhone: String, timeZone: TimeZone, officeHours: String = "") {
        self.name = name
        self.address = address
        self.supervisionPhone = supervisionPhone
        self.timeZone = timeZone
        self.officeHours = officeHours
    }

    /// The service day an instant belongs to: ticket numbers restart when it changes.
    public func serviceDay(at instant: Date) -> LocalDate {
        LocalDate(instant, in: timeZone)
    }

    /// The first instant of a service day in the hall's zone (midnight, or the first time after a skipped one).
    public func start(of day: LocalDate) -> Date {
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
    }
}
