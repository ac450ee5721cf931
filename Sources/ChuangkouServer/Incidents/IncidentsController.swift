import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Incident records and escalation to the duty leader (避免僵局): window officers record an incident on its own or
/// escalate to the leader on duty now; that leader takes it and records the resolution; leaders and supervisors read
/// them and the counts per officer (the route table says who).
struct IncidentsController {
    let incidents: IncidentRepository
    let hall: Hall
    let now: @Sendable () -> Date

    /// The longest period one list or count covers.
    static let maxRangeDays = 62

    /// `{"kind": "deadlock", "window": 2, "ticket": "…", "asked": "…", "answered": "…", "ruleCited": "…"}` and, for an
    /// incident on its own, `"outcome"`.
    struct Filing: Decodable {
        let kind: String
        let window: Int?
        let ticket: String?
        let asked: String
        let answered: String
        let ruleCited: String?
        let outcome: String?

        func filing() throws -> Incident.Filing {
            guard let kind = Incident.Kind(rawValue: kind) else {
                throw APIError.incidentRequest(
                    "kind 应为 dispute、persistentDemand、deadlock 或 other",
                    "kind is dispute, persistentDemand, deadlock or other"
                )
            }
            let ticket = try ticket.map { text -> TicketID in
                guard let id = TicketID(text) else { throw APIError.incidentRequest("号票编号有误", "ticket is a ticket id") }
                return id
            }
            return Incident.Filing(kind: kind, window: window, ticket: ticket, asked: asked, answered: answered, ruleCited: ruleCited ?? "")
        }
    }

    struct Resolution: Decodable {
        let outcome: String
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("incidents") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: Filing.self, context: context)
            let incident = try await incidents.record(try body.filing(), outcome: body.outcome ?? "", by: officer.badge, hall: hall, at: now())
            return EditedResponse(status: .created, response: IncidentResponse(incident))
        }
        group.post("incidents/escalations") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: Filing.self, context: context)
            let incident = try await incidents.escalateToDutyLeader(try body.filing(), by: officer.badge, hall: hall, at: now())
            return EditedResponse(status: .created, response: IncidentResponse(incident))
        }
        group.get("incidents") { request, context in
            let officer = try context.requireOfficer()
            let mineOnly = try request.flag("mine")
            // Checked even when the open list ignores it: a bad date is a 400 whatever else is asked.
            let (from, through) = try range(request)
            if try request.flag("open") {
                let mine = mineOnly ? officer.badge : nil
                return IncidentsResponse(incidents: try await incidents.open(for: mine).map(IncidentResponse.init))
            }
            return IncidentsResponse(incidents: try await incidents.incidents(from: from, through: through).map(IncidentResponse.init))
        }
        group.get("incidents/counts") { request, _ in
            let (from, through) = try range(request)
            return IncidentCountsResponse(
                officers: try await incidents.counts(
                    from: from,
                    through: through
                ).map { .init(officer: $0.officer.value, incidents: $0.incidents, escalated: $0.escalated) }
            )
        }
        group.get("incidents/{id}") { _, context in
            _ = try context.requireOfficer()
            guard let incident = try await incidents.find(try incidentID(context)) else { throw APIError.unknownIncident }
            return IncidentResponse(incident)
        }
        group.post("incidents/{id}/take") { _, context in
            let leader = try context.requireOfficer()
            return IncidentResponse(try await incidents.take(try incidentID(context), by: leader.badge, at: now()))
        }
        group.post("incidents/{id}/resolve") { request, context in
            let leader = try context.requireOfficer()
            let body = try await request.decode(as: Resolution.self, context: context)
            return IncidentResponse(try await incidents.resolve(try incidentID(context), body.outcome, by: leader.badge, at: now()))
        }
    }

    private func incidentID(_ context: AppRequestContext) throws -> IncidentID {
        guard let id = context.parameters.get("id").flatMap(IncidentID.init) else { throw APIError.unknownIncident }
        return id
    }

    /// `from` and `through`, both optional: today.
    private func range(_ request: Request) throws -> (LocalDate, LocalDate) {
        let today = hall.serviceDay(at: now())
        let query = request.uri.queryParameters
        guard let from = query.get("from").map({ LocalDate($0) }) ?? today,
            let through = query.get("through").map({ LocalDate($0) }) ?? from,
            from <= through, through.daysSinceEpoch - from.daysSinceEpoch < Self.maxRangeDays
        else { throw APIError.incidentRequest("from、through 应为日期（YYYY-MM-DD），不超过62天", "from and through are dates, at most 62 days apart") }
        return (from, through)
    }
}

struct IncidentResponse: ResponseEncodable, Decodable {
    let id: String
    let kind: String
    let kindLabel: String
    let officer: String
    let window: Int?
    let ticket: String?
    let asked: String
    let answered: String
    let ruleCited: String
    let recordedAt: Date
    let escalatedTo: String?
    let takenOverBy: String?
    let takenAt: Date?
    let outcome: String?
    let closedAt: Date?
    let open: Bool

    init(_ incident: Incident) {
        id = incident.id.description
        kind = incident.kind.rawValue
        kindLabel = incident.kind.label
        officer = incident.officer.value
        window = incident.window
        ticket = incident.ticket?.description
        asked = incident.asked
        answered = incident.answered
        ruleCited = incident.ruleCited
        recordedAt = incident.recordedAt
        escalatedTo = incident.escalatedTo?.value
        takenOverBy = incident.takenOverBy?.value
        takenAt = incident.takenAt
        outcome = incident.outcome
        closedAt = incident.closedAt
        open = incident.isOpen
    }
}

struct IncidentsResponse: ResponseEncodable, Decodable {
    let incidents: [IncidentResponse]
}

struct IncidentCountsResponse: ResponseEncodable, Decodable {
    struct Row: Codable {
        let officer: String
        let incidents: Int
        let escalated: Int
    }
    let officers: [Row]
}
