import ChuangkouCore
import Foundation
import SQLKit

/// Everything recorded about a case, for the case page and `GET /api/v1/cases/{id}`.
public struct CaseHistory: Sendable {
    public struct ChecklistVersion: Sendable {
        public let version: Int
        public let checklist: Checklist
        public let recordedBy: Badge
        public let recordedAt: Date
    }

    public struct Event: Sendable, Equatable {
        public let action: String
        public let officer: Badge?
        public let at: Date
        public let detail: String?

        /// The line as the case wrote it, for the page's words; nil for a line this version does not know.
        public var entry: CaseHistoryEntry? { CaseHistoryEntry(action: action, detail: detail) }
    }

    public let record: CaseFile
    public let guide: Guide
    public let checklists: [ChecklistVersion]
    public var steps: [CaseStep] { record.steps }
    public let documents: [CaseDocument]
    public let events: [Event]
    public let clock: DeadlineRecord?
}

/// A one-time-notice breach as supervisors see it: the case, the officer, the items added and who approved.
public struct BreachRecord: Sendable {
    public let caseID: CaseID
    public let queryCode: String
    public let business: BusinessCode
    public let breach: OneTimeNoticeLedger.Breach
    public let recordedAt: Date
}

extension CaseRepository {
    public func find(_ id: CaseID) async throws -> CaseFile? {
        try await database.read { [sealer] db in
            try await Self.file(where: "id = \(bind: id.description)", sealer: sealer, in: db)
        }
    }

    /// The case opened for a ticket, if any.
    public func find(ticket: TicketID) async throws -> CaseFile? {
        try await database.read { [sealer] db in
            try await Self.file(where: "ticket_id = \(bind: ticket.description)", sealer: sealer, in: db)
        }
    }

    /// The case a condition finds, with its steps, personal data opened.
    static func file(where condition: SQLQueryString, sealer: DataSealer, in db: any SQLDatabase) async throws -> CaseFile? {
        guard let row = try await db.raw("SELECT \(unsafeRaw: CaseFile.columns) FROM cases WHERE \(condition)").first() else { return nil }
        let id = try row.decode(column: "id", as: String.self)
        guard let caseID = CaseID(id) else { throw StoreError.corruptRow(table: "cases", id: id) }
        return try CaseFile(row: row, sealer: sealer, steps: try await CaseTransaction.steps(caseID, in: db))
    }

    /// The case with everything recorded on it, for `reader`: one who does not handle it gives a reason
    /// (`CaseFile.readingReason`), and every read is audited with it.
    public func history(_ id: CaseID, readBy reader: Officer, reason: String? = nil) async throws -> CaseHistory {
        let history = try await history(id)
        let grounds = try history.record.readingReason(of: reader, given: reason)
        try await database.recordRead(AuditEntry("case.read", "case:\(id)", detail: grounds.map { "reason: \($0)" } ?? ""), at: Date())
        return history
    }

    private func history(_ id: CaseID) async throws -> CaseHistory {
        try await database.read { [sealer] db in
            guard let record = try await Self.file(where: "id = \(bind: id.description)", sealer: sealer, in: db) else {
                throw CaseStoreError.unknownCase
            }
            guard let guide = try await GuideRepository.version(record.guide.code, record.guide.version, in: db) else {
                throw CaseStoreError.noGuide(record.guide.code.value)
            }
            let checklists = try await db.raw(
                """
                SELECT version, checklist, recorded_by, recorded_at FROM case_checklists WHERE case_id = \(bind: id.description) ORDER BY version
                """
            ).all().map { row in
                CaseHistory.ChecklistVersion(
                    version: try row.decode(column: "version", as: Int.self),
                    checklist: try CaseJSON.decode(Checklist.self, try row.decode(column: "checklist", as: String.self)),
                    recordedBy: Badge(try row.decode(column: "recorded_by", as: String.self)) ?? record.officer,
                    recordedAt: Date(milliseconds: try row.decode(column: "recorded_at", as: Int64.self))
                )
            }
            let events = try await db.raw(
                """
                SELECT action, officer_badge, at, detail FROM case_events WHERE case_id = \(bind: id.description) ORDER BY id
                """
            ).all().map { row in
                CaseHistory.Event(
                    action: try row.decode(column: "action", as: String.self),
                    officer: try row.decode(column: "officer_badge", as: String?.self).flatMap(Badge.init),
                    at: Date(milliseconds: try row.decode(column: "at", as: Int64.self)),
                    detail: try row.decode(column: "detail", as: String?.self)
                )
            }
            let clock = try await record.clock.asyncMap { try await DeadlineRepository.find($0, in: db) } ?? nil
            return CaseHistory(
                record: record,
                guide: guide.guide,
                checklists: checklists,
                documents: try await Self.documents(where: "case_id = \(bind: id.description)", in: db),
                events: events,
                clock: clock
            )
        }
    }

