import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Issuing and looking up tickets")
struct TicketRouteTests {
    @Test("POST /api/v1/tickets answers 201 with a waiting A001 at position 1, every key present")
    func issueFirst() async throws {
        try await withHall { client in
            let response = try await client.send(.post, "/api/v1/tickets", json: ["business": "id-card"])
            #expect(response.status == .created)
            let raw = try jsonObject(response)
            for key in [
                "id", "number", "business", "status", "position", "estimatedWaitMinutes", "window", "greenChannel", "greenChannelCheck",
                "issuedAt", "calledAt", "recalls",
                "outOfOrder", "officer",
            ] {
                #expect(raw.keys.contains(key), "ticket is missing \(key): \(raw)")
            }
            #expect(raw["window"] is NSNull)
            // No window serving id-card is open, so the hall promises no time.
            #expect(raw["estimatedWaitMinutes"] is NSNull)
            let ticket = try decode(TicketJSON.self, response)
            #expect(UUID(uuidString: ticket.id) != nil)
            #expect(ticket.number == "A001")
            #expect(ticket.business == "id-card")
            #expect(ticket.status == "waiting")
            #expect(ticket.position == 1)
            #expect(ticket.recalls == 0)
            #expect(ticket.outOfOrder == false)
            #expect(ticket.greenChannel == nil)
        }
    }

    @Test("Numbers count up per prefix: A001, A002, then B001 for another business")
    func numbering() async throws {
        try await withHall { client in
            let a1 = try await client.issue("id-card")
            let a2 = try await client.issue("id-card")
            let b1 = try await client.issue("residence-permit")
            let c1 = try await client.issue("seal-filing")
            #expect([a1.number, a2.number, b1.number, c1.number] == ["A001", "A002", "B001", "C001"])
            #expect(a2.position == 2)
            #expect(b1.position == 1, "positions count within a business's own line")
            #expect(Set([a1.id, a2.id, b1.id, c1.id]).count == 4)
        }
    }

    @Test("Once a window serving the business is open, the wait estimate is a number: 0 for the next in line")
    func estimateWithOpenWindow() async throws {
        try await withHall { client in
            _ = try await client.openWindow(1, badge: Demo.officers[0])
            let first = try await client.issue("id-card")
            let second = try await client.issue("id-card")
            #expect(first.estimatedWaitMinutes == 0)
            let later = try #require(second.estimatedWaitMinutes)
            #expect(later > 0)
            // Window 1 does not serve seal-filing, and no window that does is open: no promise for C tickets.
            let c1 = try await client.issue("seal-filing")
            #expect(c1.estimatedWaitMinutes == nil)
            _ = try await client.openWindow(5, badge: Demo.officers[4])
            #expect(try await client.ticket(c1.id).estimatedWaitMinutes == 0)
        }
    }

    @Test("An unknown business is a 404 business.unknown")
    func unknownBusiness() async throws {
        try await withHall { client in
            expectError(try await client.send(.post, "/api/v1/tickets", json: ["business": "marriage-registration"]), .notFound, "business.unknown")
            expectError(try await client.send(.post, "/api/v1/tickets", json: ["business": "Not A Code!"]), .notFound, "business.unknown")
            #expect(try await client.businesses().allSatisfy { $0.waiting == 0 })
        }
    }

    @Test("An unknown green-channel reason is a 400 and issues nothing")
    func unknownGreenChannel() async throws {
        try await withHall { client in
            let response = try await client.send(.post, "/api/v1/tickets", json: ["business": "id-card", "greenChannel": "vip"])
            expectError(response, .badRequest, "request.malformed")
            #expect(try await client.issue("id-card").number == "A001", "the refused request used no number")
        }
    }

