/// Why the queue refused something. One case per reason, so the server can map each to a status and a stable code.
public enum QueueError: Error, Equatable, Sendable {
    case unknownBusiness(String)
    case unknownTicket(String)
    case unknownWindow(WindowNumber)
    /// The action is not allowed from the ticket's current state.
    case notAllowed(action: TicketAction, from: TicketStatus)
    /// A no-show needs the configured number of recalls first.
    case tooFewRecalls(made: Int, required: Int)
    case windowNotServing(window: WindowNumber, business: String)
    case notSignedIn(window: WindowNumber)
    case windowPaused(WindowNumber)
    case windowClosed(WindowNumber)
    /// The window still has a called or serving ticket; close it first.
    case windowBusy(window: WindowNumber, ticket: String)
    /// The window is taken by another officer.
    case windowTaken(window: WindowNumber, badge: String)
    case officerMayNotServe
    case outOfOrderNeedsReason
    case sameBusiness
    /// Confirming or declining a green channel the ticket's holder did not declare (or that was already checked).
    case greenChannelNotDeclared
    /// Serving a ticket whose declared green channel nobody has checked yet.
    case greenChannelUnchecked
}

/// The events a ticket can receive, named as officers say them.
public enum TicketAction: String, Sendable, Codable {
    case call, recall, start, finish, noShow, cancel, transfer, confirmGreenChannel, declineGreenChannel
    /// Handed to a colleague's window at a stall (避免僵局: 另请一名民警): called there, served by them.
    case handOver
}
