import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Workload over HTTP (避免厌烦)")
struct WorkloadRouteTests {
    @Test("an officer sees their own minutes at the window, serving and break; the duty leader everyone's; the page shows both; bad periods 400")
    func workload() async throws {
        let clock = TestClock(TestClock.shanghai(2026, 3, 2, 9, 0))
        try await withHall(clock: clock) { client in
            let officer = try await client.openWindow(1, badge: Demo.officers[0])
            _ = try await client.openWindow(2, badge: Demo.officers[1])
            let ticket = try await client.issue("id-card")
            _ = try await client.callNext(1, token: officer)
            _ = try await client.perform("start", ticket.id, token: officer)
            clock.advance(seconds: 30 * 60)
            _ = try await client.perform("finish", ticket.id, token: officer)
            #expect(try await client.send(.post, "/api/v1/windows/1/pause", token: officer).status == .ok)
            clock.advance(seconds: 10 * 60)
            #expect(try await client.send(.post, "/api/v1/windows/1/resume", token: officer).status == .ok)
            clock.advance(seconds: 20 * 60)

            let own = try jsonObject(try await client.send(.get, "/api/v1/supervision/workload", token: officer))
            #expect(own["from"] as? String == "2026-03-02" && own["heavyServingMinutes"] as? Int == 360)
            let rows = try #require(own["rows"] as? [[String: Any]])
            #expect(rows.count == 1 && rows[0]["officer"] as? String == Demo.officers[0])
            let total = try #require(rows[0]["total"] as? [String: Int])
            #expect(total == ["windowMinutes": 50, "servingMinutes": 30, "breaks": 1, "breakMinutes": 10, "served": 1])
            #expect((rows[0]["days"] as? [[String: Any]])?.first?["heavy"] as? Bool == false)

            let leader = try await client.token(Demo.dutyLeader)
            let all = try jsonObject(try await client.send(.get, "/api/v1/supervision/workload?period=week&date=2026-03-04", token: leader))
            let badges = (all["rows"] as? [[String: Any]])?.compactMap { $0["officer"] as? String }
            #expect(all["from"] as? String == "2026-03-02" && badges == [Demo.officers[0], Demo.officers[1]])
            expectError(
                try await client.send(.get, "/api/v1/supervision/workload?period=year", token: leader),
                .badRequest,
                "supervision.bad-request"
            )
            expectError(try await client.send(.get, "/api/v1/supervision/workload"), .unauthorized, "auth.required")

            let page = text(try await client.send(.get, "/workload", token: officer))
            #expect(page.contains("工作量") && page.contains(Demo.officers[0]) && !page.contains(Demo.officers[1]))
            #expect(page.contains(#"class="own-only""#))
            let leaderPage = text(try await client.send(.get, "/workload?period=week&lang=en", token: leader))
            #expect(leaderPage.contains("Workload") && leaderPage.contains(Demo.officers[1]) && !leaderPage.contains(#"class="own-only""#))
        }
    }
}
