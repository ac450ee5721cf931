/// Why an on-site visit (现场办公) refused a request or a step. One case per reason, so the server maps each to a
/// status and a stable code.
public enum OnSiteError: Error, Equatable, Sendable {
    /// The applicant's name or organisation: 1 to 60 characters.
    case applicantRequired
    /// 4 to 200 characters.
    case addressRequired
    /// 1 to `max` different businesses.
    case businessCount(max: Int)
    case detailsTooLong(max: Int)
    /// 1 to 3 preferred days, each after today and within the booking horizon.
    case preferredDays(horizonDays: Int)
    /// Staff record a request under their badge; the public form under nobody's.
    case recorderMismatch
    case wrongStage(OnSiteVisit.Stage)
    /// Approving or declining is the duty leader's.
    case leaderOnly
    /// A visit falls on a working day (工作日) of the official calendar: never a weekend or a holiday, a make-up day yes.
    case notAWorkingDay(LocalDate)
    /// The calendar of that year is not published yet: no visit is planned on a guess.
    case calendarUnpublished(year: Int)
    /// The visit's day is after today and within the horizon.
    case dayOutOfRange(horizonDays: Int)
    /// At least `required` officers (two when personal data is collected away from the hall), at most `max`.
    case teamSize(required: Int, max: Int)
    /// A team member who does not handle business (an administrator) or appears twice.
    case teamMemberInvalid(Badge)
    /// 2 to 200 characters.
    case reasonRequired
    /// Only a team member (or a duty leader) records how the visit went.
    case notOnTeam
    /// A result is recorded on or after the visit's day.
    case resultBeforeVisit
    /// "Partly" and "not possible" say why.
    case resultNoteRequired
    /// On-site intake and the applicant's phone are the visit's team's.
    case notTeamMember
    /// On-site intake is on the visit's day only.
    case notVisitDay(LocalDate)
    /// On-site intake is for a business the visit lists.
    case businessNotOnVisit(BusinessCode)
}
