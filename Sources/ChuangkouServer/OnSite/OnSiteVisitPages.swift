import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The team's phone page of one visit (`/onsite/visits/{id}`, 360 px and up, linked from the route list): when and
/// where, the applicant with the phone masked (a team member opens it to call, audited: `POST …/contact`), the team, a
/// 现场受理 button per listed business on the visit's day (the hall's own intake, `/cases/new?visit=`), and the cases
/// opened on it. Leaders and supervisors see every visit; a window officer those they are on or recorded (404 otherwise).
struct OnSiteVisitPages {
    let pages: PageRenderer
    let api: OnSiteController
    let officers: OfficerRepository
    let businesses: BusinessRepository
    let cases: CaseRepository

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("onsite/visits/{id}") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            let record = try await api.visible(try api.visitID(context), to: officer)
            return try pages.render("onsite-visit", try await page(request, context, record, viewer: officer), request)
        }
        router.post("onsite/visits/{id}/result") { request, context -> Response in try await recordResult(request, context) }
        // A team member opens the applicant's phone: shown in this one answer, audited, never cached.
        router.post("onsite/visits/{id}/contact") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            let id = try api.visitID(context)
            do {
                let phone = try await api.visits.revealContact(id, by: officer.badge, at: api.now())
                var page = try await page(request, context, try await api.visible(id, to: officer), viewer: officer)
                page.revealedPhone = phone.value
                var response = try pages.render("onsite-visit", page, request)
                response.headers[.cacheControl] = "no-store"
                return response
            } catch let error as OnSiteError {
                let refusal = APIError(error)
                // One who may not see the visit gets the refusal alone, as from the API.
                guard let record = try? await api.visible(id, to: officer) else { throw refusal }
                var page = try await page(request, context, record, viewer: officer)
                page.error = Language.of(request).pick(refusal.chinese, refusal.english)
                var response = try pages.render("onsite-visit", page, request)
                response.status = refusal.status
                return response
            }
        }
    }

    /// The result form's fields; an empty count is none.
    struct ResultForm: Decodable {
        let outcome: String?
        let note: String?
        let casesTaken: String?

        var body: OnSiteRequests.Result {
            get throws {
                let text = (casesTaken ?? "").trimmingCharacters(in: .whitespaces)
                guard text.isEmpty || Int(text) != nil else { throw APIError.onSiteRequest("受理件数应为0至1000", "Cases taken is 0 to 1000") }
                return OnSiteRequests.Result(outcome: outcome ?? "", note: note, casesTaken: Int(text))
            }
        }
    }

    /// The team records how the visit went (PRG: back to the page; a refusal is shown in it, with its status).
    func recordResult(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
        let id = try api.visitID(context)
        let form = try await URLEncodedFormDecoder().decode(ResultForm.self, from: String(buffer: request.body.collect(upTo: 8_192)))
        do {
            _ = try await api.recordResult(try form.body, of: id, by: officer)
            return .redirect(to: "/onsite/visits/\(id)?done=result", type: .normal)
        } catch {
            let refusal = APIError(mapping: error, context: context) { _ in .onSiteRequest("表单有误", "The form is not valid") }
            guard refusal.status != .notFound else { throw refusal }
            var page = try await page(request, context, try await api.visible(id, to: officer), viewer: officer)
            page.error = Language.of(request).pick(refusal.chinese, refusal.english)
            var response = try pages.render("onsite-visit", page, request)
            response.status = refusal.status
            return response
        }
    }

    func page(
        _ request: Request,
        _ context: AppRequestContext,
        _ record: OnSiteRepository.Record,
        viewer: Officer
    ) async throws -> OnSiteVisitPage {
        var names: [Badge: String] = [:]
        for one in try await officers.all() { names[one.badge] = one.name }
        var known: [BusinessCode: Business] = [:]
        for code in record.visit.request.businesses { known[code] = try await businesses.find(code) }
        return OnSiteVisitPage(
            frame: pages.frame(request, context, ("现场办公", "On-site visit"), Self.texts),
            language: Language.of(request),
            record: record,
            viewer: viewer,
            today: api.hall.serviceDay(at: api.now()),
            officerNames: names,
            businesses: known,
            cases: try await cases.cases(onVisit: record.visit.id),
            timeZone: api.hall.timeZone,
            saved: request.uri.queryParameters.get("done") == "result"
        )
    }

    static let texts: [String: (String, String)] = [
        "when": ("时间", "When"),
        "address": ("地点", "Address"),
        "applicant": ("申请人", "Applicant"),
        "phone": ("联系电话", "Phone"),
        "reveal": ("显示完整号码以联系（将记入审计）", "Show the full number to call (audited)"),
        "revealed": ("完整号码", "Full number"),
        "reason": ("原因", "Reason"),
        "team": ("工作组", "Team"),
        "collects": ("现场采集个人信息（须二人以上）", "Personal data collected on site (two officers)"),
        "businesses": ("办理事项", "Businesses"),
        "intake": ("现场受理", "Take an application"),
        "cases": ("本次已受理", "Applications taken"),
        "noCases": ("尚未受理", "None yet"),
        "result": ("结果", "Result"),
        "routeList": ("当日路线单", "The day's route list"),
        "stage": ("状态", "State"),
        "recordResult": ("记录办理结果", "Record the result"),
        "outcome": ("结果", "Outcome"),
        "note": ("说明（部分办结或未能办理须写明原因）", "Note (say why when partly done or not possible)"),
        "casesTaken": ("受理件数", "Applications taken"),
        "save": ("保存结果", "Save the result"),
        "saved": ("结果已记录。", "The result is recorded."),
    ]
}

