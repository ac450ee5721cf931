/// Reading a rectification item's two limits against the working-day calendar (RULES §6): the return visit within
/// `contactWorkingDays` and the outcome within `closeWorkingDays`, both counted from the day after the item opened.
extension Rectification {
    public enum State: String, Sendable, Codable, CaseIterable {
        case onTrack
        /// The close limit is at most `warningWithin` working days away.
        case warning
        /// The return visit is owed and its day has passed.
        case contactOverdue
        /// Past the close limit, still not closed.
        case overdue
        case closed

        public var label: String {
            switch self {
            case .onTrack: "正常"
            case .warning: "临期预警"
            case .contactOverdue: "回访超时"
            case .overdue: "整改超期"
            case .closed: "已办结"
            }
        }

        public var labelEnglish: String {
            switch self {
            case .onTrack: "On track"
            case .warning: "Due soon"
            case .contactOverdue: "Return visit overdue"
            case .overdue: "Overdue"
            case .closed: "Closed"
            }
        }

        /// The states the watch announces to the duty leader and the supervisors.
        public var isAlarm: Bool { self == .warning || self == .contactOverdue || self == .overdue }
    }

    public struct Status: Sendable, Equatable {
        public let state: State
        public let contactDue: LocalDate
        public let closeDue: LocalDate
        /// Working days left until the close limit; negative once overdue.
        public let workingDaysLeft: Int
        /// Some date rests on a year with no published holiday notice.
        public let provisional: Bool
    }

    public func status(
        on today: LocalDate,
        calendar: WorkingDayCalendar,
        policy: Policy = Policy(),
        warningWithin: Int = 1
    )
        throws(CalendarError) -> Status
    {
        let contact = try calendar.adding(workingDays: policy.contactWorkingDays, to: openedOn)
        let close = try calendar.adding(workingDays: policy.closeWorkingDays, to: openedOn)
        let left: WorkingDayCalendar.Reckoning<Int>
        if today <= close.value {
            left = calendar.workingDays(after: today, through: close.value)
        } else {
            let past = calendar.workingDays(after: close.value, through: today)
            left = .init(value: -past.value, provisional: past.provisional)
        }
        let state: State
        if stage == .closed {
            state = .closed
        } else if today > close.value {
            state = .overdue
        } else if !returnVisitDone(policy: policy), today > contact.value {
            state = .contactOverdue
        } else if left.value <= warningWithin {
            state = .warning
        } else {
            state = .onTrack
        }
        return Status(
            state: state,
            contactDue: contact.value,
            closeDue: close.value,
            workingDaysLeft: left.value,
            provisional: contact.provisional || close.provisional || left.provisional
        )
    }
}

/// Who takes a new bad review: the duty leader of the day by default, then any other duty leader, then a supervisor —
/// never the rated officer (RULES §6, §8).
public enum RectificationAssignment {
    public static func handler(
        ratedOfficer: Badge?,
        dutyLeadersOnDuty: [Badge],
        otherLeaders: [Badge],
        supervisors: [Badge]
    )
        throws(RectificationError) -> Badge
    {
        for badge in dutyLeadersOnDuty + otherLeaders + supervisors where badge != ratedOfficer {
            return badge
        }
        throw .noHandlerAvailable
    }

    /// Who an item that missed a limit goes up to (besides its handler, who is always told): the leader the roster
    /// has on duty at that moment; when that slot was not planned, or its leader is the handler or the rated officer,
    /// the same fall-back as a new item's — another duty leader, then a supervisor. One person, not every leader and
    /// supervisor; nil when there is nobody but the handler and the rated officer.
    public static func escalation(
        handler: Badge,
        ratedOfficer: Badge?,
        dutyLeadersOnDuty: [Badge],
        otherLeaders: [Badge],
        supervisors: [Badge]
    ) -> Badge? {
        (dutyLeadersOnDuty + otherLeaders + supervisors).first { $0 != handler && $0 != ratedOfficer }
    }
}
