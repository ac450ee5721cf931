import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The officer's case pages (the intake form for the called ticket, the case with its whole history and actions) and
/// the citizen's status page. The case page's forms post to the JSON API (`static/case.js`); the status page is a plain
/// form, so it works without JavaScript.
struct CasePagesController {
    let pages: PageRenderer
    let cases: CaseRepository
    let tickets: TicketRepository
    /// The inquiry a case was opened from, for the link back (首问负责).
    let inquiries: InquiryRepository
    let guides: GuideRepository
    let officers: OfficerRepository
    /// An intake opened on site (`?visit=`) checks the visit's rule before the form is shown.
    let visits: OnSiteRepository
    let status: StatusQuery
    var time: HallTime { status.time }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("cases/new") { request, context in try await intakeForm(request, context) }
        router.get("cases/{id}") { request, context in try await casePage(request, context) }
        router.get("status") { request, context in
            try pages.render(
                "status",
                StatusPage(
                    frame: frame(request, context, ("办件查询", "Case status"), Self.statusTexts),
                    result: nil,
                    error: nil,
                    // The documents' QR code and link carry the query code (?code=…), so only the phone digits are left to type.
                    code: String((request.uri.queryParameters.get("code") ?? "").prefix(20)),
                    ratingForm: .make(Language.of(request)),
                    thanks: nil
                ),
                request
            )
        }
        router.post("status") { request, context in try await statusAnswer(request, context) }
        router.post("status/rating") { request, context in try await rateCase(request, context) }
    }

    func frame(_ request: Request, _ context: AppRequestContext, _ title: (String, String), _ texts: [String: (String, String)]) -> PageFrame {
        pages.frame(request, context, title, texts)
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
        /// The inquiry the intake was opened from, sent with the form (`data-inquiry`).
        let inquiryID: String?
        let ticketNumber: String?
        let business: String?
        let businessName: String?
        let organisationOnly: Bool
        let personOnly: Bool
        let restriction: String?
        let fields: [Field]
        let hasFields: Bool
        let businesses: [BusinessOption]
        /// On site (现场受理): the visit the case is opened on (`data-visit`), its half-day and address, and the way back.
        let onSite: OnSiteIntake?
        /// Where the header's link goes: the console at a window, the visit's page on site.
        let backURL: String
        let backLabel: String

        struct OnSiteIntake {
            let visitID: String
            let when: String
            let address: String
        }
    }

    func intakeForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let officer = context.officer else { return .redirect(to: "/console/login", type: .found) }
        var code = request.uri.queryParameters.get("business").flatMap { BusinessCode(String($0)) }
        var ticketNumber: String?
        let ticketID = request.uri.queryParameters.get("ticket").flatMap { TicketID(String($0)) }
        if let ticketID {
            guard let ticket = try await tickets.find(ticketID) else { throw CaseStoreError.unknownTicket }
            if let existing = try await cases.find(ticket: ticketID) { return .redirect(to: "/cases/\(existing.id)", type: .found) }
            ticketNumber = ticket.number.description
            code = code ?? ticket.business
        }
        var current = try await guides.current().map(\.guide)
        var onSite: IntakeFormPage.OnSiteIntake?
        if let text = request.uri.queryParameters.get("visit") {
            guard ticketID == nil, let id = OnSiteVisitID(String(text)),
                let visit = try await visits.find(id, readBy: officer.badge, at: time.now())?.visit
            else { throw APIError.unknownOnSiteVisit }
            // The visit's own businesses only; the first until one is chosen. Core says whether intake may open now.
            guard let chosen = code ?? visit.request.businesses.first else { throw APIError.unknownOnSiteVisit }
            try visit.checkIntake(by: officer, business: chosen, on: time.date)
            code = chosen
            current = current.filter { visit.request.businesses.contains($0.code) }
            let slot = visit.plan?.slot
            onSite = .init(
                visitID: id.description,
                when: Language.of(request).pick(slot?.label ?? "", slot.map { "\($0.day) (\($0.half.labelEnglish.lowercased()))" } ?? ""),
                address: visit.request.address
            )
        }
        let guide = code.flatMap { code in current.first { $0.code == code } }
        let pageFrame = frame(request, context, onSite == nil ? ("受理登记", "New case") : ("现场受理", "On-site intake"), Self.intakeTexts)
        let page = IntakeFormPage(
            frame: pageFrame,
            officerName: officer.name,
            officerBadge: officer.badge.value,
            ticketID: ticketID?.description,
            inquiryID: request.uri.queryParameters.get("inquiry").flatMap { InquiryID(String($0)) }?.description,
            ticketNumber: ticketNumber,
            business: guide?.code.value,
            businessName: guide?.name,
            organisationOnly: guide?.applicants == .organisation,
            personOnly: guide?.applicants == .person,
            restriction: guide?.applicantRestriction,
            fields: guide?.fields.map {
                .init(
                    key: $0.key,
                    label: $0.label,
                    inputType: $0.kind == .number ? "number" : ($0.kind == .date ? "date" : "text"),
                    required: $0.required
                )
            } ?? [],
            hasFields: !(guide?.fields.isEmpty ?? true),
            businesses: current.map { .init(code: $0.code.value, name: $0.name, selected: $0.code == guide?.code) },
            onSite: onSite,
            backURL: onSite.map { "/onsite/visits/\($0.visitID)" } ?? "/console",
            backLabel: (onSite == nil ? pageFrame.t["console"] : pageFrame.t["visit"]) ?? ""
        )
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
            let essential: Bool
            let satisfied: Bool
            /// The state with its reason, as shown: "有问题 复印件不清晰", "不适用：无代办人".
            let stateText: String
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
            /// "第2步 审核：" / "Step 2, 审核:".
            let heading: String
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
            let reprintsText: String?
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
        /// The inquiry it was opened from: what was asked, when and by whom (首问).
        let fromInquiry: String?
        /// Opened on site (现场受理): the channel's words and the visit's page.
        let onSiteVisit: Link?
        struct Link {
            let label: String
            let url: String
        }
        let businessName: String
        let guideVersion: Int
        let guideVersionText: String
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
        let checklistHeading: String
        let materials: [Material]
        let notice: [Line]
        let noticeIssuedOn: String?
        let noticeHeading: String?
        let stillMissing: [Line]
        let breaches: [String]
        let steps: [Step]
        let hasSteps: Bool
        let nextStep: Step?
        let clockState: String?
        let clockText: String?
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
        /// Duty leaders and supervisors: the case's complaints (the page leaves out any that concern the viewer).
        let complaintsLink: String?

        struct Field {
            let label: String
            let value: String
        }
    }

    func casePage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let officer = context.officer else { return .redirect(to: "/console/login", type: .found) }
        let id = try CaseRequests.caseID(context)
        let reason = request.uri.queryParameters.get("reason").map { String($0) }
        let history: CaseHistory
        do {
            history = try await cases.history(id, readBy: officer, reason: reason)
        } catch CaseError.readReasonRequired {
            let page = ReadingReasonPage(
                frame: frame(request, context, ("说明查阅理由", "Reason for reading"), Self.readingReasonTexts),
                action: "/cases/\(id)",
                refused: reason != nil
            )
            var response = try pages.render("case-reason", page, request)
            response.status = .forbidden
            return response
        }
        let view = CaseResponse(history, time: time)
        let record = history.record
        let time = DateFormatter()
        time.dateFormat = "yyyy-MM-dd HH:mm"
        time.timeZone = status.time.hall.timeZone
        let officers = Dictionary(uniqueKeysWithValues: try await self.officers.all().map { ($0.badge.value, $0.name) })
        let language = Language.of(request)
        let who = { (badge: String?) in badge.map { "\(officers[$0] ?? "") \($0)" } ?? language.pick("系统", "System") }
        let steps = view.steps.map { step in
            CasePage.Step(
                position: step.position,
                name: step.name,
                actor: step.actor,
                assignee: who(step.assignee),
                opinion: step.opinion ?? "",
                decidedAt: step.decidedAt.map(time.string(from:)) ?? "",
                done: step.decidedAt != nil,
                isNext: step.position == view.steps.first(where: { $0.decidedAt == nil })?.position,
                heading: language.pick("第\(step.position)步 \(step.name)：", "Step \(step.position), \(step.name):")
            )
        }
        let clockState = view.clock.map { clock in
            DeadlineClock.State(rawValue: clock.state).map { language.pick($0.label, $0.labelEnglish) } ?? clock.state
        }
        let inquiry = try await inquiries.inquiry(openedCase: record.id)
        let page = CasePage(
            frame: frame(request, context, ("办件", "Case"), Self.caseTexts),
            id: view.id,
            queryCode: view.queryCode,
            fromInquiry: inquiry.map { "\(time.string(from: $0.recordedAt)) \(who($0.firstOwner.value))：\($0.question)" },
            onSiteVisit: record.channel.visit.map {
                .init(label: language.pick(record.channel.label, record.channel.labelEnglish), url: "/onsite/visits/\($0)")
            },
            businessName: view.businessName,
            guideVersion: view.guideVersion,
            guideVersionText: language.pick("第\(view.guideVersion)版", "version \(view.guideVersion)"),
            stage: view.stage,
            stageLabel: language.pick(view.stageLabel, view.stageLabelEnglish),
            applicantName: view.applicant.name,
            applicantIdentifier: view.applicant.identifier,
            applicantPhone: view.applicant.phone,
            agent: view.applicant.agentName.map { "\($0) \(view.applicant.agentIdentifier ?? "")" },
            fields: history.guide.fields.compactMap { field in view.fields[field.key].map { .init(label: field.label, value: $0) } },
            receivedOn: view.receivedOn,
            noticeDeadline: view.noticeDeadline,
            acceptedOn: view.acceptedOn,
            deemed: view.deemed,
            checklistVersion: view.checklist.version,
            checklistVersions: view.checklistVersions.count,
            checklistHeading: language.pick(
                "材料核验（第\(view.checklist.version)版，共\(view.checklistVersions.count)版）",
                "Materials (version \(view.checklist.version) of \(view.checklistVersions.count))"
            ),
            materials: view.checklist.entries.map { entry in
                CasePage.Material(
                    index: entry.index,
                    number: entry.index + 1,
                    name: entry.material,
                    required: language.pick(
                        "原件\(entry.requiredOriginals) 复印件\(entry.requiredCopies)",
                        "originals \(entry.requiredOriginals), copies \(entry.requiredCopies)"
                    ),
                    state: entry.state,
                    stateLabel: Self.stateLabel(entry.state, language),
                    originals: entry.originals ?? entry.requiredOriginals,
                    copies: entry.copies ?? entry.requiredCopies,
                    reason: entry.reason ?? "",
                    deferrable: entry.deferrable,
                    essential: entry.essential,
                    satisfied: entry.satisfied,
                    stateText: Self.stateText(entry.state, reason: entry.reason ?? "", language)
                )
            },
            notice: (view.notice?.items ?? []).map { .init(index: $0.index, number: $0.index + 1, text: language.pick($0.text, $0.textEnglish)) },
            noticeIssuedOn: view.notice?.issuedOn,
            noticeHeading: view.notice.map { language.pick("一次性告知（\($0.issuedOn)）", "One-time notice (\($0.issuedOn))") },
            stillMissing: view.stillMissing.map { .init(index: $0.index, number: $0.index + 1, text: language.pick($0.text, $0.textEnglish)) },
            breaches: view.breaches.map { breach in
                let items = breach.items.map(\.material)
                return language.pick(
                    "\(breach.recordedOn) 警号\(breach.officer)：\(items.joined(separator: "、"))（\(breach.reason)，"
                        + "值班领导\(breach.approvedBy)批准）",
                    "\(breach.recordedOn) badge \(breach.officer): \(items.joined(separator: ", ")) (\(breach.reason); approved by duty leader "
                        + "\(breach.approvedBy))"
                )
            },
            steps: steps,
            hasSteps: !steps.isEmpty,
            nextStep: steps.first { $0.isNext },
            clockState: clockState,
            clockText: view.clock.map { clock in
                language.pick(
                    "\(clockState ?? "")，剩余\(clock.workingDaysLeft)个工作日",
                    "\(clockState ?? ""), \(clock.workingDaysLeft) working days left"
                )
            },
            promisedDue: view.clock?.promisedDue,
            statutoryDue: view.clock?.statutoryDue,
            workingDaysLeft: view.clock?.workingDaysLeft,
            supplementDue: view.deferral?.due,
            documents: history.documents.map { document in
                let view = CaseResponse.DocumentView(document)
                return .init(
                    title: language.pick(document.kind.title, document.kind.titleEnglish),
                    number: view.number,
                    issuedAt: time.string(from: view.issuedAt),
                    printURL: view.printURL,
                    reprints: view.reprints,
                    reprintsText: view.reprints == 0 ? nil : language.pick("补打\(view.reprints)次", "reprinted \(view.reprints) times")
                )
            },
            delivery: view.delivery.map {
                [Self.deliveryLabel($0.method, language), $0.address, $0.proxyName, $0.proxyIdNumber].compactMap { $0 }.joined(separator: " ")
            },
            decision: view.decision.map {
                language.pick($0.granted ? "准予" : "不予", $0.granted ? "Granted" : "Denied")
                    + ($0.reason.map { language.pick("：\($0)", ": \($0)") } ?? "") + language.pick("（\($0.decidedOn)）", " (\($0.decidedOn))")
            },
            events: history.events.map { event in
                let (action, detail) = Self.words(event, versions: view.checklistVersions, language)
                return .init(at: time.string(from: event.at), action: action, officer: who(event.officer?.value), detail: detail)
            },
            canCheck: [.intake, .awaitingSupplement].contains(record.stage),
            canDecideIntake: record.stage == .intake,
            awaitingSupplement: record.stage == .awaitingSupplement,
            accepted: record.stage == .accepted,
            isLeader: officer.role == .dutyLeader,
            complaintsLink: officer.roles.isDutyLeader || officer.roles.isSupervisor ? "/cases/\(id)/complaints" : nil
        )
        return try pages.render("case", page, request)
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
            /// 一事一评: the form is offered while `rateable`; the code and digits go back with it.
            let rateable: Bool
            let ratingUntil: String?
            let rated: Bool
            let ratingClosed: String?
            let code: String
            let phoneLast4: String
        }
        let frame: PageFrame
        let result: Result?
        let error: String?
        let code: String
        let ratingForm: RatingForm
        /// Shown after a rating was stored.
        let thanks: String?
    }

    func statusAnswer(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct Form: Decodable {
            let code: String
            let phoneLast4: String
        }
        let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 4096)))
        return try await statusPage(request, context, code: form.code, phoneLast4: form.phoneLast4, thanks: nil)
    }

    /// The status page after a query (or a rating): the case's stage and, once it is decided, the rating form.
    func statusPage(_ request: Request, _ context: AppRequestContext, code: String, phoneLast4: String, thanks: String?) async throws -> Response {
        let pageFrame = frame(request, context, ("办件查询", "Case status"), Self.statusTexts)
        let language = Language.of(request)
        do {
            let answer = try await status.answer(.init(code: code, phoneLast4: phoneLast4), client: context.clientAddress)
            let days = status.ratings.policy.lateRatingDays
            let result = StatusPage.Result(
                business: language.pick(answer.business, answer.businessEnglish),
                stageLabel: language.pick(answer.stageLabel, answer.stageLabelEnglish),
                receivedOn: answer.receivedOn,
                acceptedOn: answer.acceptedOn,
                promisedDue: answer.promisedDue,
                supplementDue: answer.supplementDue,
                missing: language.pick(answer.missing, answer.missingEnglish),
                hasMissing: !answer.missing.isEmpty,
                rateable: answer.rating == "open",
                ratingUntil: answer.ratingUntil.map { until in
                    (pageFrame.t["rateUntil"] ?? "").replacingOccurrences(of: "{date}", with: time.hall.serviceDay(at: until).description)
                },
                rated: answer.rating == "rated" && thanks == nil,
                ratingClosed: answer.rating == "closed" ? (pageFrame.t["rateClosed"] ?? "").replacingOccurrences(of: "{n}", with: "\(days)") : nil,
                code: code,
                phoneLast4: phoneLast4
            )
            return try pages.render(
                "status",
                StatusPage(frame: pageFrame, result: result, error: nil, code: "", ratingForm: .make(language), thanks: thanks),
                request
            )
        } catch let error as APIError {
            var response = try pages.render(
                "status",
                StatusPage(
                    frame: pageFrame,
                    result: nil,
                    error: language.pick(error.chinese, error.english),
                    code: String(code.prefix(20)),
                    ratingForm: .make(language),
                    thanks: nil
                ),
                request
            )
            response.status = error.status
            return response
        }
    }

    /// 一事一评 from the status page's plain form: stored, the page says thank you; refused, it says why.
    func rateCase(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct Form: Decodable {
            let code: String
            let phoneLast4: String
            let level: Int?
            let overall: Int?
            let efficiency: Int?
            let competence: Int?
            let attitude: Int?
            let comment: String?
            let contact: String?
        }
        let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 8192)))
        let language = Language.of(request)
        do {
            guard context.officer == nil else { throw APIError.staffMayNotRate }
            let scores = [("overall", form.overall), ("efficiency", form.efficiency), ("competence", form.competence), ("attitude", form.attitude)]
            let body = CaseRatingRequest(
                code: form.code,
                phoneLast4: form.phoneLast4,
                level: form.level ?? 0,
                indicators: Dictionary(uniqueKeysWithValues: scores.compactMap { key, score in score.map { (key, $0) } }),
                comment: form.comment,
                contact: form.contact
            )
            let given = try await status.rate(body, client: context.clientAddress)
            let texts = frame(request, context, ("办件查询", "Case status"), Self.statusTexts).t
            let thanks = (texts["rateThanks"] ?? "") + (given.rating.isBad ? " " + (texts["rateBad"] ?? "") : "")
            return try await statusPage(request, context, code: form.code, phoneLast4: form.phoneLast4, thanks: thanks)
        } catch let error as APIError {
            var response = try pages.render(
                "status",
                StatusPage(
                    frame: frame(request, context, ("办件查询", "Case status"), Self.statusTexts),
                    result: nil,
                    error: language.pick(error.chinese, error.english),
                    code: String(form.code.prefix(20)),
                    ratingForm: .make(language),
                    thanks: nil
                ),
                request
            )
            response.status = error.status
            return response
        }
    }
}

/// The view model of `case-reason.mustache`: the reason form shown instead of a case its reader does not handle.
struct ReadingReasonPage {
    let frame: PageFrame
    let action: String
    /// A reason was given but was blank or too long: say so.
    let refused: Bool
}
