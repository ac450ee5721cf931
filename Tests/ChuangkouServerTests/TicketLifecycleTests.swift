import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("A ticket's life at the window")
struct TicketLifecycleTests {
    @Test("Call, start and finish move the ticket through called, serving and finished, and free the window")
    func startAndFinish() async throws {
        try await withHall { client in
            let issued = try await client.issue("id-card")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            let called = try #require(try await client.callNext(1, token: token))
            #expect(called.id == issued.id)
            #expect(called.status == "called")
            #expect(called.window == 1)
            #expect(called.officer == Demo.officers[0])
            #expect(called.outOfOrder == false)

            let started = try await client.perform("start", issued.id, token: token)
            #expect(started.status == "serving")
            #expect(try await client.window(1).currentTicket?.status == "serving")
            let finished = try await client.perform("finish", issued.id, token: token)
            #expect(finished.status == "finished")
            #expect(try await client.ticket(issued.id).status == "finished")
            #expect(try await client.ticket(issued.id).position == nil)
            #expect(try await client.window(1).currentTicket == nil)
        }
    }

    @Test("Transitions the state machine does not allow are a 409 ticket.not-allowed")
    func notAllowed() async throws {
        try await withHall { client in
            let ticket = try await client.issue("id-card")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            // A waiting ticket cannot be started, finished, recalled or marked no-show.
            for action in ["start", "finish", "recall", "no-show"] {
                expectError(try await client.act(action, ticket.id, token: token), .conflict, "ticket.not-allowed")
            }
            _ = try await client.callNext(1, token: token)
            expectError(try await client.act("finish", ticket.id, token: token), .conflict, "ticket.not-allowed")
            try await client.perform("start", ticket.id, token: token)
            expectError(try await client.act("start", ticket.id, token: token), .conflict, "ticket.not-allowed")
            expectError(try await client.act("recall", ticket.id, token: token), .conflict, "ticket.not-allowed")
            expectError(try await client.act("cancel", ticket.id, token: token), .conflict, "ticket.not-allowed")
            expectError(
                try await client.send(.post, "/api/v1/tickets/\(ticket.id)/transfer", token: token, json: ["business": "seal-filing"]),
                .conflict,
                "ticket.not-allowed"
            )
            try await client.perform("finish", ticket.id, token: token)
            for action in ["start", "finish", "recall", "no-show", "cancel"] {
                expectError(try await client.act(action, ticket.id, token: token), .conflict, "ticket.not-allowed")
            }
            #expect(try await client.ticket(ticket.id).status == "finished")
        }
    }

    @Test("Recall counts up; a no-show needs two recalls first (409 ticket.too-few-recalls), then succeeds")
    func recallAndNoShow() async throws {
        try await withHall { client in
            let ticket = try await client.issue("id-card")
            let next = try await client.issue("id-card")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            _ = try await client.callNext(1, token: token)
            expectError(try await client.act("no-show", ticket.id, token: token), .conflict, "ticket.too-few-recalls")
            #expect(try await client.perform("recall", ticket.id, token: token).recalls == 1)
            expectError(try await client.act("no-show", ticket.id, token: token), .conflict, "ticket.too-few-recalls")
            let recalled = try await client.perform("recall", ticket.id, token: token)
            #expect(recalled.recalls == 2)
            #expect(recalled.status == "called")
            let missed = try await client.perform("no-show", ticket.id, token: token)
            #expect(missed.status == "noShow")
            // The window is free again.
            #expect(try await client.callNext(1, token: token)?.id == next.id)
        }
    }

    @Test("Cancel withdraws a waiting ticket, or a called one at the officer's own window")
    func cancel() async throws {
        try await withHall { client in
            let waiting = try await client.issue("id-card")
            let called = try await client.issue("id-card")
            let later = try await client.issue("id-card")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            // Any officer may withdraw a waiting ticket, even one not seated at a window.
            let colleague = try await client.token(Demo.officers[1])
            let cancelled = try await client.perform("cancel", waiting.id, token: colleague)
            #expect(cancelled.status == "cancelled")
            #expect(try await client.ticket(later.id).position == 2)

            #expect(try await client.callNext(1, token: token)?.id == called.id)
            expectError(try await client.act("cancel", called.id, token: colleague), .conflict, "window.not-signed-in")
            #expect(try await client.perform("cancel", called.id, token: token).status == "cancelled")
            #expect(try await client.callNext(1, token: token)?.id == later.id, "a cancelled ticket is never called")
        }
    }

