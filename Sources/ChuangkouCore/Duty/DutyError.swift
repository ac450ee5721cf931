/// Why the roster refused a shift or a leave.
public enum DutyError: Error, Equatable, Sendable {
    /// The slot has begun or ended: the roster of the past is a record, not a plan.
    case slotStarted(DutySlot)
    /// More than `DutyRoster.planningDays` ahead.
    case tooFarAhead(DutySlot, maxDays: Int)
    case unknownOfficer(Badge)
    case disabled(Badge)
    /// The leader named does not hold the duty-leader role.
    case notADutyLeader(Badge)
    /// An administrator or supervisor named as an officer on duty: only window and desk officers (and leaders) serve.
    case doesNotServe(Badge)
    /// One person twice in one slot (as leader and officer, or as officer twice).
    case listedTwice(Badge)
    case tooManyOfficers(max: Int)
    /// The person is on leave that day.
    case onLeave(Badge, from: LocalDate, through: LocalDate)
    /// A leave over days the person is rostered for: take them off the roster first.
    case rosteredDuringLeave(Badge, DutySlot)
    case leaveBackwards
    case leaveTooLong(maxDays: Int)
    case leaveReasonRequired
    case leaveReasonTooLong(max: Int)
    /// Nobody is rostered as duty leader at that instant.
    case noLeaderOnDuty
}
