import Foundation

public typealias AppointmentID = Identifier<Appointment>

/// A booked appointment (预约) and its state machine: booked → checked in (on time or late) / cancelled / missed.
/// The booking code, the name and the phone live in the Store (the phone and any ID number sealed); Core decides.
public struct Appointment: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case booked
        /// Arrived inside the check-in window: a ticket called ahead of walk-ins within the slot.
        case checkedIn
        /// Arrived after the window: an ordinary walk-in ticket.
        case late
        case cancelled
        /// Never came (爽约): counted towards the no-show rule.
        case missed

        public var label: String {
            switch self {
            case .booked: "已预约"
            case .checkedIn: "已签到"
            case .late: "迟到（按现场取号）"
            case .cancelled: "已取消"
            case .missed: "未到（爽约）"
            }
        }

        public var labelEnglish: String {
            switch self {
            case .booked: "Booked"
            case .checkedIn: "Checked in"
            case .late: "Late (walk-in ticket)"
            case .cancelled: "Cancelled"
            case .missed: "Missed"
            }
        }
    }

    public let id: AppointmentID
    public let business: BusinessCode
    public private(set) var slot: AppointmentSlot
    public private(set) var status: Status
    public let bookedAt: Date
    public private(set) var ticket: TicketID?
    public private(set) var changes: Int

    /// A booking may be moved this many times (a third move is a new booking).
    public static let maxChanges = 2

    public init(
        id: AppointmentID,
        business: BusinessCode,
        slot: AppointmentSlot,
        status: Status = .booked,
        bookedAt: Date,
        ticket: TicketID? = nil,
        changes: Int = 0
    ) {
        self.id = id
        self.business = business
        self.slot = slot
        self.status = status
        self.bookedAt = bookedAt
        self.ticket = ticket
        self.changes = changes
    }

    /// What checking in gives: a ticket ahead of walk-ins for the slot's time, or a plain walk-in ticket.
    public enum CheckIn: Sendable, Equatable {
        case onTime(AppointmentPriority)
        case late
    }

    /// Moves the booking to another slot of the same business, before the cut-off of the slot it leaves.
    /// The new slot must itself be bookable (`AppointmentPolicy.checkBookable`); the Store moves the capacity.
    public mutating func change(
        to slot: AppointmentSlot,
        policy: AppointmentPolicy,
        calendar: WorkingDayCalendar,
        now: Date,
        zone: TimeZone
    ) throws(AppointmentError) {
        try require(.booked)
        guard now < policy.cutoff(of: self.slot, zone: zone) else { throw .pastCutoff }
        guard slot != self.slot else { throw .sameSlot }
        guard changes < Self.maxChanges else { throw .tooManyChanges(Self.maxChanges) }
        try policy.checkBookable(slot, calendar: calendar, now: now, zone: zone)
        self.slot = slot
        changes += 1
    }

    /// Cancels before the cut-off; after it the booking stands (and counts as missed if nobody comes).
    public mutating func cancel(policy: AppointmentPolicy, now: Date, zone: TimeZone) throws(AppointmentError) {
        try require(.booked)
        guard now < policy.cutoff(of: slot, zone: zone) else { throw .pastCutoff }
        status = .cancelled
    }

    /// Checks in with the booking code: on time inside the window, late after it (until the day's closing), refused
    /// before it opens. `ticket` is the ticket the Store issues for it.
    public mutating func checkIn(ticket: TicketID, policy: AppointmentPolicy, now: Date, zone: TimeZone) throws(AppointmentError) -> CheckIn {
        try require(.booked)
        let window = policy.checkInWindow(of: slot, zone: zone)
        guard now >= window.lowerBound else { throw .tooEarly(opens: window.lowerBound) }
        guard LocalDate(now, in: zone) == slot.day else { throw .expired }
        self.ticket = ticket
        if now <= window.upperBound {
            status = .checkedIn
            return .onTime(AppointmentPriority(from: slot.startsAt(in: zone), until: slot.endsAt(in: zone)))
        }
        status = .late
        return .late
    }

    /// Whether nobody checked in and the window has closed: then it is a no-show, whether or not marked yet.
    public func isMissed(policy: AppointmentPolicy, now: Date, zone: TimeZone) -> Bool {
        status == .missed || (status == .booked && now > policy.checkInWindow(of: slot, zone: zone).upperBound)
    }

    /// Records the no-show once the day is over.
    public mutating func markMissed(policy: AppointmentPolicy, now: Date, zone: TimeZone) throws(AppointmentError) {
        try require(.booked)
        guard LocalDate(now, in: zone) > slot.day else { throw .notOverYet }
        status = .missed
    }

    private func require(_ allowed: Status) throws(AppointmentError) {
        guard status == allowed else { throw .notBooked(status) }
    }
}

/// An appointment ticket's claim on the calling order: ahead of walk-ins from its slot's start until its end, never
/// ahead of the green channel (`QueuePolicy.precedes`).
public struct AppointmentPriority: Sendable, Equatable {
    public let from: Date
    public let until: Date

    public init(from: Date, until: Date) {
        self.from = from
        self.until = until
    }

    public func holds(at now: Date) -> Bool { from <= now && now < until }
}
