import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Ratings and rectification over HTTP")
struct EvaluationRouteTests {
    /// Issues, calls, starts and finishes one ticket at window 1; returns its id.
    func servedTicket(_ client: any TestClientProtocol) async throws -> String {
        let officer = try await client.openWindow(1, badge: Demo.officers[0])
        let ticket = try await client.issue("id-card")
        _ = try #require(try await client.callNext(1, token: officer))
        _ = try await client.perform("start", ticket.id, token: officer)
        _ = try await client.perform("finish", ticket.id, token: officer)
        return ticket.id
    }

    @Test("a citizen rates a finished ticket once; a staff session never rates; bad input is a 4xx")
    func rating() async throws {
        try await withHall { client in
            let id = try await servedTicket(client)
            let officer = try await client.token(Demo.officers[0])
            expectError(
                try await client.send(.post, "/api/v1/tickets/\(id)/rating", token: officer, raw: #"{"level":5}"#),
                .forbidden,
                "rating.staff-may-not-rate"
            )
            expectError(try await client.send(.post, "/api/v1/tickets/\(id)/rating", raw: #"{"level":9}"#), .badRequest, "rating.bad-level")
            expectError(
                try await client.send(.post, "/api/v1/tickets/\(id)/rating", raw: #"{"level":4,"indicators":{"attitude":7}}"#),
                .badRequest,
                "rating.indicator-out-of-range"
            )
            expectError(
                try await client.send(.post, "/api/v1/tickets/\(id)/rating", raw: #"{"level":4,"contact":"12345"}"#),
                .unprocessableContent,
                "rating.bad-contact"
            )
            #expect(try jsonObject(try await client.send(.get, "/api/v1/tickets/\(id)/rating"))["rated"] as? Bool == false)
            let stored = try await client.send(.post, "/api/v1/tickets/\(id)/rating", raw: #"{"level":4,"comment":"很好，电话13812345678"}"#)
            #expect(stored.status == .created)
            let body = try jsonObject(stored)
            #expect(body["comment"] as? String == "很好，电话138****5678" && body["rectification"] is NSNull)
            expectError(try await client.send(.post, "/api/v1/tickets/\(id)/rating", raw: #"{"level":1}"#), .conflict, "rating.already-rated")
            #expect(try jsonObject(try await client.send(.get, "/api/v1/tickets/\(id)/rating"))["rated"] as? Bool == true)
        }
    }

    @Test("a bad review reaches the duty leader, who calls back and closes it; the public results count it without the rater")
    func closedLoop() async throws {
        try await withHall { client in
            let id = try await servedTicket(client)
            let stored = try await client.send(
                .post,
                "/api/v1/tickets/\(id)/rating",
                raw: #"{"level":1,"comment":"态度不好","contact":"13912345678"}"#
            )
            let item = try #require(try jsonObject(stored)["rectification"] as? String)
            let leader = try await client.token(Demo.dutyLeader)
            let officer = try await client.token(Demo.officers[0])
            expectError(try await client.send(.get, "/api/v1/rectifications", token: officer), .forbidden, "auth.forbidden")
            let list = try jsonObject(try await client.send(.get, "/api/v1/rectifications", token: leader))
            #expect((list["items"] as? [[String: Any]])?.first?["id"] as? String == item)
            expectError(
                try await client.send(
                    .post,
                    "/api/v1/rectifications/\(item)/outcome",
                    token: leader,
                    raw: #"{"kind":"explained","description":"已说明"}"#
                ),
                .conflict,
                "rectification.return-visit-owed"
            )
            let visited = try await client.send(
                .post,
                "/api/v1/rectifications/\(item)/return-visits",
                token: leader,
                raw: #"{"result":"contacted","note":"评价人反映等候时窗口无人"}"#
            )
            #expect(visited.status == .ok)
            let closed = try jsonObject(
                try await client.send(
                    .post,
                    "/api/v1/rectifications/\(item)/outcome",
                    token: leader,
                    raw: #"{"kind":"fixedNow","description":"窗口离岗须放置暂停服务牌"}"#
                )
            )
            #expect(closed["stage"] as? String == "closed" && closed["state"] as? String == "closed")
            let results = try await client.send(.get, "/api/v1/results")
            let page = text(results)
            #expect(results.status == .ok && page.contains("窗口离岗须放置暂停服务牌"))
            #expect(!page.contains("13912345678") && !page.contains("139****5678") && !page.contains(Demo.officers[0]))
            let outcomes = try #require(try jsonObject(results)["outcomes"] as? [String: Int])
            #expect(outcomes["badReviews"] == 1 && outcomes["fixed"] == 1 && outcomes["returnVisited"] == 1 && outcomes["withContact"] == 1)
            expectError(try await client.send(.get, "/api/v1/results?month=2026-13"), .badRequest, "results.bad-month")
            let own = try jsonObject(try await client.send(.get, "/api/v1/account/ratings?period=week", token: officer))
            #expect((own["tally"] as? [String: Any])?["total"] as? Int == 1)
        }
    }

    @Test("a rating pad's token is bound to its window: it rates that window's ticket as the pad, never another window's")
    func padBoundToWindow() async throws {
        try await withHall { client in
            let admin = try await client.token(Demo.admin)
            func pad(_ id: String, window: Int?) async throws -> String {
                let windowField = window.map { #","window":\#($0)"# } ?? ""
                let issued = try await client.send(
                    .post,
                    "/api/v1/devices",
                    token: admin,
                    raw: #"{"id":"\#(id)","role":"ratingPad","name":"评价器"\#(windowField)}"#
                )
                #expect(issued.status == .created)
                return try #require(try jsonObject(issued)["token"] as? String)
            }
            let atWindow1 = try await pad("pad-1", window: 1)
            let atWindow2 = try await pad("pad-2", window: 2)
            // A pad is issued for a window or not at all.
            expectError(
                try await client.send(.post, "/api/v1/devices", token: admin, raw: #"{"id":"pad-x","role":"ratingPad","name":"评价器"}"#),
                .badRequest,
                "rating.pad-needs-window"
            )
            let id = try await servedTicket(client)
            expectError(
                try await client.send(.post, "/api/v1/tickets/\(id)/rating", token: atWindow2, raw: #"{"level":5}"#),
                .forbidden,
                "rating.not-this-window"
            )
            #expect(try jsonObject(try await client.send(.get, "/api/v1/tickets/\(id)/rating"))["rated"] as? Bool == false)
            let stored = try await client.send(.post, "/api/v1/tickets/\(id)/rating", token: atWindow1, raw: #"{"level":1}"#)
            #expect(stored.status == .created)
            #expect(try jsonObject(stored)["rectification"] is String)
        }
    }

    @Test("a rating cannot be changed or deleted through any route: none edits one, and every try leaves it as it was")
    func unalterable() async throws {
        // No route of the server, API or page, puts, patches or deletes anything of a rating.
        let editing = try await OpenAPITests.allRegisteredRoutes().filter { route in
            ["PUT ", "PATCH ", "DELETE "].contains { route.hasPrefix($0) } && route.lowercased().contains("rating")
        }
        #expect(editing.isEmpty, "routes that could edit a rating: \(editing.sorted())")
        try await withHall { client in
            let id = try await servedTicket(client)
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/rating", raw: #"{"level":4}"#).status == .created)
            let officer = try await client.token(Demo.officers[0])
            let leader = try await client.token(Demo.dutyLeader)
            for token in [nil, officer, leader] {
                for method in [HTTPRequest.Method.put, .patch, .delete] {
                    let response = try await client.send(method, "/api/v1/tickets/\(id)/rating", token: token, raw: #"{"level":1}"#)
                    #expect(!(200..<300).contains(response.status.code), "\(method) answered \(response.status.code)")
                }
                let again = try await client.send(.post, "/api/v1/tickets/\(id)/rating", token: token, raw: #"{"level":1}"#)
                #expect(again.status == .conflict || again.status == .forbidden)
            }
            let own = try jsonObject(try await client.send(.get, "/api/v1/account/ratings?period=week", token: officer))
            let tally = try #require(own["tally"] as? [String: Any])
            #expect(tally["total"] as? Int == 1 && (tally["byLevel"] as? [String: Int])?["4"] == 1 && tally["bad"] as? Int == 0)
        }
    }
}
