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
    }
}
