import Foundation

/// What the daily case jobs do to one case (行政许可法 第三十二条, 容缺受理).
public enum SweepDecision: Sendable, Equatable {
    /// No notice and no decision within 5 working days of receipt: accepted from the day of receipt.
    case deemAccepted
    /// The last working day before that (or the deadline itself): the officer is told, once.
    case warnOfficer(deadline: LocalDate)
    /// The 容缺 supplement deadline passed with items missing: 终止办理.
    case terminate
}

extension CaseFile {
    /// What the jobs should do to this case today, if anything.
    public func sweepDecision(_ today: Today) -> SweepDecision? {
        switch stage {
        case .intake:
            if ledger.deemedAccepted(today: today.date, calendar: today.calendar) { return .deemAccepted }
            guard !noticeWarned, ledger.shouldWarn(today: today.date, calendar: today.calendar) else { return nil }
            return .warnOfficer(deadline: ledger.noticeDeadline(calendar: today.calendar).value)
        case .accepted:
            guard let deferral, !deferral.outstanding.isEmpty, deferral.due < today.date else { return nil }
            return .terminate
        default:
            return nil
        }
    }

    /// Carries out the jobs' decision, in the name of the case's own officer: deemed acceptance with the clock
    /// `newClock` started from receipt, the warning, or termination with a 终止办理通知书.
    /// - Throws: `CaseError.wrongStage` when `decision` is no longer what `sweepDecision` says (the case moved on).
    public mutating func sweep(
        _ decision: SweepDecision,
        guide: Guide,
        officer: Officer,
        newClock: DeadlineClockID,
        _ today: Today
    ) throws -> [CaseEffect] {
        guard sweepDecision(today) == decision else { throw CaseError.wrongStage(stage) }
        return try apply { file in
            switch decision {
            case .deemAccepted:
                return try file.accept(from: file.receivedOn, deemed: true, deferral: nil, guide: guide, by: officer, newClock: newClock, today)
            case .warnOfficer(let deadline):
                file.noticeWarned = true
                return [
                    .notifyOfficer(
                        kind: "case.notice-deadline",
                        subject: CaseMessages.noticeDeadline(file, deadline: deadline),
                        payload: ["case": file.id.description, "deadline": deadline.description]
                    )
                ]
            case .terminate:
                guard let deferral = file.deferral else { throw CaseError.wrongStage(file.stage) }
                file.stage = .terminated
                return (file.clock.map { [.stopClock($0)] } ?? []) + [
                    .history(.terminated, by: nil),
                    .issue(.termination(file, deferral: deferral, guide: guide, by: officer, today)),
                ]
            }
        }
    }
}
