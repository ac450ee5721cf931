import ChuangkouCore
import Foundation
import SQLKit

/// Inquiries (首问负责): each change locks the row, applies Core's event and writes back the inquiry, its messages
/// (outbox) and the audit row in one transaction. A contact left by the citizen is sealed; only its masked form is
/// ever read back. Whoever is not on an inquiry (owner, first owner, the colleague asked, anyone who acted) and is
/// not a leader or supervisor is told it does not exist.
public struct InquiryRepository: Sendable {
    let database: Database
    let sealer: DataSealer

    public init(database: Database, sealer: DataSealer) {
        self.database = database
        self.sealer = sealer
    }

    /// An inquiry as pages and answers show it.
    public struct Record: Sendable, Equatable {
        public let inquiry: Inquiry
        /// `138****5678`, when a contact was left.
        public let contactMasked: String?
    }

    /// Who asks: their badge, and whether their role reads every inquiry (duty leaders, supervisors).
    public struct Viewer: Sendable, Equatable {
        public let badge: Badge
        public let seesAll: Bool

        public init(badge: Badge, seesAll: Bool) {
            self.badge = badge
            self.seesAll = seesAll
        }
    }

    /// What an officer's own outcome asks of the store: the store fills in the guide version, the body's details,
    /// the ticket.
    public enum Resolution: Sendable, Equatable {
        case answered(String)
        /// The one-time notice from the guide of the business in force now.
        case oneTimeNotice(BusinessCode)
        case referred(CompetentBody.ID)
    }

    // MARK: Recording

    /// Records an inquiry owned by `officer`; with `resolution`, it is closed at once (answered on the spot).
    public func record(
        _ filing: Inquiry.Filing,
        contact: MobileNumber?,
        resolution: Resolution? = nil,
        by officer: Badge,
        hall: Hall,
        at instant: Date
    ) async throws -> Record {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        var filing = filing
        filing.hasContact = contact != nil
        let sealed = try contact.map { try sealer.seal($0.value) }
        let id = InquiryID(UUID())
        return try await database.transaction { [filing] db in
            if case .business(let code) = filing.topic, try await BusinessRepository.find(code, in: db) == nil {
                throw InquiryRecordError.unknownBusiness
            }
            if case .window(let number) = filing.place, (1...999).contains(number),
                try await db.raw("SELECT number FROM windows WHERE number = \(bind: number)").first() == nil
            {
                throw InquiryRecordError.unknownWindow
            }
            var inquiry = try Inquiry.record(filing, id: id, by: officer, at: now, on: hall.serviceDay(at: now))
            let business: String? = if case .business(let code) = inquiry.topic { code.value } else { nil }
            let window: Int? = if case .window(let number) = inquiry.place { number } else { nil }
            try await db.raw(
                """
                INSERT INTO inquiries (id, owner_badge, first_badge, status, business_code, window_number, service_day, recorded_at,
                    contact_sealed, contact_masked, inquiry, updated_at)
                VALUES (\(bind: id.description), \(bind: officer.value), \(bind: officer.value), \(bind: inquiry.status.rawValue),
                    \(bind: business), \(bind: window), \(bind: inquiry.serviceDay.description), \(bind: now.millisecondsSince1970),
                    \(bind: sealed), \(bind: contact?.masked), \(bind: try StoredJSON.text(inquiry)), \(bind: now.millisecondsSince1970))
                """
            ).run()
            try await AuditTrail.record(
                AuditEntry("inquiry.record", "inquiry:\(id)", detail: "\(business ?? "other") \(window.map { "window \($0)" } ?? "desk")"),
                at: now,
                in: db
            )
            if let resolution {
                let outcome = try await Self.outcome(resolution, in: db)
                let effects = try inquiry.resolve(outcome, by: officer, at: now)
                try await Self.write(inquiry, effects: effects, action: "resolve", at: now, in: db)
            }
            return Record(inquiry: inquiry, contactMasked: contact?.masked)
        }
    }

    // MARK: Events

    public func resolve(_ id: InquiryID, _ resolution: Resolution, by officer: Badge, at now: Date) async throws -> Record {
        try await change(id, "resolve", viewer: .init(badge: officer, seesAll: false), at: now) { inquiry, db in
            try inquiry.resolve(try await Self.outcome(resolution, in: db), by: officer, at: now)
        }
    }