/// The visit page's view model, built by a pure function of the visit, the viewer and today.
struct OnSiteVisitPage {
    struct BusinessLine {
        let code: String
        let name: String
        /// `/cases/new?visit=…&business=…` when the viewer may open intake for it now.
        let intakeURL: String?
    }
    struct CaseLine {
        let url: String
        let business: String
        let applicant: String
        let stage: String
        let at: String
    }

    let frame: PageFrame
    let id: String
    let stage: String
    let stageLabel: String
    let when: String
    let applicant: String
    let address: String
    let phoneMasked: String
    /// Set only in the answer to a team member's reveal.
    var revealedPhone: String?
    /// The viewer is on the team: the reveal form is offered.
    let mayReveal: Bool
    let reason: String
    let details: String
    let collects: Bool
    let team: [String]
    let businesses: [BusinessLine]
    /// Why there is no intake button (another day, not on the team), in words; nil when there is one.
    let intakeNote: String?
    let cases: [CaseLine]
    let hasCases: Bool
    let result: String?
    let routeListURL: String?
    var error: String?
    /// The result form, for the team (or a duty leader) from the visit's day on, until a result is recorded.
    let resultForm: ResultForm?
    /// After the result was saved (PRG).
    let saved: Bool

    struct ResultForm {
        struct Option {
            let value: String
            let label: String
            let checked: Bool
        }
        let outcomes: [Option]
        /// The cases opened on the visit, as the default count.
        let casesTaken: Int
    }

    init(
        frame: PageFrame,
        language: Language,
        record: OnSiteRepository.Record,
        viewer: Officer,
        today: LocalDate,
        officerNames: [Badge: String],
        businesses: [BusinessCode: Business],
        cases: [OnSiteCase],
        timeZone: TimeZone,
        saved: Bool = false
    ) {
        let visit = record.visit
        let slot = visit.plan?.slot
        self.frame = frame
        id = visit.id.description
        stage = visit.stage.rawValue
        stageLabel = language.pick(visit.stage.label, visit.stage.labelEnglish)
        when = slot.map { language.pick($0.label, "\($0.day) (\($0.half.labelEnglish.lowercased()))") } ?? ""
        applicant = visit.request.applicant
        address = visit.request.address
        phoneMasked = record.phoneMasked
        mayReveal = (try? visit.checkRevealContact(by: viewer.badge)) != nil
        reason = language.pick(visit.request.reason.label, visit.request.reason.labelEnglish)
        details = visit.request.details
        collects = visit.request.collectsPersonalData
        team = (visit.plan?.team ?? []).map { "\(officerNames[$0] ?? "")（\($0)）" }
        func name(_ code: BusinessCode) -> String { businesses[code].map { language.pick($0.name, $0.nameEnglish) } ?? code.value }
        self.businesses = visit.request.businesses.map { code in
            BusinessLine(
                code: code.value,
                name: name(code),
                intakeURL: visit.mayOpenIntake(by: viewer, business: code, on: today) ? "/cases/new?visit=\(visit.id)&business=\(code)" : nil
            )
        }
        let onTeam = visit.plan?.team.contains(viewer.badge) == true
        if let slot, onTeam, visit.stage == .approved, slot.day != today {
            intakeNote = language.pick("现场受理在\(slot.label)当日开放", "On-site intake opens on \(slot.day)")
        } else {
            intakeNote = nil
        }
        let format = DateFormatter()
        format.dateFormat = "MM-dd HH:mm"
        format.timeZone = timeZone
        self.cases = cases.map { one in
            CaseLine(
                url: "/cases/\(one.id)",
                business: name(one.business),
                applicant: one.applicantName,
                stage: language.pick(one.stage.label, one.stage.labelEnglish),
                at: format.string(from: one.receivedAt)
            )
        }
        hasCases = !cases.isEmpty
        result = visit.result.map { result in
            language.pick(result.outcome.label, result.outcome.labelEnglish) + (result.note.isEmpty ? "" : language.pick("：", ": ") + result.note)
        }
        routeListURL = slot.map { "/onsite/route-list?day=\($0.day)" }
        if visit.stage == .approved, let slot, today >= slot.day, onTeam || viewer.roles.isDutyLeader {
            resultForm = ResultForm(
                outcomes: OnSiteVisit.Outcome.allCases.map {
                    .init(value: $0.rawValue, label: language.pick($0.label, $0.labelEnglish), checked: $0 == .done)
                },
                casesTaken: cases.count
            )
        } else {
            resultForm = nil
        }
        self.saved = saved
    }
}
