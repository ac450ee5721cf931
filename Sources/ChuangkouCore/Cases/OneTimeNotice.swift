/// The one-time notice (一次性告知) of one case, and the rule that makes it one-time.
///
/// 行政许可法 Art. 32: when materials are incomplete or not in legal form, the applicant is told **once**, on the spot or
/// within 5 days, everything to supplement; if not told, the application counts as accepted from the day the
/// materials were received.
///
/// The ledger enforces both halves:
///
/// - **Once.** A case has at most one original notice (`issue`). From then on the case may ask (`request`) only for
///   items on it. Anything else needs a `correct`ion first, with a reason, approved by the duty leader (值班领导); the
///   correction adds its items to the notice and is recorded as a `Breach` against the officer who issued the notice,
///   for supervisors to see. Items are identified by their material's position in the pinned guide.
/// - **Within 5 days.** The law says "5日"; read with Art. 82 (limits in working days, counting from the day after
///   the event) this is taken as **5 working days counted from the day after receipt**: materials received on Thu
///   2026-02-12 may be noticed up to Thu 2026-02-26 (the Spring Festival days off do not count). The hall is warned
///   on the last working day before the deadline and on the deadline itself (`shouldWarn`), a notice after the
///   deadline is refused, and once it has passed with no notice and no decision the case is deemed accepted from the
///   day of receipt (`deemedAccepted`).
///
/// As with `DeadlineClock`, the deadline is never stored: it is recomputed against the `WorkingDayCalendar`, so a
/// holiday notice published later corrects a provisional date. The ledger keeps its events in `history` and is
/// stored as them; decoding replays them through the same checks.
public struct OneTimeNoticeLedger: Sendable, Equatable {
    /// 行政许可法 Art. 32: "5日", read as working days (see above).
    public static let noticeWorkingDays = 5

    /// The original 一次性告知书.
    public struct Notice: Sendable, Equatable, Codable {
        public let items: [NoticeItem]
        /// The officer who signed it off.
        public let issuedBy: Badge
        public let issuedOn: LocalDate
    }

    /// Items added to the notice after it was issued, approved by the duty leader.
    public struct Correction: Sendable, Equatable, Codable {
        public let items: [NoticeItem]
        public let reason: String
        public let approvedBy: Badge
        public let correctedOn: LocalDate
    }

    /// A one-time-notice breach: the notice did not list everything, and the case asked for more. Recorded against
    /// the officer who issued the notice.
    public struct Breach: Sendable, Equatable, Codable {
        public let officer: Badge
        public let noticeIssuedOn: LocalDate
        public let recordedOn: LocalDate
        public let items: [NoticeItem]
        public let reason: String
        public let approvedBy: Badge
    }

    /// What happened, in order; the ledger's state is what these add up to.
    public enum Event: Sendable, Equatable, Codable {
        case issued(Notice)
        case corrected(Correction)
        /// The case asked (again) for a listed item, e.g. because what came was still defective.
        case requested(index: Int, on: LocalDate)
        /// A listed item arrived.
        case received(index: Int, on: LocalDate)
        /// Intake was decided (completed, accepted or refused); no notice can follow.
        case decided(on: LocalDate)
    }

    /// The day the materials were received: the start of the 5-day count and the deemed acceptance date.
    public let receivedOn: LocalDate
    public private(set) var history: [Event] = []
    public private(set) var notice: Notice?
    public private(set) var corrections: [Correction] = []
    public private(set) var decidedOn: LocalDate?
    /// Indices of listed items supplied and not asked for again since.
    private var supplied: Set<Int> = []

    public init(receivedOn: LocalDate) {
        self.receivedOn = receivedOn
    }

    // MARK: Reading

    /// Every item the case may ask for: the notice's, then each correction's.
    public var items: [NoticeItem] { (notice?.items ?? []) + corrections.flatMap(\.items) }

    /// Listed items not yet supplied.
    public var outstanding: [NoticeItem] { items.filter { !supplied.contains($0.index) } }

    /// A notice was issued and every item on it (corrections included) has been supplied: intake can resume.
    public var allSupplied: Bool { notice != nil && outstanding.isEmpty }

    public func isListed(_ index: Int) -> Bool { items.contains { $0.index == index } }

    /// One breach per correction, for supervisors.
    public var breaches: [Breach] {
        guard let notice else { return [] }
        return corrections.map {
            Breach(
                officer: notice.issuedBy,
                noticeIssuedOn: notice.issuedOn,
                recordedOn: $0.correctedOn,
                items: $0.items,
                reason: $0.reason,
                approvedBy: $0.approvedBy
            )
        }
    }

    /// Items a (re-checked) checklist finds wrong that the notice does not list: asking for them needs a correction.
    public func unlisted(in checklist: Checklist) -> [NoticeItem] {
        checklist.entries.compactMap(\.noticeItem).filter { !isListed($0.index) }
    }

    // MARK: The 5-day rule

