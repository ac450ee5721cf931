import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The system administrator's rating-pad page (`/admin/rating-pads`): every window, a token issued per window and
/// shown once with the pairing address, revoked from the same page; plain forms carrying the session's CSRF token.
@Suite("Issuing and revoking rating-pad tokens from the admin page")
struct RatingPadAdminPageTests {
    func postForm(_ client: any TestClientProtocol, _ uri: String, _ body: String, cookie: String) async throws -> TestResponse {
        let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// The first match of `pattern`'s first group in `html`.
    func first(_ pattern: String, in html: String) throws -> String {
        let regex = try Regex(pattern)
        let match = try #require(html.firstMatch(of: regex))
        return try #require(match.output[1].substring.map(String.init))
    }

    @Test("the page lists the windows; a token is issued for one and shown once; revoking it stops it; both are audited")
    func issueAndRevoke() async throws {
        try await withHall { client in
            #expect(try await client.send(.get, "/admin/rating-pads").status == .found, "a visitor is sent to sign in")
            let officer = try await client.token(Demo.officers[0])
            #expect(try await client.send(.get, "/admin/rating-pads", token: officer).status == .forbidden)

            let cookie = "ck_session=\(try await client.token(Demo.admin))"
            let list = try await client.send(.get, "/admin/rating-pads", headers: [.cookie: cookie])
            let html = text(list)
            #expect(list.status == .ok && html.contains(#"id="window-1""#) && html.contains(#"id="window-6""#) && html.contains("未配对"))
            let csrf = try first(#"name="csrf_token" value="([^"]+)""#, in: html)

            let forged = try await postForm(client, "/admin/rating-pads", "window=1", cookie: cookie)
            #expect(forged.status == .forbidden, "a form without the session's CSRF token is refused")
            let unknown = try await postForm(client, "/admin/rating-pads", "window=99&csrf_token=\(csrf)", cookie: cookie)
            #expect(unknown.status == .badRequest)

            let issued = try await postForm(client, "/admin/rating-pads", "window=1&csrf_token=\(csrf)", cookie: cookie)
            let answer = text(issued)
            #expect(issued.status == .created && issued.headers[.cacheControl] == "no-store")
            let token = try first(#"<code id="pad-token" class="pad-token">(dev_[^<]+)</code>"#, in: answer)
            #expect(answer.contains(#"/windows/1/rate""#))
            let id = try first(#"action="/admin/rating-pads/(pad-1-[0-9a-f]{6})/revoke""#, in: answer)
            // The pad token works at once for that window, as the pad's own credential.
            #expect(try await client.send(.get, "/api/v1/windows/1/rating-ticket", token: token).status == .ok)

            let again = text(try await client.send(.get, "/admin/rating-pads", headers: [.cookie: cookie]))
            #expect(again.contains(id) && !again.contains(token), "the token is shown once, never listed")

            let revoked = try await postForm(client, "/admin/rating-pads/\(id)/revoke", "csrf_token=\(csrf)", cookie: cookie)
            #expect(revoked.status == .seeOther && revoked.headers[.location] == "/admin/rating-pads?revoked=\(id)")
            #expect(try await client.send(.get, "/api/v1/windows/1/rating-ticket", token: token).status == .unauthorized)
            let after = text(try await client.send(.get, "/admin/rating-pads?revoked=\(id)", headers: [.cookie: cookie]))
            #expect(after.contains("已注销评价器 \(id)") && !after.contains(#"action="/admin/rating-pads/\#(id)/revoke""#))
            let missing = try await postForm(client, "/admin/rating-pads/pad-9-000000/revoke", "csrf_token=\(csrf)", cookie: cookie)
            #expect(missing.status == .notFound)

            let audit = try await client.token(Demo.auditAdmin)
            let trail = text(try await client.send(.get, "/api/v1/audit?object=device:\(id)", token: audit))
            #expect(trail.contains("device.issue") && trail.contains("device.revoke"))
        }
    }
}