    /// Asks a colleague of the unit to take it over: an enabled account that serves citizens (window, desk, leader).
    public func handOver(_ id: InquiryID, to colleague: Badge, note: String, by officer: Badge, at now: Date) async throws -> Record {
        try await change(id, "handover", viewer: .init(badge: officer, seesAll: false), at: now) { inquiry, db in
            guard
                let row = try await db.raw(
                    "SELECT \(unsafeRaw: Officer.columns), disabled_at FROM officers WHERE badge = \(bind: colleague.value)"
                ).first(),
                try row.decode(column: "disabled_at", as: Int64?.self) == nil,
                try Officer(row: row).roles.containsAny([.windowOfficer, .deskOfficer, .dutyLeader])
            else { throw InquiryRecordError.unknownColleague }
            return try inquiry.handOver(to: colleague, note: note, by: officer, at: now)
        }
    }

    public func acceptHandover(_ id: InquiryID, by colleague: Badge, at now: Date) async throws -> Record {
        try await change(id, "handover-accept", viewer: .init(badge: colleague, seesAll: false), at: now) { inquiry, _ in
            try inquiry.acceptHandover(by: colleague, at: now)
        }
    }

    public func declineHandover(_ id: InquiryID, by colleague: Badge, at now: Date) async throws -> Record {
        try await change(id, "handover-decline", viewer: .init(badge: colleague, seesAll: false), at: now) { inquiry, _ in
            try inquiry.declineHandover(by: colleague, at: now)
        }
    }

    public func withdrawHandover(_ id: InquiryID, by officer: Badge, at now: Date) async throws -> Record {
        try await change(id, "handover-withdraw", viewer: .init(badge: officer, seesAll: false), at: now) { inquiry, _ in
            try inquiry.withdrawHandover(by: officer, at: now)
        }
    }

    /// Turns a walk-in inquiry into a ticket of its business in one step: the ticket is issued and the inquiry
    /// closed with it, together. Returns the inquiry and the ticket.
    public func issueTicket(
        _ id: InquiryID,
        business: BusinessCode?,
        greenChannel: GreenChannel?,
        by officer: Badge,
        hall: Hall,
        at instant: Date
    ) async throws -> (Record, Ticket) {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        return try await changing(id, "ticket", viewer: .init(badge: officer, seesAll: false), at: now) { inquiry, db in
            guard inquiry.outcome == nil else { throw InquiryError.closed }
            guard inquiry.owner == officer else { throw InquiryError.notOwner }
            let code: BusinessCode
            if let business {
                code = business
            } else if case .business(let topic) = inquiry.topic {
                code = topic
            } else {
                throw InquiryRecordError.businessRequired
            }
            let ticket = try await TicketRepository.issue(business: code, greenChannel: greenChannel, day: hall.serviceDay(at: now), at: now, in: db)
            try await db.raw("UPDATE inquiries SET ticket_id = \(bind: ticket.id.description) WHERE id = \(bind: id.description)").run()
            return (try inquiry.resolve(.ticket(ticket.id, number: ticket.number.description), by: officer, at: now), ticket)
        }
    }

    /// Closes an inquiry with the case it became (the intake form opened from it), keeping the link both ways.
    public func linkCase(_ id: InquiryID, case caseID: CaseID, by officer: Badge, at now: Date) async throws -> Record {
        let dialect = database.dialect
        return try await database.transaction { db in
            try await Self.linkCase(id, case: caseID, by: officer, at: now, dialect: dialect, in: db)
        }
    }

    /// In the caller's transaction (the case intake opened from the inquiry): closes the inquiry with the case, its
    /// owner only, and keeps the case's id on the inquiry's row, so each finds the other.
    static func linkCase(
        _ id: InquiryID,
        case caseID: CaseID,
        by officer: Badge,
        at instant: Date,
        dialect: Dialect,
        in db: any SQLDatabase
    ) async throws -> Record {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        guard
            let row = try await db.raw(
                "SELECT inquiry, contact_masked FROM inquiries WHERE id = \(bind: id.description)\(unsafeRaw: dialect.forUpdate)"
            ).first()
        else { throw InquiryRecordError.unknown }
        var inquiry = try StoredJSON.value(Inquiry.self, try row.decode(column: "inquiry", as: String.self), table: "inquiries", id: id.description)
        guard inquiry.isVisible(to: officer) else { throw InquiryRecordError.unknown }
        guard try await db.raw("SELECT id FROM cases WHERE id = \(bind: caseID.description)").first() != nil else {
            throw InquiryRecordError.unknownCase
        }
        let effects = try inquiry.resolve(.caseFile(caseID), by: officer, at: now)
        try await db.raw("UPDATE inquiries SET case_id = \(bind: caseID.description) WHERE id = \(bind: id.description)").run()
        try await write(inquiry, effects: effects, action: "case", at: now, in: db)
        return Record(inquiry: inquiry, contactMasked: try row.decode(column: "contact_masked", as: String?.self))
    }

