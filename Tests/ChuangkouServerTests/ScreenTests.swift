import ChuangkouCore
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import ChuangkouServer

@Suite("The hall's screens: strict-CSP pages, start page, admin menu, display states, ticket QR codes")
struct ScreenTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/ChuangkouServer/Resources/templates").standardized

    static func templateNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: templates.path).filter { $0.hasSuffix(".mustache") }.sorted()
    }

    @Test("No template has inline script code or an inline event handler (Content-Security-Policy: script-src 'self')")
    func noInlineScript() throws {
        let names = try Self.templateNames()
        #expect(names.count >= 20)
        let scriptTag = try Regex(#"<script(?![^>]*\bsrc=)(?![^>]*type="application/json")[^>]*>"#)
        let handler = try Regex(#"\son[a-z]+\s*="#)
        let javascriptURL = try Regex(#"(?i)(href|action)="\s*javascript:"#)
        for name in names {
            let html = try String(contentsOf: Self.templates.appendingPathComponent(name), encoding: .utf8)
            #expect(html.firstMatch(of: scriptTag) == nil, "\(name) has an inline <script>")
            #expect(html.firstMatch(of: handler) == nil, "\(name) has an inline event handler")
            #expect(html.firstMatch(of: javascriptURL) == nil, "\(name) has a javascript: link")
        }
    }

    @Test("Every POST form carries the CSRF field; the head carries the token and the page data for scripts")
    func csrfEverywhere() throws {
        let form = try Regex(#"<form[^>]*method="post"[^>]*>"#)
        for name in try Self.templateNames() {
            let html = try String(contentsOf: Self.templates.appendingPathComponent(name), encoding: .utf8)
            for match in html.matches(of: form) {
                let after = html[match.range.upperBound...].prefix(200)
                #expect(after.contains(#"name="csrf_token" value="{{frame.csrfToken}}""#), "\(name): \(html[match.range])")
            }
        }
        let head = try String(contentsOf: Self.templates.appendingPathComponent("head.mustache"), encoding: .utf8)
        #expect(head.contains(#"<meta name="csrf-token" content="{{frame.csrfToken}}">"#))
        #expect(head.contains(#"<script type="application/json" id="page-data">{{{frame.pageDataJSON}}}</script>"#))
    }

    @Test("Page data cannot close its <script> element or open a comment, whatever text it carries")
    func pageDataIsInert() throws {
        let hostile = ["name": "</script><script>alert(1)</script><!--", "amp": "a&b", "line": "x\u{2028}y"]
        let json = PageData.json(hostile)
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&") && !json.contains("\u{2028}"))
        let back = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        #expect(back == hostile)
    }

    @Test(
        "The display's state per window: the ticket's state wins, an open window without a ticket is idle",
        arguments: [
            (Window.Status.open, TicketStatus?.some(.called), DisplayState.called), (.open, .serving, .serving), (.open, nil, .idle),
            (.paused, .called, .called), (.paused, nil, .paused), (.closed, nil, .closed), (.paused, .serving, .serving),
        ]
    )
    func displayState(window: Window.Status, ticket: TicketStatus?, expected: DisplayState) {
        #expect(DisplayState(window: window, ticket: ticket) == expected)
    }

    @Test("Public URL setting: only http(s) addresses with a host, without the trailing slash")
    func publicURL() {
        #expect(AppSettings.publicURL("https://hall.example/") == "https://hall.example")
        #expect(AppSettings.publicURL(" http://10.0.0.5:8080/hall// ") == "http://10.0.0.5:8080/hall")
        for bad in ["hall.example", "javascript:alert(1)", "https://", "ftp://x", "https://a b", #"https://x"<"#, ""] {
            #expect(AppSettings.publicURL(bad) == nil, "\(bad)")
        }
        #expect(AppSettings.publicURL(nil) == nil)
    }

    @Test("Without a public URL the codes use the address the kiosk used, kept to host[:port] characters")
    func publicBase() {
        #expect(PageRenderer.publicBase(configured: "https://hall.example", authority: "x") == "https://hall.example")
        #expect(PageRenderer.publicBase(configured: nil, authority: "10.1.2.3:8080") == "http://10.1.2.3:8080")
        #expect(PageRenderer.publicBase(configured: nil, authority: "[::1]:8080") == "http://[::1]:8080")
        for bad in [nil, "", "evil\"><x", "a/b", "a b"] {
            #expect(PageRenderer.publicBase(configured: nil, authority: bad) == "http://127.0.0.1")
        }
    }

    @Test("The start page names the hall, has a language and links each role's screens")
    func home() async throws {
        try await withHall { client in
            let response = try await client.send(.get, "/")
            PageTests.expectHTML(response)
            let html = text(response)
            #expect(html.contains(#"<html lang="zh-CN">"#))
            #expect(html.contains("<title>办事大厅 · 东湖市公安局政务服务大厅</title>"))
            for href in ["/guides", "/status", "/onsite/request", "/kiosk", "/display", "/console", "/deadlines"] {
                #expect(html.contains(#"<a href="\#(href)">"#), "\(href)")
            }
            #expect(!html.contains("/admin/guides"), "the admin menu is for administrators")
            let english = text(try await client.send(.get, "/?lang=en"))
            #expect(english.contains(#"<html lang="en">"#) && english.contains("Ticket kiosk"))
        }
    }

    @Test("Administrators land on the admin menu: sign-in goes there, the console sends them there, others get 403")
    func adminMenu() async throws {
        try await withHall { client in
            #expect(try await client.send(.get, "/admin").headers[.location] == "/console/login?next=%2Fadmin")
            let signIn = try await PageTests.login(client, badge: Demo.admin)
            #expect(signIn.headers[.location] == "/admin")
            let cookie = "ck_session=\(try #require(PageTests.cookieValue("ck_session", in: signIn)))"
            let menu = try await client.send(.get, "/admin", headers: [.cookie: cookie])
            PageTests.expectHTML(menu)
            for href in ["/admin/guides", "/admin/officers", "/admin/calendar"] {
                #expect(text(menu).contains(#"<a href="\#(href)">"#), "\(href)")
            }
            #expect(try await client.send(.get, "/console", headers: [.cookie: cookie]).headers[.location] == "/admin")
            #expect(text(try await client.send(.get, "/", headers: [.cookie: cookie])).contains(#"<a href="/admin/calendar">"#))

            let officer = try await PageTests.login(client, "badge=\(Demo.officers[0])&password=\(Demo.password)")
            #expect(officer.headers[.location] == "/console")
            let officerCookie = "ck_session=\(try #require(PageTests.cookieValue("ck_session", in: officer)))"
            PageTests.expectHTML(try await client.send(.get, "/admin", headers: [.cookie: officerCookie]), .forbidden)
        }
    }

    @Test("A ticket's QR code is an SVG of its status page's full URL; an unknown ticket is a 404")
    func ticketQR() async throws {
        let app = try await makeHallApp(settings: ["chuangkou.public-url": .init(.string("https://hall.example/"), isSecret: false)])
        try await app.test(.router) { client in
            let ticket = try await client.issue("id-card")
            let response = try await client.send(.get, "/tickets/\(ticket.id)/qr.svg")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "image/svg+xml")
            let expected = try QRCode("https://hall.example/tickets/\(ticket.id)", level: .medium).svg(title: ticket.number)
            #expect(text(response) == expected)
            #expect(try await client.send(.get, "/tickets/\(UUID().uuidString.lowercased())/qr.svg").status == .notFound)
        }
    }

    @Test("English kiosk and display: “Window 3”, never “3号Window”, and “On the spot” said once")
    func englishScreens() async throws {
        try await withHall { client in
            let token = try await client.openWindow(3, badge: Demo.officers[2])
            _ = try await client.issue("seal-filing")
            _ = try await client.callNext(3, token: token)
            for page in ["/display?lang=en", "/kiosk?lang=en"] {
                let html = text(try await client.send(.get, page))
                #expect(!html.contains("号Window") && !html.contains("On the spot · On the spot"), "\(page)")
                #expect(html.contains("Done on the spot"), "\(page)")
            }
            #expect(text(try await client.send(.get, "/display?lang=en")).contains("<h2>Window 3</h2>"))
        }
    }

    @Test("The green-channel ticket page says so, and a called ticket shows 请到N号窗口")
    func ticketPageCalled() async throws {
        try await withHall { client in
            let ticket = try await client.issue("id-card", green: "elderly")
            let token = try await client.openWindow(2, badge: Demo.officers[1])
            _ = try await client.callNext(2, token: token)
            let html = text(try await client.send(.get, "/tickets/\(ticket.id)"))
            #expect(html.contains(#"<p class="green-mark">绿色通道：70岁以上老人</p>"#))
            #expect(html.contains("绿色通道为您自行申报，叫号后由窗口民警核实"), "taken on the phone, the priority is checked at the window")
            #expect(html.contains(#"<div id="called-banner" class="called-banner" role="alert"><p id="called-text">请到2号窗口</p></div>"#))
            #expect(html.contains(#"<div id="waiting-info" hidden>"#))
        }
    }
}
