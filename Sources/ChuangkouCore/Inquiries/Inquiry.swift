import Foundation

/// An inquiry (咨询) at the desk or a window.
public typealias InquiryID = Identifier<Inquiry>

/// An inquiry under first-inquiry responsibility (首问负责制, RULES §7): the officer first asked owns it until it is
/// resolved or handed over against a receipt.
///
/// - Own remit: answered on the spot, or a one-time notice of what to bring (printed from the guide's material list,
///   naming the guide version).
/// - The unit's, not one's own: handed to a named colleague, who accepts on their console; the acceptance is the
///   receipt, with its time, and until then the first officer still owns it.
/// - Outside the unit: the competent body is named from the hall's directory.
///
/// Ownership cannot be dropped: there is no "close" without an outcome, only the owner gives one, and inquiries
/// still open when the office day ends pass to the duty leader on duty then (`sendToDutyLeader`). Roles are the
/// server's to check; Core checks the badges.
public struct Inquiry: Sendable, Equatable, Codable {
    public let id: InquiryID
    public let topic: Topic
    /// What was asked, masked (ID numbers and phones never stay in free text).
    public let question: String
    public let place: Place
    /// The officer first asked (首问责任人); kept after any handover.
    public let firstOwner: Badge
    public let recordedAt: Date
    public let serviceDay: LocalDate
    /// A contact was left (the Store seals it; pages show it masked).
    public let hasContact: Bool
    public private(set) var owner: Badge
    public private(set) var handover: Handover?
    public private(set) var outcome: Outcome?
    public private(set) var closedBy: Badge?
    public private(set) var closedAt: Date?
    /// When the end-of-day sweep passed it to the duty leader.
    public private(set) var sentToDutyLeaderAt: Date?
    public private(set) var history: [Entry]

    public static let maxQuestion = 500
    public static let maxAnswer = 1_000
    public static let maxNote = 200
    public static let maxTopic = 60

    /// A business of the catalog, or a few words when it is none of them.
    public enum Topic: Sendable, Equatable, Codable {
        case business(BusinessCode)
        case other(String)
    }

    /// Where the inquiry was taken: the information desk (咨询台) or a numbered window.
    public enum Place: Sendable, Equatable, Codable {
        case desk
        case window(Int)
    }

    /// A handover asked for and not yet accepted.
    public struct Handover: Sendable, Equatable, Codable {
        public let to: Badge
        public let requestedBy: Badge
        public let requestedAt: Date
        /// What the colleague should know, masked.
        public let note: String
    }

    /// How an inquiry ended.
    public enum Outcome: Sendable, Equatable, Codable {
        /// Answered on the spot, with what was said (masked).
        case answered(String)
        /// A one-time notice of what to bring, from this version of the business's guide.
        case oneTimeNotice(business: BusinessCode, guideVersion: Int)
        /// Outside the unit: the competent body named.
        case referred(CompetentBody.Reference)
        /// Turned into a ticket in one step.
        case ticket(TicketID, number: String)
        /// Turned into a case in one step.
        case caseFile(CaseID)

        public var kind: String {
            switch self {
            case .answered: "answered"
            case .oneTimeNotice: "notice"
            case .referred: "referred"
            case .ticket: "ticket"
            case .caseFile: "case"
            }
        }
    }

