import Foundation

extension CaseFile {
    /// An officer's refusal at intake (the applicant does not meet the conditions), with the legal basis.
    public struct Refusal: Sendable, Equatable {
        public var reason: String
        public var legalBasis: [String]

        public init(reason: String, legalBasis: [String]) {
            self.reason = reason
            self.legalBasis = legalBasis
        }
    }

    // MARK: Checklist

    /// Records what the officer found for some materials, as a new checklist version. After a one-time notice, a
    /// re-check that finds a problem the notice does not list is refused (`NoticeError.notOnNotice`): asking for it
    /// needs a correction approved by the duty leader.
    public mutating func check(_ marks: [(Int, Checklist.State)], by officer: Officer) throws -> [CaseEffect] {
        try Self.checkHandler(officer)
        return try apply { file in
            try file.require([.intake, .awaitingSupplement])
            var checklist = file.checklist
            for (index, state) in marks { try checklist.mark(index, state) }
            if file.ledger.notice != nil, let unlisted = file.ledger.unlisted(in: checklist).first {
                throw NoticeError.notOnNotice(index: unlisted.index)
            }
            file.checklist = checklist
            file.checklistVersion += 1
            return [.keepChecklist(by: officer.badge), .history(.checklist(version: file.checklistVersion), by: officer.badge)]
        }
    }

    // MARK: Intake outcome

    /// Decides intake from the checklist (`Checklist.outcome`), or refuses when `refusal` is given: 即办件 completed with
    /// a 办结通知书; accepted with a 受理通知书 and the deadline clock `newClock`; a 一次性告知书; 容缺受理 with the signed
    /// commitment and a supplement deadline no later than the promised due date; or 不予受理.
    public mutating func decideIntake(
        commitmentSigned: Bool,
        supplementDue: LocalDate?,
        refusal: Refusal?,
        guide: Guide,
        by officer: Officer,
        newClock: DeadlineClockID,
        _ today: Today
    ) throws -> [CaseEffect] {
        try Self.checkHandler(officer)
        return try apply { file in
            try file.require([.intake, .awaitingSupplement])
            if let refusal {
                guard let reason = CaseText.freeText(refusal.reason) else { throw CaseError.reasonRequired }
                return try file.refuse(reason: reason, legalBasis: refusal.legalBasis, guide: guide, by: officer, today)
            }
            let outcome = try file.checklist.outcome(guide: guide, applicant: file.applicant, commitmentSigned: commitmentSigned)
            return try file.follow(
                outcome,
                commitmentSigned: commitmentSigned,
                supplementDue: supplementDue,
                guide: guide,
                by: officer,
                newClock: newClock,
                today
            )
        }
    }

    /// What intake decided, carried out.
    mutating func follow(
        _ outcome: Checklist.Outcome,
        commitmentSigned: Bool,
        supplementDue: LocalDate?,
        guide: Guide,
        by officer: Officer,
        newClock: DeadlineClockID,
        _ today: Today
    ) throws -> [CaseEffect] {
        switch outcome {
        case .refuse(let reason):
            return try refuse(reason: reason, legalBasis: DocumentDraft.legalBasis(of: guide), guide: guide, by: officer, today)
        case .completeImmediate:
            try ledger.recordDecision(on: today.date)
            stage = .completed
            acceptedOn = today.date
            return [.history(.completed, by: officer.badge), .issue(.completionReceipt(self, guide: guide, by: officer, today))]
        case .accept:
            return try accept(from: today.date, deemed: false, deferral: nil, guide: guide, by: officer, newClock: newClock, today)
        case .acceptWithDeferral(let items):
            self.commitmentSigned = commitmentSigned
            return try accept(
                from: today.date,
                deemed: false,
                deferral: (items, supplementDue),
                guide: guide,
                by: officer,
                newClock: newClock,
                today
            )
        case .oneTimeNotice(let items):
            try ledger.issue(items, by: officer, on: today.date, calendar: today.calendar)
            stage = .awaitingSupplement
            return [
                .history(.notice(materials: items.map(\.material)), by: officer.badge),
                .issue(.oneTimeNotice(self, items: items, guide: guide, by: officer, today)),
            ]
        }
    }

    /// Accepts from `day`: the clock starts with the pinned guide's limits, the approval steps are laid out with the
    /// window's 受理 step done, and a 受理通知书 (or a 容缺受理通知书) is issued.
    mutating func accept(
        from day: LocalDate,
        deemed: Bool,
        deferral: (items: [NoticeItem], due: LocalDate?)?,
        guide: Guide,
        by officer: Officer,
        newClock: DeadlineClockID,
        _ today: Today
    ) throws -> [CaseEffect] {
        if ledger.decidedOn == nil { try ledger.recordDecision(on: max(day, receivedOn)) }
        let clock = try DeadlineClock(
            acceptedOn: day,
            statutoryLimit: guide.limits.statutoryWorkingDays,
            promisedLimit: guide.limits.promisedWorkingDays
        )
        let status = clock.status(on: today.date, calendar: today.calendar)
        if let deferral {
            let due = deferral.due ?? status.promisedDue
            guard due <= status.promisedDue else { throw CaseError.supplementDueTooLate(promisedDue: status.promisedDue) }
            guard due >= today.date else { throw CaseError.supplementDueInPast }
            self.deferral = Deferral(items: deferral.items, due: due, received: [])
        }
        stage = .accepted
        acceptedOn = day
        self.deemed = deemed
        self.clock = newClock
        steps = guide.steps.enumerated().map { offset, step in
            let first = offset == 0 && step.actor == .window
            return CaseStep(
                position: offset + 1,
                name: step.name,
                actor: step.actor,
                assignee: step.actor == .window ? self.officer : nil,
                opinion: first ? CaseMessages.acceptanceOpinion(deemed: deemed) : nil,
                approve: first ? true : nil,
                decidedAt: first ? today.now : nil
            )
        }
        let how: CaseHistoryEntry.Acceptance = deemed ? .deemed : (self.deferral == nil ? .accepted : .withDeferral)
        return [
            .startClock(ClockStart(id: newClock, clock: clock, status: status, subject: "\(applicant.name) \(guide.name) \(queryCode)")),
            .layOutSteps,
            .history(.accepted(how, from: day), by: officer.badge),
            .issue(.acceptance(self, from: day, status: status, guide: guide, by: officer, today)),
        ]
    }

