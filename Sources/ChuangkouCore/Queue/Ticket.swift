import Foundation

/// A ticket (号票) and its state machine. Each event is a `mutating func` that checks the state and
/// returns the transition to record, or throws why it cannot happen; the Store persists both atomically.
public struct Ticket: Sendable, Equatable {
    public let id: TicketID
    public let number: TicketNumber
    public let serviceDay: LocalDate
    /// Its place in line: the original issue time survives a transfer (RULES §1: 依次办理).
    public let issuedAt: Date
    public private(set) var business: BusinessCode
    public private(set) var status: TicketStatus
    /// The green channel in force: the ticket goes ahead of the ordinary queue (nil again once a declaration is declined).
    public private(set) var greenChannel: GreenChannel?
    /// A green channel the citizen claimed on their own phone, not at a kiosk or an officer's desk (issue 9): it goes
    /// ahead like any other, but the officer who calls it checks it before serving; declined, the ticket waits again
    /// in the ordinary order, by its original issue time.
    public private(set) var declaration: GreenChannelDeclaration?
    /// Set for a ticket from an on-time appointment check-in: called ahead of walk-ins within its slot.
    public let appointment: AppointmentPriority?
    public private(set) var window: WindowNumber?
    public private(set) var officer: Badge?
    public private(set) var calledAt: Date?
    public private(set) var startedAt: Date?
    public private(set) var finishedAt: Date?
    public private(set) var recalls: Int
    /// Set when an officer called this ticket ahead of its turn; supervisors review these.
    public private(set) var outOfOrderReason: String?

    public init(
        id: TicketID,
        number: TicketNumber,
        serviceDay: LocalDate,
        issuedAt: Date,
        business: BusinessCode,
        status: TicketStatus = .waiting,
        greenChannel: GreenChannel? = nil,
        declaration: GreenChannelDeclaration? = nil,
        appointment: AppointmentPriority? = nil,
        window: WindowNumber? = nil,
        officer: Badge? = nil,
        calledAt: Date? = nil,
        startedAt: Date? = nil,
        finishedAt: Date? = nil,
        recalls: Int = 0,
        outOfOrderReason: String? = nil
    ) {
        self.id = id
        self.number = number
        self.serviceDay = serviceDay
        self.issuedAt = issuedAt
        self.business = business
        self.status = status
        self.greenChannel = greenChannel
        self.declaration = declaration
        self.appointment = appointment
        self.window = window
        self.officer = officer
        self.calledAt = calledAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.recalls = recalls
        self.outOfOrderReason = outOfOrderReason
    }

    /// Calls the ticket to a window. `outOfOrderReason` is given when the officer picked it out of turn.
    public mutating func call(
        window: WindowNumber,
        by officer: Badge,
        at now: Date,
        outOfOrderReason: String? = nil
    ) throws(QueueError) -> TicketTransition {
        try require(.call, from: [.waiting])
        self.window = window
        self.officer = officer
        self.calledAt = now
        self.outOfOrderReason = outOfOrderReason
        return transition(.call, from: .waiting, to: .called, by: officer, at: now, detail: outOfOrderReason)
    }

    /// Announces the ticket again at the same window.
    public mutating func recall(by officer: Badge, at now: Date) throws(QueueError) -> TicketTransition {
        try require(.recall, from: [.called])
        recalls += 1
        return transition(.recall, from: .called, to: .called, by: officer, at: now, detail: "\(recalls)")
    }

    /// The citizen came to the window; service begins. A declared green channel is checked first.
    public mutating func start(by officer: Badge, at now: Date) throws(QueueError) -> TicketTransition {
        try require(.start, from: [.called])
        if declaration?.state == .declared { throw .greenChannelUnchecked }
        startedAt = now
        return transition(.start, from: .called, to: .serving, by: officer, at: now)
    }

    public mutating func finish(by officer: Badge, at now: Date) throws(QueueError) -> TicketTransition {
        try require(.finish, from: [.serving])
        finishedAt = now
        return transition(.finish, from: .serving, to: .finished, by: officer, at: now)
    }

    /// The officer at the window saw that the declared reason holds (a senior's ID card, a disability certificate…).
    public mutating func confirmGreenChannel(by officer: Badge, at now: Date) throws(QueueError) -> TicketTransition {
        try require(.confirmGreenChannel, from: [.called])
        guard let declared = declaration, declared.state == .declared else { throw .greenChannelNotDeclared }
        declaration?.state = .confirmed
        return transition(.confirmGreenChannel, from: .called, to: .called, by: officer, at: now, detail: declared.reason.rawValue)
    }

