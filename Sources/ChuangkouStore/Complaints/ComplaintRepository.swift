import ChuangkouCore
import Foundation
import SQLKit

/// Complaints (投诉): filing reads the officers the complaint concerns from its ticket and case and stores them with
/// it; each change locks the row, applies Core's event and writes back the complaint, its history, its messages and
/// the officer's finding in one transaction. Every read takes the badge of whoever asks and leaves out, in SQL, the
/// complaints that concern them (RULES §8).
public struct ComplaintRepository: Sendable {
    let database: Database
    let sealer: DataSealer
    public let policy: Complaint.Policy

    public init(database: Database, sealer: DataSealer, policy: Complaint.Policy = Complaint.Policy()) {
        self.database = database
        self.sealer = sealer
        self.policy = policy
    }

    /// A complaint as a page or an answer shows it.
    public struct Record: Sendable, Equatable {
        public let complaint: Complaint
        /// `138****5678`, when a contact was left.
        public let phoneMasked: String?
        public let history: [HistoryLine]
    }

    public struct HistoryLine: Sendable, Equatable {
        public let code: String
        public let label: String
        public let labelEnglish: String
        public let by: Badge?
        public let at: Date
    }

    /// A new complaint and, unless anonymous, the code the complainant follows it with.
    public struct Filed: Sendable, Equatable {
        public let complaint: Complaint
        public let queryCode: String?
    }

    // MARK: Filing

    /// Files a complaint. A `phone` makes it a named complaint with a query code; without one it is anonymous.
    ///
    /// - Throws: `ComplaintRecordError` for a subject, ticket or case the hall does not know; `ComplaintError`.
    public func file(_ filing: Complaint.Filing, phone: MobileNumber?, hall: Hall, at instant: Date) async throws -> Filed {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        var filing = filing
        filing.hasContact = phone != nil
        let sealedPhone = try phone.map { try sealer.seal($0.value) }
        let code = phone == nil ? nil : QueryCode.generate()
        let id = ComplaintID(UUID())
        let policy = policy
        return try await database.transaction { [filing] db in
            let concerned = try await Self.concerned(by: filing, in: db)
            let (complaint, effects) = try Complaint.file(filing, id: id, concerned: concerned, at: now, on: hall.serviceDay(at: now))
            let status = try complaint.status(on: complaint.receivedOn, policy: policy)
            let subjectRef: String? =
                switch complaint.subject {
                case .officer(let badge): badge.value
                case .window(let number): number.description
                case .business(let code): code.value
                case .caseFile(let id): id.description
                case .hall: nil
                }
            try await db.raw(
                """
                INSERT INTO complaints (id, query_code, phone_sealed, phone_last4, phone_masked, channel, subject_kind, subject_ref,
                    ticket_id, case_id,
                    stage, handler_badge, complaint, received_on, acknowledge_due, answer_due, alert, received_at, updated_at)
                VALUES (\(bind: id.description), \(bind: code), \(bind: sealedPhone), \(bind: phone?.lastFour), \(bind: phone?.masked),
                    \(bind: complaint.channel.rawValue),
                    \(bind: complaint.subject.kind), \(bind: subjectRef), \(bind: complaint.ticket?.description),
                    \(bind: complaint.caseFile?.description), \(bind: complaint.stage.rawValue), NULL, \(bind: try Self.text(complaint)),
                    \(bind: complaint.receivedOn.description), \(bind: status.acknowledgeDue.description), \(bind: status.answerDue.description),
                    \(bind: Complaint.State.onTrack.rawValue), \(bind: now.millisecondsSince1970), \(bind: now.millisecondsSince1970))
                """
            ).run()
            for badge in complaint.concerned {
                try await db.raw(
                    "INSERT INTO complaint_concerned (complaint_id, badge) VALUES (\(bind: id.description), \(bind: badge.value))"
                ).run()
            }
            try await Self.apply(effects, to: complaint, at: now, in: db)
            try await AuditTrail.record(
                AuditEntry("complaint.file", "complaint:\(id)", detail: "\(complaint.channel.rawValue) \(complaint.subject.kind)"),
                at: now,
                in: db
            )
            return Filed(complaint: complaint, queryCode: code)
        }
    }

