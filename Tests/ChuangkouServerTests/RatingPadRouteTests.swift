import ChuangkouCore
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import ChuangkouServer

/// The rating pad (评价器): paired to one window by its device token, it sees and rates only the ticket its window
/// just finished.
@Suite("The rating pad over HTTP")
struct RatingPadRouteTests {
    /// `clock`: the server's clock when the test set one (the administrator's TOTP code is for the server's time).
    func issuePad(_ client: any TestClientProtocol, _ id: String, window: Int, clock: TestClock? = nil) async throws -> String {
        let admin = try await client.token(Demo.admin, at: clock?.now)
        let issued = try await client.send(
            .post,
            "/api/v1/devices",
            token: admin,
            raw: #"{"id":"\#(id)","role":"ratingPad","name":"\#(window)号窗口评价器","window":\#(window)}"#
        )
        #expect(issued.status == .created)
        return try #require(try jsonObject(issued)["token"] as? String)
    }

    /// Issues, calls, starts and finishes one ticket at window 1 with the window's officer token.
    func serve(_ client: any TestClientProtocol, officer: String) async throws -> String {
        let ticket = try await client.issue("id-card")
        _ = try #require(try await client.callNext(1, token: officer))
        _ = try await client.perform("start", ticket.id, token: officer)
        _ = try await client.perform("finish", ticket.id, token: officer)
        return ticket.id
    }

    func offered(_ client: any TestClientProtocol, pad: String, window: Int = 1) async throws -> String? {
        let response = try await client.send(.get, "/api/v1/windows/\(window)/rating-ticket", token: pad)
        #expect(response.status == .ok)
        return (try jsonObject(response)["ticket"] as? [String: Any])?["id"] as? String
    }

