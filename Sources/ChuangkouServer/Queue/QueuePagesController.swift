import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The citizens' queue pages: the kiosk, the wall display, a ticket's status page and its QR code. Each handler
/// builds a view model and renders its template; the small scripts in `static/` keep them live through the JSON API
/// and the event stream.
struct QueuePagesController {
    let pages: PageRenderer
    let tickets: TicketRepository
    let windows: WindowRepository
    let businesses: BusinessRepository
    let guides: GuideRepository
    /// The address printed in QR codes when configured; otherwise the one the request came to.
    let today: @Sendable () -> LocalDate
    let now: @Sendable () -> Date
    /// Today's appointment places left per business code, for the kiosk.
    let placesLeft: @Sendable () async throws -> [String: Int]
    /// The duty leader on duty now, for the display's 四公开 line (nil when the slot is not planned).
    let dutyLeader: @Sendable () async throws -> DutyRosterRepository.Person?
    /// Stores a citizen's rating of a ticket from its page; true when it was a 差评.
    let rate: @Sendable (TicketID, RatingRepository.Input) async throws -> Bool
    /// What the ticket page offers to rate (一次一评), and the late-rating days it names.
    let ratingOffer: @Sendable (Ticket) async throws -> RatingOffer
    let lateRatingDays: Int
    /// The phone a ticket's holder gives for the heads-up "3 ahead of you", shown back masked only.
    let contacts: TicketContacts

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("kiosk") { request, context in try await kiosk(request, context) }
        router.get("display") { request, context in try await display(request, context) }
        router.get("tickets/{id}") { request, context in try await ticketPage(request, context) }
        router.get("tickets/{id}/qr.svg") { request, context in try await ticketQR(request, context) }
        router.post("tickets/{id}/rating") { request, context in try await rateTicket(request, context) }
        router.post("tickets/{id}/contact") { request, context in try await giveContact(request, context) }
    }

    func kiosk(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let language = Language.of(request)
        let list = try await BusinessesResponse.today(businesses, on: today()).businesses
        let limits = try await limitTexts(language)
        let places = try await placesLeft()
        let page = KioskPage(
            frame: pages.frame(request, context, ("自助取号", "Take a ticket"), Self.kioskTexts),
            businesses: list.map {
                .init(
                    code: $0.code,
                    name: language.pick($0.name, $0.nameEnglish),
                    prefix: $0.prefix,
                    waiting: $0.waiting,
                    limit: limits[$0.code]?.limit ?? "",
                    placesLeft: places[$0.code]
                )
            },
            reasons: GreenChannel.allCases.map { .init(value: $0.rawValue, label: language.pick($0.label, $0.labelEnglish)) }
        )
        return try pages.render("kiosk", page, request)
    }

    func display(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let language = Language.of(request)
        let boards = try await windows.all()
        let calls = try await tickets.latestCalls(serviceDay: today(), limit: 6)
        let limits = try await limitTexts(language)
        let frame = pages.frame(request, context, ("叫号显示", "Now calling"), Self.displayTexts.merging(DisplayState.texts) { a, _ in a })
        let page = DisplayPage(
            frame: frame,
            windows: boards.map { b in
                let state = DisplayState(window: b.window.status, ticket: b.currentTicket?.status)
                return .init(
                    number: b.window.number.value,
                    name: frame.windowName(b.window.number),
                    state: state.rawValue,
                    stateLabel: frame.t["state_\(state.rawValue)"] ?? state.rawValue,
                    officerName: b.officer?.name,
                    officerBadge: b.officer?.badge.value,
                    officerPost: b.officer?.post,
                    officerInitial: b.officer.map { String($0.name.prefix(1)) },
                    officerPhoto: b.officerHasPhoto ? b.officer.map { "/api/v1/officers/\($0.badge.value)/photo" } : nil,
                    currentTicket: b.currentTicket?.number.description
                )
            },
            calls: calls.compactMap { t in t.window.map { .init(
                number: t.number.description,
                window: $0.value,
                windowName: frame.windowName($0),
                appointment: t.appointment != nil
            ) } },
            limits: limits.values.sorted { $0.order < $1.order }.map { .init(name: $0.name, limit: $0.limit) },
            dutyLeader: try await dutyLeader().map { .init(name: $0.name, badge: $0.badge.value, phone: $0.phone.value) }
        )
        return try pages.render("display", page, request)
    }

    func ticketPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await ticketPage(request, context, ticket: try await knownTicket(context))
    }

    /// The ticket page; after a rating from it, with the thank-you or the refusal in words (`RatingPages`).
    func ticketPage(
        _ request: Request,
        _ context: AppRequestContext,
        ticket: Ticket,
        thanks: String? = nil,
        ratingError: String? = nil,
        contactError: String? = nil
    ) async throws -> Response {
        let language = Language.of(request)
        let standing = try await tickets.standing(of: ticket, at: now())
        let business = try await businesses.find(ticket.business)
        let frame = pages.frame(request, context, ("我的号票", "My ticket"), Self.ticketTexts.merging(RatingForm.texts) { a, _ in a })
        // Staff never rate (RULES §6): an officer opening a citizen's ticket page sees no faces.
        let offer = context.officer == nil ? try await ratingOffer(ticket) : .notYet
        let page = TicketPage(
            frame: frame,
            ticket: ticket,
            businessName: business.map { language.pick($0.name, $0.nameEnglish) } ?? ticket.business.value,
            standing: standing,
            language: language,
            offer: offer,
            lateDays: lateRatingDays,
            timeZone: pages.hall.timeZone,
            thanks: thanks ?? Self.thanks(request, frame),
            ratingError: ratingError,
            contact: .init(
                masked: try await contacts.maskedPhone(for: ticket.id),
                saved: request.uri.queryParameters.get("contact") == "1",
                error: contactError
            )
        )
        return try pages.render("ticket", page, request)
    }

    /// The ticket's status page as a QR code, for the printed slip: `{public URL}/tickets/{id}`.
    func ticketQR(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let ticket = try await knownTicket(context)
        let code = try QRCode("\(pages.publicBase(request))/tickets/\(ticket.id)", level: .medium)
        return Response(
            status: .ok,
            headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
            body: .init(byteBuffer: ByteBuffer(string: code.svg(title: ticket.number.description)))
        )
    }

    /// The thank-you after the redirect of a rating (`?rated=1`, `&bad=1` for a 差评: we will call you back).
    static func thanks(_ request: Request, _ frame: PageFrame) -> String? {
        guard request.uri.queryParameters.get("rated") == "1" else { return nil }
        let bad = request.uri.queryParameters.get("bad") == "1"
        return (frame.t["rateThanks"] ?? "") + (bad ? " " + (frame.t["rateBad"] ?? "") : "")
    }

    /// 一次一评 from the ticket page's plain form (no script needed): stored, then the page again (PRG), or the
    /// page with the refusal in words and its status.
    func rateTicket(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct Form: Decodable {
            let level: Int?
            let overall: Int?
            let efficiency: Int?
            let competence: Int?
            let attitude: Int?
            let comment: String?
            let contact: String?
        }
        let ticket = try await knownTicket(context)
        let language = Language.of(request)
        do {
            guard context.officer == nil else { throw APIError.staffMayNotRate }
            guard let form = try? URLEncodedFormDecoder().decode(Form.self, from: String(buffer: try await request.body.collect(upTo: 8_192)))
            else { throw APIError.badLevel }
            let scores = [("overall", form.overall), ("efficiency", form.efficiency), ("competence", form.competence), ("attitude", form.attitude)]
            let body = RatingRequest(
                level: form.level ?? 0,
                indicators: Dictionary(uniqueKeysWithValues: scores.compactMap { key, score in score.map { (key, $0) } }),
                comment: form.comment,
                contact: form.contact
            )
            let bad = try await rate(ticket.id, try body.input(channel: .ticketLink))
            return .redirect(to: "/tickets/\(ticket.id)?rated=1\(bad ? "&bad=1" : "")", type: .normal)
        } catch let error as APIError {
            var response = try await ticketPage(request, context, ticket: ticket, ratingError: language.pick(error.chinese, error.english))
            response.status = error.status
            return response
        } catch let error as RatingError {
            let refusal = APIError(error)
            var response = try await ticketPage(request, context, ticket: ticket, ratingError: language.pick(refusal.chinese, refusal.english))
            response.status = refusal.status
            return response
        }
    }

    /// The heads-up phone from the ticket page's plain form (no script needed): kept sealed, then the page again (PRG)
    /// showing it masked, or the page with the refusal in words and its status.
    func giveContact(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct Form: Decodable { let phone: String? }
        let ticket = try await knownTicket(context)
        let language = Language.of(request)
        do {
            let form = try? URLEncodedFormDecoder().decode(Form.self, from: String(buffer: try await request.body.collect(upTo: 4_096)))
            guard let text = form?.phone, text.count <= 20, let phone = MobileNumber(text) else { throw APIError.badNotificationPhone }
            let wording: MessageLanguage = language == .english ? .english : .chinese
            do { try await contacts.give(phone, language: wording, for: ticket.id, at: now()) } catch let error as TicketContactError {
                throw APIError(error)
            }
            return .redirect(to: "/tickets/\(ticket.id)?contact=1", type: .normal)
        } catch let error as APIError {
            var response = try await ticketPage(request, context, ticket: ticket, contactError: language.pick(error.chinese, error.english))
            response.status = error.status
            return response
        }
    }

    private func knownTicket(_ context: AppRequestContext) async throws -> Ticket {
        let text = context.parameters.get("id") ?? ""
        guard let id = TicketID(text), let ticket = try await tickets.find(id) else {
            throw APIError.unknownTicket
        }
        return ticket
    }

    /// 四公开 on the kiosk and the display: each business's kind and time limit, from the guide in force.
    func limitTexts(_ language: Language) async throws -> [String: (order: Int, name: String, limit: String)] {
        var texts: [String: (Int, String, String)] = [:]
        for (order, version) in try await guides.current().enumerated() {
            let guide = version.guide
            let limit =
                guide.kind == .immediate
                // 即办件 · 当场办结; in English both words are "On the spot", said once.
                ? language.pick(GuideView.kindLabel(.immediate, language) + " · " + GuideView.days(0, language), "Done on the spot")
                : language.pick("承诺", "Within ") + GuideView.days(guide.limits.promisedWorkingDays, language)
            texts[guide.code.value] = (order, language.pick(guide.name, guide.nameEnglish), limit)
        }
        return texts
    }
}