    /// The last day a notice may be given for materials received on `received`: 5 working days after it.
    public static func noticeDeadline(
        received: LocalDate,
        calendar: WorkingDayCalendar
    ) -> WorkingDayCalendar.Reckoning<LocalDate> {
        // adding(workingDays:) only throws for a negative count.
        (try? calendar.adding(workingDays: noticeWorkingDays, to: received))
            ?? WorkingDayCalendar.Reckoning(value: received, provisional: true)
    }

    public func noticeDeadline(calendar: WorkingDayCalendar) -> WorkingDayCalendar.Reckoning<LocalDate> {
        Self.noticeDeadline(received: receivedOn, calendar: calendar)
    }

    /// Whether the hall should be warned today: no notice and no decision yet, and at most `warningWithin` working
    /// days left before the deadline (by default the last working day before it, the days off in between, and the
    /// deadline itself).
    public func shouldWarn(today: LocalDate, calendar: WorkingDayCalendar, warningWithin: Int = 1) -> Bool {
        guard notice == nil, decidedOn == nil, today >= receivedOn else { return false }
        let deadline = noticeDeadline(calendar: calendar).value
        guard today <= deadline else { return false }
        return calendar.workingDays(after: today, through: deadline).value <= warningWithin
    }

    /// Whether the case counts as accepted (from `receivedOn`) by Art. 32: the deadline has passed before `today`
    /// and neither a notice nor a decision came by the deadline.
    public func deemedAccepted(today: LocalDate, calendar: WorkingDayCalendar) -> Bool {
        let deadline = noticeDeadline(calendar: calendar).value
        if let notice, notice.issuedOn <= deadline { return false }
        if let decidedOn, decidedOn <= deadline { return false }
        return today > deadline
    }

    // MARK: Events

    /// Issues the one notice. Refused when one was issued already, after intake was decided, after the deadline,
    /// with no items or an item twice, or by an administrator.
    public mutating func issue(
        _ items: [NoticeItem],
        by officer: Officer,
        on day: LocalDate,
        calendar: WorkingDayCalendar
    ) throws(NoticeError) {
        guard officer.mayWorkAtWindow else { throw .officerMayNotIssue }
        var issued = self
        try issued.apply(.issued(Notice(items: items, issuedBy: officer.badge, issuedOn: day)))
        // After the other checks, so a second notice reports `alreadyIssued` rather than a late date.
        let deadline = noticeDeadline(calendar: calendar).value
        guard day <= deadline else { throw .deadlinePassed(deadline: deadline) }
        self = issued
    }

    /// Asks for a listed item (again). An item not on the notice is refused with `notOnNotice` unless a correction
    /// added it first.
    public mutating func request(_ index: Int, on day: LocalDate) throws(NoticeError) {
        try apply(.requested(index: index, on: day))
    }

    /// Adds items to the notice with a reason, approved by the duty leader; recorded as a breach against the officer
    /// who issued the notice. The leader may not approve a correction of their own notice.
    public mutating func correct(
        adding items: [NoticeItem],
        reason: String,
        approvedBy leader: Officer,
        on day: LocalDate
    ) throws(NoticeError) {
        guard leader.role == .dutyLeader else { throw .correctionNeedsDutyLeader }
        guard let reason = CaseText.freeText(reason) else { throw .blankReason }
        try apply(.corrected(Correction(items: items, reason: reason, approvedBy: leader.badge, correctedOn: day)))
    }

    /// A listed item arrived.
    public mutating func receive(_ index: Int, on day: LocalDate) throws(NoticeError) {
        try apply(.received(index: index, on: day))
    }

    /// Intake was decided (completed, accepted, accepted with deferral or refused); no notice can follow, and the
    /// 5-day rule no longer applies.
    public mutating func recordDecision(on day: LocalDate) throws(NoticeError) {
        try apply(.decided(on: day))
    }

    /// The checks every event passes, live or replayed. Live-only checks (roles, the deadline) are in the callers:
    /// the record keeps badges, and the deadline depends on the calendar of the day.
    private mutating func apply(_ event: Event) throws(NoticeError) {
        switch event {
        case .issued(let issued):
            guard notice == nil else { throw .alreadyIssued }
            guard decidedOn == nil else { throw .intakeDecided }
            guard issued.issuedOn >= receivedOn else { throw .beforeReceipt }
            try Self.checkNew(issued.items, listed: [])
            notice = issued
        case .corrected(let correction):
            let notice = try requireNotice(on: correction.correctedOn)
            guard correction.approvedBy != notice.issuedBy else { throw .selfApproval }
            guard CaseText.trimmed(correction.reason) != nil else { throw .blankReason }
            try Self.checkNew(correction.items, listed: Set(items.map(\.index)))
            corrections.append(correction)
        case .requested(let index, let day):
            _ = try requireNotice(on: day)
            guard isListed(index) else { throw .notOnNotice(index: index) }
            supplied.remove(index)
        case .received(let index, let day):
            _ = try requireNotice(on: day)
            guard isListed(index) else { throw .notOnNotice(index: index) }
            supplied.insert(index)
        case .decided(let day):
            guard decidedOn == nil else { throw .alreadyDecided }
            guard day >= receivedOn else { throw .beforeReceipt }
            decidedOn = day
        }
        history.append(event)
    }

