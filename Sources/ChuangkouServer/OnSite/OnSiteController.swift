import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// On-site visits (现场办公): requested by the public form or recorded by staff, decided by the duty leader, carried
/// out and recorded by the team; followed by the applicant with the query code. The route table says which roles
/// reach each route; here, a window officer sees a visit only when on its team or its recorder (404 otherwise).
struct OnSiteController {
    let visits: OnSiteRepository
    let hall: Hall
    let calendar: CalendarCache
    let now: @Sendable () -> Date
    /// Public requests and queries per source address each minute; staff are not limited.
    let limiter: TicketRateLimiter
    let perAddressPerMinute: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("onsite") { request, context in
            let requested = try await file(try await request.decode(as: OnSiteRequests.New.self, context: context), context)
            return EditedResponse(
                status: .created,
                response: OnSiteFiledResponse(
                    id: requested.visit.id.description,
                    queryCode: requested.queryCode,
                    stage: requested.visit.stage.rawValue
                )
            )
        }
        group.post("onsite/query") { request, context in
            return OnSiteStatusResponse(try await query(try await request.decode(as: OnSiteRequests.Query.self, context: context), context))
        }
        group.get("onsite") { request, context in
            _ = try context.requireOfficer()
            var stage: OnSiteVisit.Stage?
            if let text = request.uri.queryParameters.get("stage") {
                guard let known = OnSiteVisit.Stage(rawValue: text) else {
                    throw APIError.onSiteRequest(
                        "stage 应为 requested、approved、declined 或 visited",
                        "stage is requested, approved, declined or visited"
                    )
                }
                stage = known
            }
            return OnSiteListResponse(visits: try await visits.list(stage: stage).map(OnSiteResponse.init))
        }
        group.get("onsite/schedule") { _, context in
            let officer = try context.requireOfficer()
            let today = hall.serviceDay(at: now())
            return OnSiteListResponse(visits: try await visits.schedule(of: officer.badge, from: today).map(OnSiteResponse.init))
        }
        group.get("onsite/{id}") { _, context in
            let officer = try context.requireOfficer()
            return OnSiteResponse(try await visible(try visitID(context), to: officer))
        }
        group.post("onsite/{id}/approve") { request, context in
            let officer = try context.requireOfficer()
            let (slot, team) = try await request.decode(as: OnSiteRequests.Approve.self, context: context).plan()
            let id = try visitID(context)
            _ = try await visits.approve(id, slot: slot, team: team, by: officer.badge, calendar: calendar.calendar, hall: hall, at: now())
            return OnSiteResponse(try await visible(id, to: officer))
        }
        group.post("onsite/{id}/decline") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: OnSiteRequests.Decline.self, context: context)
            guard body.reason.count <= 400 else { throw APIError.onSiteRequest("理由过长", "The reason is too long") }
            let id = try visitID(context)
            _ = try await visits.decline(id, reason: body.reason, by: officer.badge, hall: hall, at: now())
            return OnSiteResponse(try await visible(id, to: officer))
        }
        group.post("onsite/{id}/result") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: OnSiteRequests.Result.self, context: context)
            return OnSiteResponse(try await recordResult(body, of: try visitID(context), by: officer))
        }
        // A team member opens the applicant's phone to call them: shown in this one answer, audited, never cached.
        group.post("onsite/{id}/contact") { request, context -> Response in
            let officer = try context.requireOfficer()
            let phone = try await visits.revealContact(try visitID(context), by: officer.badge, at: now())
            var response = try ContactResponse(phone: phone.value, masked: phone.masked).response(from: request, context: context)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    /// A request from the public form (limited per source address) or recorded by staff; the API and the citizen's page
    /// both come here.
    func file(_ body: OnSiteRequests.New, _ context: AppRequestContext) async throws -> OnSiteRepository.Requested {
        let (visitRequest, phone) = try body.request()
        let officer = context.officer
        if officer == nil { try limit(context) }
        return try await visits.request(
            visitRequest,
            phone: phone,
            channel: officer == nil ? .online : .staff,
            recordedBy: officer?.badge,
            hall: hall,
            at: now()
        )
    }

    /// How the visit went, from the API or the team's page. One load: the visibility rule is checked on the locked
    /// visit, and the answer read in the same transaction.
    func recordResult(_ body: OnSiteRequests.Result, of id: OnSiteVisitID, by officer: Officer) async throws -> OnSiteRepository.Record {
        let (outcome, note, cases) = try body.checked()
        guard note.count <= 1000 else { throw APIError.onSiteRequest("说明过长", "The note is too long") }
        let seesAll = officer.roles.isDutyLeader || officer.roles.isSupervisor
        return try await visits.recordResult(
            id,
            outcome,
            note: note,
            casesTaken: cases,
            by: officer.badge,
            hall: hall,
            at: now(),
            visible: { [badge = officer.badge] in seesAll || $0.isTeamOrRecorder(badge) }
        )
    }

    /// The applicant's view by query code and the phone's last four digits, limited per source address.
    func query(_ body: OnSiteRequests.Query, _ context: AppRequestContext) async throws -> OnSiteRepository.Record {
        try limit(context)
        let (code, last4) = try body.checked()
        return try await visits.query(code: code, lastFour: last4, at: now())
    }

    /// The visit, if `officer` may see it: leaders and supervisors always, others when on its team or its recorder.
    func visible(_ id: OnSiteVisitID, to officer: Officer) async throws -> OnSiteRepository.Record {
        guard let record = try await visits.find(id, readBy: officer.badge, at: now()),
            officer.roles.isDutyLeader || officer.roles.isSupervisor || record.visit.isTeamOrRecorder(officer.badge)
        else { throw APIError.unknownOnSiteVisit }
        return record
    }

    private func limit(_ context: AppRequestContext) throws {
        guard limiter.allow("onsite:\(context.clientAddress)", limit: perAddressPerMinute, at: now()) else { throw APIError.onSiteRateLimited }
    }

    func visitID(_ context: AppRequestContext) throws -> OnSiteVisitID {
        guard let id = OnSiteVisitID(context.parameters.get("id") ?? "") else { throw APIError.unknownOnSiteVisit }
        return id
    }
}
