import ChuangkouCore
import Foundation
import SQLKit

extension CaseRepository {
    // MARK: Approval steps

    /// Records the opinion of approval step `position` (see `CaseFile.recordStep`).
    public func recordStep(
        _ id: CaseID,
        position: Int,
        opinion: String,
        approve: Bool,
        by officer: Officer,
        _ today: Today
    ) async throws -> CaseFile {
        try CaseFile.checkHandler(officer)
        _ = try CaseFile.checkOpinion(opinion)
        return try await change(id, today) { file, tx in
            try file.recordStep(position, opinion: opinion, approve: approve, by: officer, tx.today)
        }.0
    }

    // MARK: Decision

    /// 准予 or 不予行政许可 (see `CaseFile.decide`): stops the clock, issues the decision and tells the applicant.
    public func decide(
        _ id: CaseID,
        grant: Bool,
        reason: String?,
        legalBasis: [String],
        by officer: Officer,
        _ today: Today
    ) async throws -> (CaseFile, CaseDocument) {
        try CaseFile.checkHandler(officer)
        let (file, documents) = try await change(id, today) { file, tx in
            try file.decide(grant: grant, reason: reason, legalBasis: legalBasis, guide: try await tx.guide(of: file), by: officer, tx.today)
        }
        // A decision always issues its document.
        guard let document = documents.first else { throw CaseError.wrongStage(file.stage) }
        return (file, document)
    }

    // MARK: Delivery

    /// Registers how the applicant receives the result (mail, proxy pickup with the proxy's name and ID, or in person).
    public func setDelivery(
        _ id: CaseID,
        _ delivery: Delivery,
        by officer: Officer,
        _ today: Today
    ) async throws -> CaseFile {
        try CaseFile.checkHandler(officer)
        try delivery.check()
        return try await change(id, today) { file, _ in
            try file.registerDelivery(delivery, by: officer)
        }.0
    }

    // MARK: The daily sweep

    public struct SweepReport: Sendable, Equatable {
        public var deemedAccepted: [CaseID] = []
        public var warned: [CaseID] = []
        public var terminated: [CaseID] = []

        public init(deemedAccepted: [CaseID] = [], warned: [CaseID] = [], terminated: [CaseID] = []) {
            self.deemedAccepted = deemedAccepted
            self.warned = warned
            self.terminated = terminated
        }
    }

    /// The job that keeps the law's own clocks (see `CaseFile.sweepDecision`): deemed acceptance (行政许可法 第三十二条)
    /// with the officer warned the working day before, and termination of 容缺 cases whose items never came. Each case
    /// is its own transaction, decided again under its lock, so two processes sweeping at once act once.
    public func sweep(_ today: Today) async throws -> SweepReport {
        let candidates = try await database.read { db in
            try await db.raw(
                """
                SELECT id, stage FROM cases WHERE stage = 'intake' OR (stage = 'accepted' AND supplement_due IS NOT NULL)
                ORDER BY received_at
                """
            ).all().compactMap { CaseID(try $0.decode(column: "id", as: String.self)) }
        }
        // Failed status queries matter for the rate-limit window only; a day is kept for the record.
        try await database.transaction { db in
            try await StatusQueryAttempts.forget(before: Date(milliseconds: today.now.millisecondsSince1970 - 86_400_000), in: db)
        }
        let today = today
        var report = SweepReport()
        for id in candidates {
            let decision = try await run(today) { tx -> SweepDecision? in
                var file = try await tx.load(id)
                guard let decision = file.sweepDecision(tx.today) else { return nil }
                let effects = try file.sweep(
                    decision,
                    guide: try await tx.guide(of: file),
                    officer: try await tx.officer(file.officer),
                    newClock: DeadlineClockID(UUID()),
                    tx.today
                )
                _ = try await tx.persist(effects, of: file)
                try await tx.save(file)
                try await tx.audit(file, effects)
                return decision
            }
            switch decision {
            case .deemAccepted: report.deemedAccepted.append(id)
            case .warnOfficer: report.warned.append(id)
            case .terminate: report.terminated.append(id)
            case nil: break
            }
        }
        return report
    }
}
