import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Cases over JSON, for signed-in officers: open (from the called ticket or a walk-in), the whole history, checklist,
/// intake outcome, the one-time rule (requests, leader-approved corrections), supplements, approval steps, decision,
/// delivery; documents as JSON and as A4 pages; breaches for supervisors; and the public status query.
/// Everything is dated today in the hall's zone.
struct CasesController {
    let cases: CaseRepository
    let pages: PageRenderer
    let status: StatusQuery
    /// The unit's abbreviation in each document's 文号 (东公（窗）受字〔2026〕17号).
    let unitAbbreviation: String
    var time: HallTime { status.time }

    func addRoutes(to api: RouterGroup<AppRequestContext>, pages router: RouterGroup<AppRequestContext>) {
        api.post("cases") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.Open.self, context: context)
            let applicant = try CaseRequests.applicant(body.applicant, today: time.date)
            var business: BusinessCode?
            if let code = body.business, !code.isEmpty {
                guard let known = BusinessCode(code) else { throw CaseStoreError.unknownBusiness(code) }
                business = known
            }
            var ticket: TicketID?
            if let text = body.ticket, !text.isEmpty {
                guard let id = TicketID(text) else { throw CaseStoreError.unknownTicket }
                ticket = id
            }
            guard business != nil || ticket != nil else {
                throw APIError.caseBusinessRequired
            }
            var inquiry: InquiryID?
            if let text = body.inquiry, !text.isEmpty {
                guard let id = InquiryID(text) else { throw APIError.unknownInquiry }
                inquiry = id
            }
            var visit: OnSiteVisitID?
            if let text = body.visit, !text.isEmpty {
                guard let id = OnSiteVisitID(text) else { throw APIError.unknownOnSiteVisit }
                guard ticket == nil, business != nil else {
                    throw APIError.onSiteRequest("现场受理须选择事项，且不关联号票", "On-site intake names the business and takes no ticket")
                }
                visit = id
            }
            let record = try await cases.open(
                business: business,
                ticket: ticket,
                applicant: applicant,
                fields: body.fields ?? [:],
                inquiry: inquiry,
                visit: visit,
                by: officer,
                time.today
            )
            return EditedResponse(status: .created, response: try await response(record.id, readBy: officer))
        }
        api.get("cases/{id}") { request, context in
            let officer = try context.requireOfficer()
            return try await response(
                try CaseRequests.caseID(context),
                readBy: officer,
                reason: request.uri.queryParameters.get("reason").map { String($0) }
            )
        }
        api.put("cases/{id}/checklist") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.ChecklistUpdate.self, context: context)
            let record = try await cases.recordChecklist(
                try CaseRequests.caseID(context),
                marks: try CaseRequests.marks(body),
                by: officer,
                time.today
            )
            return try await response(record.id, readBy: officer)
        }
        api.post("cases/{id}/intake") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.Intake.self, context: context)
            let refusal = body.refuse.map { CaseRepository.Refusal(reason: $0.reason, legalBasis: $0.legalBasis ?? []) }
            let (record, issued) = try await cases.decideIntake(
                try CaseRequests.caseID(context),
                commitmentSigned: body.commitmentSigned ?? false,
                supplementDue: try CaseRequests.date(body.supplementDue, field: "supplementDue"),
                refusal: refusal,
                by: officer,
                time.today
            )
            return try await response(record.id, readBy: officer, issued: issued)
        }
        api.post("cases/{id}/requests") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.ItemRequest.self, context: context)
            let record = try await cases.requestItem(
                try CaseRequests.caseID(context),
                index: body.index,
                by: officer,
                time.today
            )
            return try await response(record.id, readBy: officer)
        }
        api.post("cases/{id}/corrections") { request, context in
            let leader = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.Correction.self, context: context)
            let items = body.items.map { item -> (Int, NoticeItem.Problem) in
                (item.index, item.problem == "defective" ? .defective(reason: item.reason ?? "") : .missing)
            }
            let (record, document) = try await cases.correctNotice(
                try CaseRequests.caseID(context),
                items: items,
                reason: body.reason,
                approvedBy: leader,
                time.today
            )
            return try await response(record.id, readBy: leader, issued: [document])
        }
        api.post("cases/{id}/supplements") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.Supplements.self, context: context)
            let (record, issued) = try await cases.receiveSupplements(
                try CaseRequests.caseID(context),
                indices: body.items,
                by: officer,
                time.today
            )
            return try await response(record.id, readBy: officer, issued: issued)
        }
        api.post("cases/{id}/steps/{position}") { request, context in
            let officer = try context.requireOfficer()
            guard let position = context.parameters.get("position", as: Int.self) else { throw CaseError.unknownStep(0) }
            let body = try await request.decode(as: CaseRequests.Step.self, context: context)
            let record = try await cases.recordStep(
                try CaseRequests.caseID(context),
                position: position,
                opinion: body.opinion,
                approve: body.approve ?? true,
                by: officer,
                time.today
            )
            return try await response(record.id, readBy: officer)
        }
        api.post("cases/{id}/decision") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.DecisionBody.self, context: context)
            let (record, document) = try await cases.decide(
                try CaseRequests.caseID(context),
                grant: body.grant,
                reason: body.reason,
                legalBasis: body.legalBasis ?? [],
                by: officer,
                time.today
            )
            return try await response(record.id, readBy: officer, issued: [document])
        }
        api.post("cases/{id}/delivery") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.DeliveryBody.self, context: context)
            let record = try await cases.setDelivery(
                try CaseRequests.caseID(context),
                try CaseRequests.delivery(body, today: time.date),
                by: officer,
                time.today
            )
            return try await response(record.id, readBy: officer)
        }
        api.get("documents/{id}") { request, context in
            DocumentResponse(try await document(request, context))
        }
        api.get("documents/{id}/print") { request, context in try await print(request, context) }
        router.get("documents/{id}/print") { request, context in try await print(request, context) }
        api.get("breaches") { _, context in
            // Who may read breaches is in AccessTable (duty leaders and supervisors).
            _ = try context.requireOfficer()
            return BreachesResponse(breaches: try await cases.breaches().map(BreachesResponse.Item.init))
        }
        api.post("status") { request, context in
            let body = try await request.decode(as: CaseRequests.StatusQuery.self, context: context)
            return try await status.answer(body, client: context.clientAddress)
        }
    }

    struct BreachesResponse: ResponseEncodable {
        struct Item: Encodable {
            let caseId: String
            let queryCode: String
            let business: String
            let officer: String
            let noticeIssuedOn: String
            let recordedOn: String
            let recordedAt: Date
            let items: [String]
            let reason: String
            let approvedBy: String

            init(_ record: BreachRecord) {
                caseId = record.caseID.description
                queryCode = record.queryCode
                business = record.business.value
                officer = record.breach.officer.value
                noticeIssuedOn = record.breach.noticeIssuedOn.description
                recordedOn = record.breach.recordedOn.description
                recordedAt = record.recordedAt
                items = record.breach.items.map(\.material)
                reason = record.breach.reason
                approvedBy = record.breach.approvedBy.value
            }
        }
        let breaches: [Item]
    }

    /// The case as its reader may see it: one who does not handle it gives `?reason=` (kept in the audit).
    func response(_ id: CaseID, readBy reader: Officer, reason: String? = nil, issued: [CaseDocument] = []) async throws -> CaseResponse {
        CaseResponse(try await cases.history(id, readBy: reader, reason: reason), issued: issued, time: time)
    }

    /// A document under its case's rule: `?reason=` from one who does not handle the case.
    func document(_ request: Request, _ context: AppRequestContext) async throws -> CaseDocument {
        let officer = try context.requireOfficer()
        let reason = request.uri.queryParameters.get("reason").map { String($0) }
        guard let id = UUID(uuidString: context.parameters.get("id") ?? ""),
            let document = try await cases.document(id, readBy: officer, reason: reason)
        else {
            throw CaseStoreError.unknownDocument
        }
        return document
    }

    /// The document as an A4 page. `?copy=1` prints a copy (副本), marked as such and logged.
    func print(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let officer = try context.requireOfficer()
        var document = try await document(request, context)
        let copy = request.uri.queryParameters.get("copy") == "1"
        if copy { document = try await cases.recordReprint(document.id, by: officer.badge, at: time.now()) }
        let page = OfficialDocumentPage(
            frame: pages.frame(request, context, (document.kind.title, document.kind.titleEnglish), [:]),
            document: document,
            copy: copy,
            unitAbbreviation: unitAbbreviation,
            publicBase: pages.publicBase(request)
        )
        return try pages.render("document", page, request)
    }

}
