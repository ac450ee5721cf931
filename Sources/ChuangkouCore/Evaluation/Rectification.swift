import Foundation

/// Identifies a rectification item.
public struct RectificationID: Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: UUID
    public init(_ rawValue: UUID) { self.rawValue = rawValue }
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.rawValue = uuid
    }
    public var description: String { rawValue.uuidString.lowercased() }
}

/// A rectification item (整改) that every bad review opens at once: a named handler, never the rated officer
/// ("谁办理、谁负责", RULES §6), verifies it and calls the rater back within 1 working day, and closes it within 15
/// working days with a fix, a fix by a date or an explanation; a review thought mistaken or malicious goes to an appeal
/// (申诉) that a third person decides. Each event checks who acts and returns what happens next; the Store persists it.
///
/// Roles (duty leader, supervisor) are the server's to check; the identities the rule names are checked here: the rated
/// officer never acts on the item, and an appeal is decided by someone who is neither the handler nor the rated officer.
public struct Rectification: Sendable, Equatable, Codable {
    public let id: RectificationID
    public let rating: RatingID
    /// The officer the bad review is about (nil for a case nobody signed for).
    public let ratedOfficer: Badge?
    /// Whether the rater left a contact: then a return visit (回访) is owed before any outcome (100 % of them).
    public let raterHasContact: Bool
    public let openedAt: Date
    /// The service day the item was opened on: both limits count working days from the day after.
    public let openedOn: LocalDate
    public private(set) var handler: Badge
    public private(set) var stage: Stage
    public private(set) var returnVisits: [ReturnVisit]
    public private(set) var outcome: Outcome?
    public private(set) var appeal: Appeal?
    /// The rater's one rating of the fix, after the outcome was sent to them.
    public private(set) var fixRating: Satisfaction?

    public enum Stage: String, Sendable, Codable, CaseIterable {
        /// Waiting for the return visit and an outcome.
        case open
        /// An appeal waits for a supervisor's decision.
        case appealed
        /// An outcome was recorded, or an appeal upheld.
        case closed
    }

    /// One attempt to reach the rater.
    public struct ReturnVisit: Sendable, Equatable, Codable {
        public enum Result: String, Sendable, Codable, CaseIterable {
            case contacted
            case unreachable
        }

        public let result: Result
        /// How many calls this record stands for (an unreachable rater is tried again; see `minimumAttempts`).
        public let attempts: Int
        /// What the rater said, or why they could not be reached; masked.
        public let note: String
        public let by: Badge
        public let at: Date
    }

    /// How an item ends.
    public enum Outcome: Sendable, Equatable, Codable {
        /// 立行立改: fixed at once; `description` says what was done (published, without names).
        case fixedNow(description: String)
        /// 限期整改: fixed by a date.
        case fixedBy(LocalDate, description: String)
        /// 解释说明: explained to the rater; nothing was wrong.
        case explained(description: String)

        public var description: String {
            switch self {
            case .fixedNow(let text), .fixedBy(_, let text), .explained(let text): text
            }
        }
    }

    /// 申诉: the handler holds the review mistaken or malicious; a supervisor decides.
    public struct Appeal: Sendable, Equatable, Codable {
        public enum Ground: String, Sendable, Codable, CaseIterable {
            /// 误评: the rater meant another service or pressed the wrong face.
            case mistaken
            /// 恶意差评
            case malicious
        }

        public let ground: Ground
        public let reason: String
        public let filedBy: Badge
        public let filedAt: Date
        public fileprivate(set) var decision: Decision?

        public struct Decision: Sendable, Equatable, Codable {
            /// Upheld: the rating stays stored but leaves the statistics.
            public let upheld: Bool
            public let reason: String
            public let by: Badge
            public let at: Date
        }
    }

    /// The settings of the loop.
    public struct Policy: Sendable, Equatable {
        /// Verify and contact the rater within this many working days (RULES §6, default 1).
        public var contactWorkingDays: Int
        /// Close within this many working days (RULES §6, default 15).
        public var closeWorkingDays: Int
        /// Calls made before a rater may be recorded as unreachable and the item closed without talking to them.
        public var minimumAttempts: Int

