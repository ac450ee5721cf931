import ChuangkouCore
import Foundation
import SQLKit

/// What every case change needs inside its one transaction: the connection, the sealer, the hall and the day's
/// calendar. Loading locks the case row, so two officers acting on one case take turns.
struct CaseTransaction {
    let db: any SQLDatabase
    let dialect: Dialect
    let sealer: DataSealer
    let unitCode: String
    let hall: Hall
    let calendar: WorkingDayCalendar
    let now: Date

    var today: LocalDate { hall.serviceDay(at: now) }

    func load(_ id: CaseID) async throws -> CaseRecord {
        guard
            let row = try await db.raw(
                """
                SELECT \(unsafeRaw: CaseRecord.columns) FROM cases WHERE id = \(bind: id.description)\(unsafeRaw: dialect.forUpdate)
                """
            ).first()
        else { throw CaseError.unknownCase }
        return try CaseRecord(row: row, sealer: sealer)
    }

    func guide(of record: CaseRecord) async throws -> Guide {
        guard let version = try await GuideRepository.version(record.guide.code, record.guide.version, in: db) else {
            throw CaseError.noGuide(record.guide.code.value)
        }
        return version.guide
    }

    func officer(_ badge: Badge) async throws -> Officer {
        guard let officer = try await OfficerRepository.find(badge, in: db) else { throw CaseError.officerMayNotHandle }
        return officer
    }

    func insert(_ record: CaseRecord) async throws {
        let millis = now.millisecondsSince1970
        try await db.raw(
            """
            INSERT INTO cases (id, query_code, business_code, guide_version, ticket_id, window_number, officer_badge, applicant_kind,
                applicant_name, applicant_identifier_masked, applicant_sealed, phone_last4, phone_masked, fields, stage, received_at,
                received_on, deemed, commitment_signed, checklist, checklist_version, ledger, notice_warned, created_at, updated_at)
            VALUES (\(bind: record.id.description), \(bind: record.queryCode), \(bind: record.guide.code.value), \(bind: record.guide.version),
                \(bind: record.ticket?.description), \(bind: record.window), \(bind: record.officer.value), \(bind: record.applicant.kind.rawValue),
                \(bind: record.applicant.name), \(bind: record.identifierMasked), \(bind: try sealer.seal(try CaseJSON.encode(record.applicant))),
                \(bind: record.applicant.phone.lastFour), \(bind: record.applicant.phone.masked), \(bind: try CaseJSON.encode(record.fields)),
                \(bind: record.stage.rawValue), \(bind: record.receivedAt.millisecondsSince1970), \(bind: record.receivedOn.description),
                0, 0, \(bind: try CaseJSON.encode(record.checklist)), 1, \(bind: try CaseJSON.encode(record.ledger)), 0,
                \(bind: millis), \(bind: millis))
            """
        ).run()
        try await saveChecklistVersion(record, by: record.officer)
    }

    /// Writes back everything a change may touch.
    func save(_ record: CaseRecord) async throws {
        try await db.raw(
            """
            UPDATE cases SET stage = \(bind: record.stage.rawValue), accepted_on = \(bind: record.acceptedOn?.description),
                deemed = \(bind: record.deemed ? 1 : 0), commitment_signed = \(bind: record.commitmentSigned ? 1 : 0),
                checklist = \(bind: try CaseJSON.encode(record.checklist)), checklist_version = \(bind: record.checklistVersion),
                ledger = \(bind: try CaseJSON.encode(record.ledger)), deferral = \(bind: try record.deferral.map(CaseJSON.encode)),
                supplement_due = \(bind: record.deferral?.due.description), clock_id = \(bind: record.clock?.description),
                delivery = \(bind: try record.delivery.map { try sealer.seal(try CaseJSON.encode($0)) }),
                decision = \(bind: try record.decision.map(CaseJSON.encode)), notice_warned = \(bind: record.noticeWarned ? 1 : 0),
                updated_at = \(bind: now.millisecondsSince1970)
            WHERE id = \(bind: record.id.description)
            """
        ).run()
    }

    func saveChecklistVersion(_ record: CaseRecord, by badge: Badge) async throws {
        try await db.raw(
            """
            INSERT INTO case_checklists (case_id, version, checklist, recorded_by, recorded_at)
            VALUES (\(bind: record.id.description), \(bind: record.checklistVersion), \(bind: try CaseJSON.encode(record.checklist)),
                \(bind: badge.value), \(bind: now.millisecondsSince1970))
            """
        ).run()
    }

    func log(_ record: CaseRecord, _ action: String, by badge: Badge?, detail: String? = nil) async throws {
        try await db.raw(
            """
            INSERT INTO case_events (case_id, action, officer_badge, at, detail)
            VALUES (\(bind: record.id.description), \(bind: action), \(bind: badge?.value), \(bind: now.millisecondsSince1970), \(bind: detail))
            """
        ).run()
    }

    // MARK: Documents

