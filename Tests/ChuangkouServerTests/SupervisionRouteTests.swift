import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Out-of-turn call review over HTTP")
struct SupervisionRouteTests {
    @Test("a call out of turn waits on the desk until a supervisor flags it; the officer can neither see the desk nor clear it")
    func review() async throws {
        try await withHall { client in
            let officer = try await client.openWindow(1, badge: Demo.officers[0])
            _ = try await client.issue("id-card")
            let second = try await client.issue("id-card")
            let called = try await client.send(
                .post,
                "/api/v1/windows/1/call",
                token: officer,
                raw: #"{"ticket":"\#(second.id)","reason":"熟人，电话13812345678"}"#
            )
            #expect(called.status == .ok)
            let supervisor = try await client.token("010300")
            let leader = try await client.token(Demo.dutyLeader)
            expectError(try await client.send(.get, "/api/v1/supervision/out-of-turn-calls", token: officer), .forbidden, "auth.forbidden")
            let desk = try jsonObject(try await client.send(.get, "/api/v1/supervision/out-of-turn-calls", token: leader))
            let pending = try #require(desk["pending"] as? [[String: Any]])
            #expect(pending.count == 1 && pending[0]["ticket"] as? String == second.id && pending[0]["officer"] as? String == Demo.officers[0])
            #expect(pending[0]["reason"] as? String == "熟人，电话138****5678")
            let id = try #require(pending[0]["id"] as? Int)
            let path = "/api/v1/supervision/out-of-turn-calls/\(id)/review"
            expectError(try await client.send(.post, path, token: leader, raw: #"{"verdict":"justified"}"#), .forbidden, "auth.forbidden")
            expectError(
                try await client.send(.post, path, token: supervisor, raw: #"{"verdict":"flagged"}"#),
                .badRequest,
                "supervision.note-required"
            )
            expectError(try await client.send(.post, path, token: supervisor, raw: #"{"verdict":"maybe"}"#), .badRequest, "supervision.bad-request")
            #expect(try await client.send(.post, path, token: supervisor, raw: #"{"verdict":"flagged","note":"理由不成立"}"#).status == .ok)
            expectError(
                try await client.send(.post, path, token: supervisor, raw: #"{"verdict":"justified"}"#),
                .conflict,
                "supervision.already-reviewed"
            )
            expectError(
                try await client.send(.post, "/api/v1/supervision/out-of-turn-calls/0/review", token: supervisor, raw: #"{"verdict":"justified"}"#),
                .notFound,
                "supervision.unknown-call"
            )
            let after = try jsonObject(try await client.send(.get, "/api/v1/supervision/out-of-turn-calls", token: supervisor))
            #expect((after["pending"] as? [Any])?.isEmpty == true)
            #expect((after["flagged"] as? [String: Int]) == [Demo.officers[0]: 1])
        }
    }
}

@Suite("The supervisor's desk over HTTP")
struct DeskRouteTests {
    @Test("the desk counts a served ticket for the hall and its officer, as JSON and CSV; bad periods are a 400")
    func desk() async throws {
        try await withHall { client in
            let officer = try await client.openWindow(1, badge: Demo.officers[0])
            let ticket = try await client.issue("id-card")
            _ = try #require(try await client.callNext(1, token: officer))
            _ = try await client.perform("start", ticket.id, token: officer)
            _ = try await client.perform("finish", ticket.id, token: officer)
            let supervisor = try await client.token("010300")
            expectError(try await client.send(.get, "/api/v1/supervision/desk", token: officer), .forbidden, "auth.forbidden")
            let desk = try jsonObject(try await client.send(.get, "/api/v1/supervision/desk?period=week", token: supervisor))
            #expect(desk["period"] as? String == "week")
            let rows = try #require(desk["rows"] as? [[String: Any]])
            #expect(rows.first?["officer"] == nil && rows.first?["served"] as? Int == 1)
            #expect(rows.contains { $0["officer"] as? String == Demo.officers[0] && $0["served"] as? Int == 1 })
            let csv = try await client.send(.get, "/api/v1/supervision/desk.csv?period=month", token: supervisor)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = String(buffer: csv.body).split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("officer,served,noShows") == true && lines.count == 3)
            #expect(lines[1].hasPrefix("hall,1,0,"))
            let signedOut = try await client.send(.get, "/supervision")
            #expect(signedOut.status == .found && signedOut.headers[.location] == "/console/login?next=%2Fsupervision")
            #expect(try await client.send(.get, "/supervision", token: officer).status == .forbidden)
            let page = text(try await client.send(.get, "/supervision?period=week", token: supervisor))
            #expect(page.contains("督察台") && page.contains("全厅") && page.contains(Demo.officers[0]))
            #expect(page.contains("/api/v1/supervision/desk.csv?period=week"))
            #expect(text(try await client.send(.get, "/supervision?lang=en", token: supervisor)).contains("Whole hall"))
            for query in ["period=year", "date=2026-13-01", "date=1999-12-31"] {
                expectError(
                    try await client.send(.get, "/api/v1/supervision/desk?\(query)", token: supervisor),
                    .badRequest,
                    "supervision.bad-request"
                )
            }
        }
    }
}
