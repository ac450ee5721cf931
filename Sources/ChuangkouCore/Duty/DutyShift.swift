import Foundation

/// One person on the roster of a slot, with the phone they answer on duty.
public struct OnDuty: Sendable, Equatable, Codable {
    public let badge: Badge
    public let phone: DutyPhone

    public init(badge: Badge, phone: DutyPhone) {
        self.badge = badge
        self.phone = phone
    }
}

/// A slot's duty (值班): the duty leader (值班领导), who takes escalations and the day's open inquiries, and the
/// officers on duty, who may be offered a citizen another officer could not help (RULES §1, 避免僵局).
public struct DutyShift: Sendable, Equatable, Codable {
    public let slot: DutySlot
    public let leader: OnDuty
    public let officers: [OnDuty]

    public init(slot: DutySlot, leader: OnDuty, officers: [OnDuty]) {
        self.slot = slot
        self.leader = leader
        self.officers = officers
    }

    /// Everyone on duty in the slot, leader first.
    public var badges: [Badge] { [leader.badge] + officers.map(\.badge) }
}

/// Leave (请假、休假) by whole days: whoever is on leave is never put on duty.
public struct Leave: Sendable, Equatable, Codable {
    public let badge: Badge
    public let from: LocalDate
    public let through: LocalDate
    /// Masked on input; kept short.
    public let reason: String

    public init(badge: Badge, from: LocalDate, through: LocalDate, reason: String) {
        self.badge = badge
        self.from = from
        self.through = through
        self.reason = reason
    }

    public func covers(_ day: LocalDate) -> Bool { from <= day && day <= through }
}
