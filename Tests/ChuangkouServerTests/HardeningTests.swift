import ChuangkouStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
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
