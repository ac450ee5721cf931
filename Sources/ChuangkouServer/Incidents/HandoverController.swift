import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Handing a stalled ticket to a colleague (避免僵局: 另请一名民警（最好异性）): the colleagues to suggest for a ticket,
/// the handover itself (one transaction, with its incident record), and each window's receipts of the day.
struct HandoverController {
    let handovers: TicketHandoverRepository
    let hall: Hall
    let now: @Sendable () -> Date

    /// `{"to": "010232", "kind": "deadlock", "asked": "…", "answered": "…", "ruleCited": "…"}`.
    struct HandOver: Decodable {
        let to: String
        let kind: String?
        let asked: String
        let answered: String
        let ruleCited: String?

        func filing() throws -> (Badge, Incident.Filing) {
            guard let badge = Badge(to) else { throw APIError.handoverRequest("to 应为6位警号", "to is a 6-digit badge") }
            let kind = try kind.map { text -> Incident.Kind in
                guard let kind = Incident.Kind(rawValue: text) else {
                    throw APIError.handoverRequest(
                        "kind 应为 dispute、persistentDemand、deadlock 或 other",
                        "kind is dispute, persistentDemand, deadlock or other"
                    )
                }
                return kind
            }
            return (badge, Incident.Filing(kind: kind ?? .deadlock, asked: asked, answered: answered, ruleCited: ruleCited ?? ""))
        }
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("tickets/{id}/handover-candidates") { request, context in
            let officer = try context.requireOfficer()
            let (ticket, candidates) = try await handovers.candidates(
                for: try ticketID(context),
                asking: officer,
                otherSexFirst: try request.flag("otherSexFirst")
            )
            return CandidatesResponse(
                ticket: ticket.number.description,
                business: ticket.business.value,
                candidates: candidates.map(CandidatesResponse.Candidate.init)
            )
        }
        group.post("tickets/{id}/handover") { request, context in
            let officer = try context.requireOfficer()
            let (colleague, filing) = try await request.decode(as: HandOver.self, context: context).filing()
            let receipt = try await handovers.handOver(
                try ticketID(context),
                to: colleague,
                filing: filing,
                by: officer.badge,
                hall: hall,
                at: now()
            )
            return EditedResponse(status: .created, response: ReceiptResponse(receipt))
        }
        group.get("windows/{number}/handovers") { _, context in
            _ = try context.requireOfficer()
            let text = context.parameters.get("number") ?? ""
            guard let number = WindowNumber(text) else { throw APIError.unknownWindow(text) }
            let receipts = try await handovers.receipts(window: number, on: hall.serviceDay(at: now()))
            return ReceiptsResponse(window: number, handovers: receipts.map(ReceiptResponse.init))
        }
    }

    private func ticketID(_ context: AppRequestContext) throws -> TicketID {
        let text = context.parameters.get("id") ?? ""
        guard let id = TicketID(text) else { throw QueueError.unknownTicket(text) }
        return id
    }
}

struct CandidatesResponse: ResponseEncodable, Decodable {
    struct Candidate: Codable {
        let badge: String
        let name: String
        let sex: String?
        let window: WindowNumber?
        let state: String
        let stateLabel: String
        let busyWith: String?
        let free: Bool

        init(_ c: TicketHandoverCandidate) {
            badge = c.badge.value
            name = c.name
            sex = c.sex?.rawValue
            window = c.window
            state = c.state.rawValue
            stateLabel = c.state.label
            busyWith = c.busyWith
            free = c.isFree
        }
    }
    let ticket: String
    let business: String
    let candidates: [Candidate]
}

struct ReceiptResponse: ResponseEncodable, Decodable {
    let id: String
    let ticket: String
    let ticketNumber: String
    let business: String
    let fromWindow: WindowNumber
    let fromOfficer: String
    let fromName: String
    let toWindow: WindowNumber
    let toOfficer: String
    let toName: String
    let incident: String
    let at: Date

    init(_ r: TicketHandoverRepository.Receipt) {
        let h = r.handover
        id = h.id.description
        ticket = h.ticket.description
        ticketNumber = h.ticketNumber
        business = h.business.value
        fromWindow = h.fromWindow
        fromOfficer = h.fromOfficer.value
        fromName = r.fromName
        toWindow = h.toWindow
        toOfficer = h.toOfficer.value
        toName = r.toName
        incident = h.incident.description
        at = h.at
    }
}

struct ReceiptsResponse: ResponseEncodable, Decodable {
    let window: WindowNumber
    let handovers: [ReceiptResponse]
}
