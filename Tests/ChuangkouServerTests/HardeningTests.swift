import ChuangkouStore
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import Hummingbird
import NIOCore
import NIOPosix
import Testing

@testable import ChuangkouServer

/// The defects of issue 9 (each with its regression test) and the headers every answer carries.
@Suite("Hardening: bounds, limits, redirects, headers")
struct HardeningTests {
    @Test("a deadline with limits past any bound is a 400, not a crash; the server answers the next request")
    func deadlineLimits() async throws {
        try await withHall { client in
            let token = try await client.token(Demo.officers[0])
            for limits in ["9223372036854775807", "2000000000", "1001"] {
                let body = #"{"subject":"x","statutoryLimit":\#(limits),"promisedLimit":1}"#
                expectError(try await client.send(.post, "/api/v1/deadlines", token: token, raw: body), .badRequest, "deadline.limit-too-long")
            }
            let overflow = #"{"subject":"x","statutoryLimit":99999999999999999999,"promisedLimit":1}"#
            expectError(try await client.send(.post, "/api/v1/deadlines", token: token, raw: overflow), .badRequest, "request.malformed")
            #expect(try await client.send(.get, "/healthz").status == .ok)
        }
    }

    @Test("calendar arithmetic is bounded at the edge: dates 1900–2200, spans of at most a hundred years")
    func calendarBounds() async throws {
        try await withHall { client in
            expectError(try await client.send(.get, "/api/v1/calendar/next?after=9999-12-31"), .badRequest, "calendar.bad-date")
            expectError(try await client.send(.get, "/api/v1/calendar/add?from=9999-12-01&workingDays=3000"), .badRequest, "calendar.bad-date")
            expectError(
                try await client.send(.get, "/api/v1/calendar/between?from=1900-01-01&through=2200-12-31"),
                .badRequest,
                "calendar.span-too-long"
            )
            #expect(try await client.send(.get, "/api/v1/calendar/add?from=2200-12-01&workingDays=3660").status == .ok)
        }
    }

