import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The duty leaders' and supervisors' pages for bad reviews (差评整改): the list (`/rectifications`, filters open /
/// overdue / closed) and one item with its history and the forms its viewer may use. The forms post here as plain
/// HTML forms (CSRF token in a field), are answered with a redirect back to the item (PRG), or with the item again
/// and the refusal in words when Core refuses.
struct RectificationPages {
    let pages: PageRenderer
    let rectifications: RectificationRepository
    let businesses: BusinessRepository
    let officers: OfficerRepository
    let time: HallTime

    /// Every field optional: a missing one is refused in words by the check that needs it, never a decoding error.
    struct Form: Decodable {
        let result: String?
        let attempts: String?
        let note: String?
        let kind: String?
        let fixBy: String?
        let description: String?
        let ground: String?
        let reason: String?
        let decision: String?
        let handler: String?

        static let empty = Form(
            result: nil,
            attempts: nil,
            note: nil,
            kind: nil,
            fixBy: nil,
            description: nil,
            ground: nil,
            reason: nil,
            decision: nil,
            handler: nil
        )
    }

    static let actions = ["return-visits", "outcome", "appeal", "appeal-decision", "reassign"]

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("rectifications") { request, context -> Response in
            guard let officer = try Self.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            let filter = RectificationFilter(query: request.uri.queryParameters.get("show"))
            let records = filter == .closed ? try await rectifications.closed() : try await rectifications.open()
            let page = RectificationListPage(
                frame: pages.frame(request, context, ("差评整改", "Bad-review rectification"), Self.texts),
                officerName: officer.name,
                filter: filter,
                items: try records.map { ($0, try status($0)) },
                policy: rectifications.policy,
                staff: StaffDirectory(try await officers.all()),
                businessNames: try await businessNames()
            )
            return try pages.render("rectifications", page, request)
        }
        router.get("rectifications/{id}") { request, context -> Response in
            guard let officer = try Self.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            var page = try await itemPage(request, context, viewer: officer)
            if let done = request.uri.queryParameters.get("done"), let text = Self.doneTexts[String(done)] {
                page.done = Language.of(request).pick(text.0, text.1)
            }
            return try pages.render("rectification", page, request)
        }
        // The handler opens the rater's phone for the return visit: shown in this one answer, audited, never cached.
        router.post("rectifications/{id}/contact") { request, context -> Response in
            guard let officer = try Self.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            let id = try itemID(context)
            do {
                let phone = try await rectifications.revealContact(id, by: officer.badge, at: time.now())
                var page = try await itemPage(request, context, viewer: officer)
                page.revealedContact = phone.value
                var response = try pages.render("rectification", page, request)
                response.headers[.cacheControl] = "no-store"
                return response
            } catch let error as RectificationError {
                return try await refused(APIError(error), form: Form.empty, request, context, viewer: officer)
            }
        }
        for action in Self.actions {
            router.post("rectifications/{id}/\(action)") { request, context -> Response in
                guard let officer = try Self.worker(context) else { return PageRenderer.signIn(returningTo: request) }
                let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 16_384)))
                let id = try itemID(context)
                do {
                    try await perform(action, form, on: id, by: officer, linkBase: pages.publicBase(request))
                    return .redirect(to: "/rectifications/\(id)?done=\(action)", type: .normal)
                } catch let error as RectificationError {
                    return try await refused(APIError(error), form: form, request, context, viewer: officer)
                } catch let error as APIError where error.status != .notFound {
                    return try await refused(error, form: form, request, context, viewer: officer)
                }
            }
        }
    }

    /// Decodes one form into its Core event, through the same checks as the JSON API.
    /// `linkBase` is where citizens' phones reach the hall: the outcome message's link to rate the fix starts with it.
    private func perform(_ action: String, _ form: Form, on id: RectificationID, by officer: Officer, linkBase: String) async throws {
        let now = time.now()
        switch action {
        case "return-visits":
            guard let result = form.result.flatMap(Rectification.ReturnVisit.Result.init(rawValue:)) else {
                throw APIError.rectificationRequest("请选择回访结果：已联系上或未联系上", "Choose whether the rater was reached")
            }
            let typed = (form.attempts ?? "1").trimmingCharacters(in: .whitespaces)
            guard let attempts = Int(typed.isEmpty ? "1" : typed) else { throw RectificationError.attemptsOutOfRange }
            _ = try await rectifications.recordReturnVisit(id, result, attempts: attempts, note: form.note ?? "", by: officer.badge, at: now)
        case "outcome":
            let request = OutcomeRequest(
                kind: form.kind ?? "",
                description: form.description ?? "",
                fixBy: form.fixBy.flatMap { $0.isEmpty ? nil : $0 }
            )
            _ = try await rectifications.resolve(id, try request.outcome, by: officer.badge, at: now, linkBase: linkBase)
        case "appeal":
            guard let ground = form.ground.flatMap(Rectification.Appeal.Ground.init(rawValue:)) else {
                throw APIError.rectificationRequest("请选择申诉理由：误评或恶意差评", "Choose the ground: mistaken or malicious")
            }
            _ = try await rectifications.fileAppeal(id, ground, reason: form.reason ?? "", by: officer.badge, at: now)
        case "appeal-decision":
            // The route table lets only supervisors post here; Core checks they are a third person.
            guard let decision = form.decision, decision == "upheld" || decision == "rejected" else {
                throw APIError.rectificationRequest("请选择申诉是否成立", "Choose whether the appeal is upheld")
            }
            _ = try await rectifications.decideAppeal(id, upheld: decision == "upheld", reason: form.reason ?? "", by: officer.badge, at: now)
        default:
            guard let text = form.handler, let handler = Badge(text), try await officers.find(handler) != nil else {
                throw APIError.rectificationRequest("请选择新的承办人", "Choose the new handler")
            }
            _ = try await rectifications.reassign(id, to: handler, by: officer.badge, at: now)
        }
    }

    /// The item again, the refusal in words above the forms and the typed text kept, under the refusal's status.
    private func refused(
        _ error: APIError,
        form: Form,
        _ request: Request,
        _ context: AppRequestContext,
        viewer: Officer
    ) async throws -> Response {
        var page = try await itemPage(request, context, viewer: viewer)
        page.error = Language.of(request).pick(error.chinese, error.english)
        page.typed = ["note": form.note ?? "", "attempts": form.attempts ?? "", "description": form.description ?? "", "reason": form.reason ?? ""]
        var response = try pages.render("rectification", page, request)
        response.status = error.status
        return response
    }

    private func itemPage(_ request: Request, _ context: AppRequestContext, viewer: Officer) async throws -> RectificationItemPage {
        guard let record = try await rectifications.find(try itemID(context)) else { throw APIError.unknownRectification }
        return RectificationItemPage(
            frame: pages.frame(request, context, ("差评整改事项", "Rectification item"), Self.texts),
            viewer: viewer,
            record: record,
            status: try status(record),
            policy: rectifications.policy,
            staff: StaffDirectory(try await officers.all()),
            businessNames: try await businessNames(),
            today: time.date
        )
    }

    private func status(_ record: RectificationRepository.Record) throws -> Rectification.Status {
        try record.item.status(on: time.date, calendar: time.calendar.calendar, policy: rectifications.policy)
    }

    private func businessNames() async throws -> [BusinessCode: String] {
        Dictionary(
            try await businesses.all(serviceDay: time.date).map { ($0.business.code, $0.business.name) },
            uniquingKeysWith: { a, _ in a }
        )
    }

    private func itemID(_ context: AppRequestContext) throws -> RectificationID {
        guard let id = context.parameters.get("id").flatMap(RectificationID.init) else { throw APIError.unknownRectification }
        return id
    }

    /// The signed-in duty leader or supervisor; nil when nobody is signed in; a 403 for anyone else.
    static func worker(_ context: AppRequestContext) throws -> Officer? {
        guard let officer = context.officer else { return nil }
        guard officer.roles.isDutyLeader || officer.roles.isSupervisor else { throw APIError.forbidden }
        return officer
    }

    static let doneTexts: [String: (String, String)] = [
        "return-visits": ("已登记回访", "Return visit recorded"),
        "outcome": ("已登记整改结果，并通知评价人", "Outcome recorded; the rater is told"),
        "appeal": ("已提出申诉，待督察审核", "Appeal filed; a supervisor decides"),
        "appeal-decision": ("已审核申诉", "Appeal decided"),
        "reassign": ("已改派，并通知新承办人", "Reassigned; the new handler is told"),
    ]

    static let texts: [String: (String, String)] = [
        "list": ("差评整改", "Bad-review rectification"),
        "business": ("事项", "Service"),
        "windowCol": ("窗口", "Window"),
        "level": ("评价", "Rating"),
        "ratedOfficer": ("被评价民警", "Rated officer"),
        "handler": ("承办人", "Handler"),
        "state": ("状态", "State"),
        "openedOn": ("差评日期", "Rated on"),
        "contactDue": ("回访期限", "Return visit by"),
        "closeDue": ("办结期限", "Close by"),
        "left": ("剩余时间", "Time left"),
        "visited": ("已回访", "Called back"),
        "notVisited": ("待回访", "Call back owed"),
        "provisional": ("暂定", "provisional"),
        "empty": ("暂无此类整改事项", "No items here"),
        "rule": (
            "差评须在1个工作日内核实并回访评价人，15个工作日内办结（立行立改、限期整改或解释说明）；误评、恶意差评可申诉，由督察审核。",
            "A bad review is verified and the rater called back within 1 working day, and closed within 15 (fixed, fixed by "
                + "a date, or explained); a mistaken or malicious review may be appealed to a supervisor."
        ),
        "open": ("打开", "Open"),
        "back": ("返回整改列表", "Back to the list"),
        "comment": ("评价意见", "Comment"),
        "contact": ("联系方式", "Contact"),
        "stage": ("进度", "Stage"),
        "outcome": ("整改结果", "Outcome"),
        "appeal": ("申诉", "Appeal"),
        "appealDecision": ("申诉审核", "Appeal decision"),
        "fixRating": ("对整改结果的评价", "The rater's rating of the fix"),
        "history": ("办理记录", "History"),
        "at": ("时间", "Time"),
        "by": ("办理人", "By"),
        "what": ("内容", "What"),
        "returnVisit": ("登记回访", "Record a return visit"),
        "contacted": ("已联系上评价人", "Rater reached"),
        "unreachable": ("未联系上", "Not reached"),
        "attempts": ("本次拨打次数", "Calls made"),
        "visitNote": ("评价人反映的情况（或未联系上的原因）", "What the rater said (or why they could not be reached)"),
        "recordOutcome": ("登记整改结果", "Record the outcome"),
        "fixedNow": ("立行立改", "Fixed at once"),
        "fixedBy": ("限期整改", "Fixed by a date"),
        "explained": ("解释说明", "Explained"),
        "fixByDate": ("整改期限（限期整改时填写）", "Fix by (for a fix by a date)"),
        "outcomeText": ("整改措施或说明（将公开，不写姓名）", "What was done or explained (published, no names)"),
        "fileAppeal": ("提出申诉", "File an appeal"),
        "mistaken": ("误评", "Mistaken review"),
        "malicious": ("恶意差评", "Malicious review"),
        "appealReason": ("申诉理由", "Reason"),
        "decideAppeal": ("审核申诉", "Decide the appeal"),
        "upheld": ("申诉成立（该评价不计入统计，但不删除）", "Upheld (the rating leaves the statistics; it is never deleted)"),
        "rejected": ("申诉不成立（继续整改）", "Rejected (rectification goes on)"),
        "decisionReason": ("审核意见", "Reasons"),
        "reassign": ("改派承办人", "Reassign"),
        "newHandler": ("新承办人（不含被评价民警）", "New handler (never the rated officer)"),
        "submit": ("提交", "Submit"),
        "revealContact": ("显示电话以回访（将记入审计）", "Show the phone to call back (audited)"),
        "revealedContact": ("评价人电话（仅本次显示）", "The rater's phone (shown this once)"),
    ]
}
