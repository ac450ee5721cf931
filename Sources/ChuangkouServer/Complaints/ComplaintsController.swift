import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Complaints (投诉): filed by citizens (the public form) or recorded by staff; acknowledged, investigated, answered
/// and closed by supervisors and duty leaders (the route table says who); followed by the complainant with the
/// query code. The repository hides a complaint from every officer it concerns, so its routes answer them 404.
struct ComplaintsController {
    let complaints: ComplaintRepository
    let hall: Hall
    let now: @Sendable () -> Date
    let maxFailures: Int
    let window: Duration
    let filingLimit: FilingLimit

    /// Complaints the public form takes per source address each minute; staff recording one are not limited.
    struct FilingLimit: Sendable {
        let limiter: TicketRateLimiter
        let perAddressPerMinute: Int
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("complaints") { request, context in
            let body = try await request.decode(as: ComplaintRequests.File.self, context: context)
            let (filing, phone) = try body.filing(by: context.officer)
            let filed = try await file(filing, phone: phone, context)
            let status = try filed.complaint.status(on: filed.complaint.receivedOn, policy: complaints.policy)
            return EditedResponse(
                status: .created,
                response: FiledComplaintResponse(
                    id: filed.complaint.id.description,
                    queryCode: filed.queryCode,
                    anonymous: filed.queryCode == nil,
                    acknowledgeDue: status.acknowledgeDue.description,
                    answerDue: status.answerDue.description
                )
            )
        }
        group.get("complaints") { request, context in
            let officer = try context.requireOfficer()
            let all = try request.flag("closed")
            return ComplaintsResponse(complaints: try await complaints.list(for: officer.badge, includeClosed: all).map(response))
        }
        group.get("complaints/{id}") { _, context in
            let officer = try context.requireOfficer()
            guard let record = try await complaints.find(try complaintID(context), for: officer.badge) else { throw APIError.unknownComplaint }
            return try response(record)
        }
        group.post("complaints/{id}/acknowledge") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: ComplaintRequests.Handler.self, context: context)
            return try response(
                try await complaints.acknowledge(try complaintID(context), handler: try body.badge, by: officer.badge, hall: hall, at: now())
            )
        }
        group.post("complaints/{id}/reassign") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: ComplaintRequests.Handler.self, context: context)
            return try response(try await complaints.reassign(try complaintID(context), to: try body.badge, by: officer.badge, at: now()))
        }
        group.post("complaints/{id}/notes") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: ComplaintRequests.Note.self, context: context)
            return try response(try await complaints.addNote(try complaintID(context), body.text, by: officer.badge, at: now()))
        }
        group.post("complaints/{id}/extension") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: ComplaintRequests.Extension.self, context: context)
            return try response(
                try await complaints.extend(try complaintID(context), days: body.days, reason: body.reason, by: officer.badge, at: now())
            )
        }
        group.post("complaints/{id}/answer") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: ComplaintRequests.Answer.self, context: context)
            let (finding, against) = try body.parsed
            return try response(
                try await complaints.answer(try complaintID(context), body.text, finding: finding, against: against, by: officer.badge, at: now())
            )
        }
        group.post("complaints/{id}/close") { _, context in
            let officer = try context.requireOfficer()
            return try response(try await complaints.close(try complaintID(context), by: officer.badge, at: now()))
        }
        group.post("complaints/query") { request, context in
            let body = try await request.decode(as: ComplaintRequests.Query.self, context: context)
            try Self.checkQuery(body.code, body.phoneLast4)
            return try answer(try await complaints.query(code: body.code, phoneLast4: body.phoneLast4, limit: limit(context), at: now()))
        }
        group.post("complaints/query/satisfaction") { request, context in
            let body = try await request.decode(as: ComplaintRequests.FollowUp.self, context: context)
            try Self.checkQuery(body.code, body.phoneLast4)
            let answered = try await complaints.followUp(
                code: body.code,
                phoneLast4: body.phoneLast4,
                satisfied: body.satisfied,
                reopen: body.reopen ?? false,
                limit: limit(context),
                hall: hall,
                at: now()
            )
            return try answer(answered)
        }
        group.get("officers/{badge}/findings") { _, context in
            let viewer = try context.requireOfficer()
            guard let badge = context.parameters.get("badge").flatMap(Badge.init) else { throw APIError.unknownComplaint }
            // An officer's record is not read by the officer it is about (a duty leader's own, say): 403.
            guard badge != viewer.badge else { throw APIError.forbidden }
            let findings = try await complaints.findings(of: badge)
            return OfficerFindingsResponse(
                officer: badge.value,
                counted: findings.filter(\.counts).count,
                findings: findings.map {
                    .init(complaint: $0.complaint.description, finding: $0.finding.rawValue, label: $0.finding.label, counts: $0.counts, at: $0.at)
                }
            )
        }
    }

    /// Files a complaint, counting a public one against its address first (the form page files through here too).
    func file(_ filing: Complaint.Filing, phone: MobileNumber?, _ context: AppRequestContext) async throws -> ComplaintRepository.Filed {
        if context.officer == nil {
            guard filingLimit.limiter.allow("complaint:\(context.clientAddress)", limit: filingLimit.perAddressPerMinute, at: now()) else {
                throw APIError.tooManyComplaints
            }
        }
        return try await complaints.file(filing, phone: phone, hall: hall, at: now())
    }

    /// Codes and digits are bounded before any lookup: a query code is 12 characters, the digits 4.
    static func checkQuery(_ code: String, _ digits: String) throws {
        guard code.count <= 40, digits.count <= 8 else { throw APIError.complaintQueryNotFound }
    }

    private func limit(_ context: AppRequestContext) -> ComplaintRepository.QueryLimit {
        .init(client: context.clientAddress, maxFailures: maxFailures, window: window)
    }

    private func answer(_ answer: ComplaintRepository.QueryAnswer) throws -> ComplaintQueryResponse {
        switch answer {
        case .found(let record): return ComplaintQueryResponse(record, policy: complaints.policy)
        case .notFound: throw APIError.complaintQueryNotFound
        case .limited: throw APIError.complaintRateLimited
        }
    }

    private func response(_ record: ComplaintRepository.Record) throws -> ComplaintResponse {
        ComplaintResponse(record, status: try record.complaint.status(on: hall.serviceDay(at: now()), policy: complaints.policy))
    }

    private func complaintID(_ context: AppRequestContext) throws -> ComplaintID {
        guard let id = context.parameters.get("id").flatMap(ComplaintID.init) else { throw APIError.unknownComplaint }
        return id
    }
}
