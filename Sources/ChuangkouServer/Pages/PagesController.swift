import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird
import Mustache

/// The staff's pages: the start page, the admin menu, sign-in and out, and the window console. Each handler builds a view model and renders
/// its template; the small scripts in `static/` then keep them live through the JSON API and the event stream.
struct PagesController {
    let pages: PageRenderer
    /// Signs in (badge, password, TOTP code, source address): the sign-in API's own check.
    let signIn: @Sendable (String, String, String?, String) async throws -> AuthController.SignedIn
    let endSession: @Sendable (String) async throws -> Void
    let secureCookies: Bool
    let businesses: BusinessRepository
    let windows: WindowRepository
    let officers: OfficerRepository
    let sessionLifetime: Duration
    /// The no-show button waits for this many recalls (the hall's queue policy).
    let recallsBeforeNoShow: Int
    let today: @Sendable () -> LocalDate

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/") { request, context in try await home(request, context) }
        router.get("admin") { request, context -> Response in
            guard let admin = try context.adminIfSignedIn() else { return PageRenderer.signIn(returningTo: request) }
            return try pages.render(
                "admin",
                AdminMenuPage(frame: pages.frame(request, context, ("系统管理", "Administration"), Self.adminTexts), name: admin.name),
                request
            )
        }
        router.get("console/login") { request, context in
            let next = request.uri.queryParameters.get("next").flatMap(PageRenderer.localPath)
            return try pages.render(
                "login",
                LoginPage(
                    frame: pages.frame(request, context, ("民警登录", "Officer sign-in"), Self.loginTexts),
                    error: nil,
                    badge: "",
                    next: next
                ),
                request
            )
        }
        router.post("console/login") { request, context in try await login(request, context) }
        router.post("console/logout") { _, context in
            if let token = context.sessionToken { try await endSession(token) }
            var response = Response.redirect(to: "/console/login", type: .found)
            response.setCookie(Cookie(name: OfficerAuthenticator.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        router.get("console") { request, context in try await console(request, context) }
    }

    // MARK: - Pages

    /// The hall's start page: each role's screens, with what they are for.
    func home(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let frame = pages.frame(request, context, ("办事大厅", "Service hall"), Self.homeTexts)
        return try pages.render("index", HomePage(frame: frame, officer: context.officer, isAdmin: context.officer?.role == .admin), request)
    }

    func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct Form: Decodable {
            let badge: String
            let password: String
            let code: String?
            let next: String?
        }
        let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 16_384)))
        do {
            let done = try await signIn(form.badge, form.password, form.code, context.clientAddress)
            let token = done.token
            // Administrators land on their menu, everyone else on the window console; a set-up session on its account page.
            // A supervisor works no window and administers nothing: their work is the bad reviews. A desk officer's is the desk.
            let roles = done.officer.roles
            let home =
                done.officer.mayWorkAtWindow
                ? "/console" : roles.isSupervisor ? "/rectifications" : roles.isDeskOfficer ? "/desk" : "/admin"
            let target = done.setUpOnly ? "/account" : (form.next.flatMap(PageRenderer.localPath) ?? home)
            var response = Response.redirect(to: target, type: .found)
            response.setCookie(
                Cookie(
                    name: OfficerAuthenticator.cookieName,
                    value: token,
                    maxAge: Int(sessionLifetime.components.seconds),
                    path: "/",
                    secure: secureCookies,
                    httpOnly: true,
                    sameSite: .strict
                )
            )
            return response
        } catch let error as APIError {
            let language = Language.of(request)
            let page = LoginPage(
                frame: pages.frame(request, context, ("民警登录", "Officer sign-in"), Self.loginTexts),
                error: language.pick(error.chinese, error.english),
                badge: Badge(form.badge)?.value ?? "",
                next: form.next.flatMap(PageRenderer.localPath)
            )
            var response = try pages.render("login", page, request)
            response.status = error.status
            return response
        }
    }

    func console(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let officer = context.officer else { return .redirect(to: "/console/login", type: .found) }
        // Administrators configure the hall; they do not work a window.
        guard officer.mayWorkAtWindow else {
            return .redirect(to: officer.roles.isSupervisor ? "/rectifications" : "/admin", type: .found)
        }
        let language = Language.of(request)
        let boards = try await windows.all()
        let mine = boards.first { $0.window.officer == officer.badge }
        let names = try await BusinessesResponse.today(businesses, on: today()).businesses
        let frame = pages.frame(request, context, ("窗口工作台", "Window console"), Self.consoleTexts)
        var page = ConsolePage(
            frame: frame,
            officerName: officer.name,
            officerBadge: officer.badge.value,
            officerPost: officer.post,
            officerPhoto: try await officers.badgesWithPhotos().contains(officer.badge)
                ? "/api/v1/officers/\(officer.badge.value)/photo" : nil,
            window: mine?.window.number.value,
            windowName: mine.map { frame.windowName($0.window.number) },
            recallsBeforeNoShow: recallsBeforeNoShow,
            windowStatus: mine?.window.status.rawValue,
            windowStatusLabel: mine.map { language.pick($0.window.status.label, $0.window.status.labelEnglish) },
            choices: boards.map { b in
                .init(
                    number: b.window.number.value,
                    name: frame.windowName(b.window.number),
                    statusLabel: language.pick(b.window.status.label, b.window.status.labelEnglish),
                    businesses: b.window.businesses.map { code in
                        names.first { $0.code == code.value }.map { language.pick($0.name, $0.nameEnglish) } ?? code.value
                    }.joined(separator: "、"),
                    heldBy: b.officer?.name
                )
            },
            businesses: names.map { .init(code: $0.code, name: language.pick($0.name, $0.nameEnglish)) }
        )
        page.links = ConsolePage.links(for: officer, language)
        return try pages.render("console", page, request)
    }
}