    /// Issues a document: bumps the (unit, year) counter and inserts the document in this transaction, so a rollback
    /// takes the number back with it and numbers have no gaps. The counter row is locked until commit.
    func issue(
        _ kind: DocumentKind,
        for record: CaseRecord,
        by officer: Officer,
        _ fill: (inout DocumentFacts) -> Void
    ) async throws
        -> CaseDocument
    {
        let day = today
        guard
            let counter = try await db.raw(
                """
                INSERT INTO document_counters (unit_code, year, last_sequence) VALUES (\(bind: unitCode), \(bind: day.year), 1)
                ON CONFLICT (unit_code, year) DO UPDATE SET last_sequence = document_counters.last_sequence + 1
                RETURNING last_sequence
                """
            ).first()
        else { throw StoreError.busy(table: "document_counters") }
        let sequence = try counter.decode(column: "last_sequence", as: Int.self)
        let number = DocumentNumber.format(unit: unitCode, year: day.year, sequence: sequence)
        var facts = DocumentFacts(
            title: kind.title,
            titleEnglish: kind.titleEnglish,
            number: number,
            issuedOn: day,
            unit: hall.name,
            unitAddress: hall.address,
            officerName: officer.name,
            officerBadge: officer.badge.value,
            supervisionPhones: [Hall.nationalSupervisionPhone, hall.supervisionPhone],
            queryCode: record.queryCode,
            business: "",
            guideVersion: record.guide.version,
            applicantName: record.applicant.name,
            applicantIdentifier: record.identifierMasked,
            phoneMasked: record.applicant.phone.masked,
            agentName: nil,
            agentIdentifier: nil,
            receivedOn: record.receivedOn,
            acceptedOn: record.acceptedOn,
            deemed: record.deemed,
            promisedDue: nil,
            statutoryDue: nil,
            supplementDue: record.deferral?.due,
            items: [],
            reason: nil,
            legalBasis: [],
            remedies: [],
            paragraphs: [],
            fields: []
        )
        if case .organisation(_, _, _, let agent) = record.applicant {
            facts.agentName = agent.name
            facts.agentIdentifier = agent.idNumber.masked
        }
        fill(&facts)
        let document = CaseDocument(
            id: UUID(),
            caseID: record.id,
            kind: kind,
            number: number,
            sequence: sequence,
            issuedAt: now,
            issuedBy: officer.badge,
            facts: facts,
            reprints: 0
        )
        try await db.raw(
            """
            INSERT INTO documents (id, case_id, kind, unit_code, year, sequence, number, issued_at, issued_by, facts, reprints)
            VALUES (\(bind: document.id.uuidString.lowercased()), \(bind: record.id.description), \(bind: kind.rawValue), \(bind: unitCode),
                \(bind: day.year), \(bind: sequence), \(bind: number), \(bind: now.millisecondsSince1970), \(bind: officer.badge.value),
                \(bind: try CaseJSON.encode(facts)), 0)
            """
        ).run()
        try await log(record, "document.\(kind.rawValue)", by: officer.badge, detail: number)
        return document
    }

    // MARK: Deadline clocks

    /// Starts the case's clock in this transaction, with the pinned guide's limits.
    func startClock(for record: CaseRecord, guide: Guide, acceptedOn: LocalDate) async throws -> (DeadlineRecord.ID, DeadlineClock.Status) {
        let clock = try DeadlineClock(
            acceptedOn: acceptedOn,
            statutoryLimit: guide.limits.statutoryWorkingDays,
            promisedLimit: guide.limits.promisedWorkingDays
        )
        let deadline = DeadlineRecord(
            id: DeadlineRecord.ID(UUID()),
            subject: "\(record.applicant.name) \(guide.name) \(record.queryCode)",
            business: guide.code,
            owner: record.officer,
            clock: clock,
            alert: .none,
            createdAt: now
        )
        let status = clock.status(on: today, calendar: calendar)
        try await DeadlineRepository.insert(deadline, status: status, at: now, in: db)
        return (deadline.id, status)
    }

    /// Stops the case's clock (decided or terminated) in this transaction.
    func stopClock(_ id: DeadlineRecord.ID?) async throws {
        guard let id, let record = try await DeadlineRepository.find(id, locking: dialect, in: db), !record.clock.isStopped else { return }
        var clock = record.clock
        try clock.stop(on: max(today, clock.acceptedOn))
        try await DeadlineRepository.update(id, clock, status: clock.status(on: today, calendar: calendar), at: now, in: db)
    }

    // MARK: Notifications

    /// A message to the applicant's phone, in the outbox with the case's officer as the one who answers for it.
    func notifyApplicant(_ record: CaseRecord, kind: String, text: String) async throws {
        try await NotificationOutbox.enqueue(
            kind: kind,
            to: record.officer,
            subject: text,
            payload: try CaseJSON.encode(["case": record.id.description, "queryCode": record.queryCode, "phone": record.applicant.phone.masked]),
            caseID: record.id.description,
            phoneSealed: try sealer.seal(record.applicant.phone.value),
            at: now,
            in: db
        )
    }
}

/// Document numbers: the issuing unit's code, the year and a six-digit sequence without gaps (`DHGA-2026-000017`).
public enum DocumentNumber {
    public static func format(unit: String, year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "\(unit)-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

/// The status-query code: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 59 bits from the
/// system's secure generator, so codes cannot be guessed from one another.
public enum QueryCode {
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    public static let length = 12

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// Upper-cased, spaces and dashes removed: what a citizen types.
    public static func normalised(_ text: String) -> String {
        text.uppercased().filter { !$0.isWhitespace && $0 != "-" }
    }
}
