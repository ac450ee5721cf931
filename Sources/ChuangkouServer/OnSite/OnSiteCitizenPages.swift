import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The citizen's on-site pages, for a phone at 360 px: asking for a visit (`/onsite/request`, over the same checks as
/// `POST /api/v1/onsite`; a refusal keeps what was typed and marks the field to fix) and following it with the query
/// code and the phone's last four digits (`/onsite/status`), the state in plain words.
struct OnSiteCitizenPages {
    let pages: PageRenderer
    let api: OnSiteController
    let businesses: BusinessRepository

    /// What the form posts: `businesses[]` checkboxes, up to three preferred days.
    struct Form: Decodable {
        let applicant: String?
        let phone: String?
        let address: String?
        let businesses: [String]?
        let reason: String?
        let details: String?
        let day1: String?
        let day2: String?
        let day3: String?
        let collectsPersonalData: String?

        var body: OnSiteRequests.New {
            OnSiteRequests.New(
                applicant: applicant ?? "",
                phone: phone ?? "",
                address: address ?? "",
                businesses: businesses ?? [],
                reason: reason ?? "",
                details: details,
                preferredDays: [day1, day2, day3].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                collectsPersonalData: collectsPersonalData == "yes"
            )
        }
    }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("onsite/request") { request, context -> Response in
            let page = try await requestPage(request, context, form: nil, refusal: nil, filed: nil)
            return try pages.render("onsite-request", page, request)
        }
        router.post("onsite/request") { request, context -> Response in
            let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 16_384)))
            do {
                let filed = try await api.file(form.body, context)
                let page = try await requestPage(request, context, form: nil, refusal: nil, filed: filed)
                var response = try pages.render("onsite-request", page, request)
                response.status = .created
                return response
            } catch {
                let refusal = APIError(mapping: error, context: context) { _ in .onSiteRequest("表单有误", "The form is not valid") }
                let page = try await requestPage(request, context, form: form, refusal: refusal, filed: nil)
                var response = try pages.render("onsite-request", page, request)
                response.status = refusal.status
                return response
            }
        }
        router.get("onsite/status") { request, context -> Response in
            let code = String((request.uri.queryParameters.get("code") ?? "").prefix(20))
            return try pages.render("onsite-status", statusPage(request, context, code: code, record: nil, error: nil), request)
        }
        router.post("onsite/status") { request, context -> Response in
            struct Query: Decodable {
                let code: String?
                let phoneLast4: String?
            }
            let form = try await URLEncodedFormDecoder().decode(Query.self, from: String(buffer: request.body.collect(upTo: 4_096)))
            let code = String((form.code ?? "").prefix(20))
            do {
                let record = try await api.query(OnSiteRequests.Query(code: form.code ?? "", phoneLast4: form.phoneLast4 ?? ""), context)
                return try pages.render("onsite-status", statusPage(request, context, code: code, record: record, error: nil), request)
            } catch {
                let refusal = APIError(mapping: error, context: context) { _ in .onSiteRequest("表单有误", "The form is not valid") }
                let page = statusPage(request, context, code: code, record: nil, error: Language.of(request).pick(refusal.chinese, refusal.english))
                var response = try pages.render("onsite-status", page, request)
                response.status = refusal.status
                return response
            }
        }
    }

    private func requestPage(
        _ request: Request,
        _ context: AppRequestContext,
        form: Form?,
        refusal: APIError?,
        filed: OnSiteRepository.Requested?
    ) async throws -> OnSiteRequestPage {
        let language = Language.of(request)
        let offered = try await businesses.all(serviceDay: api.hall.serviceDay(at: api.now())).map(\.business)
        return OnSiteRequestPage(
            frame: pages.frame(request, context, ("申请现场办公", "Ask for an on-site visit"), Self.texts),
            language: language,
            businesses: offered,
            form: form,
            refusal: refusal.map { (code: $0.code, message: language.pick($0.chinese, $0.english)) },
            queryCode: filed?.queryCode,
            firstDay: try api.hall.serviceDay(at: api.now()).adding(days: 1)
        )
    }

    private func statusPage(
        _ request: Request,
        _ context: AppRequestContext,
        code: String,
        record: OnSiteRepository.Record?,
        error: String?
    ) -> OnSiteStatusPage {
        OnSiteStatusPage(
            frame: pages.frame(request, context, ("现场办公查询", "Follow an on-site visit"), Self.texts),
            language: Language.of(request),
            code: code,
            record: record,
            error: error
        )
    }

    static let texts: [String: (String, String)] = [
        "intro": (
            "行动不便的群众、需批量办理的企业、学校或养老机构，可申请民警上门办理。值班领导审批后，我们会按工作日安排并短信告知。",
            "People who cannot travel, and enterprises, schools or nursing homes with many applicants, can ask officers to come. "
                + "The duty leader decides; a visit is planned on a working day and you are told by text message."
        ),
        "applicant": ("申请人或单位名称", "Applicant or organisation"),
        "phone": ("联系手机", "Mobile phone"),
        "address": ("上门地址", "Address to visit"),
        "businesses": ("需办理的事项", "Businesses to handle"),
        "reason": ("申请原因", "Why a visit"),
        "details": ("补充说明（选填）", "More details (optional)"),
        "days": ("希望的日期（1至3个）", "Preferred days (1 to 3)"),
        "collects": ("需现场采集个人信息（如拍照、指纹）", "Personal data is collected on site (photo, fingerprints)"),
        "submit": ("提交申请", "Send the request"),
        "filed": ("申请已收到，值班领导审批后将短信告知。", "Received. You will get a text message once the duty leader decides."),
        "queryCode": ("查询码（请保存）", "Query code (keep it)"),
        "follow": ("查询申请进度", "Follow the request"),
        "code": ("查询码", "Query code"),
        "phoneLast4": ("手机号后四位", "Last 4 digits of the phone"),
        "query": ("查询", "Look up"),
        "stage": ("办理状态", "Stage"),
        "fix": ("请修改标出的内容", "Please correct the marked field"),
    ]
}

