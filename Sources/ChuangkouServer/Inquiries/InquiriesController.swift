import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Inquiries (首问负责): recorded at the desk or a window by whoever is asked first, who owns them; closed by the
/// owner with an outcome, handed to a colleague against their receipt, or turned into a ticket. Duty leaders and
/// supervisors read every inquiry; others only those they are on (the repository answers 404 for the rest). The
/// directory of competent bodies is kept by the system administrator (the route table says who).
struct InquiriesController {
    let inquiries: InquiryRepository
    let bodies: CompetentBodyDirectory
    let hall: Hall
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("inquiries") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: InquiryRequests.Record.self, context: context)
            let (filing, contact) = try body.filing()
            let record = try await inquiries.record(
                filing,
                contact: contact,
                resolution: try body.resolution?.resolution(),
                by: officer.badge,
                hall: hall,
                at: now()
            )
            return EditedResponse(status: .created, response: InquiryResponse(record))
        }
        group.get("inquiries") { request, context in
            let officer = try context.requireOfficer()
            let query = request.uri.queryParameters
            let day: LocalDate
            if let text = query.get("day") {
                guard let parsed = LocalDate(text) else { throw APIError.inquiryRequest("day 应为 YYYY-MM-DD", "day is YYYY-MM-DD") }
                day = parsed
            } else {
                day = hall.serviceDay(at: now())
            }
            let records = try await inquiries.list(for: viewer(officer), everyone: try request.flag("all"), on: day)
            return InquiriesResponse(inquiries: records.map(InquiryResponse.init))
        }
        group.get("inquiries/{id}") { _, context in
            let officer = try context.requireOfficer()
            guard let record = try await inquiries.find(try inquiryID(context), for: viewer(officer)) else { throw APIError.unknownInquiry }
            return InquiryResponse(record)
        }
        group.post("inquiries/{id}/resolve") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: InquiryRequests.Resolution.self, context: context)
            return InquiryResponse(try await inquiries.resolve(try inquiryID(context), try body.resolution(), by: officer.badge, at: now()))
        }
        group.post("inquiries/{id}/handover") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: InquiryRequests.Handover.self, context: context)
            guard let colleague = Badge(body.to) else { throw APIError(InquiryRecordError.unknownColleague) }
            return InquiryResponse(
                try await inquiries.handOver(try inquiryID(context), to: colleague, note: body.note ?? "", by: officer.badge, at: now())
            )
        }
        group.post("inquiries/{id}/handover/accept") { _, context in
            let officer = try context.requireOfficer()
            return InquiryResponse(try await inquiries.acceptHandover(try inquiryID(context), by: officer.badge, at: now()))
        }
        group.post("inquiries/{id}/handover/decline") { _, context in
            let officer = try context.requireOfficer()
            return InquiryResponse(try await inquiries.declineHandover(try inquiryID(context), by: officer.badge, at: now()))
        }
        group.post("inquiries/{id}/handover/withdraw") { _, context in
            let officer = try context.requireOfficer()
            return InquiryResponse(try await inquiries.withdrawHandover(try inquiryID(context), by: officer.badge, at: now()))
        }
        group.post("inquiries/{id}/ticket") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: InquiryRequests.Ticket.self, context: context)
            let (business, green) = try body.parsed()
            let (record, ticket) = try await inquiries.issueTicket(
                try inquiryID(context),
                business: business,
                greenChannel: green,
                by: officer.badge,
                hall: hall,
                at: now()
            )
            return EditedResponse(status: .created, response: InquiryTicketResponse(inquiry: InquiryResponse(record), ticket: TicketResponse(ticket)))
        }
        group.get("competent-bodies") { request, _ in
            let all = try request.flag("retired")
            return CompetentBodiesResponse(bodies: try await bodies.bodies(includeRetired: all).map(CompetentBodyResponse.init))
        }
        group.post("competent-bodies") { request, context in
            let admin = try context.requireOfficer()
            let body = try await request.decode(as: InquiryRequests.Body.self, context: context)
            let added = try await bodies.add(
                name: body.name,
                address: body.address ?? "",
                phone: body.phone,
                handles: body.handles,
                by: admin.badge,
                at: now()
            )
            return EditedResponse(status: .created, response: CompetentBodyResponse(.init(body: added, retired: false)))
        }
        group.post("competent-bodies/{id}/retire") { _, context in
            _ = try context.requireOfficer()
            guard let id = context.parameters.get("id").flatMap(CompetentBody.ID.init), try await bodies.retire(id, at: now()) else {
                throw APIError.unknownCompetentBody
            }
            return Response(status: .noContent)
        }
    }

    /// Duty leaders and supervisors read every inquiry (supervision, and the leader takes the day's open ones).
    func viewer(_ officer: Officer) -> InquiryRepository.Viewer {
        .init(badge: officer.badge, seesAll: officer.roles.isDutyLeader || officer.roles.isSupervisor)
    }

    private func inquiryID(_ context: AppRequestContext) throws -> InquiryID {
        guard let id = context.parameters.get("id").flatMap(InquiryID.init) else { throw APIError.unknownInquiry }
        return id
    }
}