    // MARK: Documents

    /// A document, for `reader`, under the same rule as its case: a reason from one who does not handle it, audited.
    public func document(_ id: UUID, readBy reader: Officer, reason: String? = nil) async throws -> CaseDocument? {
        let found = try await database.read { [sealer] db -> (CaseDocument, CaseFile?)? in
            guard let document = try await Self.documents(where: "id = \(bind: id.uuidString.lowercased())", in: db).first else { return nil }
            return (document, try await Self.file(where: "id = \(bind: document.caseID.description)", sealer: sealer, in: db))
        }
        guard let (document, file) = found else { return nil }
        guard let file else { throw CaseStoreError.unknownCase }
        let grounds = try file.readingReason(of: reader, given: reason)
        let entry = AuditEntry("document.read", "document:\(id.uuidString.lowercased())", detail: grounds.map { "reason: \($0)" } ?? "")
        try await database.recordRead(entry, at: Date())
        return document
    }

    /// Records that a copy (副本) was printed, and returns the document with its new reprint count.
    public func recordReprint(_ id: UUID, by badge: Badge?, at now: Date) async throws -> CaseDocument {
        try await database.transaction { db in
            let key = id.uuidString.lowercased()
            try await db.raw("UPDATE documents SET reprints = reprints + 1 WHERE id = \(bind: key)").run()
            guard let document = try await Self.documents(where: "id = \(bind: key)", in: db).first else { throw CaseStoreError.unknownDocument }
            try await db.raw(
                """
                INSERT INTO document_reprints (document_id, printed_by, printed_at) VALUES (
                    \(bind: key),
                    \(bind: badge?.value),
                    \(bind: now.millisecondsSince1970)
                )
                """
            ).run()
            try await AuditTrail.record(AuditEntry("document.reprint", "document:\(key)", detail: document.number), at: now, in: db)
            return document
        }
    }

    /// Every document issued in `year` by this unit, in number order (for checking that numbers have no gaps).
    public func documents(year: Int) async throws -> [CaseDocument] {
        try await database.read { [unitCode] db in
            try await Self.documents(where: "unit_code = \(bind: unitCode) AND year = \(bind: year)", in: db)
        }
    }

    static func documents(where condition: SQLQueryString, in db: any SQLDatabase) async throws -> [CaseDocument] {
        try await db.raw(
            """
            SELECT id, case_id, kind, number, sequence, issued_at, issued_by, facts, reprints FROM documents WHERE \(condition)
            ORDER BY issued_at, sequence
            """
        ).all().map { row in
            let id = try row.decode(column: "id", as: String.self)
            guard let uuid = UUID(uuidString: id), let caseID = CaseID(try row.decode(column: "case_id", as: String.self)),
                let kind = DocumentKind(rawValue: try row.decode(column: "kind", as: String.self)),
                let issuedBy = Badge(try row.decode(column: "issued_by", as: String.self))
            else { throw StoreError.corruptRow(table: "documents", id: id) }
            return CaseDocument(
                id: uuid,
                caseID: caseID,
                kind: kind,
                number: try row.decode(column: "number", as: String.self),
                sequence: try row.decode(column: "sequence", as: Int.self),
                issuedAt: Date(milliseconds: try row.decode(column: "issued_at", as: Int64.self)),
                issuedBy: issuedBy,
                facts: try CaseJSON.decode(DocumentFacts.self, try row.decode(column: "facts", as: String.self)),
                reprints: try row.decode(column: "reprints", as: Int.self)
            )
        }
    }

