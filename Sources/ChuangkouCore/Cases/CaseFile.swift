import Foundation

/// A case (办件) from intake to decision, and its state machine: the stage, the checklist, the one-time-notice ledger,
/// the approval steps, the decision and delivery.
///
/// Each event is a `mutating func` that checks the stage and the rules, changes the file, and returns the effects the
/// store must persist in the same transaction (history lines, checklist versions, a clock started or stopped, a
/// document, a message), or throws why it cannot happen (`CaseError`, `IntakeError`, `NoticeError`): a refused event
/// leaves the file as it was. Core never reads the clock or draws random numbers: the caller passes `Today`, the new
/// case's identifiers and the identifier a clock would get.
public struct CaseFile: Sendable, Equatable {
    public let id: CaseID
    /// The status-query code (受理编号 / 查询码) printed on every document.
    public let queryCode: String
    /// The guide version in force when the case was opened; the case follows it to the end.
    public let guide: GuideReference
    public let ticket: TicketID?
    public let window: WindowNumber?
    /// The officer who opened the case and answers for it (首问负责).
    public let officer: Badge
    public internal(set) var applicant: Applicant
    public internal(set) var fields: [String: String]
    public internal(set) var stage: CaseStage
    public let receivedAt: Date
    public internal(set) var acceptedOn: LocalDate?
    /// Accepted by 行政许可法 Art. 32 because no notice came within 5 working days.
    public internal(set) var deemed: Bool
    public internal(set) var commitmentSigned: Bool
    public internal(set) var checklist: Checklist
    public internal(set) var checklistVersion: Int
    public internal(set) var ledger: OneTimeNoticeLedger
    public internal(set) var deferral: Deferral?
    public internal(set) var clock: DeadlineClockID?
    public internal(set) var delivery: Delivery?
    public internal(set) var decision: Decision?
    /// The officer was warned that the notice deadline is near (once).
    public internal(set) var noticeWarned: Bool
    /// The approval steps, laid out at acceptance from the pinned guide.
    public internal(set) var steps: [CaseStep]
    /// At a window, or on site with its visit (现场办公).
    public let channel: CaseChannel

    /// A case as it was stored.
    public init(
        id: CaseID,
        queryCode: String,
        guide: GuideReference,
        ticket: TicketID?,
        window: WindowNumber?,
        officer: Badge,
        applicant: Applicant,
        fields: [String: String],
        stage: CaseStage,
        receivedAt: Date,
        acceptedOn: LocalDate?,
        deemed: Bool,
        commitmentSigned: Bool,
        checklist: Checklist,
        checklistVersion: Int,
        ledger: OneTimeNoticeLedger,
        deferral: Deferral?,
        clock: DeadlineClockID?,
        delivery: Delivery?,
        decision: Decision?,
        noticeWarned: Bool,
        steps: [CaseStep],
        channel: CaseChannel = .window
    ) {
        self.id = id
        self.queryCode = queryCode
        self.guide = guide
        self.ticket = ticket
        self.window = window
        self.officer = officer
        self.applicant = applicant
        self.fields = fields
        self.stage = stage
        self.receivedAt = receivedAt
        self.acceptedOn = acceptedOn
        self.deemed = deemed
        self.commitmentSigned = commitmentSigned
        self.checklist = checklist
        self.checklistVersion = checklistVersion
        self.ledger = ledger
        self.deferral = deferral
        self.clock = clock
        self.delivery = delivery
        self.decision = decision
        self.noticeWarned = noticeWarned
        self.steps = steps
        self.channel = channel
    }

    /// The day the materials were received.
    public var receivedOn: LocalDate { ledger.receivedOn }

    /// What the applicant still has to bring: the notice's outstanding items, or the 容缺 ones.
    public var stillMissing: [NoticeItem] {
        switch stage {
        case .awaitingSupplement, .intake: ledger.notice == nil ? [] : ledger.outstanding
        case .accepted: deferral?.outstanding ?? []
        default: []
        }
    }

    // MARK: Opening

    /// Whether `officer` may act on the case: its holder (who opened it), one the next step was handed to, or a duty
    /// leader (issue 9: any officer could act on any case).
    public func mayAct(_ officer: Officer) -> Bool {
        officer.badge == self.officer || officer.roles.isDutyLeader || steps.first(where: { !$0.isDone })?.assignee == officer.badge
    }

