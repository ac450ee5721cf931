import ChuangkouCore
import ChuangkouStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing

@Suite("The start banner")
struct StartBannerTests {
    @Test("names every page a hall needs and the demo logins with their password")
    func banner() async throws {
        let printed = Mutex<[String]>([])
        let app = try await makeHallApp(announce: { text in printed.withLock { $0.append(text) } })
        try await app.test(.live) { client in
            _ = try await client.send(.get, "/healthz")
        }
        let banner = try #require(printed.withLock { $0.first })
        for path in ["/kiosk", "/display", "/console", "/guides", "/status", "/deadlines", "/admin/guides", "/admin/calendar", "/openapi.json"] {
            #expect(banner.contains(path), "the banner lacks \(path)")
        }
        #expect(banner.contains("password \(Demo.password)"))
        for officer in DemoHall.officers { #expect(banner.contains(officer.badge.value)) }
        #expect(banner.contains("010250  孙婷  咨询台民警  (导办台民警 Desk officer)") && banner.contains("/desk"), "the desk officer's login")
    }

    @Test("the demo desk officer signs in to the information desk (咨询台), not to a window")
    func deskOfficer() async throws {
        try await withHall { client in
            let signedIn = try await PageTests.login(client, badge: "010250")
            #expect(signedIn.headers[.location] == "/desk")
            let cookie = try await GuidePageTests.session(client, "010250")
            let desk = try await client.execute(uri: "/desk", method: .get, headers: [.cookie: cookie])
            PageTests.expectHTML(desk)
            #expect(text(desk).contains("孙婷"))
            let token = try await client.token("010250")
            let recorded = try await client.send(
                .post,
                "/api/v1/inquiries",
                token: token,
                raw: #"{"business":"passport","question":"办护照要带什么"}"#
            )
            #expect(recorded.status == .created, "\(text(recorded))")
            expectError(try await client.send(.post, "/api/v1/windows/1/sign-in", token: token), .forbidden, "auth.forbidden")
        }
    }
}
