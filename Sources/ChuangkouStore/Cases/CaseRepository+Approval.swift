import ChuangkouCore
import Foundation
import SQLKit

extension CaseRepository {
    // MARK: Approval steps

    /// Records the opinion of approval step `position` (1-based, in the pinned guide's order). Steps are taken in order;
    /// a leader's step (审批) needs the duty leader.
    public func recordStep(
        _ id: CaseID,
        position: Int,
        opinion: String,
        approve: Bool,
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> CaseRecord {
        guard officer.mayWorkAtWindow else { throw CaseError.officerMayNotHandle }
        guard let opinion = Self.trimmed(opinion) else { throw CaseError.blankOpinion }
        return try await run(hall: hall, calendar: calendar, at: now) { tx in
            let record = try await tx.load(id)
            guard record.stage == .accepted || (record.stage == .granted && position > 1) else { throw CaseError.wrongStage(record.stage) }
            let steps = try await Self.steps(id, in: tx.db)
            guard let step = steps.first(where: { $0.position == position }) else { throw CaseError.unknownStep(position) }
            guard let next = steps.first(where: { !$0.isDone }), next.position == position else {
                throw CaseError.stepOutOfOrder(expected: steps.first(where: { !$0.isDone })?.position ?? 0)
            }
            if step.actor == .leader, officer.role != .dutyLeader { throw CaseError.stepNeedsLeader }
            try await tx.db.raw(
                """
                UPDATE case_steps SET assignee_badge = \(bind: officer.badge.value), opinion = \(bind: opinion), approve = \(bind: approve ? 1 : 0),
                    decided_at = \(bind: now.millisecondsSince1970)
                WHERE case_id = \(bind: id.description) AND position = \(bind: position)
                """
            ).run()
            try await tx.log(record, "step", by: officer.badge, detail: "\(position) \(step.name): \(opinion)")
            return record
        }
    }

    static func steps(_ id: CaseID, in db: any SQLDatabase) async throws -> [CaseStep] {
        try await db.raw(
            """
            SELECT position, name, actor, assignee_badge, opinion, approve, decided_at FROM case_steps
            WHERE case_id = \(bind: id.description) ORDER BY position
            """
        ).all().map { row in
            CaseStep(
                position: try row.decode(column: "position", as: Int.self),
                name: try row.decode(column: "name", as: String.self),
                actor: Guide.Step.Actor(rawValue: try row.decode(column: "actor", as: String.self)) ?? .reviewer,
                assignee: try row.decode(column: "assignee_badge", as: String?.self).flatMap(Badge.init),
                opinion: try row.decode(column: "opinion", as: String?.self),
                approve: try row.decode(column: "approve", as: Int?.self).map { $0 != 0 },
                decidedAt: try row.decode(column: "decided_at", as: Int64?.self).map(Date.init(milliseconds:))
            )
        }
    }

    // MARK: Decision

    /// 准予 or 不予行政许可: after the review and approval steps (every step up to the last leader step, or every
    /// window and reviewer step when there is none), following the leader's opinion. Stops the clock, issues the
    /// decision and tells the applicant the result is ready (through the outbox).
    public func decide(
        _ id: CaseID,
        grant: Bool,
        reason: String?,
        legalBasis: [String],
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> (CaseRecord, CaseDocument) {
        guard officer.mayWorkAtWindow else { throw CaseError.officerMayNotHandle }
        return try await run(hall: hall, calendar: calendar, at: now) { tx in
            var record = try await tx.load(id)
            guard record.stage == .accepted else { throw CaseError.wrongStage(record.stage) }
            let guide = try await tx.guide(of: record)
            let steps = try await Self.steps(id, in: tx.db)
            let lastLeader = steps.last(where: { $0.actor == .leader })?.position
            let required = steps.filter { step in
                if let lastLeader { return step.position <= lastLeader }
                return step.actor == .window || step.actor == .reviewer
            }
            let pending = required.filter { !$0.isDone }
            guard pending.isEmpty else { throw CaseError.stepsPending(pending.map(\.name)) }
            if let lastLeader, let approval = steps.first(where: { $0.position == lastLeader })?.approve, approval != grant {
                throw CaseError.decisionAgainstApproval
            }
            let reason = Self.trimmed(reason)
            if grant {
                if let deferral = record.deferral, !deferral.outstanding.isEmpty {
                    throw CaseError.deferredOutstanding(deferral.outstanding.map(\.material))
                }
            } else if reason == nil {
                throw CaseError.reasonRequired
            }
            let basis = legalBasis.isEmpty ? guide.legalBasis.map { "《\($0.law)》\($0.article)" } : legalBasis
            record.decision = Decision(granted: grant, reason: reason, legalBasis: basis, decidedBy: officer.badge, decidedOn: tx.today)
            record.stage = grant ? .granted : .denied
            try await tx.stopClock(record.clock)
            try await tx.save(record)
            try await tx.log(record, grant ? "granted" : "denied", by: officer.badge, detail: reason)
            let snapshot = record
            let document = try await tx.issue(grant ? .grantDecision : .denialDecision, for: record, by: officer) { facts in
                facts.business = guide.name
                facts.fields = Self.fieldLines(snapshot, guide)
                facts.legalBasis = basis
                if grant {
                    facts.paragraphs = [
                        "您于\(snapshot.acceptedOn?.description ?? "")受理的「\(guide.name)」申请，经审查，符合法定条件、标准。依照下列规定，决定准予行政许可。",
                        "请凭本决定书和查询码领取证件；依照《中华人民共和国行政许可法》第四十四条，证件自本决定作出之日起十个工作日内颁发。",
                    ]
                } else {
                    facts.reason = reason
                    facts.remedies = Self.remedies
                    facts.paragraphs = ["您于\(snapshot.acceptedOn?.description ?? "")受理的「\(guide.name)」申请，经审查，决定不予行政许可。理由如下。"]
                }
            }
            let delivery = record.delivery.map { "，领取方式：\($0.label)" } ?? ""
            try await tx.notifyApplicant(
                record,
                kind: "case.result-ready",
                text: "【\(tx.hall.name)】您申请的\(guide.name)已办理完毕（\(grant ? "准予许可" : "不予许可")）\(delivery)。查询码\(record.queryCode)。"
            )
            return (record, document)
        }
    }

    // MARK: Delivery

    /// Registers how the applicant receives the result (mail, proxy pickup with the proxy's name and ID, or in person).
    public func setDelivery(
        _ id: CaseID,
        _ delivery: Delivery,
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> CaseRecord {
        guard officer.mayWorkAtWindow else { throw CaseError.officerMayNotHandle }
        switch delivery.method {
        case .mail: guard Self.trimmed(delivery.address) != nil else { throw CaseError.deliveryIncomplete("address") }
        case .proxy:
            guard Self.trimmed(delivery.proxyName) != nil else { throw CaseError.deliveryIncomplete("proxyName") }
            guard delivery.proxyIDNumber != nil else { throw CaseError.deliveryIncomplete("proxyIdNumber") }
        case .pickup: break
        }
        return try await run(hall: hall, calendar: calendar, at: now) { tx in
            var record = try await tx.load(id)
            guard ![.notAccepted, .terminated, .completed].contains(record.stage) else { throw CaseError.wrongStage(record.stage) }
            record.delivery = delivery
            try await tx.save(record)
            try await tx.log(record, "delivery", by: officer.badge, detail: delivery.method.rawValue)
            return record
        }
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

    /// The job that keeps the law's own clocks: cases with no notice and no decision 5 working days after receipt are
    /// deemed accepted from the day of receipt (行政许可法 第三十二条), the officer being warned the working day before;
    /// 容缺 cases whose supplement deadline passed with items missing are terminated with a notice.
    public func sweep(hall: Hall, calendar: WorkingDayCalendar, at now: Date) async throws -> SweepReport {
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
            try await db.raw("DELETE FROM status_query_attempts WHERE at < \(bind: now.millisecondsSince1970 - 86_400_000)").run()
        }
        var report = SweepReport()
        for id in candidates {
            let outcome = try await run(hall: hall, calendar: calendar, at: now) { tx -> String? in
                var record = try await tx.load(id)
                let day = tx.today
                switch record.stage {
                case .intake:
                    if record.ledger.deemedAccepted(today: day, calendar: tx.calendar) {
                        let guide = try await tx.guide(of: record)
                        let officer = try await tx.officer(record.officer)
                        _ = try await Self.accept(&record, guide: guide, on: record.receivedOn, deemed: true, deferral: nil, by: officer, tx)
                        return "deemed"
                    }
                    if !record.noticeWarned, record.ledger.shouldWarn(today: day, calendar: tx.calendar) {
                        record.noticeWarned = true
                        try await tx.save(record)
                        let deadline = record.ledger.noticeDeadline(calendar: tx.calendar).value
                        try await NotificationOutbox.enqueue(
                            kind: "case.notice-deadline",
                            to: record.officer,
                            subject: "查询码\(record.queryCode)：\(deadline)前须作出受理决定或一次性告知，否则依法视为受理",
                            payload: try CaseJSON.encode(["case": record.id.description, "deadline": deadline.description]),
                            at: tx.now,
                            in: tx.db
                        )
                        return "warned"
                    }
                    return nil
                case .accepted:
                    guard let deferral = record.deferral, !deferral.outstanding.isEmpty, deferral.due < day else { return nil }
                    let guide = try await tx.guide(of: record)
                    let officer = try await tx.officer(record.officer)
                    record.stage = .terminated
                    try await tx.stopClock(record.clock)
                    try await tx.save(record)
                    try await tx.log(record, "terminated", by: nil, detail: "容缺材料逾期未补齐")
                    let snapshot = record
                    _ = try await tx.issue(.terminationNotice, for: record, by: officer) { facts in
                        facts.business = guide.name
                        facts.items = deferral.outstanding.map(\.chinese)
                        facts.supplementDue = deferral.due
                        facts.reason = "容缺受理承诺的材料未在\(deferral.due)前补齐"
                        facts.remedies = Self.remedies
                        facts.paragraphs = [
                            "您于\(snapshot.acceptedOn?.description ?? "")容缺受理的「\(guide.name)」申请，承诺补齐的材料逾期未提交。依照容缺受理承诺，本机关决定终止办理。"
                        ]
                    }
                    return "terminated"
                default:
                    return nil
                }
            }
            switch outcome {
            case "deemed": report.deemedAccepted.append(id)
            case "warned": report.warned.append(id)
            case "terminated": report.terminated.append(id)
            default: break
            }
        }
        return report
    }
}