    /// Open, waiting for a colleague's receipt, or closed.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open
        case handover
        case closed
    }

    public var status: Status { outcome != nil ? .closed : handover != nil ? .handover : .open }

    /// The first owner, the owner, the colleague asked, and everyone who acted on it see it; leaders and supervisors
    /// see every inquiry (the server decides who they are).
    public func isVisible(to badge: Badge) -> Bool {
        badge == owner || badge == firstOwner || badge == handover?.to || history.contains { $0.by == badge }
    }

    /// What a new inquiry says, before it is checked.
    public struct Filing: Sendable, Equatable {
        public var topic: Topic
        public var question: String
        public var place: Place
        public var hasContact: Bool

        public init(topic: Topic, question: String, place: Place, hasContact: Bool = false) {
            self.topic = topic
            self.question = question
            self.place = place
            self.hasContact = hasContact
        }
    }

    /// Records an inquiry; the recording officer owns it.
    public static func record(
        _ filing: Filing,
        id: InquiryID,
        by officer: Badge,
        at now: Date,
        on day: LocalDate
    ) throws(InquiryError) -> Inquiry {
        let topic: Topic
        switch filing.topic {
        case .business(let code): topic = .business(code)
        case .other(let words): topic = .other(try text(words, max: maxTopic, empty: .topicRequired, long: .topicTooLong(max: maxTopic)))
        }
        if case .window(let number) = filing.place, !(1...999).contains(number) { throw .badWindow }
        return Inquiry(
            id: id,
            topic: topic,
            question: try text(filing.question, max: maxQuestion, empty: .questionRequired, long: .questionTooLong(max: maxQuestion)),
            place: filing.place,
            firstOwner: officer,
            recordedAt: now,
            serviceDay: day,
            hasContact: filing.hasContact,
            owner: officer,
            handover: nil,
            outcome: nil,
            closedBy: nil,
            closedAt: nil,
            sentToDutyLeaderAt: nil,
            history: [Entry(.recorded, by: officer, at: now)]
        )
    }

    // MARK: Events

    /// Closes the inquiry with its outcome. Only the owner closes it; a handover still waiting is withdrawn.
    public mutating func resolve(_ outcome: Outcome, by officer: Badge, at now: Date) throws(InquiryError) -> [InquiryEffect] {
        try checkOwnerOfOpen(officer)
        var checked = outcome
        switch outcome {
        case .answered(let words):
            checked = .answered(try Self.text(words, max: Self.maxAnswer, empty: .answerRequired, long: .answerTooLong(max: Self.maxAnswer)))
        case .oneTimeNotice(_, let version):
            guard version >= 1 else { throw .badGuideVersion }
        case .referred, .ticket, .caseFile: break
        }
        var effects: [InquiryEffect] = []
        if let waiting = handover {
            effects.append(.notify(waiting.to, .handoverWithdrawn))
            handover = nil
        }
        self.outcome = checked
        closedBy = officer
        closedAt = now
        history.append(Entry(.resolved(checked.kind), by: officer, at: now))
        return effects
    }

    /// Asks a named colleague of the unit to take the inquiry over. The owner stays the owner until they accept.
    public mutating func handOver(to colleague: Badge, note: String, by officer: Badge, at now: Date) throws(InquiryError) -> [InquiryEffect] {
        try checkOwnerOfOpen(officer)
        guard handover == nil else { throw .handoverPending }
        guard colleague != officer else { throw .handoverToSelf }
        let words = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard words.count <= Self.maxNote else { throw .noteTooLong(max: Self.maxNote) }
        handover = Handover(to: colleague, requestedBy: officer, requestedAt: now, note: Masking.maskPersonalNumbers(in: words))
        history.append(Entry(.handoverAsked(to: colleague), by: officer, at: now))
        return [.notify(colleague, .handoverAsked)]
    }

    /// The colleague's receipt: from now they own the inquiry.
    public mutating func acceptHandover(by colleague: Badge, at now: Date) throws(InquiryError) -> [InquiryEffect] {
        guard outcome == nil else { throw .closed }
        guard let waiting = handover else { throw .noHandoverPending }
        guard waiting.to == colleague else { throw .notHandoverRecipient }
        let previous = owner
        owner = colleague
        handover = nil
        history.append(Entry(.handoverAccepted(from: previous), by: colleague, at: now))
        return [.notify(previous, .handoverAccepted)]
    }

    /// The colleague cannot take it: the owner keeps it and is told.
    public mutating func declineHandover(by colleague: Badge, at now: Date) throws(InquiryError) -> [InquiryEffect] {
        guard outcome == nil else { throw .closed }
        guard let waiting = handover else { throw .noHandoverPending }
        guard waiting.to == colleague else { throw .notHandoverRecipient }
        handover = nil
        history.append(Entry(.handoverDeclined, by: colleague, at: now))
        return [.notify(owner, .handoverDeclined)]
    }

    /// The owner withdraws a handover not yet accepted.
    public mutating func withdrawHandover(by officer: Badge, at now: Date) throws(InquiryError) -> [InquiryEffect] {
        try checkOwnerOfOpen(officer)
        guard let waiting = handover else { throw .noHandoverPending }
        handover = nil
        history.append(Entry(.handoverWithdrawn, by: officer, at: now))
        return [.notify(waiting.to, .handoverWithdrawn)]
    }

    /// The end of the office day: an inquiry still open passes to the duty leader on duty then, who owns it from now;
    /// a handover not yet accepted lapses. Nothing happens to a closed one, or one already sent.
    public mutating func sendToDutyLeader(_ leader: Badge, at now: Date) -> [InquiryEffect] {
        guard outcome == nil, sentToDutyLeaderAt == nil else { return [] }
        var effects: [InquiryEffect] = []
        if let waiting = handover, waiting.to != leader { effects.append(.notify(waiting.to, .handoverWithdrawn)) }
        handover = nil
        let previous = owner
        owner = leader
        sentToDutyLeaderAt = now
        history.append(Entry(.sentToDutyLeader(from: previous), by: nil, at: now))
        effects.append(.notify(leader, .sentToDutyLeader))
        return effects
    }

    private func checkOwnerOfOpen(_ officer: Badge) throws(InquiryError) {
        guard outcome == nil else { throw .closed }
        guard officer == owner else { throw .notOwner }
    }

    /// Trims, bounds and masks a piece of free text.
    static func text(_ raw: String, max: Int, empty: InquiryError, long: InquiryError) throws(InquiryError) -> String {
        let words = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !words.isEmpty else { throw empty }
        guard words.count <= max else { throw long }
        return Masking.maskPersonalNumbers(in: words)
    }
}

/// What an inquiry's event asks the caller to do besides storing it.
public enum InquiryEffect: Sendable, Equatable {
    /// A message to an officer's console and the outbox.
    case notify(Badge, InquiryMessage)
}

public enum InquiryMessage: String, Sendable, Equatable {
    case handoverAsked = "inquiry.handover"
    case handoverAccepted = "inquiry.handover-accepted"
    case handoverDeclined = "inquiry.handover-declined"
    case handoverWithdrawn = "inquiry.handover-withdrawn"
    case sentToDutyLeader = "inquiry.day-end"

    public var subject: String {
        switch self {
        case .handoverAsked: "有一件咨询转交给您，请在工作台签收 / An inquiry is handed to you: accept it on your console"
        case .handoverAccepted: "您转交的咨询已被签收 / The inquiry you handed over was accepted"
        case .handoverDeclined: "您转交的咨询被退回，仍由您负责 / The inquiry you handed over was declined: it is still yours"
        case .handoverWithdrawn: "转交给您的咨询已撤回 / An inquiry handed to you was withdrawn"
        case .sentToDutyLeader: "下班时仍未办结的咨询已转交值班领导 / An inquiry still open at the end of the day is yours to finish"
        }
    }
}