    /// 不予受理, with the reason and the legal basis.
    mutating func refuse(reason: String, legalBasis: [String], guide: Guide, by officer: Officer, _ today: Today) throws -> [CaseEffect] {
        if ledger.decidedOn == nil { try ledger.recordDecision(on: today.date) }
        stage = .notAccepted
        decision = Decision(granted: false, reason: reason, legalBasis: legalBasis, decidedBy: officer.badge, decidedOn: today.date)
        return [.history(.notAccepted(reason: reason), by: officer.badge), .issue(.refusal(self, guide: guide, by: officer, today))]
    }

    // MARK: The one-time rule

    /// Asks the applicant (again) for a material. Refused with `NoticeError.notOnNotice` unless it is on the notice or
    /// an approved correction added it.
    public mutating func requestItem(_ index: Int, by officer: Officer, _ today: Today) throws -> [CaseEffect] {
        try Self.checkHandler(officer)
        return try apply { file in
            try file.require([.awaitingSupplement])
            try file.ledger.request(index, on: today.date)
            return [.history(.requested(index: index), by: officer.badge)]
        }
    }

    /// Adds items to the notice with a reason, approved by the duty leader: recorded as a breach against the officer
    /// who issued the notice, and printed as a correction of the notice. The checklist follows the corrected notice.
    public mutating func correctNotice(
        adding items: [(Int, NoticeItem.Problem)],
        reason: String,
        approvedBy leader: Officer,
        guide: Guide,
        _ today: Today
    ) throws -> [CaseEffect] {
        try apply { file in
            try file.require([.awaitingSupplement])
            let noticeItems = try items.map { index, problem throws(IntakeError) in try NoticeItem(index: index, of: guide, problem: problem) }
            try file.ledger.correct(adding: noticeItems, reason: reason, approvedBy: leader, on: today.date)
            for item in noticeItems {
                switch item.problem {
                case .missing, .short: try file.checklist.mark(item.index, .missing)
                case .defective(let reason): try file.checklist.mark(item.index, .defective(reason: reason))
                }
            }
            file.checklistVersion += 1
            var effects: [CaseEffect] = [.keepChecklist(by: leader.badge)]
            if let breach = file.ledger.breaches.last { effects.append(.history(.breach(breach), by: breach.officer)) }
            effects.append(.issue(.correction(file, items: noticeItems, guide: guide, by: leader, today)))
            return effects
        }
    }

    // MARK: Supplements

    /// Receives materials: items on the notice (once everything listed has arrived, intake is decided again and,
    /// complete, the case is accepted from that day), or 容缺 items after acceptance.
    public mutating func receiveSupplements(
        _ indices: [Int],
        guide: Guide,
        by officer: Officer,
        newClock: DeadlineClockID,
        _ today: Today
    ) throws -> [CaseEffect] {
        try Self.checkHandler(officer)
        return try apply { file in
            switch file.stage {
            case .awaitingSupplement:
                for index in indices {
                    try file.ledger.receive(index, on: today.date)
                    try file.markProvided(index, guide)
                }
            case .accepted:
                guard var deferral = file.deferral else { throw CaseError.wrongStage(file.stage) }
                for index in indices {
                    guard deferral.items.contains(where: { $0.index == index }) else { throw CaseError.notExpected(index: index) }
                    if !deferral.received.contains(index) { deferral.received.append(index) }
                    try file.markProvided(index, guide)
                }
                file.deferral = deferral
            default:
                throw CaseError.wrongStage(file.stage)
            }
            file.checklistVersion += 1
            let effects: [CaseEffect] = [.keepChecklist(by: officer.badge), .history(.supplied(indices: indices), by: officer.badge)]
            guard file.stage == .awaitingSupplement, file.ledger.allSupplied else { return effects }
            let outcome = try file.checklist.outcome(guide: guide, applicant: file.applicant, commitmentSigned: false)
            if case .oneTimeNotice = outcome { return effects }
            let decided = try file.follow(
                outcome,
                commitmentSigned: false,
                supplementDue: nil,
                guide: guide,
                by: officer,
                newClock: newClock,
                today
            )
            return effects + decided
        }
    }

    private mutating func markProvided(_ index: Int, _ guide: Guide) throws {
        guard guide.materials.indices.contains(index) else { throw IntakeError.unknownMaterial(index: index) }
        let material = guide.materials[index]
        try checklist.mark(index, .provided(originals: material.originals, copies: material.copies))
    }
}