    /// The officers a filing concerns: the officer named (who must exist), whoever served the linked ticket, and every
    /// officer on the linked or complained-about case.
    static func concerned(by filing: Complaint.Filing, in db: any SQLDatabase) async throws -> Set<Badge> {
        switch filing.subject {
        case .officer(let badge):
            guard try await db.raw("SELECT badge FROM officers WHERE badge = \(bind: badge.value)").first() != nil else {
                throw ComplaintRecordError.unknownOfficer
            }
        case .window(let number):
            guard try await db.raw("SELECT number FROM windows WHERE number = \(bind: number.value)").first() != nil else {
                throw ComplaintRecordError.unknownWindow
            }
        case .business(let code):
            guard try await db.raw("SELECT code FROM businesses WHERE code = \(bind: code.value)").first() != nil else {
                throw ComplaintRecordError.unknownBusiness
            }
        case .caseFile, .hall: break
        }
        var ticketOfficer: Badge?
        if let ticket = filing.ticket {
            guard let row = try await db.raw("SELECT officer_badge FROM tickets WHERE id = \(bind: ticket.description)").first() else {
                throw ComplaintRecordError.unknownTicket
            }
            ticketOfficer = try row.decode(column: "officer_badge", as: String?.self).flatMap(Badge.init)
        }
        var onCases: Set<Badge> = []
        var cases = Set([filing.caseFile].compactMap { $0 })
        if case .caseFile(let id) = filing.subject { cases.insert(id) }
        for id in cases {
            guard let officers = try await caseOfficers(id, in: db) else { throw ComplaintRecordError.unknownCase }
            onCases.formUnion(officers)
        }
        return ComplaintRouting.concerned(subject: filing.subject, ticketOfficer: ticketOfficer, caseOfficers: onCases)
    }

    /// Everyone on a case: its holder, the step assignees and anyone who acted on it; nil for an unknown case.
    static func caseOfficers(_ id: CaseID, in db: any SQLDatabase) async throws -> Set<Badge>? {
        guard let holder = try await db.raw("SELECT officer_badge FROM cases WHERE id = \(bind: id.description)").first() else { return nil }
        let rows = try await db.raw(
            """
            SELECT assignee_badge AS badge FROM case_steps WHERE case_id = \(bind: id.description) AND assignee_badge IS NOT NULL
            UNION SELECT officer_badge AS badge FROM case_events WHERE case_id = \(bind: id.description) AND officer_badge IS NOT NULL
            """
        ).all()
        var badges = Set(try rows.compactMap { Badge(try $0.decode(column: "badge", as: String.self)) })
        if let badge = Badge(try holder.decode(column: "officer_badge", as: String.self)) { badges.insert(badge) }
        return badges
    }

    // MARK: Events

    public func acknowledge(_ id: ComplaintID, handler: Badge, by officer: Badge, hall: Hall, at now: Date) async throws -> Record {
        try await change(id, "acknowledge", by: officer, at: now, checkHandler: handler) { complaint in
            try complaint.acknowledge(handler: handler, by: officer, at: now, on: hall.serviceDay(at: now))
        }
    }

    public func reassign(_ id: ComplaintID, to handler: Badge, by officer: Badge, at now: Date) async throws -> Record {
        try await change(id, "reassign", by: officer, at: now, checkHandler: handler) { complaint in
            try complaint.reassign(to: handler, by: officer, at: now)
        }
    }

    public func addNote(_ id: ComplaintID, _ text: String, by officer: Badge, at now: Date) async throws -> Record {
        try await change(id, "note", by: officer, at: now) { complaint in try complaint.addNote(text, by: officer, at: now) }
    }

    public func extend(_ id: ComplaintID, days: Int, reason: String, by supervisor: Badge, at now: Date) async throws -> Record {
        let policy = policy
        return try await change(id, "extend", by: supervisor, at: now) { complaint in
            try complaint.extend(days: days, reason: reason, by: supervisor, at: now, policy: policy)
        }
    }

    /// The handler asks for the one extension; supervisors are told.
    public func requestExtension(_ id: ComplaintID, days: Int, reason: String, by officer: Badge, at now: Date) async throws -> Record {
        let policy = policy
        return try await change(id, "extension-request", by: officer, at: now) { complaint in
            try complaint.requestExtension(days: days, reason: reason, by: officer, at: now, policy: policy)
        }
    }

