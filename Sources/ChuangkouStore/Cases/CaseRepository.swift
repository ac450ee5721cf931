import ChuangkouCore
import Foundation
import SQLKit

/// Cases from intake to decision. Every method is one transaction that locks the case row, applies Core's rules
/// (checklist, one-time-notice ledger, deadline clock) and writes the case, its history and any document together:
/// a document number is never spent on a change that rolled back.
public struct CaseRepository: Sendable {
    let database: Database
    let sealer: DataSealer
    /// The issuing unit's code in document numbers.
    public let unitCode: String

    public init(database: Database, sealer: DataSealer, unitCode: String) {
        self.database = database
        self.sealer = sealer
        self.unitCode = unitCode
    }

    /// The applicant's remedies, printed on every refusal (不予受理, 不予许可, 终止办理; RULES §5).
    public static let remedies = [
        "如不服本决定，可以自收到本通知书之日起六十日内依法申请行政复议；",
        "或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。",
    ]

    func run<T: Sendable>(
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date,
        _ body: @Sendable @escaping (CaseTransaction) async throws -> T
    ) async throws -> T {
        try await database.transaction { [dialect = database.dialect, sealer, unitCode] db in
            try await body(CaseTransaction(db: db, dialect: dialect, sealer: sealer, unitCode: unitCode, hall: hall, calendar: calendar, now: now))
        }
    }

    // MARK: Opening

