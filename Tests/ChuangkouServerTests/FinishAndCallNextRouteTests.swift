import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("POST /api/v1/tickets/{id}/finish-and-call-next")
struct FinishAndCallNextRouteTests {
    struct Answer: Decodable {
        let finished: TicketJSON
        let called: TicketJSON?
    }

    @Test("finishes the served ticket and answers the next one called to the window; null when nobody waits")
    func finishesAndCalls() async throws {
        try await withHall { client in
            _ = try await client.issue("id-card")
            let second = try await client.issue("id-card")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            let first = try #require(try await client.callNext(1, token: token))
            try await client.perform("start", first.id, token: token)
            let response = try await client.send(.post, "/api/v1/tickets/\(first.id)/finish-and-call-next", token: token)
            #expect(response.status == .ok)
            let answer = try decode(Answer.self, response)
            #expect(answer.finished.id == first.id && answer.finished.status == "finished")
            #expect(answer.called?.id == second.id && answer.called?.status == "called" && answer.called?.window == 1)
            #expect(try await client.window(1).currentTicket?.id == second.id)

            try await client.perform("start", second.id, token: token)
            let last = try await client.send(.post, "/api/v1/tickets/\(second.id)/finish-and-call-next", token: token)
            #expect(try jsonObject(last)["called"] is NSNull, "called is null, not left out")
        }
    }

    @Test("refusals: 401 signed out, 409 for a ticket not being served or another officer's, 404 for an unknown ticket")
    func refusals() async throws {
        try await withHall { client in
            _ = try await client.issue("id-card")
            _ = try await client.issue("id-card")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            let other = try await client.openWindow(2, badge: Demo.officers[1])
            let first = try #require(try await client.callNext(1, token: token))
            let path = "/api/v1/tickets/\(first.id)/finish-and-call-next"
            expectError(try await client.send(.post, path), .unauthorized, "auth.required")
            expectError(try await client.send(.post, path, token: token), .conflict, "ticket.not-allowed")
            try await client.perform("start", first.id, token: token)
            expectError(try await client.send(.post, path, token: other), .conflict, "window.not-signed-in")
            #expect(try await client.ticket(first.id).status == "serving", "nothing changed")
            expectError(
                try await client.send(.post, "/api/v1/tickets/\(UUID().uuidString.lowercased())/finish-and-call-next", token: token),
                .notFound,
                "ticket.unknown"
            )
        }
    }
}
