import Foundation

/// The rules of the duty roster (值班表). Admins plan slots ahead; each plan is checked against who the staff are and
/// who is on leave, and a leave against the slots already planned. Who acts (an administrator) is the server's check.
public enum DutyRoster {
    /// How far ahead a slot may be planned.
    public static let planningDays = 400
    public static let maxOfficers = 40
    public static let maxLeaveDays = 366
    public static let maxReasonLength = 200

    /// What the roster needs to know about a person named on it.
    public struct Staff: Sendable, Equatable {
        public let officer: Officer
        public let disabled: Bool

        public init(officer: Officer, disabled: Bool) {
            self.officer = officer
            self.disabled = disabled
        }
    }

    /// Checks a slot's duty and returns it, or throws the first thing to fix.
    ///
    /// - Parameters:
    ///   - current: the slot now; it and earlier ones are not planned any more.
    ///   - staff: the accounts named, by badge (a missing one is unknown).
    ///   - leave: the leave of the people named that covers the slot's day (others are ignored).
    public static func plan(
        _ slot: DutySlot,
        leader: OnDuty,
        officers: [OnDuty],
        current: DutySlot,
        staff: [Badge: Staff],
        leave: [Leave]
    ) throws(DutyError) -> DutyShift {
        guard slot > current else { throw .slotStarted(slot) }
        guard slot.day.daysSinceEpoch - current.day.daysSinceEpoch <= planningDays else { throw .tooFarAhead(slot, maxDays: planningDays) }
        guard officers.count <= maxOfficers else { throw .tooManyOfficers(max: maxOfficers) }
        var seen: Set<Badge> = []
        for (index, person) in ([leader] + officers).enumerated() {
            guard seen.insert(person.badge).inserted else { throw .listedTwice(person.badge) }
            guard let member = staff[person.badge] else { throw .unknownOfficer(person.badge) }
            guard !member.disabled else { throw .disabled(person.badge) }
            if index == 0 {
                guard member.officer.roles.isDutyLeader else { throw .notADutyLeader(person.badge) }
            } else {
                guard member.officer.roles.containsAny([.windowOfficer, .deskOfficer, .dutyLeader]) else {
                    throw .doesNotServe(person.badge)
                }
            }
            if let away = leave.first(where: { $0.badge == person.badge && $0.covers(slot.day) }) {
                throw .onLeave(person.badge, from: away.from, through: away.through)
            }
        }
        return DutyShift(slot: slot, leader: leader, officers: officers)
    }

    /// Checks a leave before it is recorded.
    ///
    /// - Parameter planned: the slots the person is on from `from` through `through` (as leader or officer).
    public static func leave(
        _ badge: Badge,
        from: LocalDate,
        through: LocalDate,
        reason: String,
        planned: [DutySlot]
    ) throws(DutyError) -> Leave {
        guard from <= through else { throw .leaveBackwards }
        guard through.daysSinceEpoch - from.daysSinceEpoch < maxLeaveDays else { throw .leaveTooLong(maxDays: maxLeaveDays) }
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .leaveReasonRequired }
        guard text.count <= maxReasonLength else { throw .leaveReasonTooLong(max: maxReasonLength) }
        if let first = planned.filter({ from <= $0.day && $0.day <= through }).min() { throw .rosteredDuringLeave(badge, first) }
        return Leave(badge: badge, from: from, through: through, reason: Masking.maskPersonalNumbers(in: text))
    }
}