    @Test("a body over the limit answers 413 with the error body, announced or not")
    func oversizedBody() async throws {
        try await withHall { client in
            let big = String(repeating: "x", count: 2 * 1024 * 1024 + 10)
            expectError(try await client.send(.post, "/api/v1/tickets", raw: #"{"business":"\#(big)"}"#), .contentTooLarge, "request.too-large")
            expectError(try await client.send(.post, "/api/v1/status", raw: big), .contentTooLarge, "request.too-large")
        }
    }

    @Test("a body that does not arrive in time answers 408 and the connection closes; a request that declares no body needs no wait")
    func bodyDeadline() async throws {
        let app = try await makeHallApp(settings: ["http.body-timeout-seconds": .init(.int(1), isSecret: false)])
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Announces 40 bytes, sends 4, then nothing.
            let trickle = try await Self.exchange(
                port: port,
                "POST /api/v1/status HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"a\""
            )
            #expect(trickle.hasPrefix("HTTP/1.1 408"), "\(trickle)")
            #expect(trickle.contains("request.timeout"), "\(trickle)")
            // No Content-Length, no Transfer-Encoding: no body, answered at once (401: no credentials), the connection kept.
            let bodyless = try await Self.exchange(port: port, "POST /api/v1/windows/1/sign-in HTTP/1.1\r\nHost: localhost\r\n\r\n", until: "}")
            #expect(bodyless.hasPrefix("HTTP/1.1 401"), "\(bodyless)")
            let zero = try await Self.exchange(
                port: port,
                "POST /api/v1/windows/1/sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n",
                until: "}"
            )
            #expect(zero.hasPrefix("HTTP/1.1 401"), "\(zero)")
        }
        let bare = Request(head: .init(method: .post, scheme: nil, authority: nil, path: "/x"), body: .init(buffer: ByteBuffer()))
        #expect(RequestBodyMiddleware.declaresNoBody(bare))
    }

    /// Writes `raw` on a fresh connection and reads until the server closes it or `until` has arrived (5 s at most).
    static func exchange(port: Int, _ raw: String, until marker: String? = nil) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: raw))
            return try await withThrowingTaskGroup(of: String?.self) { group in
                group.addTask {
                    var received = ""
                    for try await chunk in inbound {
                        received += String(buffer: chunk)
                        if let marker, received.contains("\r\n\r\n"), received.hasSuffix(marker) { break }
                    }
                    return received
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(5))
                    return nil
                }
                defer { group.cancelAll() }
                return try await group.next().flatMap { $0 } ?? "(nothing within 5 s)"
            }
        }
    }

    @Test(
        "next= is followed only to a path of this site, as a browser would read it",
        arguments: [
            ("/admin/guides", "/admin/guides"), ("/deadlines?x=1#y", "/deadlines?x=1#y"), ("/%2F/evil.example", "/%2F/evil.example"),
            ("//evil.example", nil), ("/\t/evil.example", nil), ("/\n/evil.example", nil), ("/\r/evil.example", nil),
            ("/\\evil.example", nil), ("\\\\evil.example", nil), ("https://evil.example/", nil), ("admin", nil), ("", nil),
            (" /admin", nil), ("/ /evil", nil), ("/\u{0}/evil", nil), ("/\u{7f}", nil), ("javascript:alert(1)", nil),
        ] as [(String, String?)]
    )
    func redirects(next: String, expected: String?) {
        #expect(LocalRedirect.path(next) == expected)
    }

    @Test("signing in with next=/%09/evil.example lands on the console, not off-site")
    func redirectAfterSignIn() async throws {
        try await withHall { client in
            for hostile in ["%2F%09%2Fevil.example", "%2F%5Cevil.example", "%2F%0A%2Fevil.example", "%2F%2F%2Fevil.example", "%09%2F%2Fevil.example"]
            {
                let response = try await PageTests.login(client, badge: Demo.officers[0], extra: "&next=\(hostile)")
                #expect(response.headers[.location] == "/console", "next=\(hostile)")
            }
        }
    }

    @Test("NUL and other control bytes in a path are refused with 400, raw or percent-encoded")
    func controlBytes() async throws {
        try await withHall { client in
            for path in ["/guides/%00", "/api/v1/tickets/%0a", "/kiosk%09", "/api/v1/businesses/a%7Fb/guide", "/%1b[2J"] {
                expectError(try await client.send(.get, path), .badRequest, "request.control-characters")
            }
        }
    }

    @Test("every answer carries the CSP (no inline script, no framing), nosniff and same-origin referrers; the display may frame itself")
    func headers() async throws {
        try await withHall { client in
            for path in ["/kiosk", "/api/v1/windows", "/api/v1/nope", "/nope", "/static/hall.css", "/console/login"] {
                let response = try await client.send(.get, path)
                let policy = try #require(response.headers[.contentSecurityPolicy], "CSP on \(path)")
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline") && policy.contains("frame-ancestors 'none'"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                #expect(response.headers[SecurityHeadersMiddleware.referrerPolicy] == "same-origin", "\(path)")
            }
            let display = try await client.send(.get, "/display")
            #expect(display.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'self'") == true)
        }
    }

    @Test("a cookie session's state changes need its CSRF token, JSON and a same-origin Origin; bearer tokens need none of these")
    func csrf() async throws {
        try await withHall { client in
            let login = try await PageTests.login(client, badge: Demo.officers[0])
            let session = try #require(PageTests.cookieValue("ck_session", in: login))
            let cookie: HTTPFields = [.cookie: "ck_session=\(session)"]
            expectError(try await client.send(.post, "/api/v1/windows/1/sign-in", headers: cookie), .forbidden, "auth.csrf")
            var wrong = cookie
            wrong[CSRFMiddleware.headerName] = SessionSecrets.csrfToken(for: "another session")
            expectError(try await client.send(.post, "/api/v1/windows/1/sign-in", headers: wrong), .forbidden, "auth.csrf")
            var foreign = PageTests.cookieHeaders(session)
            foreign[.origin] = "http://evil.example"
            expectError(try await client.send(.post, "/api/v1/windows/1/sign-in", headers: foreign), .forbidden, "auth.origin")
            var plain = PageTests.cookieHeaders(session)
            plain[.contentType] = "text/plain"
            expectError(
                try await client.execute(uri: "/api/v1/windows/1/sign-in", method: .post, headers: plain, body: ByteBuffer(string: "{}")),
                .unsupportedMediaType,
                "request.json-only"
            )
            // A form post without the hidden field is refused; with it, accepted.
            var form = cookie
            form[.contentType] = "application/x-www-form-urlencoded"
            let refused = try await client.execute(uri: "/console/logout", method: .post, headers: form, body: ByteBuffer(string: "x=1"))
            #expect(refused.status == .forbidden)
            #expect(try await client.send(.post, "/api/v1/windows/1/sign-in", headers: PageTests.cookieHeaders(session)).status == .ok)
            let token = try await client.token(Demo.officers[1])
            #expect(try await client.send(.post, "/api/v1/windows/2/sign-in", token: token).status == .ok)
            let body = "csrf_token=\(SessionSecrets.csrfToken(for: session))"
            let out = try await client.execute(uri: "/console/logout", method: .post, headers: form, body: ByteBuffer(string: body))
            #expect(out.status == .found)
        }
    }
}

