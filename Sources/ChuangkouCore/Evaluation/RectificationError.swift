/// Why a rectification item refused an event.
public enum RectificationError: Error, Equatable, Sendable {
    /// Only 差评 (1 or 2) open an item.
    case notABadRating
    /// "谁办理、谁负责" never means the rated officer handles their own bad review.
    case handlerIsRatedOfficer
    /// The rated officer takes no part in the item at all.
    case ratedOfficerCannotAct
    case notHandler
    case sameHandler
    case closed
    case appealPending
    case noAppealPending
    case appealAlreadyFiled
    /// The appeal is decided by a third person: neither the handler nor the rated officer.
    case appealDecidedByHandler
    /// The rater left a contact and has not been called back (or not tried often enough).
    case returnVisitOwed
    /// The rater left no contact: there is nobody to call.
    case noContact
    case attemptsOutOfRange
    case fixDateBeforeOpening
    case emptyText
    case textTooLong(max: Int)
    /// No duty leader or supervisor other than the rated officer is available to take the item.
    case noHandlerAvailable
}
