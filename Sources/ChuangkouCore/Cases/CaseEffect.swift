import Foundation

/// What a case event asks the store to do, in order, besides writing the case back: the store persists each in the
/// event's one transaction.
public enum CaseEffect: Sendable, Equatable {
    /// A line of the case's history.
    case history(CaseHistoryEntry, by: Badge?)
    /// The checklist as it now stands is kept as version `checklistVersion` (earlier versions are never changed).
    case keepChecklist(by: Badge)
    /// The approval steps (`steps`) are laid out, at acceptance.
    case layOutSteps
    /// Approval step `position` was taken (its assignee, opinion and time are in `steps`).
    case recordStep(position: Int)
    /// A deadline clock starts, at acceptance.
    case startClock(ClockStart)
    /// The case's clock stops: decided or terminated.
    case stopClock(DeadlineClockID)
    /// An official document is issued; the store gives it its number.
    case issue(DocumentDraft)
    /// A text message to the applicant's phone, through the outbox, worded by the kind's template with these values.
    case notifyApplicant(kind: MessageKind, values: [String: String])
    /// A message to the officer who answers for the case, through the outbox.
    case notifyOfficer(kind: String, subject: String, payload: [String: String])
}

/// The clock a case starts at acceptance: its identifier (the caller's), the clock with the pinned guide's limits, its
/// due dates as of today, and the subject the deadline board shows.
public struct ClockStart: Sendable, Equatable {
    public let id: DeadlineClockID
    public let clock: DeadlineClock
    public let status: DeadlineClock.Status
    public let subject: String
}

/// One line of a case's history, as the events wrote it.
public enum CaseHistoryEntry: Sendable, Equatable {
    /// Acceptance of an application: on the spot, with the deferred (容缺) items committed, or deemed by 第三十二条.
    public enum Acceptance: Sendable, Equatable {
        case accepted
        case withDeferral
        case deemed
    }

    /// Registered at the window, for a called ticket or a walk-in.
    case opened(ticket: TicketID?)
    /// The officer (re)checked the materials: checklist version `version`.
    case checklist(version: Int)
    /// The one-time notice was issued, listing these materials.
    case notice(materials: [String])
    /// 即办件 finished on the spot.
    case completed
    case accepted(Acceptance, from: LocalDate)
    case notAccepted(reason: String)
    /// A listed material was asked for again.
    case requested(index: Int)
    /// A leader-approved correction of the notice: a breach against the officer who issued it.
    case breach(OneTimeNoticeLedger.Breach)
    /// Materials arrived (on the notice, or 容缺).
    case supplied(indices: [Int])
    case step(position: Int, name: String, opinion: String)
    case decided(granted: Bool, reason: String?)
    case delivery(Delivery.Method)
    /// 容缺 items never arrived: terminated by the case jobs.
    case terminated
    /// A document was issued with this number.
    case issued(DocumentKind, number: String)
}
