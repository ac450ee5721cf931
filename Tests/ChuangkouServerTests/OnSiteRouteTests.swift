import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// 现场办公 over HTTP: the public form, the duty leader's decision, the team's schedule and route list, the result,
/// and who may see what.
@Suite("On-site visits over HTTP")
struct OnSiteRouteTests {
    static let start = TestClock.shanghai(2026, 9, 28, 10, 0)

    static func body(days: [String] = ["2026-10-09"], collects: Bool = true, phone: String = "13912345678") -> String {
        let data = try! JSONSerialization.data(withJSONObject: [
            "applicant": "张桂兰（卧床老人）", "phone": phone, "address": "东湖区幸福路8号3栋502室", "businesses": ["id-card"],
            "reason": "mobility", "details": "家属电话13812345678", "preferredDays": days, "collectsPersonalData": collects,
        ] as [String: Any])
        return String(decoding: data, as: UTF8.self)
    }

    @Test("public request → the duty leader plans it on a working day with two officers → schedule, route list, query, result")
    func closedLoop() async throws {
        let clock = TestClock(Self.start)
        try await withHall(clock: clock) { client in
            expectError(try await client.send(.post, "/api/v1/onsite", raw: Self.body(phone: "12345")), .badRequest, "onsite.bad-request")
            expectError(try await client.send(.post, "/api/v1/onsite", raw: Self.body(days: ["2026-09-27"])), .badRequest, "onsite.preferred-days")
            let filed = try jsonObject(try await client.send(.post, "/api/v1/onsite", raw: Self.body()))
            let id = try #require(filed["id"] as? String)
            let code = try #require(filed["queryCode"] as? String)

            let officer = try await client.token(Demo.officers[0])
            let partner = try await client.token(Demo.officers[1])
            let outsider = try await client.token(Demo.officers[2])
            let leader = try await client.token(Demo.dutyLeader)
            expectError(try await client.send(.get, "/api/v1/onsite", token: officer), .forbidden, "auth.forbidden")
            expectError(try await client.send(.get, "/api/v1/onsite/\(id)", token: officer), .notFound, "onsite.unknown")
            let listed = try jsonObject(try await client.send(.get, "/api/v1/onsite?stage=requested", token: leader))["visits"] as? [[String: Any]]
            #expect(listed?.map { $0["id"] as? String } == [id])
            #expect(listed?.first?["phoneMasked"] as? String == "139****5678")
            #expect(listed?.first?["details"] as? String == "家属电话138****5678")
            #expect(listed?.first?["plan"] is NSNull && listed?.first?["result"] is NSNull, "absent values are null, not missing")

            func approve(_ day: String, _ team: [String], token: String) async throws -> TestResponse {
                let data = try JSONSerialization.data(withJSONObject: ["day": day, "half": "morning", "team": team] as [String: Any])
                return try await client.send(.post, "/api/v1/onsite/\(id)/approve", token: token, raw: String(decoding: data, as: UTF8.self))
            }
            expectError(try await approve("2026-10-09", [Demo.officers[0], Demo.officers[1]], token: officer), .forbidden, "auth.forbidden")
            expectError(
                try await approve("2026-10-05", [Demo.officers[0], Demo.officers[1]], token: leader),
                .unprocessableContent,
                "onsite.not-a-working-day"
            )
            expectError(try await approve("2026-10-09", [Demo.officers[0]], token: leader), .unprocessableContent, "onsite.team-size")
            expectError(
                try await approve("2026-10-09", [Demo.officers[0], Demo.admin], token: leader),
                .unprocessableContent,
                "onsite.team-member-invalid"
            )
            let planned = try await approve("2026-10-10", [Demo.officers[0], Demo.officers[1]], token: leader)
            #expect(planned.status == .ok, "the 调休 Saturday is a working day: \(text(planned))")

            let schedule = try jsonObject(try await client.send(.get, "/api/v1/onsite/schedule", token: partner))["visits"] as? [[String: Any]]
            #expect(schedule?.map { $0["id"] as? String } == [id])
            #expect(try await client.send(.get, "/api/v1/onsite/\(id)", token: partner).status == .ok)
            expectError(try await client.send(.get, "/api/v1/onsite/\(id)", token: outsider), .notFound, "onsite.unknown")

            let sheet = text(try await client.send(.get, "/onsite/route-list?day=2026-10-10", token: officer))
            #expect(sheet.contains("东湖区幸福路8号3栋502室") && sheet.contains("139****5678") && !sheet.contains("13912345678"))
            #expect(sheet.contains("王建国（010231）") && sheet.contains("现场采集个人信息"))
            let notMine = text(try await client.send(.get, "/onsite/route-list?day=2026-10-10", token: outsider))
            #expect(notMine.contains("当日没有已安排的现场办公") && !notMine.contains("幸福路"))

            let query = #"{"code":"\#(code)","phoneLast4":"5678"}"#
            let status = try jsonObject(try await client.send(.post, "/api/v1/onsite/query", raw: query))
            #expect(status["stage"] as? String == "approved" && status["planned"] as? String == "2026年10月10日上午")
            expectError(
                try await client.send(.post, "/api/v1/onsite/query", raw: #"{"code":"\#(code)","phoneLast4":"0000"}"#),
                .notFound,
                "onsite.query-not-found"
            )

            let done = #"{"outcome":"done","note":"已受理身份证换领","casesTaken":1}"#
            expectError(
                try await client.send(.post, "/api/v1/onsite/\(id)/result", token: officer, raw: done),
                .conflict,
                "onsite.result-before-visit"
            )
            clock.set(TestClock.shanghai(2026, 10, 10, 11, 0))
            // Twelve days on, everyone signs in again.
            let (partnerToday, outsiderToday) = (try await client.token(Demo.officers[1]), try await client.token(Demo.officers[2]))
            expectError(try await client.send(.post, "/api/v1/onsite/\(id)/result", token: outsiderToday, raw: done), .notFound, "onsite.unknown")
            let visited = try jsonObject(try await client.send(.post, "/api/v1/onsite/\(id)/result", token: partnerToday, raw: done))
            #expect(visited["stage"] as? String == "visited")
            #expect((visited["history"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["requested", "approved", "visited"])
        }
    }

    @Test("staff record a request for a caller (no query code); the leader declines it with a reason; an administrator reads none")
    func staffAndDecline() async throws {
        try await withHall(clock: TestClock(Self.start)) { client in
            let officer = try await client.token(Demo.officers[0])
            let filed = try jsonObject(try await client.send(.post, "/api/v1/onsite", token: officer, raw: Self.body(collects: false)))
            let id = try #require(filed["id"] as? String)
            #expect(filed["queryCode"] is NSNull)
            #expect(try await client.send(.get, "/api/v1/onsite/\(id)", token: officer).status == .ok, "its recorder sees it")
            let leader = try await client.token(Demo.dutyLeader)
            expectError(
                try await client.send(.post, "/api/v1/onsite/\(id)/decline", token: leader, raw: #"{"reason":" "}"#),
                .badRequest,
                "onsite.reason-required"
            )
            let declined = try jsonObject(
                try await client.send(.post, "/api/v1/onsite/\(id)/decline", token: leader, raw: #"{"reason":"可由家属代办，无需上门"}"#)
            )
            #expect(declined["stage"] as? String == "declined" && declined["declineReason"] as? String == "可由家属代办，无需上门")
            let admin = try await client.token(Demo.admin, at: Self.start)
            expectError(try await client.send(.get, "/api/v1/onsite/\(id)", token: admin), .forbidden, "auth.forbidden")
            expectError(try await client.send(.get, "/api/v1/onsite?stage=nope", token: leader), .badRequest, "onsite.bad-request")
        }
    }
}
