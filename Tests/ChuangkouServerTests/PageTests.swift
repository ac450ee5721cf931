import ChuangkouStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import ChuangkouServer

@Suite("Server-rendered pages")
struct PageTests {
    /// The `Set-Cookie` header for `name`, if the response sets it.
    static func setCookie(_ name: String, in response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix("\(name)=") }
    }

    /// The value of a `Set-Cookie: name=value; …` header.
    static func cookieValue(_ name: String, in response: TestResponse) -> String? {
        setCookie(name, in: response).flatMap { $0.split(separator: ";").first }.map { String($0.dropFirst(name.count + 1)) }
    }

    static func login(_ client: any TestClientProtocol, _ body: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/console/login",
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        )
    }

    /// Signs `badge` in on the form (administrators with a TOTP code, trying the steps around now in turn).
    static func login(_ client: any TestClientProtocol, badge: String, extra: String = "") async throws -> TestResponse {
        let body = "badge=\(badge)&password=\(Demo.password)\(extra)"
        guard Demo.administrators.contains(badge) else { return try await login(client, body) }
        var last: TestResponse?
        for code in Demo.secondFactorCodes(at: Date()) {
            let response = try await login(client, body + "&code=\(code)")
            if response.status == .found { return response }
            last = response
        }
        return last!
    }

    /// The headers of a cookie-authenticated state change: the cookie and the session's CSRF token.
    static func cookieHeaders(_ session: String) -> HTTPFields {
        [.cookie: "ck_session=\(session)", CSRFMiddleware.headerName: SessionSecrets.csrfToken(for: session)]
    }

    static func expectHTML(_ response: TestResponse, _ status: HTTPResponse.Status = .ok, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "got \(response.status.code)", sourceLocation: sourceLocation)
        #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, sourceLocation: sourceLocation)
    }

    @Test("The kiosk has a data-business button per business and shows the supervision phone 12389")
    func kiosk() async throws {
        try await withHall { client in
            _ = try await client.issue("seal-filing")
            let response = try await client.send(.get, "/kiosk")
            Self.expectHTML(response)
            let html = text(response)
            #expect(html.contains(#"data-business="id-card""#))
            for business in try await client.businesses() {
                #expect(html.contains(#"data-business="\#(business.code)""#), "no button for \(business.code)")
                #expect(html.contains(business.name))
            }
            #expect(html.contains(#"data-waiting="seal-filing">1<"#), "the kiosk shows the waiting count")
            #expect(html.contains("12389"))
            #expect(
                html.contains(#"<button type="button" class="toggle" role="radio" aria-checked="false" data-green="elderly">"#),
                "the green-channel reasons are offered as toggles"
            )
            #expect(html.firstRange(of: "data-green=")!.lowerBound < html.firstRange(of: "data-business=")!.lowerBound, "before the business")
            #expect(html.contains("自助取号"), "Chinese by default")
        }
    }

    @Test("The display has a card per window (data-window 1…6) and the latest-calls list, filled in after a call")
    func display() async throws {
        try await withHall { client in
            var response = try await client.send(.get, "/display")
            Self.expectHTML(response)
            var html = text(response)
            for window in try await client.windows() {
                #expect(html.contains(#"data-window="\#(window.number)""#))
            }
            #expect(html.contains(#"id="latest-calls""#))
            #expect(html.contains("12389"))

            let ticket = try await client.issue("id-card")
            let token = try await client.openWindow(3, badge: Demo.officers[2])
            _ = try await client.callNext(3, token: token)
            let officer = try #require(try await client.window(3).officer)
            response = try await client.send(.get, "/display")
            html = text(response)
            let call =
                #"<li><b>\#(ticket.number)</b> <span class="arrow" aria-hidden="true">→</span>"#
                + #" <span class="to">3号窗口</span></li>"#
            #expect(html.contains(call))
            #expect(html.contains(#"data-window="3" data-state="called""#), "叫号中 until the officer starts serving")
            #expect(html.contains(#"<p class="window-state">叫号中</p>"#))
            #expect(html.contains(officer.name), "the window card shows its officer (四公开)")
            #expect(html.contains(#"<span class="officer-badge">\#(officer.badge)</span>"#))
            #expect(html.contains(#"<p class="current-ticket">\#(ticket.number)</p>"#))
        }
    }

    @Test("The ticket page shows the ticket's number; an unknown ticket is a 404 HTML page")
    func ticketPage() async throws {
        try await withHall { client in
            _ = try await client.issue("id-card")
            let ticket = try await client.issue("id-card")
            let response = try await client.send(.get, "/tickets/\(ticket.id)")
            Self.expectHTML(response)
            let html = text(response)
            #expect(html.contains(">\(ticket.number)<"))
            #expect(html.contains(#"data-ticket="\#(ticket.id)""#))
            #expect(html.contains(#"<p id="ticket-ahead" class="ahead">前面还有 1 人</p>"#), "one ticket is ahead, not two")

            for bad in ["garbage", UUID().uuidString.lowercased()] {
                let missing = try await client.send(.get, "/tickets/\(bad)")
                Self.expectHTML(missing, .notFound)
                #expect(text(missing).contains(#"<p class="error-status">404</p>"#))
                #expect(text(missing).contains("<h1>没有找到您要的页面或记录</h1>"))
                #expect(text(missing).contains(#"<a class="button" href="/kiosk">重新取号</a>"#), "says where to go")
            }
        }
    }

    @Test("The console redirects to the sign-in form without a session")
    func consoleNeedsSession() async throws {
        try await withHall { client in
            let response = try await client.send(.get, "/console")
            #expect(response.status == .found)
            #expect(response.headers[.location] == "/console/login")
            let form = try await client.send(.get, "/console/login")
            Self.expectHTML(form)
            #expect(text(form).contains(#"<form method="post" action="/console/login">"#))
            #expect(text(form).contains(#"name="badge""#))
            #expect(text(form).contains(#"name="password""#))
        }
    }

    @Test("Signing in on the form sets ck_session and leads to the window chooser")
    func consoleLogin() async throws {
        try await withHall { client in
            let response = try await Self.login(client, "badge=010231&password=\(Demo.password)")
            #expect(response.status == .found)
            #expect(response.headers[.location] == "/console")
            let cookie = try #require(Self.setCookie("ck_session", in: response))
            #expect(cookie.contains("HttpOnly"))
            let session = try #require(Self.cookieValue("ck_session", in: response))
            #expect(!session.isEmpty)

            let console = try await client.send(.get, "/console", headers: [.cookie: "ck_session=\(session)"])
            Self.expectHTML(console)
            let html = text(console)
            #expect(html.contains(#"class="window-choices""#))
            for window in try await client.windows() {
                #expect(html.contains(#"class="choice" data-window="\#(window.number)""#))
            }
            let me = try #require(
                try decode(OfficersJSON.self, try await client.send(.get, "/api/v1/officers")).officers.first { $0.badge == "010231" }
            )
            #expect(html.contains(me.name))

            // Once seated, the console shows the working view instead of the chooser.
            #expect(try await client.send(.post, "/api/v1/windows/2/sign-in", headers: Self.cookieHeaders(session)).status == .ok)
            let working = text(try await client.send(.get, "/console", headers: [.cookie: "ck_session=\(session)"]))
            #expect(working.contains(#"<body class="page-console" data-window="2" data-recalls-before-no-show="2">"#))
            #expect(working.contains(#"id="call-next""#))
            #expect(!working.contains(#"class="window-choices""#))
        }
    }

    @Test("A wrong password re-renders the form with an error and status 401")
    func consoleLoginWrongPassword() async throws {
        try await withHall { client in
            let response = try await Self.login(client, "badge=010231&password=wrong")
            Self.expectHTML(response, .unauthorized)
            let html = text(response)
            #expect(html.contains(#"<p class="error" role="alert">"#))
            #expect(html.contains(#"<form method="post" action="/console/login">"#))
            #expect(html.contains(#"value="010231""#), "the badge is kept in the form")
            #expect(Self.setCookie("ck_session", in: response) == nil)
        }
    }

    @Test("A sign-in form missing a field is a 400 page, not a server error")
    func consoleLoginMalformed() async throws {
        try await withHall { client in
            let response = try await Self.login(client, "badge=010231")
            Self.expectHTML(response, .badRequest)
            #expect(Self.setCookie("ck_session", in: response) == nil)
        }
    }

    @Test("Signing out of the console clears the cookie and ends the session")
    func consoleLogout() async throws {
        try await withHall { client in
            let session = try #require(Self.cookieValue("ck_session", in: try await Self.login(client, "badge=010232&password=\(Demo.password)")))
            let response = try await client.send(.post, "/console/logout", headers: Self.cookieHeaders(session))
            #expect(response.status == .found)
            #expect(response.headers[.location] == "/console/login")
            #expect(Self.cookieValue("ck_session", in: response) == "")
            let console = try await client.send(.get, "/console", headers: [.cookie: "ck_session=\(session)"])
            #expect(console.status == .found, "the old session no longer opens the console")
            expectError(try await client.send(.post, "/api/v1/windows/1/sign-in", token: session), .unauthorized, "auth.required")
        }
    }

    @Test("?lang=en gives English text and remembers the choice in a lang cookie")
    func english() async throws {
        try await withHall { client in
            let response = try await client.send(.get, "/kiosk?lang=en")
            Self.expectHTML(response)
            let html = text(response)
            #expect(html.contains("Take a ticket"))
            #expect(!html.contains("自助取号"))
            #expect(Self.cookieValue("lang", in: response) == "en")
            let english = try #require(try await client.businesses().first { $0.code == "id-card" }?.nameEnglish)
            #expect(html.contains(english))

            let remembered = text(try await client.send(.get, "/kiosk", headers: [.cookie: "lang=en"]))
            #expect(remembered.contains("Take a ticket"))
            let back = try await client.send(.get, "/kiosk?lang=zh", headers: [.cookie: "lang=en"])
            #expect(text(back).contains("自助取号"))
            #expect(Self.cookieValue("lang", in: back) == "zh")
            // Error pages follow the language too.
            let missing = try await client.send(.get, "/tickets/garbage?lang=en")
            #expect(missing.status == .notFound)
            #expect(text(missing).contains("No such ticket"))
        }
    }

    @Test("The index page and the static files are served")
    func indexAndStatic() async throws {
        try await withHall { client in
            Self.expectHTML(try await client.send(.get, "/"))
            for file in ["/static/hall.css", "/static/hall.js", "/static/kiosk.js", "/static/display.js", "/static/console.js", "/static/ticket.js"] {
                let response = try await client.send(.get, file)
                #expect(response.status == .ok, "\(file)")
                #expect(response.body.readableBytes > 0, "\(file)")
            }
        }
    }

    @Test("An unknown page answers 404 with the HTML error page")
    func unknownPage() async throws {
        try await withHall { client in
            let response = try await client.send(.get, "/kiosk2")
            Self.expectHTML(response, .notFound)
            #expect(text(response).contains(#"<p class="error-status">404</p>"#))
        }
    }
}
