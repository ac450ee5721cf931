import ChuangkouCore
import Foundation
import SQLKit

/// Incident records and escalations to the duty leader (避免僵局): an escalation finds the leader on duty at that
/// instant from the roster, inside the transaction that records it, and tells them through the outbox; the leader's
/// console lists what is open for them. Each change locks the row, applies Core's event and writes it back with the
/// audit row in one transaction.
public struct IncidentRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Records an incident handled at the window, closed at once with its outcome.
    public func record(_ filing: Incident.Filing, outcome: String, by officer: Badge, hall: Hall, at instant: Date) async throws -> Incident {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        return try await database.transaction { db in
            try await Self.checkTicket(filing.ticket, in: db)
            let incident = try Incident.record(filing, outcome: outcome, id: IncidentID(UUID()), by: officer, at: now, on: hall.serviceDay(at: now))
            try await Self.insert(incident, in: db)
            try await AuditTrail.record(AuditEntry("incident.record", "incident:\(incident.id)", detail: incident.kind.rawValue), at: now, in: db)
            return incident
        }
    }

    /// Escalates to the duty leader on duty now (RULES §1: 请示窗口值班领导), who is told at once.
    ///
    /// - Throws: `DutyError.noLeaderOnDuty` when the roster names nobody for this instant.
    public func escalateToDutyLeader(_ filing: Incident.Filing, by officer: Badge, hall: Hall, at instant: Date) async throws -> Incident {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        return try await database.transaction { db in
            try await Self.checkTicket(filing.ticket, in: db)
            guard let leader = try await DutyRosterRepository.leaderOnDuty(at: now, in: db) else { throw DutyError.noLeaderOnDuty }
            let incident = try Incident.escalate(filing, to: leader.badge, id: IncidentID(UUID()), by: officer, at: now, on: hall.serviceDay(at: now))
            try await Self.insert(incident, in: db)
            let place = incident.window.map { "\($0)号窗口" } ?? "窗口"
            try await NotificationOutbox.enqueue(
                kind: "incident.escalated",
                to: leader.badge,
                subject: "\(place)请求值班领导到场（\(incident.kind.label)）/ Window \(incident.window.map(String.init) ?? "") asks for the duty leader",
                payload: #"{"incident":"\#(incident.id)"}"#,
                at: now,
                in: db
            )
            // The leader's console hears it on the event stream at once (and the outbox tells them off the console).
            try await HallEventLog.append(
                HallEvent(kind: .escalation, window: incident.window.flatMap { WindowNumber($0) }, action: "escalate", at: now),
                in: db
            )
            try await AuditTrail.record(
                AuditEntry("incident.escalate", "incident:\(incident.id)", detail: "\(incident.kind.rawValue) to \(leader.badge)"),
                at: now,
                in: db
            )
            return incident
        }
    }

    public func take(_ id: IncidentID, by leader: Badge, at now: Date) async throws -> Incident {
        try await change(id, "take", at: now) { try $0.take(by: leader, at: now) }
    }

    public func resolve(_ id: IncidentID, _ outcome: String, by leader: Badge, at now: Date) async throws -> Incident {
        try await change(id, "resolve", at: now) { try $0.resolve(outcome, by: leader, at: now) }
    }

    func change(
        _ id: IncidentID,
        _ action: String,
        at instant: Date,
        _ event: @escaping @Sendable (inout Incident) throws -> Void
    ) async throws -> Incident {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        let dialect = database.dialect
        return try await database.transaction { db in
            guard
                let row = try await db.raw("SELECT incident FROM incidents WHERE id = \(bind: id.description)\(unsafeRaw: dialect.forUpdate)").first()
            else { throw IncidentRecordError.unknown }
            var incident = try StoredJSON.value(
                Incident.self,
                try row.decode(column: "incident", as: String.self),
                table: "incidents",
                id: id.description
            )
            try event(&incident)
            try await db.raw(
                """
                UPDATE incidents SET open = \(bind: incident.isOpen ? 1 : 0), closed_at = \(bind: incident.closedAt?.millisecondsSince1970),
                    incident = \(bind: try StoredJSON.text(incident)) WHERE id = \(bind: id.description)
                """
            ).run()
            if incident.escalatedTo != nil {
                try await HallEventLog.append(
                    HallEvent(kind: .escalation, window: incident.window.flatMap { WindowNumber($0) }, action: action, at: now),
                    in: db
                )
            }
            try await AuditTrail.record(AuditEntry("incident.\(action)", "incident:\(id)"), at: now, in: db)
            return incident
        }
    }

    // MARK: Reading

    public func find(_ id: IncidentID) async throws -> Incident? {
        try await database.read { db in
            try await db.raw("SELECT id, incident FROM incidents WHERE id = \(bind: id.description)").first().map(Self.incident(row:))
        }
    }

    /// The open escalations waiting for a leader (all of them, or one leader's), oldest first.
    public func open(for leader: Badge? = nil) async throws -> [Incident] {
        try await database.read { db in
            let mine: SQLQueryString = leader.map { "AND leader_badge = \(bind: $0.value)" } ?? ""
            return try await db.raw("SELECT id, incident FROM incidents WHERE open = 1 \(mine) ORDER BY recorded_at LIMIT 200").all()
                .map(Self.incident(row:))
        }
    }

    /// The incidents of the days from `from` through `through`, newest first (at most 500).
    public func incidents(from: LocalDate, through: LocalDate) async throws -> [Incident] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT id, incident FROM incidents WHERE service_day >= \(bind: from.description) AND service_day <= \(bind: through.description)
                ORDER BY recorded_at DESC LIMIT 500
                """
            ).all().map(Self.incident(row:))
        }
    }

    /// Incidents per officer over the days from `from` through `through`, and how many of them went to the leader.
    public func counts(from: LocalDate, through: LocalDate) async throws -> [(officer: Badge, incidents: Int, escalated: Int)] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT officer_badge, COUNT(*) AS n, SUM(CASE WHEN leader_badge IS NULL THEN 0 ELSE 1 END) AS escalated FROM incidents
                WHERE service_day >= \(bind: from.description) AND service_day <= \(bind: through.description)
                GROUP BY officer_badge ORDER BY officer_badge
                """
            ).all().compactMap { row in
                guard let badge = Badge(try row.decode(column: "officer_badge", as: String.self)) else { return nil }
                return (badge, try row.decode(column: "n", as: Int.self), try row.decode(column: "escalated", as: Int.self))
            }
        }
    }

    // MARK: In-transaction helpers

    static func insert(_ incident: Incident, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO incidents (
                id,
                kind,
                officer_badge,
                leader_badge,
                window_number,
                ticket_id,
                open,
                service_day,
                recorded_at,
                closed_at,
                incident
            )
            VALUES (\(bind: incident.id.description), \(bind: incident.kind.rawValue), \(bind: incident.officer.value),
                \(bind: incident.escalatedTo?.value), \(bind: incident.window), \(bind: incident.ticket?.description),
                \(bind: incident.isOpen ? 1 : 0),
                \(bind: incident.serviceDay.description), \(bind: incident.recordedAt.millisecondsSince1970),
                \(bind: incident.closedAt?.millisecondsSince1970), \(bind: try StoredJSON.text(incident)))
            """
        ).run()
    }

    static func checkTicket(_ ticket: TicketID?, in db: any SQLDatabase) async throws {
        guard let ticket else { return }
        guard try await db.raw("SELECT id FROM tickets WHERE id = \(bind: ticket.description)").first() != nil else {
            throw IncidentRecordError.unknownTicket
        }
    }

    static func incident(row: any SQLRow) throws -> Incident {
        let id = try row.decode(column: "id", as: String.self)
        return try StoredJSON.value(Incident.self, try row.decode(column: "incident", as: String.self), table: "incidents", id: id)
    }
}

/// Why the store refused an incident request before Core saw it.
public enum IncidentRecordError: Error, Equatable, Sendable {
    case unknown
    case unknownTicket
}
