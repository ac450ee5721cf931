import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The public complaint pages, for a phone at 360 px: the form (`/complaints/new`, from the display, the ticket page
/// and the status page; `?ticket=` names the officer who served that ticket) and following a complaint with its
/// query code (`/complaints/follow`): the answer, and rating it or asking for the one review.
struct ComplaintPages {
    let pages: PageRenderer
    let api: ComplaintsController
    let tickets: TicketRepository

    struct FormPage {
        let frame: PageFrame
        let ticket: String?
        let officerBadge: String?
        let window: Int?
        let text: String
        let error: String?
        let queryCode: String?
        let filedAnonymously: Bool
        /// Stored, not computed: templates read the model by reflection.
        let showForm: Bool

        init(
            frame: PageFrame,
            ticket: String?,
            officerBadge: String?,
            window: Int?,
            text: String,
            error: String?,
            queryCode: String?,
            filedAnonymously: Bool
        ) {
            self.frame = frame
            self.ticket = ticket
            self.officerBadge = officerBadge
            self.window = window
            self.text = text
            self.error = error
            self.queryCode = queryCode
            self.filedAnonymously = filedAnonymously
            showForm = queryCode == nil && !filedAnonymously
        }
    }

    struct FollowPage {
        struct Answer {
            let text: String
        }

        let frame: PageFrame
        let code: String
        let phoneLast4: String
        let error: String?
        let stageLabel: String?
        let answerDue: String?
        let answers: [Answer]
        let canRate: Bool
        let canReopen: Bool
    }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("complaints/new") { request, context -> Response in
            let served = try await servedTicket(request.uri.queryParameters.get("ticket"))
            return try pages.render("complaint-new", formPage(request, context, served: served, text: "", error: nil), request)
        }
        router.post("complaints/new") { request, context -> Response in
            struct Form: Decodable {
                let subject: String
                let badge: String?
                let window: String?
                let ticket: String?
                let text: String
                let phone: String?
            }
            let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 16_384)))
            let served = try await servedTicket(form.ticket)
            let body = ComplaintRequests.File(
                subject: .init(
                    kind: form.subject,
                    badge: form.subject == "officer" ? (served?.officer?.value ?? form.badge) : nil,
                    window: form.subject == "window" ? (served?.window?.value ?? form.window.flatMap { Int($0) }) : nil,
                    business: nil,
                    case: nil
                ),
                text: form.text,
                ticket: served?.id.description,
                case: nil,
                phone: form.phone,
                channel: nil,
                transferNumber: nil
            )
            do {
                let (filing, phone) = try body.filing(by: nil)
                let filed = try await api.file(filing, phone: phone, context)
                var page = formPage(request, context, served: served, text: "", error: nil)
                page = FormPage(
                    frame: page.frame,
                    ticket: page.ticket,
                    officerBadge: page.officerBadge,
                    window: page.window,
                    text: "",
                    error: nil,
                    queryCode: filed.queryCode,
                    filedAnonymously: filed.queryCode == nil
                )
                var response = try pages.render("complaint-new", page, request)
                response.status = .created
                return response
            } catch {
                let refusal = APIError(mapping: error, context: context) { _ in .badRequest("表单有误", "The form is not valid") }
                let page = formPage(
                    request,
                    context,
                    served: served,
                    text: form.text,
                    error: Language.of(request).pick(refusal.chinese, refusal.english)
                )
                var response = try pages.render("complaint-new", page, request)
                response.status = refusal.status
                return response
            }
        }
        router.get("complaints/follow") { request, context -> Response in
            let code = String((request.uri.queryParameters.get("code") ?? "").prefix(20))
            return try pages.render("complaint-follow", followPage(request, context, code: code, last4: "", record: nil, error: nil), request)
        }
        router.post("complaints/follow") { request, context -> Response in
            struct Form: Decodable {
                let code: String
                let phoneLast4: String
                let satisfied: String?
                let reopen: String?
            }
            let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 4_096)))
            do {
                try ComplaintsController.checkQuery(form.code, form.phoneLast4)
                let limit = ComplaintRepository.QueryLimit(client: context.clientAddress, maxFailures: api.maxFailures, window: api.window)
                let answer: ComplaintRepository.QueryAnswer
                if let satisfied = form.satisfied {
                    answer = try await api.complaints.followUp(
                        code: form.code,
                        phoneLast4: form.phoneLast4,
                        satisfied: satisfied == "yes",
                        reopen: form.reopen == "yes",
                        limit: limit,
                        hall: api.hall,
                        at: api.now()
                    )
                } else {
                    answer = try await api.complaints.query(code: form.code, phoneLast4: form.phoneLast4, limit: limit, at: api.now())
                }
                switch answer {
                case .found(let record):
                    return try pages.render(
                        "complaint-follow",
                        followPage(request, context, code: form.code, last4: form.phoneLast4, record: record, error: nil),
                        request
                    )
                case .notFound: throw APIError.complaintQueryNotFound
                case .limited: throw APIError.complaintRateLimited
                }
            } catch {
                let refusal = APIError(mapping: error, context: context) { _ in .badRequest("表单有误", "The form is not valid") }
                let page = followPage(
                    request,
                    context,
                    code: String(form.code.prefix(20)),
                    last4: "",
                    record: nil,
                    error: Language.of(request).pick(refusal.chinese, refusal.english)
                )
                var response = try pages.render("complaint-follow", page, request)
                response.status = refusal.status
                return response
            }
        }
    }

    /// The ticket a complaint comes from, when its id is given and known.
    private func servedTicket(_ text: String?) async throws -> Ticket? {
        guard let id = text.flatMap(TicketID.init) else { return nil }
        return try await tickets.find(id)
    }

    private func formPage(_ request: Request, _ context: AppRequestContext, served: Ticket?, text: String, error: String?) -> FormPage {
        FormPage(
            frame: pages.frame(request, context, ("投诉", "Complaint"), Self.texts),
            ticket: served?.id.description,
            officerBadge: served?.officer?.value,
            window: served?.window?.value,
            text: text,
            error: error,
            queryCode: nil,
            filedAnonymously: false
        )
    }

    private func followPage(
        _ request: Request,
        _ context: AppRequestContext,
        code: String,
        last4: String,
        record: ComplaintRepository.Record?,
        error: String?
    ) -> FollowPage {
        let language = Language.of(request)
        let answer = record.map { ComplaintQueryResponse($0, policy: api.complaints.policy) }
        return FollowPage(
            frame: pages.frame(request, context, ("投诉查询", "Follow a complaint"), Self.texts),
            code: code,
            phoneLast4: last4,
            error: error,
            stageLabel: answer.map { language.pick($0.stageLabel, $0.stageLabelEnglish) },
            answerDue: answer?.answerDue,
            answers: answer?.answers.map { FollowPage.Answer(text: $0.text) } ?? [],
            canRate: answer?.canRate ?? false,
            canReopen: answer?.canReopen ?? false
        )
    }

    static let texts: [String: (String, String)] = [
        "intro": (
            "您的投诉不会转给被投诉的民警，也不会由其处理。留下手机号可凭查询码跟进答复；不留即为匿名投诉（不予答复）。",
            "Your complaint is never shown to, or handled by, the officer it is about. "
                + "Leave a phone to follow the answer with a query code; without one it is anonymous (no reply)."
        ),
        "about": ("投诉对象", "About"),
        "officer": ("为您办理的民警", "The officer who served you"),
        "window": ("窗口", "The window"),
        "hall": ("大厅整体服务", "The hall in general"),
        "windowNumber": ("窗口号", "Window number"),
        "text": ("投诉内容", "What happened"),
        "phone": ("手机号（选填）", "Mobile phone (optional)"),
        "submit": ("提交投诉", "Submit the complaint"),
        "filed": ("投诉已收到，我们将在15日内受理、60日内答复。", "Received: acknowledged within 15 days, answered within 60."),
        "queryCode": ("查询码（请保存）", "Query code (keep it)"),
        "anonymous": ("匿名投诉已收到。匿名投诉不予答复。", "Your anonymous complaint is received. Anonymous complaints get no reply."),
        "follow": ("查询投诉处理情况", "Follow a complaint"),
        "code": ("查询码", "Query code"),
        "phoneLast4": ("手机号后四位", "Last 4 digits of the phone"),
        "query": ("查询", "Look up"),
        "stage": ("办理状态", "Stage"),
        "answerDue": ("答复期限", "Answer due"),
        "answer": ("答复", "Answer"),
        "satisfied": ("满意", "Satisfied"),
        "unsatisfied": ("不满意", "Not satisfied"),
        "reopen": ("不满意，申请复查", "Not satisfied: ask for a review"),
        "supervision": ("监督电话", "Supervision phone"),
    ]
}
