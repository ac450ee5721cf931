/// Reading a complaint's two limits, in calendar days from the day it was received (信访工作条例): acknowledged within
/// `acknowledgeDays`, answered within `answerDays` plus the one extension; a reopened complaint's review is answered
/// within `reviewDays` of reopening.
extension Complaint {
    public enum State: String, Sendable, Codable, CaseIterable {
        case onTrack
        /// A limit is at most `warningDays` away.
        case warning
        /// Not acknowledged and the acknowledgement day has passed.
        case acknowledgeOverdue
        /// Not answered and the answer day has passed.
        case overdue
        /// Answered: waiting for the complainant.
        case answered
        case closed

        public var label: String {
            switch self {
            case .onTrack: "正常"
            case .warning: "临期预警"
            case .acknowledgeOverdue: "受理超期"
            case .overdue: "办理超期"
            case .answered: "已答复"
            case .closed: "已办结"
            }
        }

        public var labelEnglish: String {
            switch self {
            case .onTrack: "On track"
            case .warning: "Due soon"
            case .acknowledgeOverdue: "Acknowledgement overdue"
            case .overdue: "Overdue"
            case .answered: "Answered"
            case .closed: "Closed"
            }
        }

        /// The states the watch announces.
        public var isAlarm: Bool { self == .warning || self == .acknowledgeOverdue || self == .overdue }
        /// The states the watch escalates to every supervisor and duty leader.
        public var escalates: Bool { self == .acknowledgeOverdue || self == .overdue }
    }

    public struct Status: Sendable, Equatable {
        public let state: State
        public let acknowledgeDue: LocalDate
        public let answerDue: LocalDate
    }

    public func answerDue(policy: Policy = Policy()) throws(CalendarError) -> LocalDate {
        if let reopenedOn { return try reopenedOn.adding(days: policy.reviewDays) }
        return try receivedOn.adding(days: policy.answerDays + (extensionGranted?.days ?? 0))
    }

    public func status(on today: LocalDate, policy: Policy = Policy()) throws(CalendarError) -> Status {
        let acknowledgeDue = try receivedOn.adding(days: policy.acknowledgeDays)
        let answerDue = try answerDue(policy: policy)
        let state: State
        switch stage {
        case .closed: state = .closed
        case .answered: state = .answered
        case .received where today > acknowledgeDue: state = .acknowledgeOverdue
        case .received, .investigating:
            if today > answerDue {
                state = .overdue
            } else {
                let nearest = stage == .received ? min(acknowledgeDue, answerDue) : answerDue
                let left = nearest.daysSinceEpoch - today.daysSinceEpoch
                state = left <= policy.warningDays ? .warning : .onTrack
            }
        }
        return Status(state: state, acknowledgeDue: acknowledgeDue, answerDue: answerDue)
    }
}
