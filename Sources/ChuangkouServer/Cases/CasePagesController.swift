import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The officer's case pages (the intake form for the called ticket, the case with its whole history and actions) and
/// the citizen's status page. The case page's forms post to the JSON API (`static/case.js`); the status page is a plain
/// form, so it works without JavaScript.
struct CasePagesController {
    let pages: PagesController
    let cases: CasesController
    var services: HallServices { pages.services }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("cases/new") { request, context in try await intakeForm(request, context) }
        router.get("cases/{id}") { request, context in try await casePage(request, context) }
        router.get("status") { request, _ in try pages.render("status", StatusPage(frame: frame(request, ("办件查询", "Case status")), result: nil, error: nil, code: ""), request) }
        router.post("status") { request, context in try await statusAnswer(request, context) }
    }

    func frame(_ request: Request, _ title: (String, String)) -> PageFrame {
        pages.frame(request, title, [:])
    }

    // MARK: Intake form

    struct IntakeFormPage {
        struct Field {
            let key: String
            let label: String
            let inputType: String
            let required: Bool
        }
        struct BusinessOption {
            let code: String
            let name: String
            let selected: Bool
        }
        let frame: PageFrame
        let officerName: String
        let officerBadge: String
        let ticketID: String?
        let ticketNumber: String?
        let business: String?
        let businessName: String?
        let organisationOnly: Bool
        let personOnly: Bool
        let restriction: String?
        let fields: [Field]
        let hasFields: Bool
        let businesses: [BusinessOption]
    }

    func intakeForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let officer = context.officer else { return .redirect(to: "/console/login", type: .found) }
        var code = request.uri.queryParameters.get("business").flatMap { BusinessCode(String($0)) }
        var ticketNumber: String?
        let ticketID = request.uri.queryParameters.get("ticket").flatMap { TicketID(String($0)) }
        if let ticketID {
            guard let ticket = try await services.tickets.find(ticketID) else { throw CaseError.unknownTicket }
            if let existing = try await services.cases.find(ticket: ticketID) { return .redirect(to: "/cases/\(existing.id)", type: .found) }
            ticketNumber = ticket.number.description
            code = code ?? ticket.business
        }
        let current = try await services.guides.current().map(\.guide)
        let guide = code.flatMap { code in current.first { $0.code == code } }
        let page = IntakeFormPage(
            frame: frame(request, ("受理登记", "New case")), officerName: officer.name, officerBadge: officer.badge.value,
            ticketID: ticketID?.description, ticketNumber: ticketNumber, business: guide?.code.value, businessName: guide?.name,
            organisationOnly: guide?.applicants == .organisation, personOnly: guide?.applicants == .person,
            restriction: guide?.applicantRestriction,
            fields: guide?.fields.map {
                .init(key: $0.key, label: $0.label, inputType: $0.kind == .number ? "number" : ($0.kind == .date ? "date" : "text"), required: $0.required)
            } ?? [],
            hasFields: !(guide?.fields.isEmpty ?? true),
            businesses: current.map { .init(code: $0.code.value, name: $0.name, selected: $0.code == guide?.code) })
        return try pages.render("case-new", page, request)
    }

    // MARK: The case page

    struct CasePage {
        struct Material {
            let index: Int
            let number: Int
            let name: String
            let required: String
            let state: String
            let stateLabel: String
            let originals: Int
            let copies: Int
            let reason: String
            let deferrable: Bool
            let satisfied: Bool
        }
        struct Step {
            let position: Int
            let name: String
            let actor: String
            let assignee: String
            let opinion: String
            let decidedAt: String
            let done: Bool
            let isNext: Bool
        }
        struct Line {
            let index: Int
            let number: Int
            let text: String
        }
        struct Document {
            let title: String
            let number: String
            let issuedAt: String
            let printURL: String
            let reprints: Int
        }
        struct Event {
            let at: String
            let action: String
            let officer: String
            let detail: String
        }
        let frame: PageFrame
        let id: String
        let queryCode: String
        let businessName: String
        let guideVersion: Int
        let stage: String
        let stageLabel: String
        let applicantName: String
        let applicantIdentifier: String
        let applicantPhone: String
        let agent: String?
        let fields: [Field]
        let receivedOn: String
        let noticeDeadline: String
        let acceptedOn: String?
        let deemed: Bool
        let checklistVersion: Int
        let checklistVersions: Int
        let materials: [Material]
        let notice: [Line]
        let noticeIssuedOn: String?
        let stillMissing: [Line]
        let breaches: [String]
        let steps: [Step]
        let hasSteps: Bool
        let nextStep: Step?
        let clockState: String?
        let promisedDue: String?
        let statutoryDue: String?
        let workingDaysLeft: Int?
        let supplementDue: String?
        let documents: [Document]
        let delivery: String?
        let decision: String?
        let events: [Event]
        let canCheck: Bool
        let canDecideIntake: Bool
        let awaitingSupplement: Bool
        let accepted: Bool
        let isLeader: Bool

        struct Field {
            let label: String
            let value: String
        }
    }

    func casePage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let officer = context.officer else { return .redirect(to: "/console/login", type: .found) }
        let id = try CasesController.caseID(context)
        let history = try await services.cases.history(id)
        let view = CaseResponse(history, services: services)
        let record = history.record
        let time = DateFormatter()
        time.dateFormat = "yyyy-MM-dd HH:mm"
        time.timeZone = services.hall.timeZone
        let officers = Dictionary(uniqueKeysWithValues: try await services.officers.all().map { ($0.badge.value, $0.name) })
        let who = { (badge: String?) in badge.map { "\(officers[$0] ?? "") \($0)" } ?? "系统" }
        let steps = view.steps.map { step in
            CasePage.Step(
                position: step.position, name: step.name, actor: step.actor, assignee: who(step.assignee), opinion: step.opinion ?? "",
                decidedAt: step.decidedAt.map(time.string(from:)) ?? "", done: step.decidedAt != nil,
                isNext: step.position == view.steps.first(where: { $0.decidedAt == nil })?.position)
        }
        let page = CasePage(
            frame: frame(request, ("办件", "Case")), id: view.id, queryCode: view.queryCode, businessName: view.businessName,
            guideVersion: view.guideVersion, stage: view.stage, stageLabel: view.stageLabel, applicantName: view.applicant.name,
            applicantIdentifier: view.applicant.identifier, applicantPhone: view.applicant.phone,
            agent: view.applicant.agentName.map { "\($0) \(view.applicant.agentIdentifier ?? "")" },
            fields: history.guide.fields.compactMap { field in view.fields[field.key].map { .init(label: field.label, value: $0) } },
            receivedOn: view.receivedOn, noticeDeadline: view.noticeDeadline, acceptedOn: view.acceptedOn, deemed: view.deemed,
            checklistVersion: view.checklist.version, checklistVersions: view.checklistVersions.count,
            materials: view.checklist.entries.map { entry in
                CasePage.Material(
                    index: entry.index, number: entry.index + 1, name: entry.material,
                    required: "原件\(entry.requiredOriginals) 复印件\(entry.requiredCopies)", state: entry.state,
                    stateLabel: Self.stateLabel(entry.state), originals: entry.originals ?? entry.requiredOriginals,
                    copies: entry.copies ?? entry.requiredCopies, reason: entry.reason ?? "", deferrable: entry.deferrable, satisfied: entry.satisfied)
            },
            notice: (view.notice?.items ?? []).map { .init(index: $0.index, number: $0.index + 1, text: $0.text) },
            noticeIssuedOn: view.notice?.issuedOn,
            stillMissing: view.stillMissing.map { .init(index: $0.index, number: $0.index + 1, text: $0.text) },
            breaches: view.breaches.map { "\($0.recordedOn) 警号\($0.officer)：\($0.items.map(\.material).joined(separator: "、"))（\($0.reason)，值班领导\($0.approvedBy)批准）" },
            steps: steps, hasSteps: !steps.isEmpty, nextStep: steps.first { $0.isNext },
            clockState: view.clock.map { DeadlineClock.State(rawValue: $0.state)?.label ?? $0.state }, promisedDue: view.clock?.promisedDue,
            statutoryDue: view.clock?.statutoryDue, workingDaysLeft: view.clock?.workingDaysLeft, supplementDue: view.deferral?.due,
            documents: view.documents.map {
                .init(title: $0.title, number: $0.number, issuedAt: time.string(from: $0.issuedAt), printURL: $0.printURL, reprints: $0.reprints)
            },
            delivery: view.delivery.map { [$0.label, $0.address, $0.proxyName, $0.proxyIdNumber].compactMap { $0 }.joined(separator: " ") },
            decision: view.decision.map { ($0.granted ? "准予" : "不予") + ($0.reason.map { "：\($0)" } ?? "") + "（\($0.decidedOn)）" },
            events: view.events.map { .init(at: time.string(from: $0.at), action: $0.action, officer: who($0.officer), detail: $0.detail ?? "") },
            canCheck: [.intake, .awaitingSupplement].contains(record.stage), canDecideIntake: record.stage == .intake,
            awaitingSupplement: record.stage == .awaitingSupplement, accepted: record.stage == .accepted,
            isLeader: officer.role == .dutyLeader)
        return try pages.render("case", page, request)
    }

    static func stateLabel(_ state: String) -> String {
        switch state {
        case "provided": "已提交"
        case "missing": "缺少"
        case "defective": "有问题"
        case "deferred": "容缺后补"
        default: "未核验"
        }
    }

    // MARK: Status

    struct StatusPage {
        struct Result {
            let business: String
            let stageLabel: String
            let receivedOn: String
            let acceptedOn: String?
            let promisedDue: String?
            let supplementDue: String?
            let missing: [String]
            let hasMissing: Bool
        }
        let frame: PageFrame
        let result: Result?
        let error: String?
        let code: String
    }

    func statusAnswer(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct Form: Decodable {
            let code: String
            let phoneLast4: String
        }
        let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 4096)))
        let pageFrame = frame(request, ("办件查询", "Case status"))
        do {
            let answer = try await cases.status(.init(code: form.code, phoneLast4: form.phoneLast4), client: context.clientAddress)
            let result = StatusPage.Result(
                business: answer.business, stageLabel: Language.of(request).pick(answer.stageLabel, answer.stageLabelEnglish),
                receivedOn: answer.receivedOn, acceptedOn: answer.acceptedOn, promisedDue: answer.promisedDue, supplementDue: answer.supplementDue,
                missing: answer.missing, hasMissing: !answer.missing.isEmpty)
            return try pages.render("status", StatusPage(frame: pageFrame, result: result, error: nil, code: ""), request)
        } catch let error as APIError {
            var response = try pages.render(
                "status", StatusPage(frame: pageFrame, result: nil, error: Language.of(request).pick(error.chinese, error.english), code: form.code),
                request)
            response.status = error.status
            return response
        }
    }
}
