/// Why the deadline clock refused an event. One case per reason, so the server can map each to a status and a code.
public enum DeadlineError: Error, Equatable, Sendable {
    case negativeLimit
    /// A limit beyond `DeadlineClock.maxLimit` working days.
    case limitTooLong(max: Int)
    /// The promised limit (承诺时限) may be shorter than the statutory one (法定时限), never longer.
    case promisedExceedsStatutory
    /// The event is dated before the case was accepted.
    case beforeAcceptance
    /// The event is dated before the latest pause began or ended; pauses never overlap and time never runs backwards.
    case beforeLastPause
    case alreadyPaused
    case notPaused
    case resumeBeforePause
    /// Art. 45: the applicant must be told in writing that the time is not counted.
    case applicantNotNotified
    case emptyReason
    case extensionNotPositive
    case extensionTooLong(max: Int)
    /// Art. 42 allows one extension.
    case extensionAlreadyGranted
    case extensionNeedsDutyLeader
    /// The clock was stopped (the case is decided); it takes no more events.
    case stopped
}