    /// A supervisor approves or refuses the handler's request.
    public func decideExtension(_ id: ComplaintID, approve: Bool, by supervisor: Badge, at now: Date) async throws -> Record {
        try await change(id, "extension-decision", by: supervisor, at: now) { complaint in
            try complaint.decideExtension(approve: approve, by: supervisor, at: now)
        }
    }

    /// The complainant, on the phone or at the hall, is not satisfied and asks for the one review; staff record it
    /// (the audit names who).
    public func reopenForComplainant(_ id: ComplaintID, by officer: Badge, hall: Hall, at now: Date) async throws -> Record {
        try await change(id, "reopen", by: officer, at: now) { complaint in
            var effects: [ComplaintEffect] = []
            if complaint.satisfied == nil { effects += try complaint.rateAnswer(satisfied: false, at: now) }
            return effects + (try complaint.reopen(at: now, on: hall.serviceDay(at: now)))
        }
    }

    public func answer(
        _ id: ComplaintID,
        _ text: String,
        finding: Complaint.Finding?,
        against: Badge?,
        by officer: Badge,
        at now: Date
    ) async throws -> Record {
        try await change(id, "answer", by: officer, at: now) { complaint in
            try complaint.answer(text, finding: finding, against: against, by: officer, at: now)
        }
    }

    public func close(_ id: ComplaintID, by officer: Badge, at now: Date) async throws -> Record {
        try await change(id, "close", by: officer, at: now) { complaint in try complaint.close(by: officer, at: now) }
    }

