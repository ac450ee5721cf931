import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Windows: sign-in, pause, calling the next ticket")
struct WindowRouteTests {
    @Test("An officer signs in to a window: 200, the window opens and shows the officer")
    func signIn() async throws {
        try await withHall { client in
            let token = try await client.token(Demo.officers[0])
            let response = try await client.send(.post, "/api/v1/windows/1/sign-in", token: token)
            #expect(response.status == .ok)
            let window = try decode(WindowJSON.self, response)
            #expect(window.number == 1)
            #expect(window.status == "open")
            #expect(window.officer?.badge == Demo.officers[0])
            #expect(try await client.window(1).officer?.badge == Demo.officers[0])
            // Signing in again to the window one already holds is fine.
            #expect(try await client.send(.post, "/api/v1/windows/1/sign-in", token: token).status == .ok)
        }
    }

    @Test("The duty leader may work a window; an administrator may not (403 from the access table)")
    func roles() async throws {
        try await withHall { client in
            let admin = try await client.token(Demo.admin)
            expectError(try await client.send(.post, "/api/v1/windows/2/sign-in", token: admin), .forbidden, "auth.forbidden")
            #expect(try await client.window(2).officer == nil)
            let leader = try await client.token(Demo.dutyLeader)
            #expect(try await client.send(.post, "/api/v1/windows/2/sign-in", token: leader).status == .ok)
        }
    }

    @Test("A second officer cannot take a window someone holds: 409 window.taken")
    func taken() async throws {
        try await withHall { client in
            _ = try await client.openWindow(1, badge: Demo.officers[0])
            let other = try await client.token(Demo.officers[1])
            expectError(try await client.send(.post, "/api/v1/windows/1/sign-in", token: other), .conflict, "window.taken")
            #expect(try await client.window(1).officer?.badge == Demo.officers[0])
            // Nor may they pause, resume or sign out someone else's window.
            for action in ["pause", "resume", "sign-out"] {
                expectError(try await client.send(.post, "/api/v1/windows/1/\(action)", token: other), .conflict, "window.not-signed-in")
            }
        }
    }

    @Test("Signing in to another window leaves the first one")
    func moveWindows() async throws {
        try await withHall { client in
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            #expect(try await client.send(.post, "/api/v1/windows/2/sign-in", token: token).status == .ok)
            let windows = try await client.windows()
            #expect(windows.first { $0.number == 1 }?.officer == nil)
            #expect(windows.first { $0.number == 1 }?.status == "closed")
            #expect(windows.first { $0.number == 2 }?.officer?.badge == Demo.officers[0])
            // The freed window can be taken by a colleague.
            _ = try await client.openWindow(1, badge: Demo.officers[1])
        }
    }

    @Test("An unknown window is a 404 window.unknown on every window route")
    func unknownWindow() async throws {
        try await withHall { client in
            let token = try await client.token(Demo.officers[0])
            for window in ["99", "0", "abc"] {
                for action in ["sign-in", "sign-out", "pause", "resume", "call-next"] {
                    expectError(try await client.send(.post, "/api/v1/windows/\(window)/\(action)", token: token), .notFound, "window.unknown")
                }
                expectError(try await client.send(.get, "/api/v1/windows/\(window)/queue"), .notFound, "window.unknown")
            }
            let ticket = try await client.issue("id-card")
            expectError(
                try await client.send(.post, "/api/v1/windows/99/call", token: token, json: ["ticket": ticket.id, "reason": "test"]),
                .notFound,
                "window.unknown"
            )
        }
    }

    @Test("Calling without being signed in to the window is a 409 window.not-signed-in")
    func callWithoutSignIn() async throws {
        try await withHall { client in
            _ = try await client.issue("id-card")
            let token = try await client.token(Demo.officers[0])
            expectError(try await client.send(.post, "/api/v1/windows/1/call-next", token: token), .conflict, "window.not-signed-in")
            // Holding window 2 does not allow calling to window 1.
            #expect(try await client.send(.post, "/api/v1/windows/2/sign-in", token: token).status == .ok)
            expectError(try await client.send(.post, "/api/v1/windows/1/call-next", token: token), .conflict, "window.not-signed-in")
            #expect(try await client.businesses().first { $0.code == "id-card" }?.waiting == 1)
        }
    }

    @Test("A paused window calls nothing (409 window.paused) until resumed")
    func pauseAndResume() async throws {
        try await withHall { client in
            let ticket = try await client.issue("id-card")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            let paused = try await client.send(.post, "/api/v1/windows/1/pause", token: token)
            #expect(paused.status == .ok)
            #expect(try decode(WindowJSON.self, paused).status == "paused")
            #expect(try decode(WindowJSON.self, paused).officer?.badge == Demo.officers[0], "a paused window keeps its officer")
            expectError(try await client.send(.post, "/api/v1/windows/1/call-next", token: token), .conflict, "window.paused")
            expectError(
                try await client.send(.post, "/api/v1/windows/1/call", token: token, json: ["ticket": ticket.id, "reason": "urgent"]),
                .conflict,
                "window.paused"
            )
            let resumed = try await client.send(.post, "/api/v1/windows/1/resume", token: token)
            #expect(resumed.status == .ok)
            #expect(try decode(WindowJSON.self, resumed).status == "open")
            #expect(try await client.callNext(1, token: token)?.id == ticket.id)
        }
    }

