import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Cases over JSON, for signed-in officers: open (from the called ticket or a walk-in), the whole history, checklist,
/// intake outcome, the one-time rule (requests, leader-approved corrections), supplements, approval steps, decision,
/// delivery; documents as JSON and as A4 pages; breaches for supervisors; and the public status query.
/// Everything is dated today in the hall's zone.
struct CasesController {
    let services: HallServices
    let pages: PagesController

    func addRoutes(to api: RouterGroup<AppRequestContext>, pages router: RouterGroup<AppRequestContext>) {
        api.post("cases") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.Open.self, context: context)
            let applicant = try CaseRequests.applicant(body.applicant, today: services.today)
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
            let record = try await services.cases.open(
                business: business,
                ticket: ticket,
                applicant: applicant,
                fields: body.fields ?? [:],
                by: officer,
                hall: services.hall,
                calendar: services.calendar.calendar,
                at: services.now()
            )
            return EditedResponse(status: .created, response: try await response(record.id))
        }
        api.get("cases/{id}") { _, context in
            _ = try context.requireOfficer()
            return try await response(try Self.caseID(context))
        }
        api.put("cases/{id}/checklist") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.ChecklistUpdate.self, context: context)
            let record = try await services.cases.recordChecklist(
                try Self.caseID(context),
                marks: try CaseRequests.marks(body),
                by: officer,
                hall: services.hall,
                calendar: services.calendar.calendar,
                at: services.now()
            )
            return try await response(record.id)
        }
        api.post("cases/{id}/intake") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.Intake.self, context: context)
            let refusal = body.refuse.map { CaseRepository.Refusal(reason: $0.reason, legalBasis: $0.legalBasis ?? []) }
            let (record, issued) = try await services.cases.decideIntake(
                try Self.caseID(context),
                commitmentSigned: body.commitmentSigned ?? false,
                supplementDue: try CaseRequests.date(body.supplementDue, field: "supplementDue"),
                refusal: refusal,
                by: officer,
                hall: services.hall,
                calendar: services.calendar.calendar,
                at: services.now()
            )
            return try await response(record.id, issued: issued)
        }
        api.post("cases/{id}/requests") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.ItemRequest.self, context: context)
            let record = try await services.cases.requestItem(
                try Self.caseID(context),
                index: body.index,
                by: officer,
                hall: services.hall,
                calendar: services.calendar.calendar,
                at: services.now()
            )
            return try await response(record.id)
        }
        api.post("cases/{id}/corrections") { request, context in
            let leader = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.Correction.self, context: context)
            let items = body.items.map { item -> (Int, NoticeItem.Problem) in
                (item.index, item.problem == "defective" ? .defective(reason: item.reason ?? "") : .missing)
            }
            let (record, document) = try await services.cases.correctNotice(
                try Self.caseID(context),
                items: items,
                reason: body.reason,
                approvedBy: leader,
                hall: services.hall,
                calendar: services.calendar.calendar,
                at: services.now()
            )
            return try await response(record.id, issued: [document])
        }
        api.post("cases/{id}/supplements") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.Supplements.self, context: context)
            let (record, issued) = try await services.cases.receiveSupplements(
                try Self.caseID(context),
                indices: body.items,
                by: officer,
                hall: services.hall,
                calendar: services.calendar.calendar,
                at: services.now()
            )
            return try await response(record.id, issued: issued)
        }
        api.post("cases/{id}/steps/{position}") { request, context in
            let officer = try context.requireOfficer()
            guard let position = context.parameters.get("position", as: Int.self) else { throw CaseError.unknownStep(0) }
            let body = try await request.decode(as: CaseRequests.Step.self, context: context)
            let record = try await services.cases.recordStep(
                try Self.caseID(context),
                position: position,
                opinion: body.opinion,
                approve: body.approve ?? true,
                by: officer,
                hall: services.hall,
                calendar: services.calendar.calendar,
                at: services.now()
            )
            return try await response(record.id)
        }
        api.post("cases/{id}/decision") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.DecisionBody.self, context: context)
            let (record, document) = try await services.cases.decide(
                try Self.caseID(context),
                grant: body.grant,
                reason: body.reason,
                legalBasis: body.legalBasis ?? [],
                by: officer,
                hall: services.hall,
                calendar: services.calendar.calendar,
                at: services.now()
            )
            return try await response(record.id, issued: [document])
        }
        api.post("cases/{id}/delivery") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: CaseRequests.DeliveryBody.self, context: context)
            let record = try await services.cases.setDelivery(
                try Self.caseID(context),
                try CaseRequests.delivery(body, today: services.today),
                by: officer,
                hall: services.hall,
                calendar: services.calendar.calendar,
                at: services.now()
            )
            return try await response(record.id)
        }
        api.get("documents/{id}") { _, context in
            _ = try context.requireOfficer()
            return DocumentResponse(try await document(context))
        }
        api.get("documents/{id}/print") { request, context in try await print(request, context) }
        router.get("documents/{id}/print") { request, context in try await print(request, context) }
        api.get("breaches") { _, context in
            let officer = try context.requireOfficer()
            guard officer.role == .dutyLeader || officer.role == .admin else { throw APIError.forbidden }
            return BreachesResponse(breaches: try await services.cases.breaches().map(BreachesResponse.Item.init))
        }
        api.post("status") { request, context in
            let body = try await request.decode(as: CaseRequests.StatusQuery.self, context: context)
            return try await status(body, client: context.clientAddress)
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

    func response(_ id: CaseID, issued: [CaseDocument] = []) async throws -> CaseResponse {
        CaseResponse(try await services.cases.history(id), issued: issued, services: services)
    }

    func document(_ context: AppRequestContext) async throws -> CaseDocument {
        guard let id = UUID(uuidString: context.parameters.get("id") ?? ""), let document = try await services.cases.document(id) else {
            throw CaseStoreError.unknownDocument
        }
        return document
    }

    /// The document as an A4 page. `?copy=1` prints a copy (副本), marked as such and logged.
    func print(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let officer = try context.requireOfficer()
        var document = try await document(context)
        let copy = request.uri.queryParameters.get("copy") == "1"
        if copy { document = try await services.cases.recordReprint(document.id, by: officer.badge, at: services.now()) }
        let page = DocumentPage(
            frame: pages.frame(request, context, (document.kind.title, document.kind.titleEnglish), [:]),
            document: document,
            copy: copy
        )
        return try pages.render("document", page, request)
    }

    /// The public status query: same 404 for a wrong code and wrong digits, 429 after too many failures.
    func status(_ body: CaseRequests.StatusQuery, client: String) async throws -> StatusResponse {
        let answer = try await services.cases.status(
            code: body.code,
            phoneLast4: body.phoneLast4,
            client: client,
            maxFailures: services.settings.statusQueryMaxFailures,
            window: services.settings.statusQueryWindow,
            at: services.now()
        )
        switch answer {
        case .limited:
            throw APIError.statusRateLimited
        case .notFound:
            throw APIError.statusNotFound
        case .found(let record, let clock):
            let guide = try await services.guides.version(record.guide.code, record.guide.version)
            let dues = clock.map { services.status(of: $0) }
            return StatusResponse(
                business: guide?.guide.name ?? record.guide.code.value,
                businessEnglish: guide?.guide.nameEnglish ?? record.guide.code.value,
                stage: record.stage.rawValue,
                stageLabel: record.stage.label,
                stageLabelEnglish: record.stage.labelEnglish,
                receivedOn: record.receivedOn.description,
                acceptedOn: record.acceptedOn?.description,
                promisedDue: dues?.promisedDue.description,
                statutoryDue: dues?.statutoryDue.description,
                supplementDue: record.stage == .accepted ? record.deferral?.due.description : nil,
                missing: record.stillMissing.map(\.chinese),
                missingEnglish: record.stillMissing.map(\.english),
                supervisionPhones: [Hall.nationalSupervisionPhone, services.hall.supervisionPhone]
            )
        }
    }

    static func caseID(_ context: AppRequestContext) throws -> CaseID {
        guard let id = CaseID(context.parameters.get("id") ?? "") else { throw CaseStoreError.unknownCase }
        return id
    }
}

/// The view model of `document.mustache`.
struct DocumentPage {
    let frame: PageFrame
    let facts: DocumentFacts
    let kind: String
    let copy: Bool
    let reprints: Int
    let caseURL: String
    let hasItems: Bool
    let hasBasis: Bool
    let basis: String
    let hasRemedies: Bool
    let phones: String
    /// 二〇二六年三月三日 is for seals; documents print 2026年3月3日.
    let issuedOnChinese: String

    init(frame: PageFrame, document: CaseDocument, copy: Bool) {
        self.frame = frame
        facts = document.facts
        kind = document.kind.rawValue
        self.copy = copy
        reprints = document.reprints
        caseURL = "/cases/\(document.caseID)"
        hasItems = !document.facts.items.isEmpty
        hasBasis = !document.facts.legalBasis.isEmpty
        basis = document.facts.legalBasis.joined(separator: "；")
        hasRemedies = !document.facts.remedies.isEmpty
        phones = document.facts.supervisionPhones.joined(separator: " · ")
        let day = document.facts.issuedOn
        issuedOnChinese = "\(day.year)年\(day.month)月\(day.day)日"
    }
}
