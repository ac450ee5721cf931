import Foundation

/// A complaint (投诉).
public typealias ComplaintID = Identifier<Complaint>

/// A complaint (投诉) and its handling: received, acknowledged with a handler (受理, within 15 days), investigated,
/// answered (within 60 days, once extended by at most 30 with a supervisor's approval), rated by the complainant and
/// closed; reopened once for review (复查) when the complainant is not satisfied (信访工作条例, RULES §8).
///
/// The officers a complaint concerns (the officer complained about, whoever served the linked ticket, everyone on the
/// complained-about case) never see, record, handle or decide it (RULES §1 杜绝人情服务, §8): Core checks every badge
/// that acts against `concerned`; the Store lists a complaint to nobody in it. Roles (supervisor, duty leader) are the
/// server's to check.
public struct Complaint: Sendable, Equatable, Codable {
    public let id: ComplaintID
    public let channel: Channel
    /// The staff member who took it at the hall or on the phone; nil for the public form.
    public let recordedBy: Badge?
    public let subject: Subject
    /// What the complainant said, masked.
    public let text: String
    public let ticket: TicketID?
    public let caseFile: CaseID?
    /// False for an anonymous complaint: no reply is owed, nobody rates the answer.
    public let hasContact: Bool
    /// The 12389 work-order number of a complaint transferred from the national line.
    public let transferNumber: String?
    public let receivedAt: Date
    /// The day it was received: both limits count calendar days from it.
    public let receivedOn: LocalDate
    /// The officers the complaint is about, sorted: never shown it, never given it.
    public let concerned: [Badge]
    public private(set) var stage: Stage
    public private(set) var handler: Badge?
    public private(set) var acknowledgedOn: LocalDate?
    public private(set) var notes: [Note]
    public private(set) var answers: [Answer]
    public private(set) var extensionGranted: Extension?
    /// The complainant's view of the latest answer.
    public private(set) var satisfied: Bool?
    public private(set) var reopenedOn: LocalDate?

    public enum Channel: String, Sendable, Codable, CaseIterable {
        /// Recorded by staff at the hall.
        case hall
        /// Taken on the phone by staff.
        case phone
        /// Transferred from the national 12389 line (with its work-order number).
        case phone12389
        /// The public form (display, ticket page, status page, online).
        case online

        public var isTakenByStaff: Bool { self != .online }
    }

    public enum Subject: Sendable, Equatable, Codable {
        case officer(Badge)
        case window(WindowNumber)
        case business(BusinessCode)
        case caseFile(CaseID)
        case hall

        public var kind: String {
            switch self {
            case .officer: "officer"
            case .window: "window"
            case .business: "business"
            case .caseFile: "case"
            case .hall: "hall"
            }
        }
    }

    public enum Stage: String, Sendable, Codable, CaseIterable {
        /// Waiting to be acknowledged and given a handler.
        case received
        case investigating
        /// The answer is given; the complainant may rate it.
        case answered
        case closed
    }

    /// What the investigation found about the officer concerned (查实情况).
    public enum Finding: String, Sendable, Codable, CaseIterable {
        case substantiated
        case partlySubstantiated
        case unsubstantiated

        /// Substantiated in whole or part: goes on the officer's record.
        public var countsAgainstOfficer: Bool { self != .unsubstantiated }
    }

    public struct Note: Sendable, Equatable, Codable {
        public let text: String
        public let by: Badge
        public let at: Date
    }

    public struct Answer: Sendable, Equatable, Codable {
        public let text: String
        public let finding: Finding?
        /// The officer the finding is about.
        public let against: Badge?
        public let by: Badge
        public let at: Date
    }

    public struct Extension: Sendable, Equatable, Codable {
        public let days: Int
        public let reason: String
        public let approvedBy: Badge
        public let at: Date
    }

    /// The limits, in calendar days (信访工作条例 defaults; settings).
    public struct Policy: Sendable, Equatable {
        public var acknowledgeDays: Int
        public var answerDays: Int
        public var maxExtensionDays: Int
        /// A reopened complaint's review (复查) is answered within this many days of reopening.
        public var reviewDays: Int
        /// The watch warns this many days before a limit.
        public var warningDays: Int

        public init(acknowledgeDays: Int = 15, answerDays: Int = 60, maxExtensionDays: Int = 30, reviewDays: Int = 30, warningDays: Int = 3) {
            self.acknowledgeDays = acknowledgeDays
            self.answerDays = answerDays
            self.maxExtensionDays = maxExtensionDays
            self.reviewDays = reviewDays
            self.warningDays = warningDays
        }
    }

    /// What a new complaint says, before it is checked.
    public struct Filing: Sendable, Equatable {
        public var channel: Channel
        public var recordedBy: Badge?
        public var subject: Subject
        public var text: String
        public var ticket: TicketID?
        public var caseFile: CaseID?
        public var hasContact: Bool
        public var transferNumber: String?