    @Test("After signing out of a window the officer can no longer call to it")
    func signOutThenCall() async throws {
        try await withHall { client in
            _ = try await client.issue("id-card")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            let out = try await client.send(.post, "/api/v1/windows/1/sign-out", token: token)
            #expect(out.status == .ok)
            let window = try decode(WindowJSON.self, out)
            #expect(window.status == "closed")
            #expect(window.officer == nil)
            let response = try await client.send(.post, "/api/v1/windows/1/call-next", token: token)
            #expect(response.status == .conflict)
            expectError(response, .conflict, "window.not-signed-in")
            expectError(try await client.send(.post, "/api/v1/windows/1/sign-out", token: token), .conflict, "window.not-signed-in")
        }
    }

    @Test("Call-next on an empty queue answers 204 with no body")
    func emptyQueue() async throws {
        try await withHall { client in
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            let response = try await client.send(.post, "/api/v1/windows/1/call-next", token: token)
            #expect(response.status == .noContent)
            #expect(response.body.readableBytes == 0)
            #expect(try await client.window(1).currentTicket == nil)
        }
    }

    @Test("Call-next while the window still has a called or serving ticket is a 409 window.busy")
    func busy() async throws {
        try await withHall { client in
            let first = try await client.issue("id-card")
            let second = try await client.issue("id-card")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            #expect(try await client.callNext(1, token: token)?.id == first.id)
            expectError(try await client.send(.post, "/api/v1/windows/1/call-next", token: token), .conflict, "window.busy")
            expectError(
                try await client.send(.post, "/api/v1/windows/1/call", token: token, json: ["ticket": second.id, "reason": "urgent"]),
                .conflict,
                "window.busy"
            )
            try await client.perform("start", first.id, token: token)
            expectError(try await client.send(.post, "/api/v1/windows/1/call-next", token: token), .conflict, "window.busy")
            #expect(try await client.ticket(second.id).status == "waiting")
            try await client.perform("finish", first.id, token: token)
            #expect(try await client.callNext(1, token: token)?.id == second.id)
        }
    }

    @Test("Call-next takes only tickets of the businesses the window serves (window 4: passports and driving licences)")
    func servesOnlyItsBusinesses() async throws {
        let clock = TestClock()
        try await withHall(clock: clock) { client in
            let serves = Set(try await client.window(4).businesses)
            #expect(serves == ["passport", "driving-licence"])
            _ = try await client.issue("id-card")
            clock.advance(seconds: 1)
            _ = try await client.issue("residence-permit")
            clock.advance(seconds: 1)
            let passport = try await client.issue("passport")
            clock.advance(seconds: 1)
            let licence = try await client.issue("driving-licence")

            let token = try await client.openWindow(4, badge: Demo.officers[3])
            var called: [TicketJSON] = []
            called += try await client.drainWindow(4, token: token)
            #expect(called.allSatisfy { $0.window == 4 })
            #expect(called.map(\.id) == [passport.id, licence.id])
            #expect(called.allSatisfy { serves.contains($0.business) })
            // The household tickets still wait for a window that serves them.
            let waiting = Dictionary(uniqueKeysWithValues: try await client.businesses().map { ($0.code, $0.waiting) })
            #expect(waiting["id-card"] == 1)
            #expect(waiting["residence-permit"] == 1)
        }
    }

    @Test("GET /api/v1/windows/{n}/queue lists the waiting tickets the window serves, in calling order")
    func queueOrder() async throws {
        let clock = TestClock()
        try await withHall(clock: clock) { client in
            var issued: [TicketJSON] = []
            for (business, green) in [
                ("id-card", nil), ("residence-permit", nil), ("seal-filing", nil), ("id-card", nil), ("residence-permit", "pregnancy"),
                ("id-card", nil),
            ] as [(String, String?)] {
                issued.append(try await client.issue(business, green: green))
                clock.advance(seconds: 1)
            }
            let response = try await client.send(.get, "/api/v1/windows/1/queue")
            #expect(response.status == .ok)
            let queue = try decode(QueueJSON.self, response)
            #expect(queue.window.number == 1)
            #expect(queue.waiting.allSatisfy { $0.status == "waiting" })
            #expect(queue.waiting.allSatisfy { queue.window.businesses.contains($0.business) })
            #expect(!queue.waiting.contains { $0.business == "seal-filing" }, "window 1 does not serve seal-filing")
            #expect(queue.waiting.first?.greenChannel == "pregnancy")
            #expect(queue.waiting.count == 5)

            let window5 = try await client.queue(5)
            #expect(window5.waiting.map(\.id) == [issued[2].id])

            // The listed order is exactly the order call-next takes them in.
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            let order = try await client.drainWindow(1, token: token).map(\.id)
            #expect(order == queue.waiting.map(\.id))
            #expect(try await client.queue(1).waiting.isEmpty)
        }
    }

    @Test("Tickets issued in the same millisecond are still called in number order (A001 before A002)")
    func sameInstantKeepsNumberOrder() async throws {
        // A frozen clock: every ticket gets the same issue time, as at a busy hall with several kiosks.
        let clock = TestClock(Date(), tick: 0)
        try await withHall(clock: clock) { client in
            var issued: [TicketJSON] = []
            for _ in 1...8 { issued.append(try await client.issue("id-card")) }
            #expect(issued.map(\.sequence) == Array(1...8))
            var positions: [Int?] = []
            for ticket in issued { positions.append(try await client.ticket(ticket.id).position) }
            #expect(positions == Array(1...8), "a later number must not stand ahead of an earlier one")

            let token = try await client.openWindow(1, badge: Demo.officers[0])
            var called: [String] = []
            called += try await client.drainWindow(1, token: token).map(\.number)
            #expect(called == issued.map(\.number))
        }
    }
}
