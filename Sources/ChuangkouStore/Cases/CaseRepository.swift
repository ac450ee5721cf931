import ChuangkouCore
import Foundation
import SQLKit

/// Cases from intake to decision. Every change is one transaction: load and lock the case, apply Core's event
/// (`CaseFile`), persist the effects it returns (history, checklist versions, steps, the clock, documents, the
/// outbox) and write the case back. A document number is never spent on a change that rolled back.
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

    public typealias Refusal = CaseFile.Refusal

    func run<T: Sendable>(_ today: Today, _ body: @Sendable @escaping (CaseTransaction) async throws -> T) async throws -> T {
        try await database.transaction { [dialect = database.dialect, sealer, unitCode] db in
            try await body(CaseTransaction(db: db, dialect: dialect, sealer: sealer, unitCode: unitCode, today: today))
        }
    }

    /// Loads and locks the case, applies `event` and persists what it did; returns the case and the documents issued.
    func change(
        _ id: CaseID,
        _ today: Today,
        _ event: @Sendable @escaping (inout CaseFile, CaseTransaction) async throws -> [CaseEffect]
    ) async throws -> (CaseFile, [CaseDocument]) {
        try await run(today) { tx in
            var file = try await tx.load(id)
            let effects = try await event(&file, tx)
            let documents = try await tx.persist(effects, of: file)
            try await tx.save(file)
            try await tx.audit(file, effects)
            return (file, documents)
        }
    }

    // MARK: Opening

    /// Opens a case for the ticket called to the officer's window, or for a walk-in (no ticket; the business is given),
    /// or on site for `visit` (no ticket; the business is given): the visit is locked and Core's
    /// `OnSiteVisit.checkIntake` decides (its team, its day, its businesses) in the same transaction. Pinned to the
    /// guide version in force; business-specific fields are checked against the guide's `fields`.
    public func open(
        business: BusinessCode?,
        ticket: TicketID?,
        applicant: Applicant,
        fields: [String: String],
        inquiry: InquiryID? = nil,
        visit: OnSiteVisitID? = nil,
        by officer: Officer,
        _ today: Today
    ) async throws -> CaseFile {
        try CaseFile.checkHandler(officer)
        try applicant.check()
        return try await run(today) { tx in
            var called: Ticket?
            if let ticket {
                let found = try await TicketRepository.lock(ticket, dialect: tx.dialect, in: tx.db)
                try CaseFile.checkTicket(found, for: officer)
                guard try await tx.db.raw("SELECT id FROM cases WHERE ticket_id = \(bind: ticket.description)").first() == nil else {
                    throw CaseStoreError.ticketHasCase
                }
                called = found
            }
            guard let code = business ?? called?.business else { throw CaseStoreError.unknownBusiness("") }
            var channel = CaseChannel.window
            if let visit {
                let onSite = try await OnSiteRepository.lock(visit, sealer: tx.sealer, dialect: tx.dialect, in: tx.db)
                try onSite.checkIntake(by: officer, business: code, on: tx.today.date)
                channel = .onSite(visit)
            }
            guard let version = try await GuideRepository.current(code, in: tx.db) else { throw CaseStoreError.unknownBusiness(code.value) }
            let (file, effects) = try CaseFile.open(
                id: CaseID(UUID()),
                queryCode: QueryCode.generate(),
                guide: version,
                ticket: called,
                applicant: applicant,
                fields: fields,
                by: officer,
                channel: channel,
                tx.today
            )
            try await tx.insert(file)
            _ = try await tx.persist(effects, of: file)
            try await tx.audit(file, effects)
            // Opened from a walk-in's inquiry (首问负责): the inquiry closes with this case, in the same transaction.
            if let inquiry {
                _ = try await InquiryRepository.linkCase(inquiry, case: file.id, by: officer.badge, at: tx.today.now, dialect: tx.dialect, in: tx.db)
            }
            return file
        }
    }

    // MARK: Checklist and intake

    /// Records what the officer found for some materials, as a new checklist version (earlier versions are kept).
    public func recordChecklist(
        _ id: CaseID,
        marks: [(Int, Checklist.State)],
        by officer: Officer,
        _ today: Today
    ) async throws -> CaseFile {
        try CaseFile.checkHandler(officer)
        return try await change(id, today) { file, _ in
            try file.check(marks, by: officer)
        }.0
    }

    /// Decides intake from the checklist, or refuses when `refusal` is given (see `CaseFile.decideIntake`).
    public func decideIntake(
        _ id: CaseID,
        commitmentSigned: Bool,
        supplementDue: LocalDate?,
        refusal: Refusal?,
        by officer: Officer,
        _ today: Today
    ) async throws -> (CaseFile, [CaseDocument]) {
        try CaseFile.checkHandler(officer)
        return try await change(id, today) { file, tx in
            try file.decideIntake(
                commitmentSigned: commitmentSigned,
                supplementDue: supplementDue,
                refusal: refusal,
                guide: try await tx.guide(of: file),
                by: officer,
                newClock: DeadlineClockID(UUID()),
                tx.today
            )
        }
    }

    // MARK: The one-time rule

    /// Asks the applicant (again) for a material: only items on the notice or added by an approved correction.
    public func requestItem(
        _ id: CaseID,
        index: Int,
        by officer: Officer,
        _ today: Today
    ) async throws -> CaseFile {
        try CaseFile.checkHandler(officer)
        return try await change(id, today) { file, tx in
            try file.requestItem(index, by: officer, tx.today)
        }.0
    }

    /// Adds items to the notice with a reason, approved by the duty leader (see `CaseFile.correctNotice`).
    public func correctNotice(
        _ id: CaseID,
        items: [(Int, NoticeItem.Problem)],
        reason: String,
        approvedBy leader: Officer,
        _ today: Today
    ) async throws -> (CaseFile, CaseDocument) {
        let (file, documents) = try await change(id, today) { file, tx in
            try file.correctNotice(
                adding: items,
                reason: reason,
                approvedBy: leader,
                guide: try await tx.guide(of: file),
                tx.today
            )
        }
        // A correction always issues its document.
        guard let document = documents.first else { throw CaseError.wrongStage(file.stage) }
        return (file, document)
    }

    // MARK: Supplements

    /// Receives materials: items on the notice, or 容缺 items after acceptance (see `CaseFile.receiveSupplements`).
    public func receiveSupplements(
        _ id: CaseID,
        indices: [Int],
        by officer: Officer,
        _ today: Today
    ) async throws -> (CaseFile, [CaseDocument]) {
        try CaseFile.checkHandler(officer)
        return try await change(id, today) { file, tx in
            try file.receiveSupplements(indices, guide: try await tx.guide(of: file), by: officer, newClock: DeadlineClockID(UUID()), tx.today)
        }
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
