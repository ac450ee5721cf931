import Foundation

/// The service hall itself: what every ticket, page and printed slip says about where you are and whom to call.
public struct Hall: Sendable, Equatable {
    public var name: String
    public var address: String
    /// The local supervision number shown beside 12389 (四公开).
    public var supervisionPhone: String
    public var timeZone: TimeZone

    /// The national police-misconduct line; always shown with the local number.
    public static let nationalSupervisionPhone = "12389"

    public init(name: String, address: String, supervisionPhone: String, timeZone: TimeZone) {
        self.name = name
        self.address = address
        self.supervisionPhone = supervisionPhone
        self.timeZone = timeZone
    }

    /// The service day an instant belongs to: ticket numbers restart when it changes.
    public func serviceDay(at instant: Date) -> LocalDate {
        LocalDate(instant, in: timeZone)
    }
}