    @Test("Another officer cannot act on a ticket at someone else's window: 409 window.not-signed-in")
    func otherOfficersTicket() async throws {
        try await withHall { client in
            let ticket = try await client.issue("id-card")
            let mine = try await client.openWindow(1, badge: Demo.officers[0])
            let theirs = try await client.openWindow(2, badge: Demo.officers[1])
            _ = try await client.callNext(1, token: mine)
            for action in ["start", "recall", "no-show", "cancel"] {
                expectError(try await client.act(action, ticket.id, token: theirs), .conflict, "window.not-signed-in")
            }
            expectError(
                try await client.send(.post, "/api/v1/tickets/\(ticket.id)/transfer", token: theirs, json: ["business": "seal-filing"]),
                .conflict,
                "window.not-signed-in"
            )
            try await client.perform("start", ticket.id, token: mine)
            expectError(try await client.act("finish", ticket.id, token: theirs), .conflict, "window.not-signed-in")
            #expect(try await client.ticket(ticket.id).status == "serving")
        }
    }

    @Test("A transferred ticket keeps its place by original issue time in the new business's line")
    func transferKeepsPlace() async throws {
        let clock = TestClock()
        try await withHall(clock: clock) { client in
            let older = try await client.issue("id-card")
            clock.advance(seconds: 60)
            let c1 = try await client.issue("seal-filing")
            clock.advance(seconds: 60)
            let c2 = try await client.issue("seal-filing")
            #expect(try await client.ticket(c1.id).position == 1)

            let officer = try await client.token(Demo.officers[0])
            let response = try await client.send(.post, "/api/v1/tickets/\(older.id)/transfer", token: officer, json: ["business": "seal-filing"])
            #expect(response.status == .ok)
            let moved = try decode(TicketJSON.self, response)
            #expect(moved.business == "seal-filing")
            #expect(moved.number == older.number, "the citizen keeps the number on their slip")
            #expect(moved.status == "waiting")
            #expect(moved.position == 1)
            #expect(try await client.ticket(c1.id).position == 2)
            #expect(try await client.businesses().first { $0.code == "id-card" }?.waiting == 0)

            // Window 5 serves seal-filing but not id-card: it now calls the transferred ticket first.
            let token = try await client.openWindow(5, badge: Demo.officers[4])
            let order = try await client.drainWindow(5, token: token).map(\.id)
            #expect(order == [older.id, c1.id, c2.id])
        }
    }

    @Test("A called ticket transferred by its window's officer waits again and the window is free")
    func transferCalledTicket() async throws {
        try await withHall { client in
            let ticket = try await client.issue("id-card")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            _ = try await client.callNext(1, token: token)
            let moved = try decode(
                TicketJSON.self,
                try await client.send(.post, "/api/v1/tickets/\(ticket.id)/transfer", token: token, json: ["business": "toxic-chemical-permit"])
            )
            #expect(moved.status == "waiting")
            #expect(moved.window == nil)
            #expect(moved.officer == nil)
            #expect(try await client.window(1).currentTicket == nil)
            #expect(try await client.callNext(1, token: token) == nil, "window 1 does not serve toxic-chemical-permit")
            let five = try await client.openWindow(5, badge: Demo.officers[4])
            #expect(try await client.callNext(5, token: five)?.id == ticket.id)
        }
    }

    @Test("Transfer refuses an unknown business (404), the same business (409) and a malformed body (400)")
    func transferErrors() async throws {
        try await withHall { client in
            let ticket = try await client.issue("id-card")
            let token = try await client.token(Demo.officers[0])
            let uri = "/api/v1/tickets/\(ticket.id)/transfer"
            expectError(try await client.send(.post, uri, token: token, json: ["business": "marriage-registration"]), .notFound, "business.unknown")
            expectError(try await client.send(.post, uri, token: token, json: ["business": "id-card"]), .conflict, "ticket.same-business")
            expectError(try await client.send(.post, uri, token: token, raw: "{"), .badRequest, "request.malformed")
            expectError(try await client.send(.post, uri, token: token, raw: "{}"), .badRequest, "request.malformed")
            #expect(try await client.ticket(ticket.id).business == "id-card")
        }
    }

