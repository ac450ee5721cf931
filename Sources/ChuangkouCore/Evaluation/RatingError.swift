import Foundation

/// Why a rating was refused. One case per reason, so the server maps each to a status and a code.
public enum RatingError: Error, Equatable, Sendable {
    /// The ticket is not finished (or the case not decided): there is nothing to rate yet.
    case serviceNotEnded
    /// The late-rating window (RULES §6, 7 days by default) has closed.
    case tooLate(lastMoment: Date)
    case indicatorOutOfRange(RatingIndicator)
    case commentTooLong(max: Int)
    /// A rating pad rates only the services of its own window.
    case notThisWindow
    /// 一次一评 / 一事一评: this ticket or case has its rating already. Raised by the Store from the unique constraint.
    case alreadyRated
    /// A rating can be given through the fix's follow-up only once, and only after an outcome was recorded.
    case fixNotRateable
}