    func requireActor(_ officer: Officer) throws(CaseError) {
        guard mayAct(officer) else { throw .notHolder }
    }

    /// Why `officer` may read the case (issue 9): those who act on it, took one of its steps or may take its next
    /// open step (the 审核 is handed to no one until taken: every handler but the accepter may review, and must read
    /// the file to do it) read freely; anyone else gives a reason, returned masked for the audit. Nil: no reason was
    /// needed. Every read is audited either way.
    public func readingReason(of officer: Officer, given reason: String?) throws(CaseError) -> String? {
        if mayAct(officer) || steps.contains(where: { $0.assignee == officer.badge }) || mayReview(officer) { return nil }
        let text = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (2...200).contains(text.count) else { throw .readReasonRequired }
        return Masking.maskPersonalNumbers(in: text)
    }

    /// Whether the next open step is a review (审核) that `officer` could take now (`recordStep`'s rule).
    func mayReview(_ officer: Officer) -> Bool {
        guard stage == .accepted || stage == .granted, officer.mayWorkAtWindow, officer.badge != self.officer else { return false }
        return steps.first(where: { !$0.isDone })?.actor == .reviewer
    }

    /// Refuses administrators: they configure the hall, they do not handle cases.
    public static func checkHandler(_ officer: Officer) throws(CaseError) {
        guard officer.mayWorkAtWindow else { throw .officerMayNotHandle }
    }

    /// Refuses a ticket that is not called to, or being served at, this officer's window.
    public static func checkTicket(_ ticket: Ticket, for officer: Officer) throws(CaseError) {
        guard ticket.status.isActiveAtWindow, ticket.officer == officer.badge else { throw .ticketNotAtWindow }
    }

    /// Opens a case at the window, for the ticket called there or for a walk-in, or on site (`channel`, checked by
    /// `OnSiteVisit.checkIntake`; never with a ticket), pinned to `guide` (the version in force), received now, with
    /// every material unchecked.
    /// - Throws: `CaseError` (an administrator, a ticket not at this window or on site, business fields that do not
    ///   fit the guide) or `IntakeError` (a blank name).
    public static func open(
        id: CaseID,
        queryCode: String,
        guide: GuideVersion,
        ticket: Ticket?,
        applicant: Applicant,
        fields: [String: String],
        by officer: Officer,
        channel: CaseChannel = .window,
        _ today: Today
    ) throws -> (CaseFile, [CaseEffect]) {
        try checkHandler(officer)
        try applicant.check()
        if let ticket {
            // A ticket is the hall's: an on-site case has none.
            guard channel == .window else { throw CaseError.ticketNotAtWindow }
            try checkTicket(ticket, for: officer)
        }
        let file = CaseFile(
            id: id,
            queryCode: queryCode,
            guide: GuideReference(code: guide.guide.code, version: guide.version),
            ticket: ticket?.id,
            window: ticket?.window,
            officer: officer.badge,
            applicant: applicant,
            fields: try guide.guide.checkedFields(fields),
            stage: .intake,
            receivedAt: today.now,
            acceptedOn: nil,
            deemed: false,
            commitmentSigned: false,
            checklist: Checklist(guide: guide.guide),
            checklistVersion: 1,
            ledger: OneTimeNoticeLedger(receivedOn: today.date),
            deferral: nil,
            clock: nil,
            delivery: nil,
            decision: nil,
            noticeWarned: false,
            steps: [],
            channel: channel
        )
        return (file, [.keepChecklist(by: officer.badge), .history(.opened(ticket: ticket?.id), by: officer.badge)])
    }

    // MARK: For every event

    func require(_ stages: Set<CaseStage>) throws(CaseError) {
        guard stages.contains(stage) else { throw .wrongStage(stage) }
    }

    /// Runs an event on a copy and keeps it only if the event succeeds, so a refusal changes nothing.
    mutating func apply(_ event: (inout CaseFile) throws -> [CaseEffect]) rethrows -> [CaseEffect] {
        var changed = self
        let effects = try event(&changed)
        self = changed
        return effects
    }
}
