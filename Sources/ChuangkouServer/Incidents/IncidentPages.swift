import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The escalation pages (避免僵局): `/escalate` (opened from a window's console) records an incident or calls the duty
/// leader on duty; `/duty/escalations` is the leader's console of what is open for them, refreshed live by
/// `duty.js`, with the form to record the resolution; `/incidents` lists the day's incidents and the counts per
/// officer for leaders and supervisors. Forms post as plain HTML (CSRF token in a field), answered with PRG or the
/// page again with the refusal in words.
struct IncidentPages {
    let pages: PageRenderer
    let incidents: IncidentRepository
    let handovers: TicketHandoverRepository
    let wordings: RefusalWordingStore
    let officers: OfficerRepository
    let hall: Hall
    let now: @Sendable () -> Date

    struct Form: Decodable {
        let kind: String?
        let window: String?
        let ticket: String?
        let asked: String?
        let answered: String?
        let ruleCited: String?
        let outcome: String?
        let to: String?
        let colleague: String?
    }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("escalate") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            guard officer.roles.worksAtWindow else { throw APIError.forbidden }
            var page = try await escalatePage(request, context, officer)
            switch request.uri.queryParameters.get("done") {
            case "leader":
                page.doneMessage = Language.of(request).pick("已请示值班领导，领导将到窗口处理", "The duty leader is called to the window")
            case "officer":
                page.receipt = try await receipt(request)
            case .some:
                page.doneMessage = Language.of(request).pick("已记录", "Recorded")
            case nil:
                break
            }
            return try pages.render("escalate", page, request)
        }
        router.post("escalate") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            guard officer.roles.worksAtWindow else { throw APIError.forbidden }
            let form = try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: try await request.body.collect(upTo: 16_384)))
            do {
                let filing = try IncidentsController.Filing(
                    kind: form.kind ?? "",
                    window: form.window.flatMap { Int($0) },
                    ticket: form.ticket.flatMap { $0.isEmpty ? nil : $0 },
                    asked: form.asked ?? "",
                    answered: form.answered ?? "",
                    ruleCited: form.ruleCited,
                    outcome: form.outcome
                ).filing()
                let back = filing.window.map { "&window=\($0)" } ?? ""
                if form.to == "officer" {
                    guard let ticket = filing.ticket else {
                        throw APIError.handoverRequest("请从窗口工作台的当前号票进入", "Open this from the console's current ticket")
                    }
                    guard let colleague = form.colleague.flatMap(Badge.init) else {
                        throw APIError.handoverRequest("请选择接手的民警", "Choose the colleague who takes over")
                    }
                    let receipt = try await handovers.handOver(ticket, to: colleague, filing: filing, by: officer.badge, hall: hall, at: now())
                    return .redirect(to: "/escalate?done=officer\(back)&handover=\(receipt.handover.id)", type: .normal)
                }
                if form.to == "leader" {
                    _ = try await incidents.escalateToDutyLeader(filing, by: officer.badge, hall: hall, at: now())
                    return .redirect(to: "/escalate?done=leader\(back)", type: .normal)
                }
                _ = try await incidents.record(filing, outcome: form.outcome ?? "", by: officer.badge, hall: hall, at: now())
                return .redirect(to: "/escalate?done=record\(back)", type: .normal)
            } catch {
                let mapped: APIError
                switch error {
                case let e as APIError: mapped = e
                case let e as IncidentError: mapped = APIError(e)
                case let e as IncidentRecordError: mapped = APIError(e)
                case let e as DutyError: mapped = APIError(e)
                case let e as TicketHandoverError: mapped = APIError(e)
                case let e as QueueError: mapped = APIError(e)
                default: throw error
                }
                var page = try await escalatePage(request, context, officer, form: form)
                page.error = Language.of(request).pick(mapped.chinese, mapped.english)
                page.typed = [
                    "asked": form.asked ?? "",
                    "answered": form.answered ?? "",
                    "ruleCited": form.ruleCited ?? "",
                    "outcome": form.outcome ?? "",
                ]
                var response = try pages.render("escalate", page, request)
                response.status = mapped.status
                return response
            }
        }
        router.get("duty/escalations") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            guard officer.roles.isDutyLeader else { throw APIError.forbidden }
            let page = IncidentListPage(
                frame: pages.frame(request, context, ("值班领导工作台", "Duty leader's console"), IncidentListPage.texts),
                viewer: officer,
                incidents: try await incidents.open(for: officer.badge),
                names: try await names(),
                counts: [],
                zone: hall.timeZone,
                resolvable: true
            )
            return try pages.render("duty-escalations", page, request)
        }
        router.post("duty/escalations/{id}/resolve") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            guard officer.roles.isDutyLeader else { throw APIError.forbidden }
            let form = try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: try await request.body.collect(upTo: 16_384)))
            guard let id = context.parameters.get("id").flatMap(IncidentID.init) else { throw APIError.unknownIncident }
            do {
                _ = try await incidents.resolve(id, form.outcome ?? "", by: officer.badge, at: now())
                return .redirect(to: "/duty/escalations?done=1", type: .normal)
            } catch let error as IncidentError {
                var page = IncidentListPage(
                    frame: pages.frame(request, context, ("值班领导工作台", "Duty leader's console"), IncidentListPage.texts),
                    viewer: officer,
                    incidents: try await incidents.open(for: officer.badge),
                    names: try await names(),
                    counts: [],
                    zone: hall.timeZone,
                    resolvable: true
                )
                let mapped = APIError(error)
                page.error = Language.of(request).pick(mapped.chinese, mapped.english)
                var response = try pages.render("duty-escalations", page, request)
                response.status = mapped.status
                return response
            }
        }
        router.get("incidents") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            guard officer.roles.isDutyLeader || officer.roles.isSupervisor else { throw APIError.forbidden }
            let day = hall.serviceDay(at: now())
            let page = IncidentListPage(
                frame: pages.frame(request, context, ("现场情况记录", "Incident records"), IncidentListPage.texts),
                viewer: officer,
                incidents: try await incidents.incidents(from: day, through: day),
                names: try await names(),
                counts: try await incidents.counts(from: day, through: day),
                zone: hall.timeZone,
                resolvable: false
            )
            return try pages.render("incidents", page, request)
        }
    }

    /// The form, with the colleagues to suggest when a ticket is named (the other sex first when asked).
    private func escalatePage(_ request: Request, _ context: AppRequestContext, _ officer: Officer, form: Form? = nil) async throws -> EscalatePage {
        let frame = pages.frame(request, context, ("请示与情况记录", "Escalate or record an incident"), EscalatePage.texts)
        var page = EscalatePage(frame: frame, request: request, form: form)
        let wording = try await wordings.current()
        page.phrasing = Language.of(request).pick(wording.chinese, wording.english)
        guard let id = TicketID(page.ticket) else { return page }
        do {
            let (ticket, candidates) = try await handovers.candidates(for: id, asking: officer, otherSexFirst: page.otherSexFirst)
            page.offer(ticket: ticket, candidates: candidates, chosen: form?.colleague)
        } catch is QueueError {
            // An unknown ticket: the incident can still be recorded or escalated; there is nothing to hand over.
        }
        return page
    }

    /// The receipt named by `?handover=` among the window's receipts of the day.
    private func receipt(_ request: Request) async throws -> EscalatePage.Receipt? {
        let query = request.uri.queryParameters
        guard let window = query.get("window").flatMap({ WindowNumber($0) }), let id = query.get("handover") else { return nil }
        let receipts = try await handovers.receipts(window: window, on: hall.serviceDay(at: now()))
        guard let found = receipts.first(where: { $0.handover.id.description == id }) else { return nil }
        return EscalatePage.Receipt(found, zone: hall.timeZone, english: Language.of(request) == .english)
    }

    private func names() async throws -> [Badge: String] {
        Dictionary(try await officers.all().map { ($0.badge, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}

/// The escalation form's view model.
struct EscalatePage: Sendable {
    struct Kind: Sendable {
        let value: String
        let label: String
        let checked: Bool
    }
    /// A colleague the ticket could go to, with why not when they cannot take it now.
    struct Colleague: Sendable {
        let badge: String
        let label: String
        let note: String
        let free: Bool
        let checked: Bool
    }
    /// The receipt shown after a handover (转交回执).
    struct Receipt: Sendable {
        let text: String

        init(_ r: TicketHandoverRepository.Receipt, zone: TimeZone, english: Bool) {
            let clock = DateFormatter()
            clock.locale = Locale(identifier: "en_US_POSIX")
            clock.timeZone = zone
            clock.dateFormat = "HH:mm"
            let h = r.handover
            text =
                english
                ? "Handed over at \(clock.string(from: h.at)): ticket \(h.ticketNumber) from window \(h.fromWindow) (\(r.fromName) \(h.fromOfficer))"
                    + " to window \(h.toWindow), \(r.toName) \(h.toOfficer). The display calls the citizen there."
                : "转交回执：\(clock.string(from: h.at)) \(h.ticketNumber)号由\(h.fromWindow)号窗口\(r.fromName)（警号\(h.fromOfficer)）"
                    + "转交\(h.toWindow)号窗口\(r.toName)（警号\(h.toOfficer)）接待，叫号屏已通知群众前往。"
        }
    }

    let frame: PageFrame
    /// The hall's suggested wording for a refusal (administrators may reword it).
    var phrasing = ""
    let window: String
    let ticket: String
    let kinds: [Kind]
    var error: String?
    var doneMessage: String?
    var receipt: Receipt?
    var typed: [String: String] = [:]
    /// Whether the list puts officers of the other sex first (RULES §1: 最好异性).
    let otherSexFirst: Bool
    var ticketNumber = ""
    var colleagues: [Colleague] = []
    var hasTicket = false
    var hasColleagues = false
    var mayHandOver = false

    init(frame: PageFrame, request: Request, form: IncidentPages.Form? = nil) {
        self.frame = frame
        let query = request.uri.queryParameters
        let windowText = form?.window ?? query.get("window")
        window = windowText.flatMap { WindowNumber($0) }.map(\.description) ?? ""
        ticket = (form?.ticket ?? query.get("ticket")).flatMap { TicketID($0) }?.description ?? ""
        otherSexFirst = query.get("otherSexFirst") == "true"
        let chosen = form?.kind.flatMap(Incident.Kind.init(rawValue:)) ?? .deadlock
        kinds = Incident.Kind.allCases.map {
            Kind(value: $0.rawValue, label: frame.lang == "en" ? $0.labelEnglish : $0.label, checked: $0 == chosen)
        }
    }

    /// Lists the colleagues for the named ticket; only a ticket called or served here can be handed over.
    mutating func offer(ticket: Ticket, candidates: [TicketHandoverCandidate], chosen: String?) {
        let english = frame.lang == "en"
        hasTicket = true
        ticketNumber = ticket.number.description
        let firstFree = candidates.first(where: \.isFree)?.badge.value
        colleagues = candidates.map { c in
            let place = c.window.map { english ? "Window \($0)" : "\($0)号窗口" } ?? ""
            let sex = c.sex.map { english ? $0.labelEnglish : $0.label } ?? ""
            var note = english ? c.state.labelEnglish : c.state.label
            if let held = c.busyWith, c.state == .onDuty { note = english ? "Serving \(held)" : "正在办理\(held)" }
            if c.isFree { note = english ? "Free" : "空闲" }
            return Colleague(
                badge: c.badge.value,
                label: "\(place) \(c.name)（\(english ? "Badge" : "警号") \(c.badge.value)\(sex.isEmpty ? "" : "，\(sex)")）",
                note: note,
                free: c.isFree,
                checked: c.isFree && c.badge.value == (chosen ?? firstFree)
            )
        }
        hasColleagues = !colleagues.isEmpty
        mayHandOver = candidates.contains(where: \.isFree) && ticket.status.isActiveAtWindow
    }

    static let texts: [String: (String, String)] = [
        "kind": ("情况", "What happened"),
        "asked": ("群众诉求", "What was asked"),
        "answered": ("民警答复", "What the officer answered"),
        "ruleCited": ("引用的规定", "The rule cited"),
        "outcome": ("处理结果（自行处理时填写）", "Outcome (when handled at the window)"),
        "toLeader": ("请示值班领导", "Call the duty leader"),
        "record": ("仅记录（已自行处理）", "Record only (handled here)"),
        "console": ("返回窗口工作台", "Back to the console"),
        "handover": ("另请一名民警", "Hand over to a colleague"),
        "handoverHint": (
            "列出在岗、可办理该事项的民警，空闲的在前；转交后号票在对方窗口叫号，双方工作台显示回执。",
            "Officers on duty who serve this business, free ones first; the ticket is called at their window and both consoles show the receipt."
        ),
        "otherSexFirst": ("优先列出异性民警", "Officers of the other sex first"),
        "refresh": ("刷新列表", "Refresh the list"),
        "toOfficer": ("转交所选民警", "Hand over to the chosen officer"),
        "noColleague": ("暂无在岗且可办理该事项的民警", "No colleague on duty serves this business"),
        "ticketNumber": ("号票", "Ticket"),
        "phrasing": ("建议用语：", "Suggested wording: "),
    ]
}

/// The leader's open escalations and the supervisors' list of the day's incidents.
struct IncidentListPage: Sendable {
    struct Item: Sendable {
        let id: String
        let kind: String
        let officer: String
        let window: String
        let recordedAt: String
        let asked: String
        let answered: String
        let ruleCited: String
        let leader: String
        let takenOverBy: String
        let outcome: String
        let open: Bool
    }
    struct Count: Sendable {
        let officer: String
        let incidents: Int
        let escalated: Int
    }

    let frame: PageFrame
    let leaderName: String
    let items: [Item]
    let hasItems: Bool
    let counts: [Count]
    let resolvable: Bool
    var error: String?

    init(
        frame: PageFrame,
        viewer: Officer,
        incidents: [Incident],
        names: [Badge: String],
        counts: [(officer: Badge, incidents: Int, escalated: Int)],
        zone: TimeZone,
        resolvable: Bool
    ) {
        self.frame = frame
        leaderName = viewer.name
        let clock = DateFormatter()
        clock.locale = Locale(identifier: "en_US_POSIX")
        clock.timeZone = zone
        clock.dateFormat = "HH:mm"
        func who(_ badge: Badge?) -> String { badge.map { "\(names[$0] ?? "") \($0)" } ?? "—" }
        let english = frame.lang == "en"
        items = incidents.map {
            Item(
                id: $0.id.description,
                kind: english ? $0.kind.labelEnglish : $0.kind.label,
                officer: who($0.officer),
                window: $0.window.map { english ? "Window \($0)" : "\($0)号窗口" } ?? "—",
                recordedAt: clock.string(from: $0.recordedAt),
                asked: $0.asked,
                answered: $0.answered,
                ruleCited: $0.ruleCited,
                leader: who($0.escalatedTo),
                takenOverBy: who($0.takenOverBy),
                outcome: $0.outcome ?? "",
                open: $0.isOpen
            )
        }
        hasItems = !incidents.isEmpty
        self.counts = counts.map { Count(officer: who($0.officer), incidents: $0.incidents, escalated: $0.escalated) }
        self.resolvable = resolvable
    }

    static let texts: [String: (String, String)] = [
        "none": ("暂无", "None"),
        "kind": ("情况", "Kind"),
        "officer": ("民警", "Officer"),
        "window": ("窗口", "Window"),
        "at": ("时间", "Time"),
        "asked": ("群众诉求", "Asked"),
        "answered": ("民警答复", "Answered"),
        "ruleCited": ("引用规定", "Rule cited"),
        "leader": ("请示领导", "Leader asked"),
        "takenOverBy": ("接手人", "Taken over by"),
        "outcome": ("处理结果", "Outcome"),
        "resolve": ("记录处理结果", "Record the resolution"),
        "counts": ("按民警统计", "Per officer"),
        "incidents": ("情况记录", "Incidents"),
        "escalated": ("其中请示领导", "Of which escalated"),
        "open": ("待处理", "Open"),
        "waiting": ("窗口请示，待您到场处理", "Windows asking for you"),
    ]
}