    @Test("Calling a particular ticket out of turn needs a reason and marks the ticket outOfOrder")
    func outOfOrderCall() async throws {
        let clock = TestClock()
        try await withHall(clock: clock) { client in
            let first = try await client.issue("id-card")
            clock.advance(seconds: 1)
            let second = try await client.issue("id-card")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            let uri = "/api/v1/windows/1/call"

            expectError(
                try await client.send(.post, uri, token: token, json: ["ticket": second.id, "reason": ""]),
                .badRequest,
                "ticket.reason-required"
            )
            expectError(
                try await client.send(.post, uri, token: token, json: ["ticket": second.id, "reason": "  \n "]),
                .badRequest,
                "ticket.reason-required"
            )
            expectError(try await client.send(.post, uri, token: token, raw: #"{"ticket":"\#(second.id)"}"#), .badRequest, "request.malformed")
            #expect(try await client.ticket(second.id).status == "waiting")

            let response = try await client.send(.post, uri, token: token, json: ["ticket": second.id, "reason": "老人身体不适"])
            #expect(response.status == .ok)
            let called = try decode(TicketJSON.self, response)
            #expect(called.id == second.id)
            #expect(called.status == "called")
            #expect(called.window == 1)
            #expect(called.outOfOrder == true)
            #expect(try await client.ticket(second.id).outOfOrder == true)
            #expect(try await client.ticket(first.id).status == "waiting")

            let history = try await client.history(second.id, token: token)
            #expect(history.first?.action == "call")
            #expect(history.first?.detail == "老人身体不适", "the reason is kept for supervisors")
        }
    }

    @Test("An out-of-turn call refuses unknown tickets, tickets the window does not serve and tickets not waiting")
    func outOfOrderErrors() async throws {
        try await withHall { client in
            let household = try await client.issue("id-card")
            let token = try await client.openWindow(5, badge: Demo.officers[4])
            let uri = "/api/v1/windows/5/call"
            expectError(try await client.send(.post, uri, token: token, json: ["ticket": "garbage", "reason": "x"]), .notFound, "ticket.unknown")
            expectError(
                try await client.send(.post, uri, token: token, json: ["ticket": UUID().uuidString, "reason": "x"]),
                .notFound,
                "ticket.unknown"
            )
            expectError(
                try await client.send(.post, uri, token: token, json: ["ticket": household.id, "reason": "x"]),
                .conflict,
                "window.not-serving"
            )

            let one = try await client.openWindow(1, badge: Demo.officers[0])
            _ = try await client.callNext(1, token: one)
            try await client.perform("start", household.id, token: one)
            try await client.perform("finish", household.id, token: one)
            expectError(
                try await client.send(.post, "/api/v1/windows/1/call", token: one, json: ["ticket": household.id, "reason": "again"]),
                .conflict,
                "ticket.not-allowed"
            )
        }
    }

    @Test("GET /api/v1/tickets/{id}/history lists every transition with its officer and window")
    func history() async throws {
        try await withHall { client in
            let ticket = try await client.issue("id-card")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            _ = try await client.callNext(1, token: token)
            try await client.perform("recall", ticket.id, token: token)
            try await client.perform("start", ticket.id, token: token)
            try await client.perform("finish", ticket.id, token: token)

            expectError(try await client.send(.get, "/api/v1/tickets/\(ticket.id)/history"), .unauthorized, "auth.required")
            let response = try await client.send(.get, "/api/v1/tickets/\(ticket.id)/history", token: token)
            #expect(response.status == .ok)
            let events = try decode(HistoryJSON.self, response).events
            #expect(events.map(\.action) == ["call", "recall", "start", "finish"])
            #expect(events.map(\.from) == ["waiting", "called", "called", "serving"])
            #expect(events.map(\.to) == ["called", "called", "serving", "finished"])
            #expect(events.allSatisfy { $0.officer == Demo.officers[0] })
            #expect(events.allSatisfy { $0.window == 1 })
            #expect(zip(events, events.dropFirst()).allSatisfy { $0.at <= $1.at })
        }
    }
}