    @Test("A malformed ticket request is a 400 request.malformed")
    func malformedIssue() async throws {
        try await withHall { client in
            expectError(try await client.send(.post, "/api/v1/tickets", raw: "business=id-card"), .badRequest, "request.malformed")
            expectError(try await client.send(.post, "/api/v1/tickets", raw: "{}"), .badRequest, "request.malformed")
            expectError(try await client.send(.post, "/api/v1/tickets", raw: #"{"business":42}"#), .badRequest, "request.malformed")
            expectError(try await client.send(.post, "/api/v1/tickets"), .badRequest, "request.malformed")
        }
    }

    @Test("A green-channel ticket is called before older ordinary tickets and records its reason")
    func greenChannelFirst() async throws {
        let clock = TestClock()
        try await withHall(clock: clock) { client in
            let ordinary1 = try await client.issue("id-card")
            clock.advance(seconds: 1)
            let ordinary2 = try await client.issue("residence-permit")
            clock.advance(seconds: 1)
            let green = try await client.issue("id-card", green: "elderly")
            #expect(green.greenChannel == "elderly")
            #expect(green.number == "A002")
            #expect(green.position == 1, "the green ticket stands first in its line")
            #expect(try await client.ticket(ordinary1.id).position == 2)

            let token = try await client.openWindow(1, badge: Demo.officers[0])
            let order = try await client.drainWindow(1, token: token).map(\.id)
            #expect(order == [green.id, ordinary1.id, ordinary2.id])
        }
    }

    @Test("GET /api/v1/tickets/{id} returns the ticket with its current position")
    func getTicket() async throws {
        try await withHall { client in
            let first = try await client.issue("id-card")
            let second = try await client.issue("id-card")
            let response = try await client.send(.get, "/api/v1/tickets/\(second.id)")
            #expect(response.status == .ok)
            let fetched = try decode(TicketJSON.self, response)
            #expect(fetched.id == second.id)
            #expect(fetched.number == "A002")
            #expect(fetched.position == 2)
            // Upper-case ids name the same ticket.
            #expect(try await client.ticket(first.id.uppercased()).id == first.id)

            let token = try await client.openWindow(1, badge: Demo.officers[0])
            _ = try await client.callNext(1, token: token)
            let moved = try await client.ticket(second.id)
            #expect(moved.position == 1)
            let called = try await client.ticket(first.id)
            #expect(called.status == "called")
            #expect(called.position == nil)
            #expect(called.window == 1)
            #expect(called.officer == Demo.officers[0])
            #expect(called.calledAt != nil)
        }
    }

    @Test("An unknown ticket id, well-formed or garbage, is a 404 ticket.unknown")
    func unknownTicket() async throws {
        try await withHall { client in
            expectError(try await client.send(.get, "/api/v1/tickets/\(UUID().uuidString.lowercased())"), .notFound, "ticket.unknown")
            expectError(try await client.send(.get, "/api/v1/tickets/garbage"), .notFound, "ticket.unknown")
            expectError(try await client.send(.get, "/api/v1/tickets/A001"), .notFound, "ticket.unknown")
        }
    }

    @Test("Officer actions on an unknown ticket are a 404 ticket.unknown")
    func actionsOnUnknownTicket() async throws {
        try await withHall { client in
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            for id in [UUID().uuidString.lowercased(), "garbage"] {
                for action in ["start", "finish", "recall", "no-show", "cancel"] {
                    expectError(try await client.act(action, id, token: token), .notFound, "ticket.unknown")
                }
                expectError(
                    try await client.send(.post, "/api/v1/tickets/\(id)/transfer", token: token, json: ["business": "seal-filing"]),
                    .notFound,
                    "ticket.unknown"
                )
            }
        }
    }

    @Test("The history of an unknown ticket is a 404 ticket.unknown, as the OpenAPI document promises")
    func historyOfUnknownTicket() async throws {
        try await withHall { client in
            let token = try await client.token(Demo.officers[0])
            expectError(try await client.send(.get, "/api/v1/tickets/garbage/history", token: token), .notFound, "ticket.unknown")
            expectError(
                try await client.send(.get, "/api/v1/tickets/\(UUID().uuidString.lowercased())/history", token: token),
                .notFound,
                "ticket.unknown"
            )
        }
    }
}
