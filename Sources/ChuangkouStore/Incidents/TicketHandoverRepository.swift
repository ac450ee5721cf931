import ChuangkouCore
import Foundation
import SQLKit

/// Handing a stalled ticket to a colleague's window (避免僵局: 另请一名民警（最好异性）, issue 14).
///
/// The move is one transaction: the ticket row is locked, then both windows in ascending number (every handover
/// takes them in the same order, so two crossing handovers cannot deadlock), the colleague's facts are read again
/// under those locks and checked by Core, and the ticket's new window, its transition and display event, the
/// incident record, the receipt and the audit rows are written together. A ticket has one window column and the
/// partial unique index of migration 001 allows one active ticket per window, so however the presses race, a ticket
/// is never held by two windows, nor a window given two tickets.
public struct TicketHandoverRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A receipt with the names both consoles print.
    public struct Receipt: Sendable, Equatable {
        public let handover: TicketHandover
        public let fromName: String
        public let toName: String
    }

    /// The ticket and the colleagues to suggest for it, best first (`TicketHandover.suggestions`).
    public func candidates(for id: TicketID, asking officer: Officer, otherSexFirst: Bool) async throws -> (Ticket, [TicketHandoverCandidate]) {
        try await database.read { db in
            guard let row = try await db.raw("SELECT \(unsafeRaw: Ticket.columns) FROM tickets WHERE id = \(bind: id.description)").first()
            else { throw QueueError.unknownTicket(id.description) }
            let ticket = try Ticket(row: row)
            let all = try await Self.candidates(business: ticket.business, only: nil, in: db)
            return (ticket, TicketHandover.suggestions(all, asking: officer, otherSexFirst: otherSexFirst))
        }
    }

    /// Hands the ticket called or served at `officer`'s window to `colleague`'s window, with its incident record.
    ///
    /// - Throws: `TicketHandoverError` (not one's ticket, the colleague off duty, on a break, busy or not serving the
    ///   business), `QueueError` (unknown ticket, the officer no longer at the window), `IncidentError` (the record).
    public func handOver(
        _ id: TicketID,
        to colleague: Badge,
        filing: Incident.Filing,
        by officer: Badge,
        hall: Hall,
        at instant: Date
    ) async throws -> Receipt {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        let dialect = database.dialect
        do {
            return try await database.transaction { db in
                var ticket = try await TicketRepository.lock(id, dialect: dialect, in: db)
                guard ticket.status.isActiveAtWindow, ticket.officer == officer, let source = ticket.window else {
                    throw TicketHandoverError.notYourTicket
                }
                guard
                    let target = try await db.raw("SELECT number FROM windows WHERE officer_badge = \(bind: colleague.value)").first()
                        .flatMap({ try $0.decodeWindow(column: "number") })
                else {
                    let known = try await OfficerRepository.findEnabled(colleague, in: db) != nil
                    throw known ? TicketHandoverError.colleagueNotOnDuty(.offDuty) : TicketHandoverError.unknownColleague
                }
                var locked: [WindowNumber: Window] = [:]
                for number in [source, target].sorted() {
                    locked[number] = try await WindowRepository.lock(number, dialect: dialect, in: db)
                }
                guard locked[source]?.officer == officer else { throw QueueError.notSignedIn(window: source) }
                // Read after the locks, in a statement of its own: on PostgreSQL it sees whatever committed meanwhile.
                guard let candidate = try await Self.candidates(business: ticket.business, only: colleague, in: db).first,
                    candidate.window == target
                else { throw TicketHandoverError.colleagueNotOnDuty(.offDuty) }
                try TicketHandover.check(ticket, by: officer, to: candidate)
                let transition = try ticket.handOver(to: target, officer: colleague, by: officer, at: now)
                try await TicketRepository.save(ticket, transition, in: db)
                var record = filing
                record.window = source.value
                record.ticket = ticket.id
                let incident = try Incident.handOver(
                    record,
                    to: colleague,
                    colleagueName: candidate.name,
                    window: target,
                    id: IncidentID(UUID()),
                    by: officer,
                    at: now,
                    on: hall.serviceDay(at: now)
                )
                try await IncidentRepository.insert(incident, in: db)
                let handover = TicketHandover(
                    id: TicketHandoverID(UUID()),
                    ticket: ticket.id,
                    ticketNumber: ticket.number.description,
                    business: ticket.business,
                    fromWindow: source,
                    fromOfficer: officer,
                    toWindow: target,
                    toOfficer: colleague,
                    incident: incident.id,
                    at: now,
                    serviceDay: ticket.serviceDay
                )
                try await Self.insert(handover, in: db)
                try await AuditTrail.record(
                    AuditEntry(
                        "ticket.hand-over",
                        "handover:\(handover.id)",
                        detail: "\(handover.ticketNumber) \(source)→\(target) \(colleague.value) incident:\(incident.id)"
                    ),
                    at: now,
                    in: db
                )
                let fromName = try await OfficerRepository.find(officer, in: db)?.name ?? ""
                return Receipt(handover: handover, fromName: fromName, toName: candidate.name)
            }
        } catch let error where UniqueViolation.matches(error) {
            // The window checks refuse a busy window first; the index is the last word should a race get past them.
            let busy = try await database.read { db in
                try await db.raw(
                    """
                    SELECT w.number, t.prefix, t.sequence FROM windows w
                    JOIN tickets t ON t.window_number = w.number AND t.status IN ('called', 'serving')
                    WHERE w.officer_badge = \(bind: colleague.value)
                    """
                ).first()
            }
            guard let busy, let window = try busy.decodeWindow(column: "number"),
                let prefix = TicketPrefix(try busy.decode(column: "prefix", as: String.self))
            else { throw error }
            let number = TicketNumber(prefix: prefix, sequence: try busy.decode(column: "sequence", as: Int.self))
            throw TicketHandoverError.colleagueBusy(window: window, ticket: number.description)
        }
    }

    /// The day's handovers to or from a window, newest first: the receipts its console shows.
    public func receipts(window: WindowNumber, on day: LocalDate, limit: Int = 20) async throws -> [Receipt] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT h.id, h.ticket_id, h.ticket_number, h.business_code, h.from_window, h.from_badge, h.to_window, h.to_badge,
                    h.incident_id, h.service_day, h.at, f.name AS from_name, t.name AS to_name
                FROM ticket_handovers h JOIN officers f ON f.badge = h.from_badge JOIN officers t ON t.badge = h.to_badge
                WHERE h.service_day = \(bind: day.description) AND (h.from_window = \(bind: window.value) OR h.to_window = \(bind: window.value))
                ORDER BY h.at DESC, h.id LIMIT \(bind: limit)
                """
            ).all().map(Self.receipt(row:))
        }
    }

    // MARK: In-transaction helpers

    /// The officers signed in to a window, or only `badge`, with what a handover of a `business` ticket asks of them.
    static func candidates(business: BusinessCode, only badge: Badge?, in db: any SQLDatabase) async throws -> [TicketHandoverCandidate] {
        let one: SQLQueryString = badge.map { " AND o.badge = \(bind: $0.value)" } ?? ""
        return try await db.raw(
            """
            SELECT o.badge, o.name, o.role, o.roles, o.post, o.sex, o.serves_businesses, w.number, w.status,
                (SELECT t.prefix FROM tickets t WHERE t.window_number = w.number AND t.status IN ('called', 'serving')) AS busy_prefix,
                (SELECT t.sequence FROM tickets t WHERE t.window_number = w.number AND t.status IN ('called', 'serving')) AS busy_sequence,
                (SELECT COUNT(*) FROM window_businesses wb WHERE wb.window_number = w.number AND wb.business_code = \(bind: business.value))
                    AS serves
            FROM windows w JOIN officers o ON o.badge = w.officer_badge
            WHERE o.disabled_at IS NULL\(one)
            ORDER BY w.number
            """
        ).all().map { row in
            let officer = try Officer(row: row)
            let allowed = try row.decode(column: "serves_businesses", as: String.self).split(separator: ",").map(String.init)
            let status = Window.Status(rawValue: try row.decode(column: "status", as: String.self))
            var busy: String?
            if let prefix = try row.decode(column: "busy_prefix", as: String?.self).flatMap(TicketPrefix.init),
                let sequence = try row.decode(column: "busy_sequence", as: Int?.self)
            {
                busy = TicketNumber(prefix: prefix, sequence: sequence).description
            }
            return TicketHandoverCandidate(
                badge: officer.badge,
                name: officer.name,
                sex: officer.sex,
                window: try row.decodeWindow(column: "number"),
                state: OfficerDutyState(window: status),
                busyWith: busy,
                servesBusiness: try row.decode(column: "serves", as: Int.self) > 0 && (allowed.isEmpty || allowed.contains(business.value))
            )
        }
    }

    static func insert(_ h: TicketHandover, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO ticket_handovers (id, ticket_id, ticket_number, business_code, from_window, from_badge, to_window, to_badge,
                incident_id, service_day, at)
            VALUES (\(bind: h.id.description), \(bind: h.ticket.description), \(bind: h.ticketNumber), \(bind: h.business.value),
                \(bind: h.fromWindow.value), \(bind: h.fromOfficer.value), \(bind: h.toWindow.value), \(bind: h.toOfficer.value),
                \(bind: h.incident.description), \(bind: h.serviceDay.description), \(bind: h.at.millisecondsSince1970))
            """
        ).run()
    }

    static func receipt(row: any SQLRow) throws -> Receipt {
        let id = try row.decode(column: "id", as: String.self)
        let corrupt = StoreError.corruptRow(table: "ticket_handovers", id: id)
        guard let handoverID = TicketHandoverID(id),
            let ticket = TicketID(try row.decode(column: "ticket_id", as: String.self)),
            let business = BusinessCode(try row.decode(column: "business_code", as: String.self)),
            let fromWindow = try row.decodeWindow(column: "from_window"),
            let toWindow = try row.decodeWindow(column: "to_window"),
            let fromOfficer = Badge(try row.decode(column: "from_badge", as: String.self)),
            let toOfficer = Badge(try row.decode(column: "to_badge", as: String.self)),
            let incident = IncidentID(try row.decode(column: "incident_id", as: String.self)),
            let day = LocalDate(try row.decode(column: "service_day", as: String.self))
        else { throw corrupt }
        return Receipt(
            handover: TicketHandover(
                id: handoverID,
                ticket: ticket,
                ticketNumber: try row.decode(column: "ticket_number", as: String.self),
                business: business,
                fromWindow: fromWindow,
                fromOfficer: fromOfficer,
                toWindow: toWindow,
                toOfficer: toOfficer,
                incident: incident,
                at: Date(milliseconds: try row.decode(column: "at", as: Int64.self)),
                serviceDay: day
            ),
            fromName: try row.decode(column: "from_name", as: String.self),
            toName: try row.decode(column: "to_name", as: String.self)
        )
    }
}
