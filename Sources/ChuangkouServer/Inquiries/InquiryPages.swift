import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The information desk (咨询台, `/desk`): the console mode for desk staff, also opened from a window's console
/// (`/desk?window=3`) to record an inquiry in a few taps. It lists the handovers waiting for the officer's receipt,
/// the inquiries they own and what they closed today, each with the forms its owner may use. Forms post as plain
/// HTML (CSRF token in a field) and are answered with a redirect back (PRG), or the page again with the refusal in
/// words. `/inquiries/{id}/notice` prints the one-time notice an inquiry was closed with, from its guide version.
struct InquiryPages {
    let pages: PageRenderer
    let inquiries: InquiryRepository
    let bodies: CompetentBodyDirectory
    let businesses: BusinessRepository
    let guides: GuideRepository
    let officers: OfficerRepository
    let hall: Hall
    let now: @Sendable () -> Date

    /// Every field optional: what a form lacks is refused in words by the check that needs it.
    struct Form: Decodable {
        let business: String?
        let topic: String?
        let question: String?
        let window: String?
        let contact: String?
        let answer: String?
        let outcome: String?
        let body: String?
        let to: String?
        let note: String?
    }

    static let actions = ["answer", "notice", "refer", "handover", "accept", "decline", "withdraw", "ticket"]

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("desk") { request, context -> Response in
            guard let officer = try Self.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            var page = try await deskPage(request, context, officer: officer)
            if let done = request.uri.queryParameters.get("done"), let text = InquiryDeskPage.doneTexts[String(done)] {
                page.doneMessage = Language.of(request).pick(text.0, text.1)
            }
            return try pages.render("desk", page, request)
        }
        router.post("desk/inquiries") { request, context -> Response in
            guard let officer = try Self.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            let form = try await Self.form(request)
            do {
                let record = try body(form)
                let (filing, contact) = try record.filing()
                _ = try await inquiries.record(
                    filing,
                    contact: contact,
                    resolution: try record.resolution?.resolution(),
                    by: officer.badge,
                    hall: hall,
                    at: now()
                )
                return .redirect(to: "/desk?done=record\(Self.windowQuery(form))", type: .normal)
            } catch let error as APIError where error.status != .notFound {
                return try await refused(error, form: form, request, context, officer: officer)
            } catch let error as InquiryError {
                return try await refused(APIError(error), form: form, request, context, officer: officer)
            }
        }
        for action in Self.actions {
            router.post("desk/inquiries/{id}/\(action)") { request, context -> Response in
                guard let officer = try Self.worker(context) else { return PageRenderer.signIn(returningTo: request) }
                let form = try await Self.form(request)
                guard let id = context.parameters.get("id").flatMap(InquiryID.init) else { throw APIError.unknownInquiry }
                do {
                    try await perform(action, form, on: id, by: officer)
                    return .redirect(to: "/desk?done=\(action)\(Self.windowQuery(form))", type: .normal)
                } catch let error as APIError where error.status != .notFound {
                    return try await refused(error, form: form, request, context, officer: officer)
                } catch let error as InquiryError {
                    return try await refused(APIError(error), form: form, request, context, officer: officer)
                }
            }
        }
        router.get("inquiries/{id}/notice") { request, context -> Response in
            guard let officer = try Self.worker(context) ?? context.officer.flatMap({ $0.roles.isSupervisor ? $0 : nil }) else {
                return PageRenderer.signIn(returningTo: request)
            }
            guard let id = context.parameters.get("id").flatMap(InquiryID.init),
                let record = try await inquiries.find(id, for: viewer(officer)),
                case .oneTimeNotice(let code, let number) = record.inquiry.outcome,
                let version = try await guides.version(code, number)
            else { throw APIError.unknownInquiry }
            let page = InquiryNoticePage(
                frame: pages.frame(request, context, ("一次性告知单", "One-time notice"), [:]),
                record: record,
                version: version,
                officer: try await officers.find(record.inquiry.closedBy ?? record.inquiry.owner),
                hall: hall
            )
            return try pages.render("inquiry-notice", page, request)
        }
    }

    /// Officers who take inquiries: window and desk officers and duty leaders; nil when nobody is signed in.
    static func worker(_ context: AppRequestContext) throws -> Officer? {
        guard let officer = context.officer else { return nil }
        guard officer.roles.containsAny([.windowOfficer, .deskOfficer, .dutyLeader]) else { throw APIError.forbidden }
        return officer
    }

    func viewer(_ officer: Officer) -> InquiryRepository.Viewer {
        .init(badge: officer.badge, seesAll: officer.roles.isDutyLeader || officer.roles.isSupervisor)
    }

    static func form(_ request: Request) async throws -> Form {
        try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: try await request.body.collect(upTo: 16_384)))
    }

    /// Keeps the window a console opened the desk for.
    static func windowQuery(_ form: Form) -> String {
        guard let text = form.window, let number = Int(text), (1...999).contains(number) else { return "" }
        return "&window=\(number)"
    }

    /// The recording form as the JSON API's request, so both go through the same checks.
    private func body(_ form: Form) throws -> InquiryRequests.Record {
        let business = form.business.flatMap { $0.isEmpty ? nil : $0 }
        let topic = form.topic.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        guard business != nil || topic != nil else {
            throw APIError(.unprocessableContent, APIError.InquiryCode.topicRequired, "请选择事项或填写咨询主题", "Pick a business or name the topic")
        }
        let window = try form.window.flatMap { text -> Int? in
            guard !text.isEmpty else { return nil }
            guard let number = Int(text) else { throw InquiryError.badWindow }
            return number
        }
        let resolution: InquiryRequests.Resolution? =
            switch form.outcome {
            case "answered": .init(kind: "answered", answer: form.answer ?? "", business: nil, body: nil)
            case "notice": .init(kind: "notice", answer: nil, business: business, body: nil)
            default: nil
            }
        return InquiryRequests.Record(
            business: business,
            topic: business == nil ? topic : nil,
            question: form.question ?? "",
            window: window,
            contact: form.contact,
            resolution: resolution
        )
    }

    private func perform(_ action: String, _ form: Form, on id: InquiryID, by officer: Officer) async throws {
        let at = now()
        switch action {
        case "answer":
            _ = try await inquiries.resolve(id, .answered(form.answer ?? ""), by: officer.badge, at: at)
        case "notice":
            guard let code = form.business.flatMap(BusinessCode.init) else { throw APIError(InquiryRecordError.unknownBusiness) }
            _ = try await inquiries.resolve(id, .oneTimeNotice(code), by: officer.badge, at: at)
        case "refer":
            guard let body = form.body.flatMap(CompetentBody.ID.init) else { throw APIError.unknownCompetentBody }
            _ = try await inquiries.resolve(id, .referred(body), by: officer.badge, at: at)
        case "handover":
            guard let colleague = form.to.flatMap(Badge.init) else { throw APIError(InquiryRecordError.unknownColleague) }
            _ = try await inquiries.handOver(id, to: colleague, note: form.note ?? "", by: officer.badge, at: at)
        case "accept": _ = try await inquiries.acceptHandover(id, by: officer.badge, at: at)
        case "decline": _ = try await inquiries.declineHandover(id, by: officer.badge, at: at)
        case "withdraw": _ = try await inquiries.withdrawHandover(id, by: officer.badge, at: at)
        default:
            _ = try await inquiries.issueTicket(
                id,
                business: form.business.flatMap(BusinessCode.init),
                greenChannel: nil,
                by: officer.badge,
                hall: hall,
                at: at
            )
        }
    }

    private func refused(_ error: APIError, form: Form, _ request: Request, _ context: AppRequestContext, officer: Officer) async throws -> Response {
        var page = try await deskPage(request, context, officer: officer)
        page.error = Language.of(request).pick(error.chinese, error.english)
        page.typedQuestion = form.question ?? ""
        page.typedTopic = form.topic ?? ""
        var response = try pages.render("desk", page, request)
        response.status = error.status
        return response
    }

    private func deskPage(_ request: Request, _ context: AppRequestContext, officer: Officer) async throws -> InquiryDeskPage {
        let day = hall.serviceDay(at: now())
        let window = request.uri.queryParameters.get("window").flatMap { Int($0) }.flatMap { (1...999).contains($0) ? $0 : nil }
        return InquiryDeskPage(
            frame: pages.frame(request, context, window == nil ? ("咨询台", "Information desk") : ("登记咨询", "Record an inquiry"), InquiryDeskPage.texts),
            language: Language.of(request),
            officer: officer,
            window: window,
            records: try await inquiries.list(for: .init(badge: officer.badge, seesAll: false), everyone: false, on: day),
            businesses: try await businesses.all(serviceDay: day).map(\.business),
            bodies: try await bodies.bodies().map(\.body),
            colleagues: try await officers.all().filter {
                $0.badge != officer.badge && $0.roles.containsAny([.windowOfficer, .deskOfficer, .dutyLeader])
            },
            zone: hall.timeZone
        )
    }
}