        public init(contactWorkingDays: Int = 1, closeWorkingDays: Int = 15, minimumAttempts: Int = 3) {
            self.contactWorkingDays = contactWorkingDays
            self.closeWorkingDays = closeWorkingDays
            self.minimumAttempts = minimumAttempts
        }
    }

    /// Opens the item for a bad rating. Returns the effects: the history line and the message to the handler.
    public static func open(
        id: RectificationID,
        for rating: Rating,
        handler: Badge,
        on day: LocalDate
    ) throws(RectificationError) -> (Rectification, [RectificationEffect]) {
        guard rating.isBad else { throw .notABadRating }
        guard handler != rating.service.officer else { throw .handlerIsRatedOfficer }
        let item = Rectification(
            id: id,
            rating: rating.id,
            ratedOfficer: rating.service.officer,
            raterHasContact: rating.contact != nil,
            openedAt: rating.ratedAt,
            openedOn: day,
            handler: handler,
            stage: .open,
            returnVisits: [],
            outcome: nil,
            appeal: nil,
            fixRating: nil
        )
        return (item, [.history(.init(.opened(handler: handler), by: nil, at: rating.ratedAt)), .notifyHandler(handler)])
    }

    /// A supervisor gives the item to another handler, never to the rated officer.
    public mutating func reassign(
        to newHandler: Badge,
        by supervisor: Badge,
        at now: Date
    ) throws(RectificationError)
        -> [RectificationEffect]
    {
        try requireNotRatedOfficer(supervisor)
        guard stage != .closed else { throw .closed }
        guard newHandler != ratedOfficer else { throw .handlerIsRatedOfficer }
        guard newHandler != handler else { throw .sameHandler }
        let previous = handler
        handler = newHandler
        return [.history(.init(.reassigned(from: previous, to: newHandler), by: supervisor, at: now)), .notifyHandler(newHandler)]
    }

    /// Records a call to the rater (回访). Only the handler calls.
    public mutating func recordReturnVisit(
        _ result: ReturnVisit.Result,
        attempts: Int = 1,
        note: String,
        by officer: Badge,
        at now: Date
    ) throws(RectificationError) -> [RectificationEffect] {
        try requireHandler(officer)
        guard stage == .open else { throw stage == .closed ? .closed : .appealPending }
        guard raterHasContact else { throw .noContact }
        guard (1...20).contains(attempts) else { throw .attemptsOutOfRange }
        let visit = ReturnVisit(result: result, attempts: attempts, note: try Self.text(note), by: officer, at: now)
        returnVisits.append(visit)
        return [.history(.init(.returnVisit(result, attempts: attempts, note: visit.note), by: officer, at: now))]
    }

    /// Whether the return visit owed is done: the rater was reached, or tried often enough (or left no contact).
    public func returnVisitDone(policy: Policy) -> Bool {
        guard raterHasContact else { return true }
        if returnVisits.contains(where: { $0.result == .contacted }) { return true }
        return returnVisits.reduce(0) { $0 + $1.attempts } >= policy.minimumAttempts
    }

    /// The handler closes the item with its outcome; the rater is told through the outbox.
    public mutating func resolve(
        _ outcome: Outcome,
        by officer: Badge,
        at now: Date,
        policy: Policy = Policy()
    )
        throws(RectificationError) -> [RectificationEffect]
    {
        try requireHandler(officer)
        guard stage == .open else { throw stage == .closed ? .closed : .appealPending }
        guard returnVisitDone(policy: policy) else { throw .returnVisitOwed }
        let checked: Outcome
        switch outcome {
        case .fixedNow(let text): checked = .fixedNow(description: try Self.text(text))
        case .explained(let text): checked = .explained(description: try Self.text(text))
        case .fixedBy(let date, let text):
            guard date >= openedOn else { throw .fixDateBeforeOpening }
            checked = .fixedBy(date, description: try Self.text(text))
        }
        self.outcome = checked
        stage = .closed
        var effects: [RectificationEffect] = [.history(.init(.resolved(checked), by: officer, at: now))]
        if raterHasContact { effects.append(.notifyRater(checked)) }
        return effects
    }

