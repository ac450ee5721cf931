import ChuangkouCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// 一事一评 over HTTP and on the status page: the query code and the phone digits rate a decided case once.
@Suite("Case ratings over HTTP")
struct CaseRatingRouteTests {
    static let start = TestClock.shanghai(2026, 3, 3, 10, 0)

    /// A 即办件 completed on the spot by the first officer; its query code.
    static func decidedCase(_ client: any TestClientProtocol, decide: Bool = true) async throws -> String {
        let officer = try await client.token(Demo.officers[0])
        let opened = try jsonObject(
            try await client.send(
                .post,
                "/api/v1/cases",
                token: officer,
                raw: CaseRouteTests.json(["business": "no-criminal-record", "applicant": CaseRouteTests.person])
            )
        )
        let id = try #require(opened["id"] as? String)
        if decide {
            let four = (0..<4).map { ["index": $0, "state": "provided", "originals": 1, "copies": 1] }
            _ = try await client.send(.put, "/api/v1/cases/\(id)/checklist", token: officer, raw: CaseRouteTests.json(["items": four]))
            let completed = try jsonObject(try await client.send(.post, "/api/v1/cases/\(id)/intake", token: officer, raw: "{}"))
            #expect(completed["stage"] as? String == "completed")
        }
        return try #require(opened["queryCode"] as? String)
    }

    static func body(_ code: String, digits: String = "5678", level: Int = 4, extra: [String: Any] = [:]) -> String {
        CaseRouteTests.json(["code": code, "phoneLast4": digits, "level": level].merging(extra) { a, _ in a })
    }

    @Test("a decided case is rated once with its code and digits; staff, an open case, bad input and a second rating are refused")
    func rateOnce() async throws {
        try await withHall(clock: TestClock(Self.start)) { client in
            let code = try await Self.decidedCase(client)
            let open = try await Self.decidedCase(client, decide: false)
            let officer = try await client.token(Demo.officers[0])
            expectError(
                try await client.send(.post, "/api/v1/status/rating", token: officer, raw: Self.body(code)),
                .forbidden,
                "rating.staff-may-not-rate"
            )
            expectError(try await client.send(.post, "/api/v1/status/rating", raw: Self.body(code, level: 0)), .badRequest, "rating.bad-level")
            expectError(try await client.send(.post, "/api/v1/status/rating", raw: Self.body(open)), .conflict, "rating.service-not-ended")
            expectError(
                try await client.send(.post, "/api/v1/status/rating", raw: Self.body(code, digits: "0000")),
                .notFound,
                "status.not-found"
            )
            let stored = try await client.send(.post, "/api/v1/status/rating", raw: Self.body(code.lowercased(), extra: ["comment": "办得快"]))
            #expect(stored.status == .created, "\(text(stored))")
            #expect(try jsonObject(stored)["comment"] as? String == "办得快")
            expectError(try await client.send(.post, "/api/v1/status/rating", raw: Self.body(code, level: 1)), .conflict, "rating.already-rated")
        }
    }

    @Test("after the late-rating days the case is refused as too late")
    func tooLate() async throws {
        let clock = TestClock(Self.start)
        try await withHall(clock: clock) { client in
            let code = try await Self.decidedCase(client)
            clock.advance(seconds: 8 * 86_400)
            expectError(try await client.send(.post, "/api/v1/status/rating", raw: Self.body(code)), .conflict, "rating.too-late")
        }
    }

    @Test("wrong digits count towards the status query's per-address limit: the sixth try is a 429")
    func sharedLimit() async throws {
        try await withHall(clock: TestClock(Self.start)) { client in
            let code = try await Self.decidedCase(client)
            for _ in 0..<5 {
                expectError(
                    try await client.send(.post, "/api/v1/status/rating", raw: Self.body(code, digits: "1111")),
                    .notFound,
                    "status.not-found"
                )
            }
            expectError(try await client.send(.post, "/api/v1/status/rating", raw: Self.body(code)), .tooManyRequests, "status.rate-limited")
            expectError(
                try await client.send(.post, "/api/v1/status", raw: CaseRouteTests.json(["code": code, "phoneLast4": "5678"])),
                .tooManyRequests,
                "status.rate-limited"
            )
        }
    }

    @Test("the status page offers the rating form once the case is decided, stores it from the plain form, then says it is rated")
    func statusPageForm() async throws {
        try await withHall(clock: TestClock(Self.start)) { client in
            func post(_ uri: String, _ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: uri,
                    method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body)
                )
            }
            let open = try await Self.decidedCase(client, decide: false)
            #expect(!text(try await post("/status", "code=\(open)&phoneLast4=5678")).contains("rating-form"))
            let code = try await Self.decidedCase(client)
            let page = text(try await post("/status", "code=\(code)&phoneLast4=5678"))
            #expect(page.contains(#"id="rating-form""#) && page.contains("非常不满意") && page.contains("服务态度"))
            #expect(page.contains("可在 2026-03-10 前评价"))
            let english = text(try await post("/status?lang=en", "code=\(code)&phoneLast4=5678"))
            #expect(english.contains("Very dissatisfied") && english.contains("Attitude"))
            let missingLevel = try await post("/status/rating", "code=\(code)&phoneLast4=5678")
            #expect(missingLevel.status == .badRequest && text(missingLevel).contains("评价等级应为1"))
            let stored = try await post("/status/rating", "code=\(code)&phoneLast4=5678&level=2&attitude=1&comment=%E6%85%A2&contact=13912345678")
            #expect(stored.status == .ok && text(stored).contains("感谢您的评价") && text(stored).contains("回访"))
            #expect(!text(stored).contains(#"id="rating-form""#))
            let again = text(try await post("/status", "code=\(code)&phoneLast4=5678"))
            #expect(again.contains("您已评价过") && !again.contains(#"id="rating-form""#))
            let leader = try await client.token(Demo.dutyLeader)
            let items = try jsonObject(try await client.send(.get, "/api/v1/rectifications", token: leader))["items"] as? [[String: Any]]
            #expect(items?.count == 1)
        }
    }
}
