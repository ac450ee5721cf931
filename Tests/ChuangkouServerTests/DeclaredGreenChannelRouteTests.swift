import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Issue 9: a green channel taken on a citizen's own phone is marked declared, and the officer at the window
/// confirms it or declines it (then the ticket waits again in the ordinary order).
@Suite("A green channel declared from a phone, checked at the window")
struct DeclaredGreenChannelRouteTests {
    @Test("declared only when taken without a kiosk or an officer; a kiosk's and a desk's are not")
    func whoDeclares() async throws {
        try await withHall { client in
            let phone = try await client.issue("id-card", green: "elderly")
            #expect(phone.greenChannel == "elderly" && phone.greenChannelCheck == "declared")
            #expect(try await client.issue("id-card").greenChannelCheck == nil, "no green channel, nothing to check")

            let officer = try await client.token(Demo.officers[0])
            let desk = try decode(
                TicketJSON.self,
                try await client.send(.post, "/api/v1/tickets", token: officer, raw: #"{"business":"id-card","greenChannel":"pregnancy"}"#)
            )
            #expect(desk.greenChannel == "pregnancy" && desk.greenChannelCheck == nil)

            let admin = try await client.token(Demo.admin)
            let issued = try await client.send(.post, "/api/v1/devices", token: admin, raw: #"{"id":"kiosk-1","role":"kiosk","name":"取号机"}"#)
            let kiosk = try #require(try jsonObject(issued)["token"] as? String)
            let fromKiosk = try decode(
                TicketJSON.self,
                try await client.send(.post, "/api/v1/tickets", token: kiosk, raw: #"{"business":"id-card","greenChannel":"military"}"#)
            )
            #expect(fromKiosk.greenChannel == "military" && fromKiosk.greenChannelCheck == nil)
        }
    }

    @Test("called first, it cannot be started unchecked; declined, it waits again by its issue time; only its window's officer checks it")
    func declineAtTheWindow() async throws {
        let clock = TestClock()
        try await withHall(clock: clock) { client in
            let first = try await client.issue("id-card")
            clock.advance(seconds: 60)
            let claimed = try await client.issue("id-card", green: "disability")
            clock.advance(seconds: 60)
            let last = try await client.issue("id-card")

            let token = try await client.openWindow(1, badge: Demo.officers[0])
            let other = try await client.openWindow(2, badge: Demo.officers[1])
            let called = try #require(try await client.callNext(1, token: token))
            #expect(called.id == claimed.id, "declared, it still goes ahead until checked")
            expectError(try await client.act("start", claimed.id, token: token), .conflict, "ticket.green-channel-unchecked")
            expectError(try await client.act("green-channel/decline", claimed.id, token: other), .conflict, "window.not-signed-in")
            expectError(try await client.send(.post, "/api/v1/tickets/\(claimed.id)/green-channel/decline"), .unauthorized, "auth.required")
            expectError(try await client.act("green-channel/confirm", first.id, token: token), .conflict, "ticket.not-allowed")

            let declined = try await client.perform("green-channel/decline", claimed.id, token: token)
            #expect(declined.status == "waiting" && declined.window == nil && declined.greenChannel == nil)
            #expect(declined.greenChannelCheck == "declined")
            #expect(try await client.ticket(claimed.id).position == 2, "behind the one issued before it, ahead of the one after")
            expectError(try await client.act("green-channel/confirm", claimed.id, token: token), .conflict, "ticket.not-allowed")

            let order = try await client.drainWindow(1, token: token).map(\.id)
            #expect(order == [first.id, claimed.id, last.id])
            let history = try jsonObject(try await client.send(.get, "/api/v1/tickets/\(claimed.id)/history", token: token))
            let actions = (history["events"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
            #expect(actions == ["call", "declineGreenChannel", "call", "start", "finish"])

            let auditor = try await client.token(Demo.auditAdmin, at: clock.now)
            let audited = try await client.audit("action=ticket.declineGreenChannel", token: auditor)
            #expect(audited.map(\.actor) == [Demo.officers[0]])
        }
    }

    @Test("confirmed, it is served as any green channel; an ordinary ticket has nothing to confirm")
    func confirmAtTheWindow() async throws {
        try await withHall { client in
            let plain = try await client.issue("id-card")
            let claimed = try await client.issue("id-card", green: "withInfant")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            #expect(try await client.callNext(1, token: token)?.id == claimed.id)
            let confirmed = try await client.perform("green-channel/confirm", claimed.id, token: token)
            #expect(confirmed.greenChannelCheck == "confirmed" && confirmed.greenChannel == "withInfant" && confirmed.status == "called")
            expectError(try await client.act("green-channel/confirm", claimed.id, token: token), .conflict, "ticket.green-channel-not-declared")
            try await client.perform("start", claimed.id, token: token)
            try await client.perform("finish", claimed.id, token: token)
            #expect(try await client.callNext(1, token: token)?.id == plain.id)
            expectError(try await client.act("green-channel/decline", plain.id, token: token), .conflict, "ticket.green-channel-not-declared")
        }
    }
}