@Suite("Abuse: ticket limits, anonymous issuing, queue pages")
struct TicketAbuseTests {
    static func withSettings<Value: Sendable>(
        _ settings: [AbsoluteConfigKey: ConfigValue],
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await HallPermits.shared.withPermit {
            let app = try await describingErrors { try await makeHallApp(settings: settings) }
            return try await app.test(.router, body)
        }
    }

    @Test("tickets per source address per minute are limited (429); a kiosk has its own, larger allowance; officers none")
    func rateLimited() async throws {
        let settings: [AbsoluteConfigKey: ConfigValue] = [
            "chuangkou.tickets.per-minute-per-address": .init(.int(3), isSecret: false),
            "chuangkou.tickets.per-minute-per-kiosk": .init(.int(5), isSecret: false),
        ]
        try await Self.withSettings(settings) { client in
            for _ in 0..<3 { _ = try await client.issue("id-card") }
            expectError(try await client.send(.post, "/api/v1/tickets", raw: #"{"business":"id-card"}"#), .tooManyRequests, "ticket.rate-limited")
            let admin = try await client.token(Demo.admin)
            let issued = try await client.send(.post, "/api/v1/devices", token: admin, raw: #"{"id":"kiosk-1","role":"kiosk","name":"取号机"}"#)
            let kiosk = try #require(try jsonObject(issued)["token"] as? String)
            for _ in 0..<5 {
                #expect(try await client.send(.post, "/api/v1/tickets", token: kiosk, raw: #"{"business":"id-card"}"#).status == .created)
            }
            expectError(
                try await client.send(.post, "/api/v1/tickets", token: kiosk, raw: #"{"business":"id-card"}"#),
                .tooManyRequests,
                "ticket.rate-limited"
            )
            let officer = try await client.token(Demo.officers[0])
            #expect(try await client.send(.post, "/api/v1/tickets", token: officer, raw: #"{"business":"id-card"}"#).status == .created)
        }
    }

    @Test("with anonymous issuing off, only kiosk tokens (and officers) issue tickets")
    func anonymousOff() async throws {
        try await Self.withSettings(["chuangkou.tickets.anonymous": .init(.bool(false), isSecret: false)]) { client in
            expectError(
                try await client.send(.post, "/api/v1/tickets", raw: #"{"business":"id-card"}"#),
                .unauthorized,
                "ticket.kiosk-token-required"
            )
            let admin = try await client.token(Demo.admin)
            let issued = try await client.send(.post, "/api/v1/devices", token: admin, raw: #"{"id":"kiosk-1","role":"kiosk","name":"取号机"}"#)
            let kiosk = try #require(try jsonObject(issued)["token"] as? String)
            #expect(try await client.send(.post, "/api/v1/tickets", token: kiosk, raw: #"{"business":"id-card"}"#).status == .created)
            let display = try await client.send(.post, "/api/v1/devices", token: admin, raw: #"{"id":"display-1","role":"display","name":"大屏"}"#)
            let screen = try #require(try jsonObject(display)["token"] as? String)
            expectError(try await client.send(.post, "/api/v1/tickets", token: screen, raw: #"{"business":"id-card"}"#), .forbidden, "auth.forbidden")
        }
    }

    @Test("/windows/{n}/queue is paginated: limit, offset and the total")
    func queuePages() async throws {
        try await withHall { client in
            var issued: [String] = []
            for _ in 0..<7 { issued.append(try await client.issue("id-card").id) }
            let first = try await client.send(.get, "/api/v1/windows/1/queue?limit=3")
            let page = try jsonObject(first)
            #expect(page["total"] as? Int == 7 && page["limit"] as? Int == 3 && page["offset"] as? Int == 0)
            let second = try decode(QueueJSON.self, try await client.send(.get, "/api/v1/windows/1/queue?limit=3&offset=6"))
            #expect(second.waiting.map(\.id) == [issued[6]])
            for bad in ["limit=0", "limit=201", "offset=-1", "limit=x"] {
                expectError(try await client.send(.get, "/api/v1/windows/1/queue?\(bad)"), .badRequest, "request.malformed")
            }
        }
    }
}
