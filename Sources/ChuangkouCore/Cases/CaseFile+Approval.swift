import Foundation

extension CaseFile {
    // MARK: Approval steps

    /// The opinion of a step, trimmed; a blank one is refused.
    public static func checkOpinion(_ opinion: String) throws(CaseError) -> String {
        guard let opinion = CaseText.freeText(opinion) else { throw .blankOpinion }
        return opinion
    }

    /// Records the opinion of approval step `position` (1-based, in the pinned guide's order). Steps are taken in
    /// order; a leader's step (审批) needs the duty leader. After a grant the later steps (制证, 发证) still follow.
    public mutating func recordStep(
        _ position: Int,
        opinion: String,
        approve: Bool,
        by officer: Officer,
        _ today: Today
    ) throws
        -> [CaseEffect]
    {
        try Self.checkHandler(officer)
        let opinion = try Self.checkOpinion(opinion)
        return try apply { file in
            guard file.stage == .accepted || (file.stage == .granted && position > 1) else { throw CaseError.wrongStage(file.stage) }
            guard let index = file.steps.firstIndex(where: { $0.position == position }) else { throw CaseError.unknownStep(position) }
            let next = file.steps.first { !$0.isDone }
            guard next?.position == position else { throw CaseError.stepOutOfOrder(expected: next?.position ?? 0) }
            switch file.steps[index].actor {
            case .leader: if officer.role != .dutyLeader { throw CaseError.stepNeedsLeader }
            // Four eyes: anyone who handles cases may review, except the officer who accepted it.
            case .reviewer: if officer.badge == file.officer { throw CaseError.reviewByAccepter }
            default: try file.requireActor(officer)
            }
            file.steps[index].assignee = officer.badge
            file.steps[index].opinion = opinion
            file.steps[index].approve = approve
            file.steps[index].decidedAt = today.now
            return [
                .recordStep(position: position),
                .history(.step(position: position, name: file.steps[index].name, opinion: opinion), by: officer.badge),
            ]
        }
    }

    // MARK: Decision

    /// 准予 or 不予行政许可: after the review and approval steps (every step up to the last leader step, or every
    /// window and reviewer step when there is none), following the leader's opinion. Stops the clock, issues the
    /// decision and tells the applicant the result is ready.
    public mutating func decide(
        grant: Bool,
        reason: String?,
        legalBasis: [String],
        guide: Guide,
        by officer: Officer,
        _ today: Today
    ) throws -> [CaseEffect] {
        try Self.checkHandler(officer)
        return try apply { file in
            try file.require([.accepted])
            let lastLeader = file.steps.last(where: { $0.actor == .leader })?.position
            // The leader step's holder decides; without a leader step, whoever may act on the case.
            if let holder = file.steps.last(where: { $0.actor == .leader && $0.isDone })?.assignee {
                guard holder == officer.badge else { throw CaseError.decisionByOther }
            } else {
                try file.requireActor(officer)
            }
            let required = file.steps.filter { step in
                if let lastLeader { return step.position <= lastLeader }
                return step.actor == .window || step.actor == .reviewer
            }
            let pending = required.filter { !$0.isDone }
            guard pending.isEmpty else { throw CaseError.stepsPending(pending.map(\.name)) }
            if let lastLeader, let approval = file.steps.first(where: { $0.position == lastLeader })?.approve, approval != grant {
                throw CaseError.decisionAgainstApproval
            }
            let reason = CaseText.freeText(reason)
            if grant {
                if let deferral = file.deferral, !deferral.outstanding.isEmpty {
                    throw CaseError.deferredOutstanding(deferral.outstanding.map(\.material))
                }
            } else if reason == nil {
                throw CaseError.reasonRequired
            }
            let basis = legalBasis.isEmpty ? DocumentDraft.legalBasis(of: guide) : legalBasis
            file.decision = Decision(granted: grant, reason: reason, legalBasis: basis, decidedBy: officer.badge, decidedOn: today.date)
            file.stage = grant ? .granted : .denied
            return (file.clock.map { [.stopClock($0)] } ?? []) + [
                .history(.decided(granted: grant, reason: reason), by: officer.badge),
                .issue(.decision(file, guide: guide, by: officer, today)),
                .notifyApplicant(kind: .caseResultReady, values: CaseMessages.resultReady(file, guide: guide, hall: today.hall)),
            ]
        }
    }

    // MARK: Delivery

    /// Registers how the applicant receives the result (mail, proxy pickup with the proxy's name and ID, or in person).
    public mutating func registerDelivery(_ delivery: Delivery, by officer: Officer) throws -> [CaseEffect] {
        try Self.checkHandler(officer)
        try requireActor(officer)
        try delivery.check()
        return try apply { file in
            guard ![.notAccepted, .terminated, .completed].contains(file.stage) else { throw CaseError.wrongStage(file.stage) }
            file.delivery = delivery
            return [.history(.delivery(delivery.method), by: officer.badge)]
        }
    }
}