    private func requireNotice(on day: LocalDate) throws(NoticeError) -> Notice {
        guard let notice else { throw .noNotice }
        guard day >= notice.issuedOn else { throw .beforeNotice }
        return notice
    }

    private static func checkNew(_ items: [NoticeItem], listed: Set<Int>) throws(NoticeError) {
        guard !items.isEmpty else { throw .noItems }
        var seen = listed
        for item in items {
            guard !listed.contains(item.index) else { throw .alreadyOnNotice(index: item.index) }
            guard seen.insert(item.index).inserted else { throw .duplicateItem(index: item.index) }
        }
    }

    private static func replay(receivedOn: LocalDate, _ events: some Sequence<Event>) throws(NoticeError) -> Self {
        var ledger = OneTimeNoticeLedger(receivedOn: receivedOn)
        for event in events { try ledger.apply(event) }
        return ledger
    }
}

extension OneTimeNoticeLedger: Codable {
    private enum CodingKeys: String, CodingKey { case receivedOn, history }

    /// Decodes by replaying the history through the same checks, so a corrupt row fails here instead of giving,
    /// say, a case with two notices.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let receivedOn = try container.decode(LocalDate.self, forKey: .receivedOn)
        let history = try container.decode([Event].self, forKey: .history)
        do {
            self = try Self.replay(receivedOn: receivedOn, history)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "invalid one-time notice ledger: \(error)")
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(receivedOn, forKey: .receivedOn)
        try container.encode(history, forKey: .history)
    }
}

/// Why the one-time-notice ledger refused an event.
public enum NoticeError: Error, Equatable, Sendable {
    /// A case has one original notice; later additions are corrections.
    case alreadyIssued
    /// Nothing can be asked for or received before a notice lists it.
    case noNotice
    case noItems
    case duplicateItem(index: Int)
    /// The key rule: the item is not on the notice, and no approved correction added it.
    case notOnNotice(index: Int)
    case alreadyOnNotice(index: Int)
    case correctionNeedsDutyLeader
    /// The duty leader who issued the notice may not approve its correction.
    case selfApproval
    case officerMayNotIssue
    case blankReason
    case beforeReceipt
    case beforeNotice
    /// Art. 32: more than 5 working days after receipt the case is already deemed accepted.
    case deadlinePassed(deadline: LocalDate)
    /// Intake was decided; a notice can no longer be issued.
    case intakeDecided
    case alreadyDecided
}

extension NoticeError {
    public var chinese: String {
        switch self {
        case .alreadyIssued: "本案已出具一次性告知书，不得再次告知；如需补充告知，须经值班领导批准更正"
        case .noNotice: "本案尚未出具一次性告知书"
        case .noItems: "告知书至少应列明一项材料"
        case .duplicateItem(let index): "第\(index + 1)项材料重复列出"
        case .notOnNotice(let index):
            "第\(index + 1)项材料不在一次性告知书内，不得要求补正；如确需补正，"
                + "须经值班领导批准更正并记录"
        case .alreadyOnNotice(let index): "第\(index + 1)项材料已在告知书内"
        case .correctionNeedsDutyLeader: "告知书更正须经值班领导批准"
        case .selfApproval: "出具告知书的民警不得批准本告知书的更正"
        case .officerMayNotIssue: "系统管理员不得出具告知书"
        case .blankReason: "请填写更正理由"
        case .beforeReceipt: "日期早于收到材料之日"
        case .beforeNotice: "日期早于告知书出具之日"
        case .deadlinePassed(let deadline): "已超过一次性告知期限（\(deadline)），依法自收到材料之日起即为受理"
        case .intakeDecided: "本案已作出受理决定，不得再出具告知书"
        case .alreadyDecided: "本案已作出受理决定"
        }
    }

    public var english: String {
        switch self {
        case .alreadyIssued: "this case already has its one-time notice; adding to it needs a correction approved by the duty leader"
        case .noNotice: "this case has no one-time notice"
        case .noItems: "a notice lists at least one material"
        case .duplicateItem(let index): "material \(index + 1) is listed twice"
        case .notOnNotice(let index):
            "material \(index + 1) is not on the one-time notice; asking for it needs a correction approved by the duty leader"
        case .alreadyOnNotice(let index): "material \(index + 1) is already on the notice"
        case .correctionNeedsDutyLeader: "a notice correction must be approved by the duty leader"
        case .selfApproval: "the officer who issued the notice may not approve its correction"
        case .officerMayNotIssue: "administrators do not issue notices"
        case .blankReason: "give the reason for the correction"
        case .beforeReceipt: "the date is before the materials were received"
        case .beforeNotice: "the date is before the notice was issued"
        case .deadlinePassed(let deadline): "the notice deadline (\(deadline)) has passed: the case counts as accepted from the day of receipt"
        case .intakeDecided: "intake was decided; no notice can follow"
        case .alreadyDecided: "intake was already decided"
        }
    }
}