    /// Loads and locks the complaint, applies `event`, writes it and its effects back. An officer the complaint
    /// concerns is told it does not exist, as in every read.
    func change(
        _ id: ComplaintID,
        _ action: String,
        by actor: Badge?,
        at instant: Date,
        checkHandler handler: Badge? = nil,
        _ event: @escaping @Sendable (inout Complaint) throws -> [ComplaintEffect]
    ) async throws -> Record {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        let dialect = database.dialect
        let policy = policy
        return try await database.transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT complaint FROM complaints WHERE id = \(bind: id.description)\(unsafeRaw: dialect.forUpdate)"
                ).first()
            else { throw ComplaintRecordError.unknown }
            var complaint = try Self.complaint(try row.decode(column: "complaint", as: String.self), id: id)
            if let actor, !complaint.isVisible(to: actor) { throw ComplaintRecordError.unknown }
            if let handler, complaint.isVisible(to: handler) {
                // A handler works complaints: a supervisor or a duty leader, signed up and enabled.
                let eligible =
                    try await OfficerRepository.badges(holding: .supervisor, in: db)
                    + OfficerRepository.badges(holding: .dutyLeader, in: db)
                guard eligible.contains(handler) else { throw ComplaintRecordError.notAHandler }
            }
            let effects = try event(&complaint)
            try await Self.write(complaint, policy: policy, at: now, in: db)
            try await Self.apply(effects, to: complaint, at: now, in: db)
            try await AuditTrail.record(AuditEntry("complaint.\(action)", "complaint:\(id)", detail: complaint.stage.rawValue), at: now, in: db)
            guard let record = try await Self.record(id, in: db) else { throw ComplaintRecordError.unknown }
            return record
        }
    }

    static func write(_ complaint: Complaint, policy: Complaint.Policy, at now: Date, in db: any SQLDatabase) async throws {
        let status = try complaint.status(on: complaint.receivedOn, policy: policy)
        try await db.raw(
            """
            UPDATE complaints SET complaint = \(bind: try text(complaint)), stage = \(bind: complaint.stage.rawValue),
                handler_badge = \(bind: complaint.handler?.value), answer_due = \(bind: status.answerDue.description),
                updated_at = \(bind: now.millisecondsSince1970)
            WHERE id = \(bind: complaint.id.description)
            """
        ).run()
    }

    /// Writes what an event asked for besides the complaint: history, messages, the officer's finding.
    static func apply(_ effects: [ComplaintEffect], to complaint: Complaint, at now: Date, in db: any SQLDatabase) async throws {
        for effect in effects {
            switch effect {
            case .history(let entry):
                try await db.raw(
                    """
                    INSERT INTO complaint_events (complaint_id, code, label, label_english, by_badge, at)
                    VALUES (\(bind: complaint.id.description), \(bind: entry.code), \(bind: entry.label), \(bind: entry.labelEnglish),
                        \(bind: entry.by?.value), \(bind: entry.at.millisecondsSince1970))
                    """
                ).run()
            case .notifySupervisors:
                var recipients = try await OfficerRepository.badges(holding: .supervisor, in: db).filter(complaint.isVisible(to:))
                if recipients.isEmpty {
                    recipients = try await OfficerRepository.badges(holding: .dutyLeader, in: db).filter(complaint.isVisible(to:))
                }
                for recipient in recipients {
                    try await NotificationOutbox.enqueue(
                        kind: "complaint.received",
                        to: recipient,
                        subject: "收到投诉，请于15日内受理 / A complaint to acknowledge within 15 days",
                        payload: #"{"complaint":"\#(complaint.id)"}"#,
                        at: now,
                        in: db
                    )
                }
            case .notifyExtensionRequest:
                for supervisor in try await OfficerRepository.badges(holding: .supervisor, in: db).filter(complaint.isVisible(to:))
                where supervisor != complaint.handler {
                    try await NotificationOutbox.enqueue(
                        kind: "complaint.extension-request",
                        to: supervisor,
                        subject: "投诉延期申请待审批 / An extension request to decide",
                        payload: #"{"complaint":"\#(complaint.id)"}"#,
                        at: now,
                        in: db
                    )
                }
            case .notifyHandler(let handler):
                try await NotificationOutbox.enqueue(
                    kind: "complaint.assigned",
                    to: handler,
                    subject: "投诉待办 / A complaint to handle",
                    payload: #"{"complaint":"\#(complaint.id)"}"#,
                    at: now,
                    in: db
                )
            case .sendAnswer(let text):
                // The phone stays sealed: the outbox row carries the complaint's sealed text.
                guard
                    let row = try await db.raw(
                        "SELECT phone_sealed, query_code FROM complaints WHERE id = \(bind: complaint.id.description)"
                    ).first(),
                    let sealed = try row.decode(column: "phone_sealed", as: String?.self),
                    let handler = complaint.handler
                else { continue }
                let code = try row.decode(column: "query_code", as: String.self)
                try await NotificationOutbox.enqueue(
                    .complaintAnswer,
                    values: ["reply": text, "queryCode": code],
                    phoneSealed: sealed,
                    answeredBy: handler,
                    payload: #"{"complaint":"\#(complaint.id)"}"#,
                    key: "complaint:\(complaint.id):answer:\(now.millisecondsSince1970)",
                    at: now,
                    in: db
                )
            case .recordFinding(let officer, let finding):
                try await db.raw(
                    """
                    INSERT INTO officer_findings (complaint_id, officer_badge, finding, counts, recorded_by, recorded_at)
                    VALUES (\(bind: complaint.id.description), \(bind: officer.value), \(bind: finding.rawValue),
                        \(bind: finding.countsAgainstOfficer ? 1 : 0), \(bind: complaint.handler?.value ?? ""), \(bind: now.millisecondsSince1970))
                    ON CONFLICT (complaint_id, officer_badge) DO UPDATE SET finding = excluded.finding, counts = excluded.counts,
                        recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
                    """
                ).run()
            }
        }
    }

    static func text(_ complaint: Complaint) throws -> String { try StoredJSON.text(complaint) }

    static func complaint(_ text: String, id: ComplaintID) throws -> Complaint {
        try StoredJSON.value(Complaint.self, text, table: "complaints", id: id.description)
    }
}

/// Why the store refused a complaint request before Core saw it.
public enum ComplaintRecordError: Error, Equatable, Sendable {
    /// No such complaint, or one that concerns whoever asks.
    case unknown
    case unknownOfficer
    case unknownWindow
    case unknownBusiness
    case unknownTicket
    case unknownCase
    /// The handler named is neither a supervisor nor a duty leader.
    case notAHandler
}
