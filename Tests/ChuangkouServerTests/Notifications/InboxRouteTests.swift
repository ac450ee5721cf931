import ChuangkouTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The officer's inbox over HTTP, as the console uses it: an escalation reaches the leader's inbox unread, marking it
/// read (one or all) is theirs alone, and the console carries the inbox and its script.
@Suite("Officers' inbox over HTTP")
struct InboxRouteTests {
    struct Inbox: Decodable {
        struct Message: Decodable {
            let id: Int64
            let kind: String
            let subject: String
            let read: Bool
        }
        let unread: Int
        let messages: [Message]
    }

    @Test("an alert arrives unread; marked read by its officer only; all at once; the console shows the inbox")
    func inbox() async throws {
        let clock = TestClock(IncidentRouteTests.planned, tick: 0)
        try await withHall(clock: clock) { client in
            try await IncidentRouteTests().plan(client)
            clock.set(TestClock.shanghai(2026, 12, 2, 10, 0))
            let officer = try await client.token(Demo.officers[0])
            let leader = try await client.token(Demo.dutyLeader)
            let empty = try decode(Inbox.self, try await client.send(.get, "/api/v1/notifications/inbox", token: leader))
            #expect(empty.unread == 0 && empty.messages.isEmpty)

            for _ in 0..<2 {
                let sent = try await client.send(.post, "/api/v1/incidents/escalations", token: officer, raw: IncidentRouteTests.escalation)
                #expect(sent.status == .created, "\(text(sent))")
            }
            let inbox = try decode(Inbox.self, try await client.send(.get, "/api/v1/notifications/inbox", token: leader))
            #expect(inbox.unread == 2 && inbox.messages.count == 2 && inbox.messages.allSatisfy { !$0.read && $0.kind == "incident.escalated" })
            let first = inbox.messages[0].id

            let path = "/api/v1/notifications/inbox/\(first)/read"
            expectError(try await client.send(.post, path, token: officer), .notFound, "notification.unknown-message")
            let notAnID = try await client.send(.post, "/api/v1/notifications/inbox/abc/read", token: leader)
            expectError(notAnID, .notFound, "notification.unknown-message")
            #expect(try await client.send(.post, path, token: leader).status == .noContent)
            #expect(try await client.send(.post, path, token: leader).status == .noContent, "marking again changes nothing")
            let after = try decode(Inbox.self, try await client.send(.get, "/api/v1/notifications/inbox", token: leader))
            #expect(after.unread == 1 && after.messages.first { $0.id == first }?.read == true)

            #expect(try await client.send(.post, "/api/v1/notifications/inbox/read", token: leader).status == .noContent)
            #expect(try decode(Inbox.self, try await client.send(.get, "/api/v1/notifications/inbox", token: leader)).unread == 0)

            let console = text(try await client.send(.get, "/console", token: officer))
            #expect(console.contains(#"id="inbox""#) && console.contains(#"id="inbox-unread""#) && console.contains("我的提醒"))
            #expect(console.contains(#"<script src="/static/inbox.js"></script>"#))
        }
    }
}