    // MARK: Breaches

    /// Every one-time-notice breach, newest first, for supervisors.
    public func breaches() async throws -> [BreachRecord] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT e.case_id, e.at, e.detail, c.query_code, c.business_code FROM case_events e JOIN cases c ON c.id = e.case_id
                WHERE e.action = 'breach' ORDER BY e.id DESC
                """
            ).all().map { row in
                let id = try row.decode(column: "case_id", as: String.self)
                guard let caseID = CaseID(id), let business = BusinessCode(try row.decode(column: "business_code", as: String.self)),
                    let breach = try? CaseJSON.decode(OneTimeNoticeLedger.Breach.self, try row.decode(column: "detail", as: String?.self) ?? "")
                else { throw StoreError.corruptRow(table: "case_events", id: id) }
                return BreachRecord(
                    caseID: caseID,
                    queryCode: try row.decode(column: "query_code", as: String.self),
                    business: business,
                    breach: breach,
                    recordedAt: Date(milliseconds: try row.decode(column: "at", as: Int64.self))
                )
            }
        }
    }

    // MARK: The public status query

    public enum StatusAnswer: Sendable {
        case found(CaseFile, clock: DeadlineRecord?)
        case notFound
        /// Too many failures from this client or for this code in the window.
        case limited
    }

    /// Looks a case up by its query code and the last four digits of the applicant's phone. Failures are recorded per
    /// client address (and so per address and code): at `maxFailures` within `window` that address is refused (429)
    /// until the window moves on. Guessing from one address is slowed to a crawl, while failures from elsewhere never
    /// lock the citizen out of their own code (issue 9: a per-code limit let anyone block a case's status query).
    public func status(
        code: String,
        phoneLast4: String,
        client: String,
        maxFailures: Int,
        window: Duration,
        at now: Date
    ) async throws -> StatusAnswer {
        try await database.transaction { [sealer] db in
            switch try await Self.lookUp(
                code: code,
                phoneLast4: phoneLast4,
                client: client,
                maxFailures: maxFailures,
                window: window,
                at: now,
                sealer: sealer,
                in: db
            ) {
            case .limited: return .limited
            case .notFound: return .notFound
            case .found(let record, _):
                let clock = try await record.clock.asyncMap { try await DeadlineRepository.find($0, in: db) } ?? nil
                try await AuditTrail.record(AuditEntry("status.query", "case:\(record.id)"), at: now, in: db)
                return .found(record, clock: clock)
            }
        }
    }

    /// The status query's check of the code and the digits, with its per-address failure limit, inside the caller's
    /// transaction: the status page and the case rating (一事一评) share it, so rating cannot be used to guess codes
    /// faster than querying. A failure is recorded (and audited) here; `.found` carries no clock.
    static func lookUp(
        code: String,
        phoneLast4: String,
        client: String,
        maxFailures: Int,
        window: Duration,
        at now: Date,
        sealer: DataSealer,
        in db: any SQLDatabase
    ) async throws -> StatusAnswer {
        let code = QueryCode.normalised(code)
        let byClient = try await StatusQueryAttempts.failures(of: client, within: window, before: now, in: db)
        guard byClient < maxFailures else {
            try await AuditTrail.record(
                AuditEntry("status.query", "status:\(code)", outcome: .refused, detail: "429 status.rate-limited"),
                at: now,
                in: db
            )
            return .limited
        }
        let digits = phoneLast4.trimmingCharacters(in: .whitespaces)
        guard let record = try await Self.file(where: "query_code = \(bind: code) AND phone_last4 = \(bind: digits)", sealer: sealer, in: db)
        else {
            try await StatusQueryAttempts.recordFailure(of: client, code: code, at: now, in: db)
            try await AuditTrail.record(
                AuditEntry("status.query", "status:\(code)", outcome: .refused, detail: "404 status.not-found"),
                at: now,
                in: db
            )
            return .notFound
        }
        return .found(record, clock: nil)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