    /// The inquiry a case was opened from, if any (the case page links back to it).
    public func inquiry(openedCase caseID: CaseID) async throws -> Inquiry? {
        try await database.read { db in
            guard let row = try await db.raw("SELECT id, inquiry FROM inquiries WHERE case_id = \(bind: caseID.description)").first() else {
                return nil
            }
            let id = try row.decode(column: "id", as: String.self)
            return try StoredJSON.value(Inquiry.self, try row.decode(column: "inquiry", as: String.self), table: "inquiries", id: id)
        }
    }

    /// Loads and locks the inquiry, applies `event`, writes it back with its messages and the audit row.
    func change(
        _ id: InquiryID,
        _ action: String,
        viewer: Viewer,
        at now: Date,
        _ event: @escaping @Sendable (inout Inquiry, any SQLDatabase) async throws -> [InquiryEffect]
    ) async throws -> Record {
        try await changing(id, action, viewer: viewer, at: now) { inquiry, db in (try await event(&inquiry, db), ()) }.0
    }

    /// `change`, with something else the event made (a ticket) handed back beside the inquiry.
    func changing<Made: Sendable>(
        _ id: InquiryID,
        _ action: String,
        viewer: Viewer,
        at instant: Date,
        _ event: @escaping @Sendable (inout Inquiry, any SQLDatabase) async throws -> ([InquiryEffect], Made)
    ) async throws -> (Record, Made) {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        let dialect = database.dialect
        return try await database.transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT inquiry, contact_masked FROM inquiries WHERE id = \(bind: id.description)\(unsafeRaw: dialect.forUpdate)"
                ).first()
            else { throw InquiryRecordError.unknown }
            var inquiry = try StoredJSON.value(
                Inquiry.self,
                try row.decode(column: "inquiry", as: String.self),
                table: "inquiries",
                id: id.description
            )
            guard viewer.seesAll || inquiry.isVisible(to: viewer.badge) else { throw InquiryRecordError.unknown }
            let (effects, made) = try await event(&inquiry, db)
            try await Self.write(inquiry, effects: effects, action: action, at: now, in: db)
            return (Record(inquiry: inquiry, contactMasked: try row.decode(column: "contact_masked", as: String?.self)), made)
        }
    }

    /// Writes an inquiry back with the copies of its state, its messages and the audit row.
    static func write(_ inquiry: Inquiry, effects: [InquiryEffect], action: String, at now: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE inquiries SET owner_badge = \(bind: inquiry.owner.value), handover_badge = \(bind: inquiry.handover?.to.value),
                status = \(bind: inquiry.status.rawValue), outcome_kind = \(bind: inquiry.outcome?.kind),
                closed_at = \(bind: inquiry.closedAt?.millisecondsSince1970), day_end_at = \(bind: inquiry.sentToDutyLeaderAt?.millisecondsSince1970),
                inquiry = \(bind: try StoredJSON.text(inquiry)), updated_at = \(bind: now.millisecondsSince1970)
            WHERE id = \(bind: inquiry.id.description)
            """
        ).run()
        for effect in effects {
            switch effect {
            case .notify(let badge, let message):
                try await NotificationOutbox.enqueue(
                    kind: message.rawValue,
                    to: badge,
                    subject: message.subject,
                    payload: #"{"inquiry":"\#(inquiry.id)"}"#,
                    at: now,
                    in: db
                )
            }
        }
        try await AuditTrail.record(
            AuditEntry("inquiry.\(action)", "inquiry:\(inquiry.id)", detail: "\(inquiry.status.rawValue) owner \(inquiry.owner)"),
            at: now,
            in: db
        )
    }

    /// The outcome a resolution names, with the guide version in force or the body's details copied in.
    static func outcome(_ resolution: Resolution, in db: any SQLDatabase) async throws -> Inquiry.Outcome {
        switch resolution {
        case .answered(let text):
            return .answered(text)
        case .oneTimeNotice(let code):
            // The notice quotes the guide in force, read through the guides' own helper.
            guard let guide = try await GuideRepository.current(code, in: db) else { throw InquiryRecordError.unknownBusiness }
            return .oneTimeNotice(business: code, guideVersion: guide.version)
        case .referred(let id):
            guard let body = try await CompetentBodyDirectory.body(id, in: db), body.retired == false else {
                throw InquiryRecordError.unknownBody
            }
            return .referred(body.body.reference)
        }
    }
}

/// Why the store refused an inquiry request before Core saw it.
public enum InquiryRecordError: Error, Equatable, Sendable {
    /// No such inquiry, or one the viewer is not on.
    case unknown
    case unknownBusiness
    case unknownWindow
    case unknownColleague
    case unknownBody
    case unknownCase
    /// An inquiry on no business of the catalog becomes a ticket only when one is named.
    case businessRequired
}
