import ChuangkouCore
import Foundation
import SQLKit

/// Why a phone cannot be given for a ticket.
public enum TicketContactError: Error, Sendable, Equatable {
    case unknownTicket
    /// Only a waiting ticket gets a heads-up.
    case notWaiting
    /// One phone per ticket; it cannot be changed (so nobody holding the link redirects the messages).
    case alreadyGiven
}

/// A phone a ticket's holder gave for the heads-up "3 ahead of you" (`MessageKind.ticketAhead`), sealed at rest.
public struct TicketContacts: Sendable {
    /// The heads-up goes out when this many or fewer wait ahead.
    public static let headsUpAhead = 3

    let database: Database
    let sealer: DataSealer

    public init(database: Database, sealer: DataSealer) {
        self.database = database
        self.sealer = sealer
    }

    /// Keeps the phone for a waiting ticket; audited with the masked number.
    public func give(_ phone: MobileNumber, language: MessageLanguage, for ticket: TicketID, at now: Date) async throws {
        let sealed = try sealer.seal(phone.value)
        try await database.transaction { [dialect = database.dialect] db in
            guard
                let row = try await db.raw(
                    "SELECT status FROM tickets WHERE id = \(bind: ticket.description)\(unsafeRaw: dialect.forUpdate)"
                ).first()
            else { throw TicketContactError.unknownTicket }
            guard try row.decode(column: "status", as: String.self) == TicketStatus.waiting.rawValue else { throw TicketContactError.notWaiting }
            let inserted =
                try await db.raw(
                    """
                    INSERT INTO ticket_contacts (ticket_id, phone_sealed, phone_masked, language, given_at)
                    VALUES (
                        \(bind: ticket.description),
                        \(bind: sealed),
                        \(bind: phone.masked),
                        \(bind: language.rawValue),
                        \(bind: now.millisecondsSince1970)
                    )
                    ON CONFLICT (ticket_id) DO NOTHING RETURNING ticket_id
                    """
                ).first() != nil
            guard inserted else { throw TicketContactError.alreadyGiven }
            try await AuditTrail.record(AuditEntry("ticket.contact", "ticket:\(ticket)", detail: phone.masked), at: now, in: db)
        }
    }

    /// The masked phone given for a ticket, if any.
    public func maskedPhone(for ticket: TicketID) async throws -> String? {
        try await database.read { db in
            try await db.raw("SELECT phone_masked FROM ticket_contacts WHERE ticket_id = \(bind: ticket.description)").first()?
                .decode(column: "phone_masked", as: String.self)
        }
    }

    /// After a call of `business`, in the call's transaction: every waiting ticket of that business with a phone and at
    /// most `headsUpAhead` ahead of it gets its heads-up, once (the message's key is the ticket's). Cheap when nobody
    /// gave a phone: one indexed lookup.
    static func headsUp(business: BusinessCode, day: LocalDate, at now: Date, in db: any SQLDatabase) async throws {
        let contacts = try await db.raw(
            """
            SELECT c.ticket_id, c.phone_sealed, c.language FROM ticket_contacts c JOIN tickets t ON t.id = c.ticket_id
            WHERE t.service_day = \(bind: day.description) AND t.business_code = \(bind: business.value) AND t.status = 'waiting'
            """
        ).all()
        guard !contacts.isEmpty else { return }
        // The business's line in calling order (QueuePolicy: green channel first, then by issue).
        let line = try await db.raw(
            """
            SELECT \(unsafeRaw: Ticket.columns) FROM tickets t
            WHERE t.service_day = \(bind: day.description) AND t.business_code = \(bind: business.value) AND t.status = 'waiting'
            ORDER BY (t.green_channel IS NULL), t.issued_at, t.prefix, t.sequence, t.id
            """
        ).all().map(Ticket.init(row:))
        let hall = try await db.raw("SELECT name FROM hall LIMIT 1").first()?.decode(column: "name", as: String.self) ?? ""
        for contact in contacts {
            let id = try contact.decode(column: "ticket_id", as: String.self)
            guard let position = line.firstIndex(where: { $0.id.description == id }), position <= headsUpAhead else { continue }
            let ticket = line[position]
            try await NotificationOutbox.enqueue(
                .ticketAhead,
                values: ["hall": hall, "ticket": ticket.number.description, "ahead": String(position), "business": business.value],
                language: MessageLanguage(rawValue: try contact.decode(column: "language", as: String.self)) ?? .chinese,
                phoneSealed: try contact.decode(column: "phone_sealed", as: String.self),
                payload: #"{"ticket":"\#(id)"}"#,
                key: "ticket:\(id):ahead",
                at: now,
                in: db
            )
        }
    }
}