    /// The declared reason does not hold: the priority goes and the ticket waits again where its issue time puts it
    /// in the ordinary order (it is not sent to the back, and not served ahead of those it passed).
    public mutating func declineGreenChannel(by officer: Badge, at now: Date) throws(QueueError) -> TicketTransition {
        try require(.declineGreenChannel, from: [.called])
        guard let declared = declaration, declared.state == .declared else { throw .greenChannelNotDeclared }
        declaration?.state = .declined
        greenChannel = nil
        let at = window
        window = nil
        self.officer = nil
        calledAt = nil
        recalls = 0
        status = .waiting
        return TicketTransition(
            ticket: id,
            action: .declineGreenChannel,
            from: .called,
            to: .waiting,
            officer: officer,
            window: at,
            at: now,
            detail: declared.reason.rawValue
        )
    }

    /// Nobody came after the configured number of recalls (过号).
    public mutating func markNoShow(by officer: Badge, at now: Date, policy: QueuePolicy) throws(QueueError) -> TicketTransition {
        try require(.noShow, from: [.called])
        guard recalls >= policy.recallsBeforeNoShow else {
            throw .tooFewRecalls(made: recalls, required: policy.recallsBeforeNoShow)
        }
        finishedAt = now
        return transition(.noShow, from: .called, to: .noShow, by: officer, at: now)
    }

    /// Withdraws a ticket that has not been served. `by` is nil when the citizen cancels from their phone.
    public mutating func cancel(by officer: Badge?, at now: Date) throws(QueueError) -> TicketTransition {
        let from = status
        try require(.cancel, from: [.waiting, .called])
        finishedAt = now
        return transition(.cancel, from: from, to: .cancelled, by: officer, at: now)
    }

    /// Moves the ticket to another business's line. It waits again, keeping its original issue time,
    /// so it stands where it would have stood had it been taken for that business in the first place.
    public mutating func transfer(to business: BusinessCode, by officer: Badge?, at now: Date) throws(QueueError) -> TicketTransition {
        let from = status
        try require(.transfer, from: [.waiting, .called])
        guard business != self.business else { throw .sameBusiness }
        let old = self.business
        self.business = business
        window = nil
        self.officer = nil
        calledAt = nil
        recalls = 0
        outOfOrderReason = nil
        return transition(.transfer, from: from, to: .waiting, by: officer, at: now, detail: "\(old.value)→\(business.value)")
    }

    /// Hands the ticket at this window to a colleague's window (避免僵局: 另请一名民警, RULES §1): it is called there,
    /// for that officer, and service starts again with them. Only the officer holding it hands it over; the window
    /// and officer it leaves are in the transition's detail (`2→3 010232`).
    public mutating func handOver(
        to target: WindowNumber,
        officer colleague: Badge,
        by officer: Badge,
        at now: Date
    ) throws(QueueError) -> TicketTransition {
        let from = status
        try require(.handOver, from: [.called, .serving])
        guard self.officer == officer, let source = window else { throw .notAllowed(action: .handOver, from: from) }
        guard target != source else { throw .notAllowed(action: .handOver, from: from) }
        window = target
        self.officer = colleague
        calledAt = now
        startedAt = nil
        recalls = 0
        return transition(.handOver, from: from, to: .called, by: officer, at: now, detail: "\(source)→\(target) \(colleague.value)")
    }

    private func require(_ action: TicketAction, from allowed: Set<TicketStatus>) throws(QueueError) {
        guard allowed.contains(status) else { throw .notAllowed(action: action, from: status) }
    }

    private mutating func transition(
        _ action: TicketAction,
        from: TicketStatus,
        to: TicketStatus,
        by officer: Badge?,
        at now: Date,
        detail: String? = nil
    ) -> TicketTransition {
        status = to
        return TicketTransition(ticket: id, action: action, from: from, to: to, officer: officer, window: window, at: now, detail: detail)
    }
}

/// The record every state change leaves behind: who, when, at which window (RULES §1, supervision).
public struct TicketTransition: Sendable, Equatable {
    public let ticket: TicketID
    public let action: TicketAction
    public let from: TicketStatus
    public let to: TicketStatus
    public let officer: Badge?
    public let window: WindowNumber?
    public let at: Date
    public let detail: String?

    public init(
        ticket: TicketID,
        action: TicketAction,
        from: TicketStatus,
        to: TicketStatus,
        officer: Badge?,
        window: WindowNumber?,
        at: Date,
        detail: String?
    ) {
        self.ticket = ticket
        self.action = action
        self.from = from
        self.to = to
        self.officer = officer
        self.window = window
        self.at = at
        self.detail = detail
    }
}
