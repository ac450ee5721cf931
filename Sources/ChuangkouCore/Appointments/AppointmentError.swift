import Foundation

/// Why an appointment cannot be booked, changed, cancelled or checked in now.
public enum AppointmentError: Error, Equatable, Sendable {
    /// Not one of that day's slots (a day off, outside the hours, the lunch break, or a malformed time).
    case noSuchSlot
    case beyondHorizon(days: Int)
    /// The slot starts within the cut-off: booking has closed.
    case bookingClosed
    case full
    case pastCutoff
    case sameSlot
    case tooManyChanges(Int)
    case notBooked(Appointment.Status)
    case tooEarly(opens: Date)
    /// The slot's day has passed: the code no longer checks in.
    case expired
    case notOverYet
    /// Repeated no-shows block booking until then (the rule is shown).
    case blocked(until: Date)
    case unknownBusiness(String)
    /// The business asks for the applicant's 居民身份证号码 and none (or an invalid one) was given.
    case idNumberRequired
    case badName
    case badPhone
    /// No code was sent to this phone, it expired, or it was already used.
    case phoneCodeMissing
    case phoneCodeWrong
    /// Too many wrong codes: ask for a new one.
    case phoneCodeExhausted
    /// Codes are sent at most once a minute and a few times an hour per phone.
    case phoneCodeTooSoon
}