    /// Opens a case for the ticket called to the officer's window, or for a walk-in (no ticket; the business is given),
    /// pinned to the guide version in force. Business-specific fields are checked against the guide's `fields`.
    public func open(
        business: BusinessCode?,
        ticket: TicketID?,
        applicant: Applicant,
        fields: [String: String],
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> CaseRecord {
        guard officer.mayWorkAtWindow else { throw CaseError.officerMayNotHandle }
        try applicant.check()
        return try await run(hall: hall, calendar: calendar, at: now) { tx in
            var code = business
            var window: Int?
            if let ticket {
                let called = try await TicketRepository.lock(ticket, dialect: tx.dialect, in: tx.db)
                guard called.status.isActiveAtWindow, called.officer == officer.badge else { throw CaseError.ticketNotAtWindow }
                guard try await tx.db.raw("SELECT id FROM cases WHERE ticket_id = \(bind: ticket.description)").first() == nil else {
                    throw CaseError.ticketHasCase
                }
                window = called.window
                code = code ?? called.business
            }
            guard let code else { throw CaseError.unknownBusiness("") }
            guard let version = try await GuideRepository.current(code, in: tx.db) else { throw CaseError.unknownBusiness(code.value) }
            let checked = try Self.checkFields(fields, guide: version.guide)
            let record = CaseRecord(
                id: CaseID(UUID()),
                queryCode: QueryCode.generate(),
                guide: GuideReference(code: code, version: version.version),
                ticket: ticket,
                window: window,
                officer: officer.badge,
                applicant: applicant,
                fields: checked,
                checklist: Checklist(guide: version.guide),
                receivedAt: now,
                receivedOn: tx.today
            )
            try await tx.insert(record)
            try await tx.log(record, "opened", by: officer.badge, detail: ticket.map { "ticket \($0)" } ?? "walk-in")
            return record
        }
    }

    /// Every required field present, numbers and dates well formed, no field the guide does not define.
    static func checkFields(_ fields: [String: String], guide: Guide) throws -> [String: String] {
        var problems: [String] = []
        var checked: [String: String] = [:]
        let known = Set(guide.fields.map(\.key))
        for key in fields.keys.sorted() where !known.contains(key) { problems.append("未知字段「\(key)」") }
        for field in guide.fields {
            let value = fields[field.key]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if value.isEmpty {
                if field.required { problems.append("请填写「\(field.label)」") }
                continue
            }
            switch field.kind {
            case .text: break
            case .number: if Double(value) == nil { problems.append("「\(field.label)」应为数字") }
            case .date: if LocalDate(value) == nil { problems.append("「\(field.label)」应为日期 YYYY-MM-DD") }
            }
            checked[field.key] = value
        }
        guard problems.isEmpty else { throw CaseError.fieldsInvalid(problems) }
        return checked
    }

    // MARK: Checklist

    /// Records what the officer found for some materials, as a new checklist version (earlier versions are kept).
    /// After a one-time notice, a re-check that finds a problem the notice does not list is refused (`notOnNotice`):
    /// asking for it needs a correction approved by the duty leader.
    public func recordChecklist(
        _ id: CaseID,
        marks: [(Int, Checklist.State)],
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> CaseRecord {
        guard officer.mayWorkAtWindow else { throw CaseError.officerMayNotHandle }
        return try await run(hall: hall, calendar: calendar, at: now) { tx in
            var record = try await tx.load(id)
            guard [.intake, .awaitingSupplement].contains(record.stage) else { throw CaseError.wrongStage(record.stage) }
            var checklist = record.checklist
            for (index, state) in marks { try checklist.mark(index, state) }
            if record.ledger.notice != nil, let unlisted = record.ledger.unlisted(in: checklist).first {
                throw NoticeError.notOnNotice(index: unlisted.index)
            }
            record.checklist = checklist
            record.checklistVersion += 1
            try await tx.saveChecklistVersion(record, by: officer.badge)
            try await tx.save(record)
            try await tx.log(record, "checklist", by: officer.badge, detail: "v\(record.checklistVersion)")
            return record
        }
    }

    // MARK: Intake outcome

    /// An officer's refusal at intake (the applicant does not meet the conditions), with the legal basis.
    public struct Refusal: Sendable {
        public var reason: String
        public var legalBasis: [String]
        public init(reason: String, legalBasis: [String]) {
            self.reason = reason
            self.legalBasis = legalBasis
        }
    }

    /// Decides intake from the checklist (Core's `Checklist.outcome`), or refuses when `refusal` is given:
    /// 即办件 completed with a 办结通知书; accepted with a 受理通知书 and the deadline clock; a 一次性告知书; 容缺受理 with
    /// the signed commitment and a supplement deadline no later than the promised due date; or 不予受理.
    public func decideIntake(
        _ id: CaseID,
        commitmentSigned: Bool,
        supplementDue: LocalDate?,
        refusal: Refusal?,
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> (CaseRecord, [CaseDocument]) {
        guard officer.mayWorkAtWindow else { throw CaseError.officerMayNotHandle }
        return try await run(hall: hall, calendar: calendar, at: now) { tx in
            var record = try await tx.load(id)
            guard [.intake, .awaitingSupplement].contains(record.stage) else { throw CaseError.wrongStage(record.stage) }
            let guide = try await tx.guide(of: record)
            if let refusal {
                guard let reason = Self.trimmed(refusal.reason) else { throw CaseError.reasonRequired }
                let document = try await Self.refuse(&record, reason: reason, legalBasis: refusal.legalBasis, guide: guide, by: officer, tx)
                return (record, [document])
            }
            let outcome = try record.checklist.outcome(guide: guide, applicant: record.applicant, commitmentSigned: commitmentSigned)
            let documents = try await Self.apply(
                outcome,
                to: &record,
                guide: guide,
                commitmentSigned: commitmentSigned,
                supplementDue: supplementDue,
                by: officer,
                tx
            )
            return (record, documents)
        }
    }

    static func apply(
        _ outcome: Checklist.Outcome,
        to record: inout CaseRecord,
        guide: Guide,
        commitmentSigned: Bool,
        supplementDue: LocalDate?,
        by officer: Officer,
        _ tx: CaseTransaction
    ) async throws -> [CaseDocument] {
        let day = tx.today
        switch outcome {
        case .refuse(let reason):
            let basis = guide.legalBasis.map { "《\($0.law)》\($0.article)" }
            return [try await refuse(&record, reason: reason, legalBasis: basis, guide: guide, by: officer, tx)]
        case .completeImmediate:
            try record.ledger.recordDecision(on: day)
            record.stage = .completed
            record.acceptedOn = day
            try await tx.save(record)
            try await tx.log(record, "completed", by: officer.badge)
            let snapshot = record
            let document = try await tx.issue(.completionReceipt, for: record, by: officer) { facts in
                facts.business = guide.name
                facts.acceptedOn = day
                facts.fields = fieldLines(snapshot, guide)
                facts.paragraphs = ["您申请办理的「\(guide.name)」材料齐全、符合法定形式，已当场办结。", "本通知书同时作为办结回执。"]
            }
            return [document]
        case .accept:
            return [try await accept(&record, guide: guide, on: day, deemed: false, deferral: nil, by: officer, tx)]
        case .acceptWithDeferral(let items):
            record.commitmentSigned = commitmentSigned
            return [try await accept(&record, guide: guide, on: day, deemed: false, deferral: (items, supplementDue), by: officer, tx)]
        case .oneTimeNotice(let items):
            try record.ledger.issue(items, by: officer, on: day, calendar: tx.calendar)
            record.stage = .awaitingSupplement
            try await tx.save(record)
            try await tx.log(record, "notice", by: officer.badge, detail: items.map(\.material).joined(separator: "、"))
            let document = try await tx.issue(.oneTimeNotice, for: record, by: officer) { facts in
                facts.business = guide.name
                facts.items = items.map(\.chinese)
                facts.paragraphs = [
                    "您于\(record.receivedOn)提交的「\(guide.name)」申请材料不齐全或者不符合法定形式。依照《中华人民共和国行政许可法》第三十二条，现一次性告知需要补正的全部内容如下。",
                    "请按本告知书补齐材料后到窗口办理；补齐后自补齐之日起受理。本告知书以外的材料，窗口不得再要求提交。",
                ]
            }
            return [document]
        }
    }

    /// Accepts from `day`: the clock starts with the pinned guide's limits, the approval steps are laid out with the
    /// window's 受理 step done, and a 受理通知书 (or a 容缺受理通知书) is issued.
    static func accept(
        _ record: inout CaseRecord,
        guide: Guide,
        on day: LocalDate,
        deemed: Bool,
        deferral: ([NoticeItem], LocalDate?)?,
        by officer: Officer,
        _ tx: CaseTransaction
    ) async throws -> CaseDocument {
        if record.ledger.decidedOn == nil { try record.ledger.recordDecision(on: max(day, record.receivedOn)) }
        let (clockID, status) = try await tx.startClock(for: record, guide: guide, acceptedOn: day)
        if let (items, requested) = deferral {
            let due = requested ?? status.promisedDue
            guard due <= status.promisedDue else { throw CaseError.supplementDueTooLate(promisedDue: status.promisedDue) }
            guard due >= tx.today else { throw CaseError.supplementDueInPast }
            record.deferral = Deferral(items: items, due: due, received: [])
        }
        record.stage = .accepted
        record.acceptedOn = day
        record.deemed = deemed
        record.clock = clockID
        try await tx.save(record)
        for (offset, step) in guide.steps.enumerated() {
            let first = offset == 0 && step.actor == .window
            try await tx.db.raw(
                """
                INSERT INTO case_steps (case_id, position, name, actor, assignee_badge, opinion, approve, decided_at)
                VALUES (\(bind: record.id.description), \(bind: offset + 1), \(bind: step.name), \(bind: step.actor.rawValue),
                    \(bind: step.actor == .window ? record.officer.value : nil),
                    \(bind: first ? (deemed ? "依法视为受理（未在法定期限内一次性告知）" : "材料齐全，符合法定形式，予以受理") : nil),
                    \(bind: first ? 1 : nil), \(bind: first ? tx.now.millisecondsSince1970 : nil))
                """
            ).run()
        }
        try await tx.log(
            record,
            deemed ? "deemed-accepted" : (record.deferral == nil ? "accepted" : "accepted-with-deferral"),
            by: officer.badge,
            detail: "from \(day)"
        )
        let snapshot = record
        let kind: DocumentKind = record.deferral == nil ? .acceptanceNotice : .deferralNotice
        return try await tx.issue(kind, for: record, by: officer) { facts in
            facts.business = guide.name
            facts.acceptedOn = day
            facts.deemed = deemed
            facts.promisedDue = status.promisedDue
            facts.statutoryDue = status.statutoryDue
            facts.fields = fieldLines(snapshot, guide)
            var paragraphs = [
                "您申请办理的「\(guide.name)」，经审查，申请材料齐全、符合法定形式，决定予以受理。"
            ]
            if deemed {
                paragraphs = [
                    "您于\(snapshot.receivedOn)提交的「\(guide.name)」申请，本机关未在五个工作日内一次性告知需要补正的内容。依照《中华人民共和国行政许可法》第三十二条，自收到申请材料之日（\(snapshot.receivedOn)）起即为受理。"
                ]
            }
            if let deferral = snapshot.deferral {
                facts.items = deferral.items.map(\.chinese)
                facts.supplementDue = deferral.due
                paragraphs = [
                    "您申请办理的「\(guide.name)」，主要申请材料齐全，以下次要材料暂缺。您已签署容缺受理承诺书，本机关决定予以容缺受理。",
                    "请于\(deferral.due)前补齐下列材料；逾期未补齐的，本机关将终止办理。",
                ]
            }
            paragraphs.append("承诺办结日期：\(status.promisedDue)；法定办结期限届满日：\(status.statutoryDue)（按工作日计算）。")
            facts.paragraphs = paragraphs
        }
    }

    static func refuse(
        _ record: inout CaseRecord,
        reason: String,
        legalBasis: [String],
        guide: Guide,
        by officer: Officer,
        _ tx: CaseTransaction
    ) async throws -> CaseDocument {
        let day = tx.today
        if record.ledger.decidedOn == nil { try record.ledger.recordDecision(on: day) }
        record.stage = .notAccepted
        record.decision = Decision(granted: false, reason: reason, legalBasis: legalBasis, decidedBy: officer.badge, decidedOn: day)
        try await tx.save(record)
        try await tx.log(record, "not-accepted", by: officer.badge, detail: reason)
        return try await tx.issue(.refusalNotice, for: record, by: officer) { facts in
            facts.business = guide.name
            facts.reason = reason
            facts.legalBasis = legalBasis
            facts.remedies = Self.remedies
            facts.paragraphs = ["您于\(record.receivedOn)提交的「\(guide.name)」申请，经审查，决定不予受理。理由如下。"]
        }
    }

    static func fieldLines(_ record: CaseRecord, _ guide: Guide) -> [DocumentFacts.Field] {
        guide.fields.compactMap { field in
            record.fields[field.key].map { DocumentFacts.Field(label: field.label, value: Masking.maskPersonalNumbers(in: $0)) }
        }
    }

    static func trimmed(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    // MARK: The one-time rule

    /// Asks the applicant (again) for a material. Refused with `NoticeError.notOnNotice` unless it is on the notice or
    /// an approved correction added it.
    public func requestItem(
        _ id: CaseID,
        index: Int,
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> CaseRecord {
        guard officer.mayWorkAtWindow else { throw CaseError.officerMayNotHandle }
        return try await run(hall: hall, calendar: calendar, at: now) { tx in
            var record = try await tx.load(id)
            guard record.stage == .awaitingSupplement else { throw CaseError.wrongStage(record.stage) }
            try record.ledger.request(index, on: tx.today)
            try await tx.save(record)
            try await tx.log(record, "requested", by: officer.badge, detail: "material \(index + 1)")
            return record
        }
    }

    /// Adds items to the notice with a reason, approved by the duty leader: recorded as a breach against the officer
    /// who issued the notice, and printed as a correction of the notice.
    public func correctNotice(
        _ id: CaseID,
        items: [(Int, NoticeItem.Problem)],
        reason: String,
        approvedBy leader: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> (CaseRecord, CaseDocument) {
        try await run(hall: hall, calendar: calendar, at: now) { tx in
            var record = try await tx.load(id)
            guard record.stage == .awaitingSupplement else { throw CaseError.wrongStage(record.stage) }
            let guide = try await tx.guide(of: record)
            let noticeItems = try items.map { index, problem throws(IntakeError) in try NoticeItem(index: index, of: guide, problem: problem) }
            try record.ledger.correct(adding: noticeItems, reason: reason, approvedBy: leader, on: tx.today)
            // The checklist follows the corrected notice, so the case can be completed once everything arrives.
            for item in noticeItems {
                switch item.problem {
                case .missing: try record.checklist.mark(item.index, .missing)
                case .defective(let reason): try record.checklist.mark(item.index, .defective(reason: reason))
                case .short: try record.checklist.mark(item.index, .missing)
                }
            }
            record.checklistVersion += 1
            try await tx.saveChecklistVersion(record, by: leader.badge)
            try await tx.save(record)
            if let breach = record.ledger.breaches.last {
                try await tx.log(record, "breach", by: breach.officer, detail: try CaseJSON.encode(breach))
            }
            let snapshot = record
            let document = try await tx.issue(.noticeCorrection, for: record, by: leader) { facts in
                facts.business = guide.name
                facts.items = noticeItems.map(\.chinese)
                facts.reason = snapshot.ledger.corrections.last?.reason
                facts.paragraphs = [
                    "本机关于\(snapshot.ledger.notice?.issuedOn.description ?? "")出具的一次性告知书遗漏了下列材料，经值班领导批准，现予更正。由此给您带来的不便，我们深表歉意。"
                ]
            }
            return (record, document)
        }
    }

    // MARK: Supplements

    /// Receives materials: items on the notice (intake resumes; once everything listed has arrived the case is decided
    /// again and, complete, accepted from that day), or 容缺 items after acceptance.
    public func receiveSupplements(
        _ id: CaseID,
        indices: [Int],
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> (CaseRecord, [CaseDocument]) {
        guard officer.mayWorkAtWindow else { throw CaseError.officerMayNotHandle }
        return try await run(hall: hall, calendar: calendar, at: now) { tx in
            var record = try await tx.load(id)
            let guide = try await tx.guide(of: record)
            switch record.stage {
            case .awaitingSupplement:
                for index in indices {
                    try record.ledger.receive(index, on: tx.today)
                    try Self.markProvided(&record, index, guide)
                }
            case .accepted:
                guard var deferral = record.deferral else { throw CaseError.wrongStage(record.stage) }
                for index in indices {
                    guard deferral.items.contains(where: { $0.index == index }) else { throw CaseError.notExpected(index: index) }
                    if !deferral.received.contains(index) { deferral.received.append(index) }
                    try Self.markProvided(&record, index, guide)
                }
                record.deferral = deferral
            default:
                throw CaseError.wrongStage(record.stage)
            }
            record.checklistVersion += 1
            try await tx.saveChecklistVersion(record, by: officer.badge)
            try await tx.save(record)
            try await tx.log(record, "supplied", by: officer.badge, detail: indices.map { "material \($0 + 1)" }.joined(separator: ", "))
            guard record.stage == .awaitingSupplement, record.ledger.allSupplied else { return (record, []) }
            let outcome = try record.checklist.outcome(guide: guide, applicant: record.applicant, commitmentSigned: false)
            if case .oneTimeNotice = outcome { return (record, []) }
            let documents = try await Self.apply(outcome, to: &record, guide: guide, commitmentSigned: false, supplementDue: nil, by: officer, tx)
            return (record, documents)
        }
    }

    static func markProvided(_ record: inout CaseRecord, _ index: Int, _ guide: Guide) throws {
        guard guide.materials.indices.contains(index) else { throw IntakeError.unknownMaterial(index: index) }
        let material = guide.materials[index]
        try record.checklist.mark(index, .provided(originals: material.originals, copies: material.copies))
    }
}
