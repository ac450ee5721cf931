import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The written explanation (告知单, 避免争执): when a request cannot be granted, the officer prints in one step a sheet
/// that quotes the business's conditions, restriction and legal basis from the guide version in force (named with its
/// number and date), and the remedies when a decision is involved, dated, with the officer's name and 警号 and both
/// supervision phones. `GET /explanation` is the form (with the suggested wording); `POST /explanation` prints the
/// sheet and records the print in the audit trail.
struct ExplanationPages {
    let pages: PageRenderer
    let guides: GuideRepository
    let businesses: BusinessRepository
    let wordings: RefusalWordingStore
    let hall: Hall
    let now: @Sendable () -> Date

    struct Form: Decodable {
        let business: String?
        let request: String?
        let reason: String?
        let decision: String?
    }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("explanation") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            guard officer.roles.worksAtWindow || officer.roles.isDeskOfficer else { throw APIError.forbidden }
            let day = hall.serviceDay(at: now())
            let page = ExplanationFormPage(
                frame: pages.frame(request, context, ("书面告知单", "Written explanation"), ExplanationFormPage.texts),
                businesses: try await businesses.all(serviceDay: day).map { .init(value: $0.business.code.value, label: $0.business.name) },
                phrasing: try await phrasing(request),
                error: nil
            )
            return try pages.render("explanation-form", page, request)
        }
        router.post("explanation") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            guard officer.roles.worksAtWindow || officer.roles.isDeskOfficer else { throw APIError.forbidden }
            let form = try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: try await request.body.collect(upTo: 16_384)))
            let asked = (form.request ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard let code = form.business.flatMap(BusinessCode.init), let version = try await guides.current(code),
                !asked.isEmpty, asked.count <= 300, reason.count <= 500
            else {
                let day = hall.serviceDay(at: now())
                var response = try pages.render(
                    "explanation-form",
                    ExplanationFormPage(
                        frame: pages.frame(request, context, ("书面告知单", "Written explanation"), ExplanationFormPage.texts),
                        businesses: try await businesses.all(serviceDay: day).map { .init(value: $0.business.code.value, label: $0.business.name) },
                        phrasing: try await phrasing(request),
                        error: Language.of(request).pick(
                            "请选择事项并填写群众的请求（300字以内），理由500字以内",
                            "Pick the business and say what was asked (300 characters at most); the reason at most 500"
                        )
                    ),
                    request
                )
                response.status = .unprocessableContent
                return response
            }
            let at = now()
            try await guides.recordExplanationPrint(code, version: version.version, by: officer.badge, at: at)
            let page = ExplanationPage(
                frame: pages.frame(request, context, ("告知单", "Written explanation"), [:]),
                version: version,
                asked: Masking.maskPersonalNumbers(in: asked),
                reason: Masking.maskPersonalNumbers(in: reason),
                decision: form.decision == "on",
                officer: officer,
                date: LocalDate(at, in: hall.timeZone),
                hall: hall
            )
            return try pages.render("explanation", page, request)
        }
    }
}

extension ExplanationPages {
    /// The hall's suggested wording for a refusal, in the page's language.
    func phrasing(_ request: Request) async throws -> String {
        let wording = try await wordings.current()
        return Language.of(request).pick(wording.chinese, wording.english)
    }
}

struct ExplanationFormPage: Sendable {
    struct Choice: Sendable {
        let value: String
        let label: String
    }
    let frame: PageFrame
    let businesses: [Choice]
    /// The hall's suggested wording for a refusal (administrators may reword it).
    let phrasing: String
    let error: String?

    static let texts: [String: (String, String)] = [
        "business": ("事项", "Business"),
        "request": ("群众的请求", "What was asked"),
        "reason": ("不能办理的原因（可选，另附指南所列条件和依据）", "Why it cannot be granted (optional; the guide's conditions and basis are quoted)"),
        "decision": ("涉及行政决定（印救济途径）", "A decision is involved (print the remedies)"),
        "print": ("生成告知单", "Print the explanation"),
        "phrasing": ("建议用语：", "Suggested wording: "),
    ]
}

/// The 告知单 on A4: what was asked, why it cannot be granted now, the guide's conditions, restriction and legal basis
/// from the version in force, the remedies when a decision is involved, and who explained it when.
struct ExplanationPage: Sendable {
    let frame: PageFrame
    let hallName: String
    let business: String
    let asked: String
    let reason: String
    let hasReason: Bool
    let restriction: String?
    let conditions: [String]
    let hasConditions: Bool
    let basis: String
    let remedies: [String]
    let hasRemedies: Bool
    let guideLine: String
    let officer: String
    let date: String
    let supervisionPhone: String
    let nationalSupervisionPhone: String

    init(frame: PageFrame, version: GuideVersion, asked: String, reason: String, decision: Bool, officer: Officer, date: LocalDate, hall: Hall) {
        self.frame = frame
        let guide = version.guide
        hallName = hall.name
        business = guide.name
        self.asked = asked
        self.reason = reason
        hasReason = !reason.isEmpty
        restriction = guide.applicantRestriction
        conditions = guide.conditions
        hasConditions = !guide.conditions.isEmpty
        basis = guide.legalBasis.map { "《\($0.law)》\($0.article)" }.joined(separator: "；")
        remedies = decision ? DocumentDraft.remedies.map { $0.replacingOccurrences(of: "本通知书", with: "本告知单") } : []
        hasRemedies = decision
        guideLine = "以上依据《\(guide.name)办事指南》第\(version.version)版（\(LocalDate(version.publishedAt, in: hall.timeZone).chineseDate)发布）"
        self.officer = "\(officer.name)（警号\(officer.badge)）"
        self.date = date.chineseDate
        supervisionPhone = hall.supervisionPhone
        nationalSupervisionPhone = Hall.nationalSupervisionPhone
    }
}
