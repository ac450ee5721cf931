import Foundation

/// A ticket handed from one window's officer to a colleague's window (转交回执).
public typealias TicketHandoverID = Identifier<TicketHandover>

/// Where an officer stands for the hall right now, read from the window they are signed in to: at an open window
/// (在岗), at a paused one (暂离/休息), or at none (不在岗). The window is the officer's post, so this is the state a
/// handover asks about; the roster says who is planned, this says who is there.
public enum OfficerDutyState: String, Sendable, Codable, CaseIterable {
    case onDuty
    case onBreak
    case offDuty

    public init(window status: Window.Status?) {
        switch status {
        case .open: self = .onDuty
        case .paused: self = .onBreak
        case .closed, nil: self = .offDuty
        }
    }

    public var label: String {
        switch self {
        case .onDuty: "在岗"
        case .onBreak: "暂离"
        case .offDuty: "不在岗"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .onDuty: "On duty"
        case .onBreak: "On a break"
        case .offDuty: "Off duty"
        }
    }
}

/// A colleague a stalled ticket could go to (避免僵局: 另请一名民警, 最好异性), with what decides whether they can take it.
public struct TicketHandoverCandidate: Sendable, Equatable {
    public let badge: Badge
    public let name: String
    public let sex: Sex?
    public let window: WindowNumber?
    public let state: OfficerDutyState
    /// The ticket their window holds now (called or serving), if any.
    public let busyWith: String?
    /// Their window serves the ticket's business and their account may serve it.
    public let servesBusiness: Bool

    public init(
        badge: Badge,
        name: String,
        sex: Sex?,
        window: WindowNumber?,
        state: OfficerDutyState,
        busyWith: String?,
        servesBusiness: Bool
    ) {
        self.badge = badge
        self.name = name
        self.sex = sex
        self.window = window
        self.state = state
        self.busyWith = busyWith
        self.servesBusiness = servesBusiness
    }

    /// On duty at an open window that serves the business and holds no ticket: the ticket can be called there now.
    public var isFree: Bool { state == .onDuty && window != nil && busyWith == nil && servesBusiness }
}

/// The receipt of a handover, shown on both consoles (转交回执): which ticket went from which window and officer to
/// which, when, and the incident record it belongs to.
public struct TicketHandover: Sendable, Equatable, Codable {
    public let id: TicketHandoverID
    public let ticket: TicketID
    public let ticketNumber: String
    public let business: BusinessCode
    public let fromWindow: WindowNumber
    public let fromOfficer: Badge
    public let toWindow: WindowNumber
    public let toOfficer: Badge
    public let incident: IncidentID
    public let at: Date
    public let serviceDay: LocalDate

    public init(
        id: TicketHandoverID,
        ticket: TicketID,
        ticketNumber: String,
        business: BusinessCode,
        fromWindow: WindowNumber,
        fromOfficer: Badge,
        toWindow: WindowNumber,
        toOfficer: Badge,
        incident: IncidentID,
        at: Date,
        serviceDay: LocalDate
    ) {
        self.id = id
        self.ticket = ticket
        self.ticketNumber = ticketNumber
        self.business = business
        self.fromWindow = fromWindow
        self.fromOfficer = fromOfficer
        self.toWindow = toWindow
        self.toOfficer = toOfficer
        self.incident = incident
        self.at = at
        self.serviceDay = serviceDay
    }

    /// The colleagues to suggest, best first: those on duty who can serve the business (free ones first, then busy
    /// ones, then those on a break; nobody off duty, nor the asking officer), and within each group, when the officer
    /// asks for it, those of the other sex first (RULES §1: 另请一名民警（最好异性）); then by window.
    public static func suggestions(
        _ candidates: [TicketHandoverCandidate],
        asking officer: Officer,
        otherSexFirst: Bool
    ) -> [TicketHandoverCandidate] {
        func group(_ c: TicketHandoverCandidate) -> Int {
            if c.isFree { return 0 }
            return c.state == .onDuty ? 1 : 2
        }
        func otherSex(_ c: TicketHandoverCandidate) -> Int {
            guard otherSexFirst, let mine = officer.sex, let theirs = c.sex else { return 1 }
            return theirs != mine ? 0 : 1
        }
        return
            candidates
            .filter { $0.badge != officer.badge && $0.servesBusiness && $0.state != .offDuty && $0.window != nil }
            .sorted {
                (group($0), otherSex($0), $0.window?.value ?? 0, $0.badge.value) < (group($1), otherSex($1), $1.window?.value ?? 0, $1.badge.value)
            }
    }

    /// Checks that `officer` may hand `ticket` to `colleague` now: the ticket is called or served at the officer's
    /// window, and the colleague is someone else, on duty at an open window that serves the business, holding no
    /// ticket. The store calls it with both windows locked, so the facts cannot change before the move is written.
    public static func check(
        _ ticket: Ticket,
        by officer: Badge,
        to colleague: TicketHandoverCandidate
    ) throws(TicketHandoverError) {
        guard ticket.status.isActiveAtWindow, ticket.officer == officer, ticket.window != nil else { throw .notYourTicket }
        guard colleague.badge != officer else { throw .toSelf }
        guard colleague.state == .onDuty, let window = colleague.window else { throw .colleagueNotOnDuty(colleague.state) }
        guard colleague.servesBusiness else { throw .colleagueNotServing(window: window) }
        if let held = colleague.busyWith { throw .colleagueBusy(window: window, ticket: held) }
    }
}

/// Why a ticket could not be handed to a colleague.
public enum TicketHandoverError: Error, Equatable, Sendable {
    /// The ticket is not called or served at the asking officer's window.
    case notYourTicket
    case toSelf
    case unknownColleague
    case colleagueNotOnDuty(OfficerDutyState)
    case colleagueNotServing(window: WindowNumber)
    case colleagueBusy(window: WindowNumber, ticket: String)
}
