import ChuangkouCore
import ChuangkouStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Guide pages and the 四公开 on every surface")
struct GuidePageTests {
    /// Signs in on the console form and returns the session cookie header value.
    static func session(_ client: any TestClientProtocol, _ badge: String) async throws -> String {
        let response = try await PageTests.login(client, badge: badge)
        return "ck_session=" + (try #require(PageTests.cookieValue("ck_session", in: response)))
    }

    static func form(_ client: any TestClientProtocol, _ uri: String, cookie: String, _ fields: [(String, String)]) async throws -> TestResponse {
        // ASCII letters and digits only: `CharacterSet.alphanumerics` would let Chinese through unescaped.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        // Every form carries the session's CSRF token, as the pages put it in a hidden field.
        let csrf = ("csrf_token", SessionSecrets.csrfToken(for: String(cookie.dropFirst("ck_session=".count))))
        let body = (fields + [csrf]).map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
        return try await client.execute(
            uri: uri,
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
            body: ByteBuffer(string: body)
        )
    }

    @Test("The catalog page lists categories and finds 居民身份证 when asked for 身份证")
    func catalog() async throws {
        try await withHall { client in
            let all = try await client.send(.get, "/guides")
            PageTests.expectHTML(all)
            #expect(text(all).components(separatedBy: #"class="guide-item""#).count - 1 == 10)
            #expect(text(all).contains("治安管理"))
            #expect(text(all).contains("category=%E6%B2%BB%E5%AE%89%E7%AE%A1%E7%90%86"), "category links are percent-encoded")
            let picked = text(try await client.send(.get, "/guides?q=%E8%AF%81&immediate=1&category=%E6%B2%BB%E5%AE%89%E7%AE%A1%E7%90%86"))
            #expect(picked.contains(#"href="/guides?q=%E8%AF%81&amp;immediate=1&amp;category="#), "a category link keeps the search")
            #expect(
                picked.contains(#"class="lang" href="?q=%E8%AF%81&amp;immediate=1&amp;category=%E6%B2%BB%E5%AE%89%E7%AE%A1%E7%90%86&amp;lang=en""#),
                "the language switch keeps the page's query"
            )
            let found = text(try await client.send(.get, "/guides?q=%E8%BA%AB%E4%BB%BD%E8%AF%81"))
            #expect(found.contains(#"data-code="id-card""#))
            #expect(!found.contains(#"data-code="passport""#))
            let immediate = text(try await client.send(.get, "/guides?immediate=1"))
            #expect(immediate.contains(#"data-code="seal-filing""#))
            #expect(!immediate.contains(#"data-code="passport""#))
            let none = text(try await client.send(.get, "/guides?q=zzzz"))
            #expect(none.contains("没有找到相关事项"))
        }
    }

    @Test("A guide page shows everything the law asks to publish, with the version and both supervision phones")
    func guidePage() async throws {
        try await withHall { client in
            let guide = try #require(try CatalogFile.shipped().first { $0.code.value == "toxic-chemical-permit" })
            for uri in ["/guides/toxic-chemical-permit", "/guides/toxic-chemical-permit/print"] {
                let response = try await client.send(.get, uri)
                PageTests.expectHTML(response)
                let html = text(response)
                #expect(html.contains(guide.name))
                for material in guide.materials { #expect(html.contains(material.name), "\(uri) lacks \(material.name)") }
                for condition in guide.conditions { #expect(html.contains(condition)) }
                for step in guide.steps { #expect(html.contains(step.description)) }
                #expect(html.contains("危险化学品安全管理条例"))
                #expect(html.contains("3个工作日"))
                #expect(html.contains(try #require(guide.applicantRestriction)))
                #expect(html.contains("12389"))
                #expect(html.contains(DemoHall.hall.supervisionPhone))
                #expect(html.contains(DemoHall.hall.name))
                #expect(html.contains("版本 1"))
                // 年月日 in Chinese (issue 11): the publication day is never printed as 2026-12-02.
                #expect(html.contains("年") && html.range(of: #"版本 1[^<]*\d{4}-\d{2}-\d{2}"#, options: .regularExpression) == nil)
            }
            #expect(text(try await client.send(.get, "/guides/toxic-chemical-permit/print")).contains(#"class="page-guide printable""#))
            #expect(text(try await client.send(.get, "/guides/toxic-chemical-permit?lang=en")).contains("Statutory limit"))
            PageTests.expectHTML(try await client.send(.get, "/guides/marriage-registration"), .notFound)
            PageTests.expectHTML(try await client.send(.get, "/guides/id-card/v/7"), .notFound)
        }
    }

    @Test("The admin editor: signed-out visitors go to sign-in, officers are refused, broken YAML is shown with its line, a good edit publishes")
    func adminEditor() async throws {
        try await withHall { client in
            let signedOut = try await client.send(.get, "/admin/guides/seal-filing")
            #expect(signedOut.status == .found)
            #expect(signedOut.headers[.location] == "/console/login?next=%2Fadmin%2Fguides%2Fseal-filing")
            let officer = try await Self.session(client, Demo.officers[0])
            let refused = try await client.execute(uri: "/admin/guides", method: .get, headers: [.cookie: officer], body: nil)
            #expect(refused.status == .forbidden)

            let admin = try await Self.session(client, Demo.admin)
            let list = try await client.execute(uri: "/admin/guides", method: .get, headers: [.cookie: admin], body: nil)
            PageTests.expectHTML(list)
            #expect(text(list).contains(#"href="/admin/guides/seal-filing""#))
            let editor = try await client.execute(uri: "/admin/guides/seal-filing", method: .get, headers: [.cookie: admin], body: nil)
            PageTests.expectHTML(editor)
            let yaml = try CatalogFile.yaml(try #require(try CatalogFile.shipped().first { $0.code.value == "seal-filing" }))
            #expect(text(editor).contains("code: seal-filing"))

            let broken = yaml.replacingOccurrences(of: "promisedWorkingDays: 0", with: "promisedWorkingDays: 5")
            let line =
                try #require(broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("promisedWorkingDays: 5") }) + 1
            let refusedEdit = try await Self.form(client, "/admin/guides/seal-filing", cookie: admin, [("yaml", broken), ("note", "改时限")])
            PageTests.expectHTML(refusedEdit, .unprocessableContent)
            #expect(text(refusedEdit).contains("第\(line)行"))
            #expect(text(refusedEdit).contains("承诺时限不得长于法定时限"))
            #expect(text(refusedEdit).contains("promisedWorkingDays: 5"), "the form keeps what was typed")

            let edited = yaml.replacingOccurrences(of: "周一至周五", with: "周一至周六")
            let published = try await Self.form(
                client,
                "/admin/guides/seal-filing",
                cookie: admin,
                [("yaml", edited), ("note", "周六上午增设服务")]
            )
            #expect(published.status == .found)
            #expect(published.headers[.location] == "/admin/guides/seal-filing?published=2")
            #expect(text(try await client.send(.get, "/guides/seal-filing")).contains("周一至周六"))
            let old = text(try await client.send(.get, "/guides/seal-filing/v/1"))
            #expect(old.contains("周一至周五"))
            #expect(old.contains("这是历史版本"))
            #expect(text(try await client.send(.get, "/guides/seal-filing/v/1/print")).contains("版本 1"))
        }
    }

    @Test("Signing in from an admin page comes back to it; a 'next' that leaves the site is ignored")
    func signInReturns() async throws {
        try await withHall { client in
            let form = text(try await client.send(.get, "/console/login?next=%2Fadmin%2Fguides"))
            #expect(form.contains(#"<input type="hidden" name="next" value="/admin/guides">"#))
            let back = try await PageTests.login(client, badge: Demo.admin, extra: "&next=%2Fadmin%2Fguides")
            #expect(back.status == .found)
            #expect(back.headers[.location] == "/admin/guides")
            for hostile in ["%2F%2Fevil.example%2F", "https%3A%2F%2Fevil.example%2F", "admin"] {
                let response = try await PageTests.login(client, badge: Demo.officers[1], extra: "&next=\(hostile)")
                #expect(response.headers[.location] == "/console", "next=\(hostile)")
            }
            let deadlines = try await client.send(.get, "/deadlines")
            #expect(deadlines.headers[.location] == "/console/login?next=%2Fdeadlines")
        }
    }

    @Test("四公开: the kiosk and display show each business's time limit; office hours and both phones everywhere")
    func fourPublic() async throws {
        try await withHall { client in
            let kiosk = text(try await client.send(.get, "/kiosk"))
            #expect(kiosk.contains("承诺2个工作日"), "toxic-chemical-permit's promised limit")
            #expect(kiosk.contains("即办件 · 当场办结"))
            #expect(kiosk.contains(DemoHall.hall.officeHours))
            let display = text(try await client.send(.get, "/display"))
            #expect(display.contains("办理时限"))
            #expect(display.contains(#"<span class="limit-name">剧毒化学品购买许可证核发</span> <b>承诺2个工作日</b>"#))
            #expect(display.contains("12389"))
            #expect(display.contains(DemoHall.hall.officeHours))
            let cookie = try await Self.session(client, Demo.officers[0])
            _ = try await client.openWindow(1, badge: Demo.officers[0])
            let console = text(try await client.execute(uri: "/console", method: .get, headers: [.cookie: cookie], body: nil))
            #expect(console.contains("public-card"))
            #expect(console.contains(DemoHall.hall.officeHours))
            #expect(console.contains("12389"))
        }
    }
}