/// The request form's view model: the businesses offered, what was typed, and which field the refusal is about.
struct OnSiteRequestPage: Sendable {
    struct Choice: Sendable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct Day: Sendable {
        let name: String
        let value: String
    }

    let frame: PageFrame
    let businesses: [Choice]
    let reasons: [Choice]
    let applicant: String
    let phone: String
    let address: String
    let details: String
    let days: [Day]
    let collects: Bool
    let firstDay: String
    let error: String?
    /// The form field the refusal names (`applicant`, `address`, …), marked on the page.
    let invalidField: String?
    let queryCode: String?
    let showForm: Bool
    let invalidApplicant: Bool
    let invalidPhone: Bool
    let invalidAddress: Bool
    let invalidBusinesses: Bool
    let invalidDetails: Bool
    let invalidDays: Bool

    init(
        frame: PageFrame,
        language: Language,
        businesses: [Business],
        form: OnSiteCitizenPages.Form?,
        refusal: (code: String, message: String)?,
        queryCode: String?,
        firstDay: LocalDate
    ) {
        self.frame = frame
        let chosen = Set(form?.businesses ?? [])
        self.businesses = businesses.map {
            Choice(value: $0.code.value, label: language.pick($0.name, $0.nameEnglish), checked: chosen.contains($0.code.value))
        }
        let reason = form?.reason ?? OnSiteVisit.Reason.mobility.rawValue
        reasons = OnSiteVisit.Reason.allCases.map {
            Choice(value: $0.rawValue, label: language.pick($0.label, $0.labelEnglish), checked: $0.rawValue == reason)
        }
        applicant = form?.applicant ?? ""
        phone = form?.phone ?? ""
        address = form?.address ?? ""
        details = form?.details ?? ""
        days = [form?.day1, form?.day2, form?.day3].enumerated().map { Day(name: "day\($0.offset + 1)", value: $0.element ?? "") }
        collects = form?.collectsPersonalData == "yes"
        self.firstDay = firstDay.description
        error = refusal?.message
        let field = refusal.flatMap { Self.field(for: $0.code, message: $0.message) }
        invalidField = field
        self.queryCode = queryCode
        showForm = queryCode == nil
        invalidApplicant = field == "applicant"
        invalidPhone = field == "phone"
        invalidAddress = field == "address"
        invalidBusinesses = field == "businesses"
        invalidDetails = field == "details"
        invalidDays = field == "days"
    }

    /// The field an API refusal is about; nil when it is about the whole request (rate limit, …).
    static func field(for code: String, message: String) -> String? {
        switch code {
        case "onsite.applicant-required": "applicant"
        case "onsite.address-required": "address"
        case "onsite.business-count", "onsite.unknown-business", "business.unknown": "businesses"
        case "onsite.details-too-long": "details"
        case "onsite.preferred-days": "days"
        case "onsite.bad-request":
            if message.contains("手机") || message.contains("mobile") {
                "phone"
            } else if message.contains("日期") || message.contains("YYYY") {
                "days"
            } else {
                nil
            }
        default: nil
        }
    }
}

/// The applicant's status page: the stage and what it means, in plain words.
struct OnSiteStatusPage: Sendable {
    let frame: PageFrame
    let code: String
    let error: String?
    let stageLabel: String?
    /// One or two sentences: what happens next, or what happened.
    let explanation: String?
    let stage: String?

    init(frame: PageFrame, language: Language, code: String, record: OnSiteRepository.Record?, error: String?) {
        self.frame = frame
        self.code = code
        self.error = error
        guard let visit = record?.visit else {
            stageLabel = nil
            explanation = nil
            stage = nil
            return
        }
        stage = visit.stage.rawValue
        stageLabel = language.pick(visit.stage.label, visit.stage.labelEnglish)
        explanation = Self.explanation(visit, language)
    }

    static func explanation(_ visit: OnSiteVisit, _ language: Language) -> String {
        switch visit.stage {
        case .requested:
            return language.pick(
                "您的申请已收到，正在等待值班领导审批。审批后会短信告知。",
                "Your request is received and waits for the duty leader. You will get a text message once it is decided."
            )
        case .approved:
            let slot = visit.plan?.slot
            return language.pick(
                "已安排民警于\(slot?.label ?? "")上门办理。请备好相关证件，保持电话畅通。",
                "Officers will come on \(slot.map { "\($0.day) (\($0.half.labelEnglish.lowercased()))" } ?? ""). "
                    + "Have your documents ready and keep your phone on."
            )
        case .declined:
            return language.pick(
                "未予安排上门办理。原因：\(visit.declineReason ?? "")。如有疑问请致电大厅。",
                "No visit is planned. Reason: \(visit.declineReason ?? ""). Call the hall with any question."
            )
        case .visited:
            let outcome = visit.result?.outcome ?? .done
            return language.pick("民警已上门办理，结果：\(outcome.label)。", "Officers have visited. Result: \(outcome.labelEnglish).")
        }
    }
}