        public init(
            channel: Channel,
            recordedBy: Badge? = nil,
            subject: Subject,
            text: String,
            ticket: TicketID? = nil,
            caseFile: CaseID? = nil,
            hasContact: Bool,
            transferNumber: String? = nil
        ) {
            self.channel = channel
            self.recordedBy = recordedBy
            self.subject = subject
            self.text = text
            self.ticket = ticket
            self.caseFile = caseFile
            self.hasContact = hasContact
            self.transferNumber = transferNumber
        }
    }

    /// Files a complaint. `concerned` holds the officers of the linked ticket and case (the Store reads them); the
    /// officer complained about is added here.
    public static func file(
        _ filing: Filing,
        id: ComplaintID,
        concerned: Set<Badge>,
        at now: Date,
        on day: LocalDate
    ) throws(ComplaintError) -> (Complaint, [ComplaintEffect]) {
        var everyone = concerned
        if case .officer(let badge) = filing.subject { everyone.insert(badge) }
        guard filing.channel.isTakenByStaff == (filing.recordedBy != nil) else { throw .recorderMismatch }
        if let recorder = filing.recordedBy, everyone.contains(recorder) { throw .concernedOfficer }
        var transfer: String?
        if filing.channel == .phone12389 {
            let number = (filing.transferNumber ?? "").trimmingCharacters(in: .whitespaces)
            guard (1...32).contains(number.count), number.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw .transferNumberRequired
            }
            transfer = number
        }
        let complaint = Complaint(
            id: id,
            channel: filing.channel,
            recordedBy: filing.recordedBy,
            subject: filing.subject,
            text: try Self.text(filing.text, limit: 2_000),
            ticket: filing.ticket,
            caseFile: filing.caseFile,
            hasContact: filing.hasContact,
            transferNumber: transfer,
            receivedAt: now,
            receivedOn: day,
            concerned: everyone.sorted { $0.value < $1.value },
            stage: .received
        )
        return (complaint, [.history(.init(.filed(complaint.channel), by: filing.recordedBy, at: now)), .notifySupervisors])
    }

    /// 受理: a supervisor or duty leader acknowledges it and names the handler; neither may be concerned.
    public mutating func acknowledge(handler: Badge, by officer: Badge, at now: Date, on day: LocalDate) throws(ComplaintError) -> [ComplaintEffect] {
        try requireUnconcerned(officer)
        try requireUnconcerned(handler)
        guard stage == .received else { throw stage == .closed ? .closed : .alreadyAcknowledged }
        self.handler = handler
        acknowledgedOn = day
        stage = .investigating
        return [.history(.init(.acknowledged(handler: handler), by: officer, at: now)), .notifyHandler(handler)]
    }

    /// A supervisor gives it to another handler, never to an officer it concerns.
    public mutating func reassign(to newHandler: Badge, by officer: Badge, at now: Date) throws(ComplaintError) -> [ComplaintEffect] {
        try requireUnconcerned(officer)
        try requireUnconcerned(newHandler)
        guard stage == .investigating, let previous = handler else { throw stage == .closed ? .closed : .notInvestigating }
        guard newHandler != previous else { throw .sameHandler }
        handler = newHandler
        return [.history(.init(.reassigned(from: previous, to: newHandler), by: officer, at: now)), .notifyHandler(newHandler)]
    }

    /// The handler records what the investigation found so far (attachments as text).
    public mutating func addNote(_ text: String, by officer: Badge, at now: Date) throws(ComplaintError) -> [ComplaintEffect] {
        try requireHandler(officer)
        guard stage == .investigating else { throw stage == .closed ? .closed : .notInvestigating }
        let note = Note(text: try Self.text(text, limit: 4_000), by: officer, at: now)
        notes.append(note)
        return [.history(.init(.note(note.text), by: officer, at: now))]
    }

    /// One extension of the answer limit, with its reason, approved by a supervisor who is not concerned.
    public mutating func extend(
        days: Int,
        reason: String,
        by supervisor: Badge,
        at now: Date,
        policy: Policy = Policy()
    ) throws(ComplaintError) -> [ComplaintEffect] {
        try requireUnconcerned(supervisor)
        guard stage == .received || stage == .investigating else { throw stage == .closed ? .closed : .notInvestigating }
        guard reopenedOn == nil else { throw .extensionAfterReopening }
        guard extensionGranted == nil else { throw .alreadyExtended }
        guard (1...policy.maxExtensionDays).contains(days) else { throw .extensionOutOfRange(max: policy.maxExtensionDays) }
        extensionGranted = Extension(days: days, reason: try Self.text(reason, limit: 1_000), approvedBy: supervisor, at: now)
        return [.history(.init(.extended(days: days, reason: extensionGranted!.reason), by: supervisor, at: now))]
    }

    /// The handler answers. A finding names an officer the complaint concerns (by default the officer complained
    /// about) and goes on that officer's record (a review's finding replaces the first); substantiated in whole or part,
    /// it counts against them. An anonymous complaint closes with
    /// its answer (nobody to tell); otherwise the answer is sent and the complainant may rate it.
    public mutating func answer(
        _ text: String,
        finding: Finding? = nil,
        against named: Badge? = nil,
        by officer: Badge,
        at now: Date
    ) throws(ComplaintError) -> [ComplaintEffect] {
        try requireHandler(officer)
        guard stage == .investigating else { throw stage == .closed ? .closed : .notInvestigating }
        var against = named
        if against == nil, finding != nil, case .officer(let badge) = subject { against = badge }
        if let against, !concerned.contains(against) { throw .findingAgainstUnconcerned }
        if named != nil, finding == nil { throw .findingAgainstUnconcerned }
        if finding != nil, against == nil { throw .findingNeedsOfficer }
        let given = Answer(text: try Self.text(text, limit: 4_000), finding: finding, against: against, by: officer, at: now)
        answers.append(given)
        satisfied = nil
        stage = hasContact ? .answered : .closed
        var effects: [ComplaintEffect] = [.history(.init(.answered(finding), by: officer, at: now))]
        if hasContact { effects.append(.sendAnswer(given.text)) }
        if let finding, let against { effects.append(.recordFinding(against, finding)) }
        return effects
    }

    /// The complainant's view of the answer (through the query code). Satisfied closes the complaint.
    public mutating func rateAnswer(satisfied: Bool, at now: Date) throws(ComplaintError) -> [ComplaintEffect] {
        guard hasContact else { throw .anonymous }
        guard stage == .answered else { throw stage == .closed ? .closed : .notAnswered }
        guard self.satisfied == nil else { throw .alreadyRated }
        self.satisfied = satisfied
        if satisfied { stage = .closed }
        return [.history(.init(.rated(satisfied: satisfied), by: nil, at: now))]
    }

    /// Reopens for review (复查), once, when the complainant was not satisfied with the answer.
    public mutating func reopen(at now: Date, on day: LocalDate) throws(ComplaintError) -> [ComplaintEffect] {
        guard hasContact else { throw .anonymous }
        guard reopenedOn == nil else { throw .reopenedAlready }
        guard stage == .answered || stage == .closed, satisfied == false else { throw .reopenNeedsDissatisfaction }
        reopenedOn = day
        satisfied = nil
        stage = .investigating
        var effects: [ComplaintEffect] = [.history(.init(.reopened, by: nil, at: now))]
        if let handler { effects.append(.notifyHandler(handler)) }
        return effects
    }

    /// The handler closes an answered complaint the complainant has not rated (or rated unsatisfied and left).
    public mutating func close(by officer: Badge, at now: Date) throws(ComplaintError) -> [ComplaintEffect] {
        try requireHandler(officer)
        guard stage == .answered else { throw stage == .closed ? .closed : .notAnswered }
        stage = .closed
        return [.history(.init(.closed, by: officer, at: now))]
    }

    /// Whether `badge` may see the complaint at all: never an officer it concerns.
    public func isVisible(to badge: Badge) -> Bool { !concerned.contains(badge) }

    private func requireUnconcerned(_ badge: Badge) throws(ComplaintError) {
        guard isVisible(to: badge) else { throw .concernedOfficer }
    }

    private func requireHandler(_ badge: Badge) throws(ComplaintError) {
        try requireUnconcerned(badge)
        guard badge == handler else { throw .notHandler }
    }

    static func text(_ text: String, limit: Int) throws(ComplaintError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyText }
        guard trimmed.count <= limit else { throw .textTooLong(max: limit) }
        return Masking.maskPersonalNumbers(in: trimmed)
    }

    /// Rebuilds a complaint from its stored fields (the Store's row).
    public init(
        id: ComplaintID,
        channel: Channel,
        recordedBy: Badge?,
        subject: Subject,
        text: String,
        ticket: TicketID?,
        caseFile: CaseID?,
        hasContact: Bool,
        transferNumber: String?,
        receivedAt: Date,
        receivedOn: LocalDate,
        concerned: [Badge],
        stage: Stage,
        handler: Badge? = nil,
        acknowledgedOn: LocalDate? = nil,
        notes: [Note] = [],
        answers: [Answer] = [],
        extensionGranted: Extension? = nil,
        satisfied: Bool? = nil,
        reopenedOn: LocalDate? = nil
    ) {
        self.id = id
        self.channel = channel
        self.recordedBy = recordedBy
        self.subject = subject
        self.text = text
        self.ticket = ticket
        self.caseFile = caseFile
        self.hasContact = hasContact
        self.transferNumber = transferNumber
        self.receivedAt = receivedAt
        self.receivedOn = receivedOn
        self.concerned = concerned
        self.stage = stage
        self.handler = handler
        self.acknowledgedOn = acknowledgedOn
        self.notes = notes
        self.answers = answers
        self.extensionGranted = extensionGranted
        self.satisfied = satisfied
        self.reopenedOn = reopenedOn
    }
}

/// What an event of a complaint asks the Store to do besides saving it.
public enum ComplaintEffect: Sendable, Equatable {
    case history(ComplaintEntry)
    /// A new complaint: every supervisor it does not concern is told.
    case notifySupervisors
    case notifyHandler(Badge)
    /// The answer, to the complainant's phone through the outbox.
    case sendAnswer(String)
    /// The finding about an officer, onto the officer's record (replacing this complaint's earlier finding).
    case recordFinding(Badge, Complaint.Finding)
}