    /// The handler appeals: the review was mistaken or malicious. The return visit is owed first, as for any outcome.
    public mutating func fileAppeal(
        _ ground: Appeal.Ground,
        reason: String,
        by officer: Badge,
        at now: Date,
        policy: Policy = Policy()
    )
        throws(RectificationError) -> [RectificationEffect]
    {
        try requireHandler(officer)
        guard stage == .open else { throw stage == .closed ? .closed : .appealPending }
        guard appeal == nil else { throw .appealAlreadyFiled }
        guard returnVisitDone(policy: policy) else { throw .returnVisitOwed }
        appeal = Appeal(ground: ground, reason: try Self.text(reason), filedBy: officer, filedAt: now)
        stage = .appealed
        return [.history(.init(.appealFiled(ground), by: officer, at: now))]
    }

    /// A supervisor who is neither the handler nor the rated officer decides the appeal. Upheld: the item closes and
    /// the rating leaves the statistics (it is never deleted). Rejected: the handler still owes an outcome.
    public mutating func decideAppeal(
        upheld: Bool,
        reason: String,
        by supervisor: Badge,
        at now: Date
    ) throws(RectificationError)
        -> [RectificationEffect]
    {
        guard stage == .appealed, var pending = appeal else { throw .noAppealPending }
        try requireNotRatedOfficer(supervisor)
        guard supervisor != handler, supervisor != pending.filedBy else { throw .appealDecidedByHandler }
        pending.decision = .init(upheld: upheld, reason: try Self.text(reason), by: supervisor, at: now)
        appeal = pending
        stage = upheld ? .closed : .open
        var effects: [RectificationEffect] = [.history(.init(.appealDecided(upheld: upheld), by: supervisor, at: now))]
        if upheld { effects.append(.excludeRating(rating)) }
        return effects
    }

    /// The rater's one rating of the fix, once the outcome was sent to them.
    public mutating func rateFix(_ level: Satisfaction, at now: Date) throws(RatingError) -> [RectificationEffect] {
        guard outcome != nil, fixRating == nil else { throw .fixNotRateable }
        fixRating = level
        return [.history(.init(.fixRated(level), by: nil, at: now))]
    }

    /// The handler opens the rater's phone to call them back (回访) while the item is not closed; nobody else, never the
    /// rated officer. The phone stays sealed and masked everywhere else; the Store audits each opening.
    public func checkRevealContact(by officer: Badge) throws(RectificationError) {
        try requireHandler(officer)
        guard stage != .closed else { throw .closed }
        guard raterHasContact else { throw .noContact }
    }

    /// Whether the rating this item belongs to leaves the statistics.
    public var excludesRating: Bool { appeal?.decision?.upheld == true }

    private func requireHandler(_ officer: Badge) throws(RectificationError) {
        try requireNotRatedOfficer(officer)
        guard officer == handler else { throw .notHandler }
    }

    private func requireNotRatedOfficer(_ officer: Badge) throws(RectificationError) {
        guard officer != ratedOfficer else { throw .ratedOfficerCannotAct }
    }

    static func text(_ text: String, limit: Int = 1_000) throws(RectificationError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyText }
        guard trimmed.count <= limit else { throw .textTooLong(max: limit) }
        return Masking.maskPersonalNumbers(in: trimmed)
    }

    /// Rebuilds an item from its stored fields (the Store's row); the events that made it are in its history.
    public init(
        id: RectificationID,
        rating: RatingID,
        ratedOfficer: Badge?,
        raterHasContact: Bool,
        openedAt: Date,
        openedOn: LocalDate,
        handler: Badge,
        stage: Stage,
        returnVisits: [ReturnVisit],
        outcome: Outcome?,
        appeal: Appeal?,
        fixRating: Satisfaction?
    ) {
        self.id = id
        self.rating = rating
        self.ratedOfficer = ratedOfficer
        self.raterHasContact = raterHasContact
        self.openedAt = openedAt
        self.openedOn = openedOn
        self.handler = handler
        self.stage = stage
        self.returnVisits = returnVisits
        self.outcome = outcome
        self.appeal = appeal
        self.fixRating = fixRating
    }
}

/// What an event of a rectification item asks the Store to do besides saving the item.
public enum RectificationEffect: Sendable, Equatable {
    case history(RectificationEntry)
    /// A message to the (new) handler's console and the outbox.
    case notifyHandler(Badge)
    /// The outcome, to the rater's phone through the outbox.
    case notifyRater(Rectification.Outcome)
    /// An upheld appeal: the rating leaves the statistics.
    case excludeRating(RatingID)
}
