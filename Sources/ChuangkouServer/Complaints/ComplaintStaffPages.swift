import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The supervisors' and duty leaders' complaint pages: the list (`/complaints`, filters open / overdue / mine /
/// closed) and one complaint with its history and the forms its viewer may use (acknowledge and assign, reassign,
/// note, answer, ask for or decide the extension, close, record the complainant's request for review).
///
/// A complaint that concerns the viewer (the officer complained about, whoever served its ticket, anyone on its case)
/// is never listed and answers 404, as in the API (RULES §8). Forms post as plain HTML forms (CSRF token in a field),
/// are answered with a redirect back (PRG), or with the complaint again and the refusal in words.
struct ComplaintStaffPages {
    let pages: PageRenderer
    let complaints: ComplaintRepository
    let businesses: BusinessRepository
    let officers: OfficerRepository
    let time: HallTime

    /// Every field optional: a missing one is refused in words by the check that needs it.
    struct Form: Decodable {
        let handler: String?
        let text: String?
        let finding: String?
        let against: String?
        let days: String?
        let reason: String?
        let decision: String?
    }

    static let actions = ["acknowledge", "reassign", "note", "answer", "extension-request", "extension-decision", "extension", "close", "reopen"]

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        addRecordRoutes(to: router)
        router.get("complaints") { request, context -> Response in
            guard let officer = try RectificationPages.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            let filter = ComplaintFilter(query: request.uri.queryParameters.get("show"))
            let records = try await complaints.list(for: officer.badge, includeClosed: filter == .closed)
            let page = ComplaintListPage(
                frame: pages.frame(request, context, ("投诉办理", "Complaints"), Self.texts),
                viewer: officer,
                filter: filter,
                items: try records.map { ($0, try status($0)) },
                today: time.date,
                staff: StaffDirectory(try await officers.all()),
                businessNames: try await businessNames()
            )
            return try pages.render("complaints", page, request)
        }
        router.get("complaints/{id}") { request, context -> Response in
            guard let officer = try RectificationPages.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            var page = try await itemPage(request, context, viewer: officer)
            if let done = request.uri.queryParameters.get("done"), Self.actions.contains(String(done)) {
                page.done = Language.of(request).pick("已办理", "Recorded")
            }
            return try pages.render("complaint", page, request)
        }
        for action in Self.actions {
            router.post("complaints/{id}/\(action)") { request, context -> Response in
                guard let officer = try RectificationPages.worker(context) else { return PageRenderer.signIn(returningTo: request) }
                let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 16_384)))
                let id = try complaintID(context)
                do {
                    try await perform(action, form, on: id, by: officer)
                    return .redirect(to: "/complaints/\(id)?done=\(action)", type: .normal)
                } catch {
                    let refusal = APIError(mapping: error, context: context) { _ in .complaintRequest("表单有误", "The form is not valid") }
                    // Unknown, or one that concerns the viewer: the same 404 as a read.
                    guard refusal.status != .notFound else { throw APIError.unknownComplaint }
                    return try await refused(refusal, form: form, request, context, viewer: officer)
                }
            }
        }
    }

    /// Decodes one form into its repository call, through the same checks as the JSON API. Roles beyond the route
    /// table's are Core's and the repository's to check (handler, supervisor, never a concerned officer).
    private func perform(_ action: String, _ form: Form, on id: ComplaintID, by officer: Officer) async throws {
        let now = time.now()
        func badge(_ text: String?) throws -> Badge {
            guard let badge = text.flatMap(Badge.init) else { throw APIError.complaintRequest("请选择承办人", "Choose the handler") }
            return badge
        }
        func days() throws -> Int {
            guard let text = form.days?.trimmingCharacters(in: .whitespaces), text.count <= 3, let days = Int(text) else {
                throw APIError.complaintRequest("请填写延长天数", "Give the number of days")
            }
            return days
        }
        switch action {
        case "acknowledge":
            _ = try await complaints.acknowledge(id, handler: try badge(form.handler), by: officer.badge, hall: time.hall, at: now)
        case "reassign":
            guard officer.roles.isSupervisor else { throw APIError.forbidden }
            _ = try await complaints.reassign(id, to: try badge(form.handler), by: officer.badge, at: now)
        case "note": _ = try await complaints.addNote(id, form.text ?? "", by: officer.badge, at: now)
        case "answer":
            let (finding, against) = try ComplaintRequests.Answer(
                text: form.text ?? "",
                finding: Self.chosen(form.finding),
                against: Self.chosen(form.against)
            ).parsed
            _ = try await complaints.answer(id, form.text ?? "", finding: finding, against: against, by: officer.badge, at: now)
        case "extension-request":
            _ = try await complaints.requestExtension(id, days: try days(), reason: form.reason ?? "", by: officer.badge, at: now)
        case "extension-decision":
            guard officer.roles.isSupervisor else { throw APIError.forbidden }
            guard let decision = form.decision, decision == "approve" || decision == "refuse" else {
                throw APIError.complaintRequest("请选择批准或不批准", "Choose approve or refuse")
            }
            _ = try await complaints.decideExtension(id, approve: decision == "approve", by: officer.badge, at: now)
        case "extension":
            guard officer.roles.isSupervisor else { throw APIError.forbidden }
            _ = try await complaints.extend(id, days: try days(), reason: form.reason ?? "", by: officer.badge, at: now)
        case "close": _ = try await complaints.close(id, by: officer.badge, at: now)
        default: _ = try await complaints.reopenForComplainant(id, by: officer.badge, hall: time.hall, at: now)
        }
    }

    /// A select left at its empty first option chooses nothing.
    static func chosen(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }

    /// The complaint again, the refusal in words above the forms and the typed text kept, under the refusal's status.
    private func refused(_ error: APIError, form: Form, _ request: Request, _ context: AppRequestContext, viewer: Officer) async throws -> Response {
        var page = try await itemPage(request, context, viewer: viewer)
        page.error = Language.of(request).pick(error.chinese, error.english)
        page.typed = ["text": form.text ?? "", "reason": form.reason ?? "", "days": form.days ?? ""]
        var response = try pages.render("complaint", page, request)
        response.status = error.status
        return response
    }

    private func itemPage(_ request: Request, _ context: AppRequestContext, viewer: Officer) async throws -> ComplaintItemPage {
        guard let record = try await complaints.find(try complaintID(context), for: viewer.badge) else { throw APIError.unknownComplaint }
        return ComplaintItemPage(
            frame: pages.frame(request, context, ("投诉", "Complaint"), Self.texts),
            viewer: viewer,
            record: record,
            status: try status(record),
            today: time.date,
            policy: complaints.policy,
            staff: StaffDirectory(try await officers.all()),
            businessNames: try await businessNames()
        )
    }

    func status(_ record: ComplaintRepository.Record) throws -> Complaint.Status {
        try record.complaint.status(on: time.date, policy: complaints.policy)
    }

    func businessNames() async throws -> [BusinessCode: String] {
        Dictionary(
            try await businesses.all(serviceDay: time.date).map { ($0.business.code, $0.business.name) },
            uniquingKeysWith: { a, _ in a }
        )
    }

    private func complaintID(_ context: AppRequestContext) throws -> ComplaintID {
        guard let id = context.parameters.get("id").flatMap(ComplaintID.init) else { throw APIError.unknownComplaint }
        return id
    }
}