    @Test("a pad is offered its window's finished, unrated ticket only; other windows' pads, staff and visitors are refused")
    func offeredTicket() async throws {
        try await withHall { client in
            let pad1 = try await issuePad(client, "pad-1", window: 1)
            let pad2 = try await issuePad(client, "pad-2", window: 2)
            let officer = try await client.openWindow(1, badge: Demo.officers[0])
            #expect(try await offered(client, pad: pad1) == nil)
            let id = try await serve(client, officer: officer)
            let body = try jsonObject(try await client.send(.get, "/api/v1/windows/1/rating-ticket", token: pad1))
            let ticket = try #require(body["ticket"] as? [String: Any])
            #expect(ticket["id"] as? String == id && ticket["number"] is String && ticket["businessName"] is String && ticket["until"] is String)
            expectError(try await client.send(.get, "/api/v1/windows/1/rating-ticket", token: pad2), .forbidden, "rating.not-this-window")
            expectError(try await client.send(.get, "/api/v1/windows/1/rating-ticket", token: officer), .forbidden, "auth.forbidden")
            let visitor = try await client.send(.get, "/api/v1/windows/1/rating-ticket")
            #expect(visitor.status == .unauthorized)
            expectError(try await client.send(.get, "/api/v1/windows/x/rating-ticket", token: pad1), .notFound, "window.unknown")

            let stored = try await client.send(.post, "/api/v1/tickets/\(id)/rating", token: pad1, raw: #"{"level":4}"#)
            #expect(stored.status == .created)
            #expect(try await offered(client, pad: pad1) == nil)
        }
    }

    @Test("a pad rates only the ticket it is offered: not an earlier one of its window, nor one finished long ago")
    func onlyTheOfferedTicket() async throws {
        let clock = TestClock()
        try await withHall(clock: clock) { client in
            let pad = try await issuePad(client, "pad-1", window: 1, clock: clock)
            let officer = try await client.openWindow(1, badge: Demo.officers[0])
            let earlier = try await serve(client, officer: officer)
            let later = try await serve(client, officer: officer)
            #expect(try await offered(client, pad: pad) == later)
            expectError(
                try await client.send(.post, "/api/v1/tickets/\(earlier)/rating", token: pad, raw: #"{"level":1}"#),
                .forbidden,
                "rating.not-this-window"
            )
            // The citizen of the earlier ticket still rates from their own phone.
            #expect(try await client.send(.post, "/api/v1/tickets/\(earlier)/rating", raw: #"{"level":3}"#).status == .created)

            clock.advance(seconds: 16 * 60)
            #expect(try await offered(client, pad: pad) == nil)
            expectError(
                try await client.send(.post, "/api/v1/tickets/\(later)/rating", token: pad, raw: #"{"level":5}"#),
                .forbidden,
                "rating.not-this-window"
            )
        }
    }

    @Test("unpaired, the pad page asks for the token; a wrong or another window's token is refused; the right one sets the device cookie")
    func pairing() async throws {
        try await withHall { client in
            let pad1 = try await issuePad(client, "pad-1", window: 1)
            let pad2 = try await issuePad(client, "pad-2", window: 2)
            let form = try await client.send(.get, "/windows/1/rate")
            #expect(form.status == .ok && text(form).contains(#"name="token""#) && !text(form).contains("rating-faces"))
            func pair(_ token: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                headers.append(contentsOf: extra)
                return try await client.execute(uri: "/windows/1/rate", method: .post, headers: headers, body: ByteBuffer(string: "token=\(token)"))
            }
            let wrong = try await pair("dev_nothing")
            #expect(wrong.status == .unauthorized && text(wrong).contains("设备令牌无效"))
            let other = try await pair(pad2)
            #expect(other.status == .forbidden && text(other).contains("评价器只能评价本窗口的服务"))
            #expect(try await pair(pad1, headers: [.origin: "https://evil.example"]).status == .forbidden)
            let paired = try await pair(pad1)
            #expect(paired.status == .seeOther && paired.headers[.location] == "/windows/1/rate")
            let cookie = try #require(paired.headers[.setCookie])
            #expect(cookie.hasPrefix("ck_device=\(pad1)") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))

            _ = try await client.openWindow(1, badge: Demo.officers[0])
            let page = try await client.send(.get, "/windows/1/rate", headers: [.cookie: "ck_device=\(pad1)"])
            let html = text(page)
            #expect(page.status == .ok && html.contains("王建国") && html.contains(Demo.officers[0]) && html.contains("非常不满意"))
            #expect(html.contains(#"data-window="1""#) && html.contains("/static/rating-pad.js") && !html.contains(#"name="token""#))
            // The pad of window 1 at window 2's address is shown the pairing form, not window 2's card.
            let elsewhere = text(try await client.send(.get, "/windows/2/rate", headers: [.cookie: "ck_device=\(pad1)"]))
            #expect(elsewhere.contains(#"name="token""#))
        }
    }

    @Test("how long the pad offers a finished ticket is a setting (chuangkou.ratings.pad-window-minutes), held within 1–120")
    func padWindowSetting() async throws {
        func minutes(_ value: Int?) -> Int {
            let key: AbsoluteConfigKey = "chuangkou.ratings.pad-window-minutes"
            let values: [AbsoluteConfigKey: ConfigValue] = value.map { [key: .init(.int($0), isSecret: false)] } ?? [:]
            return AppSettings(reader: ConfigReader(provider: InMemoryProvider(values: values))).ratingPolicy.padMinutes
        }
        #expect(minutes(nil) == 15 && minutes(30) == 30 && minutes(0) == 1 && minutes(-5) == 1 && minutes(10_000) == 120)

        let clock = TestClock()
        let settings: [AbsoluteConfigKey: ConfigValue] = ["chuangkou.ratings.pad-window-minutes": .init(.int(30), isSecret: false)]
        try await HallPermits.shared.withPermit {
            let app = try await describingErrors { try await makeHallApp(clock: clock, settings: settings) }
            try await app.test(.router) { client in
                let pad = try await issuePad(client, "pad-1", window: 1, clock: clock)
                let officer = try await client.openWindow(1, badge: Demo.officers[0])
                let id = try await serve(client, officer: officer)
                // Past the default 15 minutes, still within this hall's 30.
                clock.advance(seconds: 20 * 60)
                #expect(try await offered(client, pad: pad) == id)
                clock.advance(seconds: 11 * 60)
                #expect(try await offered(client, pad: pad) == nil)
            }
        }
    }

    @Test("a staff session in the pad's browser does not override the pad: its page, ticket and rating use the pad's cookie only")
    func staffSessionDoesNotOverrideThePad() async throws {
        try await withHall { client in
            let pad = try await issuePad(client, "pad-1", window: 1)
            let officer = try await client.openWindow(1, badge: Demo.officers[0])
            let admin = try await client.token(Demo.admin)
            let both: HTTPFields = [.cookie: "ck_session=\(admin); ck_device=\(pad)"]

            let page = text(try await client.send(.get, "/windows/1/rate", headers: both))
            #expect(page.contains(#"data-window="1""#) && !page.contains(#"name="token""#), "the pad's card, not the pairing form")
            let csrfRange = try #require(page.range(of: #"name="csrf-token" content="[^"]+""#, options: .regularExpression))
            let padCSRF = String(page[csrfRange].split(separator: "\"")[3])

            let id = try await serve(client, officer: officer)
            let offered = try await client.send(.get, "/api/v1/windows/1/rating-ticket", headers: both)
            let offeredID = (try jsonObject(offered)["ticket"] as? [String: Any])?["id"] as? String
            #expect(offered.status == .ok && offeredID == id)

            var rating = both
            rating[.contentType] = "application/json"
            let uri = "/api/v1/tickets/\(id)/rating"
            let unguarded = try await client.execute(uri: uri, method: .post, headers: rating, body: ByteBuffer(string: #"{"level":5}"#))
            expectError(unguarded, .forbidden, "auth.csrf")
            rating[CSRFMiddleware.headerName] = padCSRF
            let stored = try await client.execute(uri: uri, method: .post, headers: rating, body: ByteBuffer(string: #"{"level":5}"#))
            #expect(stored.status == .created, "rated as the pad, not refused as staff")

            // The session alone on the pad's page is nobody there: the pairing form, never that person's page.
            let sessionOnly = text(try await client.send(.get, "/windows/1/rate", headers: [.cookie: "ck_session=\(admin)"]))
            #expect(sessionOnly.contains(#"name="token""#))
            let asStaff = try await client.send(.get, "/api/v1/windows/1/rating-ticket", headers: [.cookie: "ck_session=\(admin)"])
            #expect(asStaff.status == .unauthorized)
            // Anywhere else the same browser is the signed-in person.
            #expect(try await client.send(.get, "/api/v1/account", headers: both).status == .ok)
        }
    }
}
