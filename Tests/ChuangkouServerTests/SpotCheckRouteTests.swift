import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Case spot-checks over HTTP")
struct SpotCheckRouteTests {
    let supervisor = "010300"

    @Test("a supervisor draws with a given seed (kept as digits), bad counts and seeds are refused, leaders only read; the page shows the seed")
    func drawAndPage() async throws {
        try await withHall { client in
            let boss = try await client.token(supervisor)
            let leader = try await client.token(Demo.dutyLeader)
            let today = try #require(try jsonObject(try await client.send(.get, "/api/v1/supervision/desk", token: boss))["from"] as? String)
            func body(_ count: Int, seed: String) -> String { #"{"date":"\#(today)","count":\#(count),"seed":"\#(seed)"}"# }
            expectError(try await client.send(.post, "/api/v1/spot-checks", token: leader, raw: body(3, seed: "42")), .forbidden, "auth.forbidden")
            expectError(
                try await client.send(.post, "/api/v1/spot-checks", token: boss, raw: body(0, seed: "42")),
                .badRequest,
                "spot-check.count-out-of-range"
            )
            expectError(
                try await client.send(.post, "/api/v1/spot-checks", token: boss, raw: body(3, seed: "18446744073709551616")),
                .badRequest,
                "spot-check.bad-request"
            )
            let drawn = try await client.send(.post, "/api/v1/spot-checks", token: boss, raw: body(3, seed: "18446744073709551615"))
            #expect(drawn.status == .created)
            let record = try jsonObject(drawn)
            #expect(record["seed"] as? String == "18446744073709551615" && record["population"] as? Int == 0)
            let id = try #require(record["id"] as? String)
            let again = try jsonObject(try await client.send(.get, "/api/v1/spot-checks/\(id)", token: leader))
            #expect(again["sameCandidates"] as? Bool == true && again["sameCases"] as? Bool == true)
            let page = text(try await client.send(.get, "/spot-checks?date=\(today)", token: boss))
            #expect(page.contains("18446744073709551615") && page.contains(#"id="spot-check-form""#) && page.contains("结果一致"))
            let read = text(try await client.send(.get, "/spot-checks?lang=en", token: leader))
            #expect(read.contains("Case spot-checks") && !read.contains(#"id="spot-check-form""#))
        }
    }

    @Test("the page names each drawn case's business and shows when it was drawn in the hall's time, not a code and UTC")
    func pageInTheHallsWords() async throws {
        // 10:00 in Shanghai is 02:00 UTC: the page must say 10:00.
        try await withHall(clock: TestClock(CaseRatingRouteTests.start)) { client in
            _ = try await CaseRatingRouteTests.decidedCase(client)
            let boss = try await client.token(supervisor)
            let drawn = try await client.send(
                .post,
                "/api/v1/spot-checks",
                token: boss,
                raw: #"{"date":"2026-03-03","count":1,"seed":"7"}"#
            )
            #expect(drawn.status == .created, "\(text(drawn))")
            #expect(try jsonObject(drawn)["population"] as? Int == 1)
            let page = text(try await client.send(.get, "/spot-checks?date=2026-03-03", token: boss))
            #expect(page.contains("<h2>2026-03-03 10:00</h2>"), "\(page)")
            #expect(page.contains("<td>无犯罪记录证明开具</td>") && !page.contains("<td>no-criminal-record</td>"))
            let english = text(try await client.send(.get, "/spot-checks?date=2026-03-03&lang=en", token: boss))
            #expect(!english.contains("<td>no-criminal-record</td>") && !english.contains("T02:00:00Z"))
        }
    }
}
