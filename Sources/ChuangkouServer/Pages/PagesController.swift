import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird
import Mustache

/// Server-rendered pages: kiosk, display, console, ticket status. Each handler builds a view model and renders
/// its template; the small scripts in `static/` then keep them live through the JSON API and the event stream.
struct PagesController {
    let services: HallServices
    let auth: AuthController
    let queue: QueueController
    let templates: MustacheLibrary

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/") { request, context in try await home(request, context) }
        router.get("admin") { request, context -> Response in
            guard let admin = try context.adminIfSignedIn() else { return Self.signIn(returningTo: request) }
            return try render(
                "admin",
                AdminMenuPage(frame: frame(request, context, ("系统管理", "Administration"), Self.adminTexts), name: admin.name),
                request
            )
        }
        router.get("kiosk") { request, context in try await kiosk(request, context) }
        router.get("display") { request, context in try await display(request, context) }
        router.get("tickets/{id}") { request, context in try await ticketPage(request, context) }
        router.get("tickets/{id}/qr.svg") { request, context in try await ticketQR(request, context) }
        router.get("console/login") { request, context in
            let next = request.uri.queryParameters.get("next").flatMap(Self.localPath)
            return try render(
                "login",
                LoginPage(frame: frame(request, context, ("民警登录", "Officer sign-in"), Self.loginTexts), error: nil, badge: "", next: next),
                request
            )
        }
        router.post("console/login") { request, context in try await login(request, context) }
        router.post("console/logout") { _, context in
            if let token = context.sessionToken { try await services.endSession(token) }
            var response = Response.redirect(to: "/console/login", type: .found)
            response.setCookie(Cookie(name: OfficerAuthenticator.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        router.get("console") { request, context in try await console(request, context) }
    }

    // MARK: - Pages

    /// The hall's start page: each role's screens, with what they are for.
    func home(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let frame = frame(request, context, ("办事大厅", "Service hall"), Self.homeTexts)
        return try render("index", HomePage(frame: frame, officer: context.officer, isAdmin: context.officer?.role == .admin), request)
    }

    func kiosk(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let language = Language.of(request)
        let list = try await queue.businesses().businesses
        let limits = try await limitTexts(language)
        let page = KioskPage(
            frame: frame(request, context, ("自助取号", "Take a ticket"), Self.kioskTexts),
            businesses: list.map {
                .init(
                    code: $0.code,
                    name: language.pick($0.name, $0.nameEnglish),
                    prefix: $0.prefix,
                    waiting: $0.waiting,
                    limit: limits[$0.code]?.limit ?? ""
                )
            },
            reasons: GreenChannel.allCases.map { .init(value: $0.rawValue, label: language.pick($0.label, $0.labelEnglish)) }
        )
        return try render("kiosk", page, request)
    }

    func display(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let language = Language.of(request)
        let boards = try await services.windows.all()
        let calls = try await services.tickets.latestCalls(serviceDay: services.today, limit: 6)
        let limits = try await limitTexts(language)
        let frame = frame(request, context, ("叫号显示", "Now calling"), Self.displayTexts.merging(DisplayState.texts) { a, _ in a })
        let page = DisplayPage(
            frame: frame,
            windows: boards.map { b in
                let state = DisplayState(window: b.window.status, ticket: b.currentTicket?.status)
                return .init(
                    number: b.window.number,
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
            calls: calls.compactMap { t in t.window.map { .init(number: t.number.description, window: $0, windowName: frame.windowName($0)) } },
            limits: limits.values.sorted { $0.order < $1.order }.map { .init(name: $0.name, limit: $0.limit) }
        )
        return try render("display", page, request)
    }

    func ticketPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let language = Language.of(request)
        let ticket = try await knownTicket(context)
        let standing = try await services.tickets.standing(of: ticket)
        let business = try await services.businesses.find(ticket.business)
        let frame = frame(request, context, ("我的号票", "My ticket"), Self.ticketTexts)
        let page = TicketPage(
            frame: frame,
            ticket: ticket,
            businessName: business.map { language.pick($0.name, $0.nameEnglish) } ?? ticket.business.value,
            standing: standing,
            language: language
        )
        return try render("ticket", page, request)
    }

    /// The ticket's status page as a QR code, for the printed slip: `{public URL}/tickets/{id}`.
    func ticketQR(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let ticket = try await knownTicket(context)
        let code = try QRCode("\(publicBase(request))/tickets/\(ticket.id)", level: .medium)
        return Response(
            status: .ok,
            headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
            body: .init(byteBuffer: ByteBuffer(string: code.svg(title: ticket.number.description)))
        )
    }

    private func knownTicket(_ context: AppRequestContext) async throws -> Ticket {
        let text = context.parameters.get("id") ?? ""
        guard let id = TicketID(text), let ticket = try await services.tickets.find(id) else {
            throw APIError.unknownTicket
        }
        return ticket
    }

    /// Where citizens' phones reach this hall: the configured public URL, else the address this request came to.
    func publicBase(_ request: Request) -> String {
        Self.publicBase(configured: services.settings.publicURL, authority: request.head.authority)
    }

    static func publicBase(configured: String?, authority: String?) -> String {
        if let configured { return configured }
        // The Host is the client's own word: only host[:port] characters are written into codes and links.
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-:[]"))
        guard let authority, !authority.isEmpty, authority.count <= 255, authority.unicodeScalars.allSatisfy(allowed.contains) else {
            return "http://127.0.0.1"
        }
        return "http://" + authority
    }

    func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct Form: Decodable {
            let badge: String
            let password: String
            let next: String?
        }
        let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 16_384)))
        do {
            let (token, officer) = try await auth.signIn(badge: form.badge, password: form.password)
            // Administrators land on their menu, everyone else on the window console.
            let home = officer.mayWorkAtWindow ? "/console" : "/admin"
            var response = Response.redirect(to: form.next.flatMap(Self.localPath) ?? home, type: .found)
            response.setCookie(
                Cookie(
                    name: OfficerAuthenticator.cookieName,
                    value: token,
                    maxAge: Int(services.settings.sessionLifetime.components.seconds),
                    path: "/",
                    httpOnly: true,
                    sameSite: .strict
                )
            )
            return response
        } catch let error as APIError {
            let language = Language.of(request)
            let page = LoginPage(
                frame: frame(request, context, ("民警登录", "Officer sign-in"), Self.loginTexts),
                error: language.pick(error.chinese, error.english),
                badge: Badge(form.badge)?.value ?? "",
                next: form.next.flatMap(Self.localPath)
            )
            var response = try render("login", page, request)
            response.status = error.status
            return response
        }
    }

    func console(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let officer = context.officer else { return .redirect(to: "/console/login", type: .found) }
        // Administrators configure the hall; they do not work a window.
        guard officer.mayWorkAtWindow else { return .redirect(to: "/admin", type: .found) }
        let language = Language.of(request)
        let boards = try await services.windows.all()
        let mine = boards.first { $0.window.officer == officer.badge }
        let names = try await queue.businesses().businesses
        let page = ConsolePage(
            frame: frame(request, context, ("窗口工作台", "Window console"), Self.consoleTexts),
            officerName: officer.name,
            officerBadge: officer.badge.value,
            officerPost: officer.post,
            officerPhoto: try await services.officers.badgesWithPhotos().contains(officer.badge)
                ? "/api/v1/officers/\(officer.badge.value)/photo" : nil,
            window: mine?.window.number,
            windowStatus: mine?.window.status.rawValue,
            windowStatusLabel: mine.map { language.pick($0.window.status.label, $0.window.status.labelEnglish) },
            choices: boards.map { b in
                .init(
                    number: b.window.number,
                    statusLabel: language.pick(b.window.status.label, b.window.status.labelEnglish),
                    businesses: b.window.businesses.map { code in
                        names.first { $0.code == code.value }.map { language.pick($0.name, $0.nameEnglish) } ?? code.value
                    }.joined(separator: "、"),
                    heldBy: b.officer?.name
                )
            },
            businesses: names.map { .init(code: $0.code, name: language.pick($0.name, $0.nameEnglish)) }
        )
        return try render("console", page, request)
    }

    /// 四公开 on the kiosk and the display: each business's kind and time limit, from the guide in force.
    func limitTexts(_ language: Language) async throws -> [String: (order: Int, name: String, limit: String)] {
        var texts: [String: (Int, String, String)] = [:]
        for (order, version) in try await services.guides.current().enumerated() {
            let guide = version.guide
            let limit =
                guide.kind == .immediate
                ? GuideView.kindLabel(.immediate, language) + " · " + GuideView.days(0, language)
                : language.pick("承诺", "Promised ") + GuideView.days(guide.limits.promisedWorkingDays, language)
            texts[guide.code.value] = (order, language.pick(guide.name, guide.nameEnglish), limit)
        }
        return texts
    }

    /// Sends a signed-out visitor to the sign-in form, which brings them back here afterwards.
    static func signIn(returningTo request: Request) -> Response {
        .redirect(to: "/console/login?\(QueryString.make([("next", request.uri.description)]))", type: .found)
    }

    /// A path on this server only (`/admin/guides`), never another site (`//evil.example`, `https://…`).
    static func localPath(_ text: String) -> String? {
        guard text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"), !text.contains("\n"), text.count < 512 else { return nil }
        return text
    }

    // MARK: - Rendering

    func frame(
        _ request: Request,
        _ context: AppRequestContext,
        _ title: (String, String),
        _ texts: [String: (String, String)]
    ) -> PageFrame {
        let language = Language.of(request)
        let query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        return PageFrame(
            hall: services.hall,
            language: language,
            title: language.pick(title.0, title.1),
            texts: texts,
            query: query,
            csrfToken: context.csrfToken
        )
    }

    func render(_ template: String, _ model: Any, _ request: Request) throws -> Response {
        guard let html = templates.render(model, withTemplate: template) else {
            throw APIError.missingTemplate(template)
        }
        var response = Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        if let lang = request.uri.queryParameters.get("lang") {
            response.setCookie(
                Cookie(name: "lang", value: lang.hasPrefix("en") ? "en" : "zh", maxAge: 31_536_000, path: "/", httpOnly: false, sameSite: .lax)
            )
        }
        return response
    }
}
