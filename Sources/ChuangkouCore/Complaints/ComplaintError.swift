/// Why a complaint refused an event.
public enum ComplaintError: Error, Equatable, Sendable {
    case emptyText
    case textTooLong(max: Int)
    /// An officer the complaint concerns never records, sees, handles or decides it (RULES §8).
    case concernedOfficer
    /// Staff channels name who took the complaint; the public form names nobody.
    case recorderMismatch
    /// A complaint transferred from 12389 carries its work-order number (letters, digits, dashes, at most 32).
    case transferNumberRequired
    case alreadyAcknowledged
    case notInvestigating
    case notAnswered
    case notHandler
    case sameHandler
    case closed
    /// The answer limit is extended once.
    case alreadyExtended
    case extensionOutOfRange(max: Int)
    /// A review (复查) has its own limit; the first answer's extension is spent.
    case extensionAfterReopening
    /// A finding is about an officer the complaint concerns.
    case findingAgainstUnconcerned
    /// A finding about a window, business or the hall names the officer concerned.
    case findingNeedsOfficer
    /// Nobody to rate or reopen an anonymous complaint.
    case anonymous
    case alreadyRated
    case reopenedAlready
    /// Only an answer the complainant was not satisfied with is reopened.
    case reopenNeedsDissatisfaction
}
