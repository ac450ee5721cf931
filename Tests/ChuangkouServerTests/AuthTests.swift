import ChuangkouStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ChuangkouServer

@Suite("Officer sign-in and sessions")
struct AuthTests {
    @Test("A correct badge and password give a bearer token and the officer's public card")
    func signInGivesToken() async throws {
        try await withHall { client in
            let response = try await client.send(.post, "/api/v1/auth/token", json: ["badge": "010231", "password": Demo.password])
            #expect(response.status == .ok)
            let body = try decode(TokenJSON.self, response)
            #expect(!body.token.isEmpty)
            #expect(body.officer.badge == "010231")
            #expect(body.officer.role == "officer")
            #expect(!text(response).contains("$2"), "no password hash may leave the server")
            // The token works on an officer route.
            let history = try await client.send(.get, "/api/v1/tickets/\(UUID().uuidString.lowercased())/history", token: body.token)
            #expect(history.status != .unauthorized)
        }
    }

    @Test("A wrong password is refused with 401 auth.bad-credentials")
    func wrongPassword() async throws {
        try await withHall { client in
            let response = try await client.send(.post, "/api/v1/auth/token", json: ["badge": "010231", "password": "nope"])
            expectError(response, .unauthorized, "auth.bad-credentials")
        }
    }

    @Test("An unknown or malformed badge gets the same 401 as a wrong password")
    func unknownBadge() async throws {
        try await withHall { client in
            for badge in ["099999", "abc", ""] {
                let response = try await client.send(.post, "/api/v1/auth/token", json: ["badge": badge, "password": Demo.password])
                expectError(response, .unauthorized, "auth.bad-credentials")
            }
        }
    }

    @Test("A malformed sign-in body is a 400 request.malformed")
    func malformedBody() async throws {
        try await withHall { client in
            expectError(try await client.send(.post, "/api/v1/auth/token", raw: "{not json"), .badRequest, "request.malformed")
            expectError(try await client.send(.post, "/api/v1/auth/token", raw: #"{"badge":"010231"}"#), .badRequest, "request.malformed")
            expectError(try await client.send(.post, "/api/v1/auth/token", raw: #"{"badge":10231,"password":"x"}"#), .badRequest, "request.malformed")
        }
    }

    @Test("Five failed sign-ins delay that badge from that address (429), growing, even against the right password; others go on")
    func lockout() async throws {
        let clock = TestClock()
        try await withHall(clock: clock) { client in
            for attempt in 1...5 {
                let response = try await client.send(.post, "/api/v1/auth/token", json: ["badge": "010232", "password": "wrong-\(attempt)"])
                expectError(response, .unauthorized, "auth.bad-credentials")
            }
            let locked = try await client.send(.post, "/api/v1/auth/token", json: ["badge": "010232", "password": Demo.password])
            expectError(locked, .tooManyRequests, "auth.throttled")
            // Another account is unaffected.
            _ = try await client.token("010233")
            // After the first delay (30 s) one more wrong guess doubles it; the right password then waits a minute.
            clock.advance(seconds: 31)
            expectError(
                try await client.send(.post, "/api/v1/auth/token", json: ["badge": "010232", "password": "wrong-6"]),
                .unauthorized,
                "auth.bad-credentials"
            )
            clock.advance(seconds: 31)
            expectError(
                try await client.send(.post, "/api/v1/auth/token", json: ["badge": "010232", "password": Demo.password]),
                .tooManyRequests,
                "auth.throttled"
            )
            clock.advance(seconds: 30)
            _ = try await client.token("010232")
        }
    }

    @Test("A successful sign-in resets the failure count")
    func successResetsFailures() async throws {
        try await withHall { client in
            for _ in 1...4 {
                _ = try await client.send(.post, "/api/v1/auth/token", json: ["badge": "010234", "password": "wrong"])
            }
            _ = try await client.token("010234")
            for _ in 1...4 {
                _ = try await client.send(.post, "/api/v1/auth/token", json: ["badge": "010234", "password": "wrong"])
            }
            _ = try await client.token("010234")
        }
    }

    @Test("Officer routes without a token, with an unknown token or a non-bearer header answer 401 auth.required")
    func officerRoutesNeedToken() async throws {
        try await withHall { client in
            let ticket = try await client.issue("id-card")
            let routes: [(HTTPRequest.Method, String)] = [
                (.post, "/api/v1/windows/1/sign-in"), (.post, "/api/v1/windows/1/sign-out"),
                (.post, "/api/v1/windows/1/pause"), (.post, "/api/v1/windows/1/resume"),
                (.post, "/api/v1/windows/1/call-next"), (.post, "/api/v1/windows/1/call"),
                (.post, "/api/v1/tickets/\(ticket.id)/start"), (.post, "/api/v1/tickets/\(ticket.id)/finish"),
                (.post, "/api/v1/tickets/\(ticket.id)/recall"), (.post, "/api/v1/tickets/\(ticket.id)/no-show"),
                (.post, "/api/v1/tickets/\(ticket.id)/cancel"), (.post, "/api/v1/tickets/\(ticket.id)/transfer"),
                (.get, "/api/v1/tickets/\(ticket.id)/history"),
            ]
            for (method, uri) in routes {
                expectError(try await client.send(method, uri), .unauthorized, "auth.required")
                expectError(try await client.send(method, uri, token: "not-a-session"), .unauthorized, "auth.required")
                expectError(
                    try await client.send(method, uri, headers: [.authorization: "Basic MDEwMjMxOnRlc3QtcGFzcw=="]),
                    .unauthorized,
                    "auth.required"
                )
            }
            // Nothing happened to the ticket.
            #expect(try await client.ticket(ticket.id).status == "waiting")
        }
    }

    @Test("Sign-out ends the session: the same token is then refused")
    func signOutEndsSession() async throws {
        try await withHall { client in
            let token = try await client.token("010231")
            #expect(try await client.send(.post, "/api/v1/windows/1/sign-in", token: token).status == .ok)
            let out = try await client.send(.post, "/api/v1/auth/sign-out", token: token)
            #expect(out.status == .noContent)
            expectError(try await client.send(.post, "/api/v1/windows/1/pause", token: token), .unauthorized, "auth.required")
            // A second session of the same officer is independent of the ended one.
            let again = try await client.token("010231")
            #expect(try await client.send(.post, "/api/v1/windows/1/pause", token: again).status == .ok)
        }
    }

    @Test("Sessions expire after their lifetime (8 hours by default)")
    func sessionExpires() async throws {
        let clock = TestClock()
        try await withHall(clock: clock) { client in
            let token = try await client.token("010231")
            clock.advance(seconds: 7 * 3600)
            #expect(try await client.send(.post, "/api/v1/windows/1/sign-in", token: token).status == .ok)
            clock.advance(seconds: 3600 + 1)
            expectError(try await client.send(.post, "/api/v1/windows/1/pause", token: token), .unauthorized, "auth.required")
        }
    }

    @Test("The console's session cookie also authenticates API calls, with the session's CSRF token")
    func cookieAuthenticatesAPI() async throws {
        try await withHall { client in
            let token = try await client.token("010231")
            let response = try await client.send(
                .post,
                "/api/v1/windows/1/sign-in",
                headers: [.cookie: "ck_session=\(token)", CSRFMiddleware.headerName: SessionSecrets.csrfToken(for: token)]
            )
            #expect(response.status == .ok)
            #expect(try decode(WindowJSON.self, response).officer?.badge == "010231")
        }
    }
}
