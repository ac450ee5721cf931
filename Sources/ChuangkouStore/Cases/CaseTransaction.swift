import ChuangkouCore
import Foundation
import SQLKit

/// What every case change needs inside its one transaction: the connection, the sealer, the document unit and the
/// moment. Loading locks the case row, so two officers acting on one case take turns; `persist` writes what an event
/// asked for, each table through its own helper.
struct CaseTransaction {
    let db: any SQLDatabase
    let dialect: Dialect
    let sealer: DataSealer
    let unitCode: String
    let today: Today

    var now: Date { today.now }

    // MARK: Reading

    func load(_ id: CaseID) async throws -> CaseFile {
        guard
            let row = try await db.raw(
                """
                SELECT \(unsafeRaw: CaseFile.columns) FROM cases WHERE id = \(bind: id.description)\(unsafeRaw: dialect.forUpdate)
                """
            ).first()
        else { throw CaseStoreError.unknownCase }
        return try CaseFile(row: row, sealer: sealer, steps: try await Self.steps(id, in: db))
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

    /// The guide version the case is pinned to.
    func guide(of file: CaseFile) async throws -> Guide {
        guard let version = try await GuideRepository.version(file.guide.code, file.guide.version, in: db) else {
            throw CaseStoreError.noGuide(file.guide.code.value)
        }
        return version.guide
    }

    func officer(_ badge: Badge) async throws -> Officer {
        guard let officer = try await OfficerRepository.find(badge, in: db) else { throw CaseError.officerMayNotHandle }
        return officer
    }

    // MARK: Writing

    func insert(_ file: CaseFile) async throws {
        let millis = now.millisecondsSince1970
        try await db.raw(
            """
            INSERT INTO cases (id, query_code, business_code, guide_version, ticket_id, window_number, officer_badge, applicant_kind,
                applicant_name, applicant_identifier_masked, applicant_sealed, phone_last4, phone_masked, fields, stage, received_at,
                received_on, deemed, commitment_signed, checklist, checklist_version, ledger, notice_warned, created_at, updated_at, channel,
                onsite_visit_id)
            VALUES (\(bind: file.id.description), \(bind: file.queryCode), \(bind: file.guide.code.value), \(bind: file.guide.version),
                \(bind: file.ticket?.description), \(bind: file.window?.value), \(bind: file.officer.value), \(bind: file.applicant.kind.rawValue),
                \(bind: file.applicant.name), \(bind: file.identifierMasked), \(bind: try sealer.seal(try CaseJSON.encode(file.applicant))),
                \(bind: file.applicant.phone.lastFour), \(bind: file.applicant.phone.masked), \(bind: try CaseJSON.encode(file.fields)),
                \(bind: file.stage.rawValue), \(bind: file.receivedAt.millisecondsSince1970), \(bind: file.receivedOn.description),
                0, 0, \(bind: try CaseJSON.encode(file.checklist)), 1, \(bind: try CaseJSON.encode(file.ledger)), 0,
                \(bind: millis), \(bind: millis), \(bind: file.channel.code), \(bind: file.channel.visit?.description))
            """
        ).run()
    }

    /// Writes back everything an event may change on the case row.
    func save(_ file: CaseFile) async throws {
        try await db.raw(
            """
            UPDATE cases SET stage = \(bind: file.stage.rawValue), accepted_on = \(bind: file.acceptedOn?.description),
                deemed = \(bind: file.deemed ? 1 : 0), commitment_signed = \(bind: file.commitmentSigned ? 1 : 0),
                checklist = \(bind: try CaseJSON.encode(file.checklist)), checklist_version = \(bind: file.checklistVersion),
                ledger = \(bind: try CaseJSON.encode(file.ledger)), deferral = \(bind: try file.deferral.map(CaseJSON.encode)),
                supplement_due = \(bind: file.deferral?.due.description), clock_id = \(bind: file.clock?.description),
                delivery = \(bind: try file.delivery.map { try sealer.seal(try CaseJSON.encode($0)) }),
                decision = \(bind: try file.decision.map(CaseJSON.encode)), notice_warned = \(bind: file.noticeWarned ? 1 : 0),
                updated_at = \(bind: now.millisecondsSince1970)
            WHERE id = \(bind: file.id.description)
            """
        ).run()
    }

    /// Persists an event's effects in order; returns the documents it issued.
    func persist(_ effects: [CaseEffect], of file: CaseFile) async throws -> [CaseDocument] {
        var issued: [CaseDocument] = []
        for effect in effects {
            switch effect {
            case .history(let entry, let badge):
                try await log(file.id, entry, by: badge)
            case .keepChecklist(let badge):
                try await keepChecklist(file, by: badge)
            case .layOutSteps:
                for step in file.steps { try await insert(step, of: file.id) }
            case .recordStep(let position):
                guard let step = file.steps.first(where: { $0.position == position }) else { continue }
                try await update(step, of: file.id)
            case .startClock(let start):
                let deadline = DeadlineRecord(
                    id: start.id,
                    subject: start.subject,
                    business: file.guide.code,
                    owner: file.officer,
                    clock: start.clock,
                    alert: .none,
                    createdAt: now
                )
                try await DeadlineRepository.insert(deadline, status: start.status, at: now, in: db)
            case .stopClock(let id):
                try await stopClock(id)
            case .issue(let draft):
                issued.append(try await issue(draft, for: file.id))
            case .notifyApplicant(let kind, let values):
                try await NotificationOutbox.enqueue(
                    kind,
                    values: values,
                    phoneSealed: try sealer.seal(file.applicant.phone.value),
                    answeredBy: file.officer,
                    payload: try CaseJSON.encode(["case": file.id.description, "queryCode": file.queryCode, "phone": file.applicant.phone.masked]),
                    caseID: file.id.description,
                    key: "case:\(file.id):\(kind.rawValue)",
                    at: now,
                    in: db
                )
            case .notifyOfficer(let kind, let subject, let payload):
                try await NotificationOutbox.enqueue(
                    kind: kind,
                    to: file.officer,
                    subject: subject,
                    payload: try CaseJSON.encode(payload),
                    at: now,
                    in: db
                )
            }
        }
        return issued
    }

    func keepChecklist(_ file: CaseFile, by badge: Badge) async throws {
        try await db.raw(
            """
            INSERT INTO case_checklists (case_id, version, checklist, recorded_by, recorded_at)
            VALUES (\(bind: file.id.description), \(bind: file.checklistVersion), \(bind: try CaseJSON.encode(file.checklist)),
                \(bind: badge.value), \(bind: now.millisecondsSince1970))
            """
        ).run()
    }

    func log(_ id: CaseID, _ entry: CaseHistoryEntry, by badge: Badge?) async throws {
        try await db.raw(
            """
            INSERT INTO case_events (case_id, action, officer_badge, at, detail)
            VALUES (\(bind: id.description), \(bind: entry.action), \(bind: badge?.value), \(bind: now.millisecondsSince1970),
                \(bind: try entry.detail()))
            """
        ).run()
    }

    func insert(_ step: CaseStep, of id: CaseID) async throws {
        try await db.raw(
            """
            INSERT INTO case_steps (case_id, position, name, actor, assignee_badge, opinion, approve, decided_at)
            VALUES (\(bind: id.description), \(bind: step.position), \(bind: step.name), \(bind: step.actor.rawValue),
                \(bind: step.assignee?.value), \(bind: step.opinion), \(bind: step.approve.map { $0 ? 1 : 0 }),
                \(bind: step.decidedAt?.millisecondsSince1970))
            """
        ).run()
    }

    func update(_ step: CaseStep, of id: CaseID) async throws {
        try await db.raw(
            """
            UPDATE case_steps SET assignee_badge = \(bind: step.assignee?.value), opinion = \(bind: step.opinion),
                approve = \(bind: step.approve.map { $0 ? 1 : 0 }), decided_at = \(bind: step.decidedAt?.millisecondsSince1970)
            WHERE case_id = \(bind: id.description) AND position = \(bind: step.position)
            """
        ).run()
    }

    // MARK: Documents

    /// Issues a document: bumps the (unit, year) counter and inserts the document in this transaction, so a rollback
    /// takes the number back with it and numbers have no gaps. The counter row is locked until commit.
    func issue(_ draft: DocumentDraft, for id: CaseID) async throws -> CaseDocument {
        let day = today.date
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
        var facts = draft.facts
        facts.number = number
        let document = CaseDocument(
            id: UUID(),
            caseID: id,
            kind: draft.kind,
            number: number,
            sequence: sequence,
            issuedAt: now,
            issuedBy: draft.issuedBy,
            facts: facts,
            reprints: 0
        )
        try await db.raw(
            """
            INSERT INTO documents (id, case_id, kind, unit_code, year, sequence, number, issued_at, issued_by, facts, reprints)
            VALUES (\(bind: document.id.uuidString.lowercased()), \(bind: id.description), \(bind: draft.kind.rawValue), \(bind: unitCode),
                \(bind: day.year), \(bind: sequence), \(bind: number), \(bind: now.millisecondsSince1970), \(bind: draft.issuedBy.value),
                \(bind: try CaseJSON.encode(facts)), 0)
            """
        ).run()
        try await log(id, .issued(draft.kind, number: number), by: draft.issuedBy)
        return document
    }

    // MARK: Deadline clocks

    /// Stops the case's clock (decided or terminated) in this transaction; Core's `DeadlineClock.stop` decides.
    func stopClock(_ id: DeadlineClockID) async throws {
        guard let record = try await DeadlineRepository.find(id, locking: dialect, in: db), !record.clock.isStopped else { return }
        var clock = record.clock
        try clock.stop(on: max(today.date, clock.acceptedOn))
        try await DeadlineRepository.update(id, clock, status: clock.status(on: today.date, calendar: today.calendar), at: now, in: db)
    }
}
