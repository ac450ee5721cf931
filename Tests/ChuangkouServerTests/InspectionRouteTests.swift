import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Inspections over HTTP")
struct InspectionRouteTests {
    let supervisor = "010300"

    func deskRow(_ client: any TestClientProtocol, token: String, officer: String?) async throws -> [String: Any] {
        let desk = try jsonObject(try await client.send(.get, "/api/v1/supervision/desk", token: token))
        let rows = try #require(desk["rows"] as? [[String: Any]])
        return try #require(rows.first { ($0["officer"] as? String) == officer })
    }

    @Test("a supervisor records an inspection; fewer than two inspectors, a self-inspection, unknown officers and bad findings are refused")
    func record() async throws {
        try await withHall { client in
            _ = try await client.openWindow(1, badge: Demo.officers[0])
            let boss = try await client.token(supervisor)
            let leader = try await client.token(Demo.dutyLeader)
            let today = try #require(try jsonObject(try await client.send(.get, "/api/v1/supervision/desk", token: boss))["from"] as? String)
            func body(_ inspectors: String, windows: String = "[1]", findings: String = "[]") -> String {
                #"{"day":"\#(today)","inspectors":\#(inspectors),"windows":\#(windows),"findings":\#(findings)}"#
            }
            let finding = #"[{"item":"uniform","window":1,"note":"未按规定着装，身份证110101199003077777","owner":"010231","workingDays":3}]"#
            let cases: [(String, String, HTTPResponse.Status, String)] = [
                (leader, body(#"["010300","010100"]"#), .forbidden, "auth.forbidden"),
                (boss, body(#"["010300"]"#), .badRequest, "inspection.too-few-inspectors"),
                (boss, body(#"["010300","010300"]"#), .badRequest, "inspection.too-few-inspectors"),
                (boss, body(#"["010300","010231"]"#), .forbidden, "inspection.self-inspection"),
                (boss, body(#"["010300","999999"]"#), .unprocessableContent, "inspection.unknown-officer"),
                (boss, body(#"["010300","010100"]"#, windows: "[]"), .badRequest, "inspection.no-windows"),
                (boss, body(#"["010300","010100"]"#, windows: "[98]"), .unprocessableContent, "inspection.unknown-window"),
                (boss, body(#"["010300","abc"]"#), .badRequest, "inspection.bad-request"),
                (
                    boss, body(#"["010300","010100"]"#, findings: #"[{"item":"fees","window":2,"note":"x","owner":"010231","workingDays":3}]"#),
                    .badRequest, "inspection.window-not-inspected"
                ),
                (
                    boss, body(#"["010300","010100"]"#, findings: #"[{"item":"fees","note":" ","owner":"010231","workingDays":3}]"#),
                    .badRequest, "inspection.note-required"
                ),
                (
                    boss, body(#"["010300","010100"]"#, findings: #"[{"item":"fees","note":"x","owner":"010231","workingDays":61}]"#),
                    .badRequest, "inspection.deadline-out-of-range"
                ),
                (
                    boss, body(#"["010300","010100"]"#, findings: #"[{"item":"bribes","note":"x","owner":"010231","workingDays":1}]"#),
                    .badRequest, "inspection.bad-request"
                ),
            ]
            for (token, raw, status, code) in cases {
                expectError(try await client.send(.post, "/api/v1/inspections", token: token, raw: raw), status, code)
            }
            #expect(try await deskRow(client, token: boss, officer: nil)["inspectionFindingsOpen"] as? Int == 0, "nothing refused was kept")

            let recorded = try await client.send(.post, "/api/v1/inspections", token: boss, raw: body(#"["010300","010100"]"#, findings: finding))
            #expect(recorded.status == .created)
            let inspection = try jsonObject(recorded)
            #expect(inspection["inspected"] as? [String] == [Demo.officers[0]], "whoever is signed in at the window is inspected")
            #expect((inspection["passed"] as? [String])?.count == 6 && !((inspection["passed"] as? [String]) ?? []).contains("uniform"))
            let findings = try #require(inspection["findings"] as? [[String: Any]])
            #expect(findings.count == 1 && findings[0]["owner"] as? String == Demo.officers[0])
            #expect((findings[0]["note"] as? String)?.contains("110101199003077777") == false, "masked")

            let listed = try jsonObject(try await client.send(.get, "/api/v1/inspections", token: leader))
            #expect((listed["inspections"] as? [[String: Any]])?.map { $0["id"] as? String } == [inspection["id"] as? String])
            expectError(
                try await client.send(.get, "/api/v1/inspections", token: try await client.token(Demo.officers[0])),
                .forbidden,
                "auth.forbidden"
            )
        }
    }

    @Test("a finding stays open on the desk, for its owner and the hall, until its owner (or a supervisor) closes it, once")
    func followUp() async throws {
        try await withHall { client in
            _ = try await client.openWindow(1, badge: Demo.officers[0])
            let boss = try await client.token(supervisor)
            let owner = try await client.token(Demo.officers[0])
            let other = try await client.token(Demo.officers[1])
            let today = try #require(try jsonObject(try await client.send(.get, "/api/v1/supervision/desk", token: boss))["from"] as? String)
            let raw =
                #"{"day":"\#(today)","inspectors":["010300","010100"],"windows":[1],"#
                + #""findings":[{"item":"fourPublic","note":"未公示收费标准","owner":"010231","workingDays":2}]}"#
            let id = try #require(try jsonObject(try await client.send(.post, "/api/v1/inspections", token: boss, raw: raw))["id"] as? String)
            #expect(try await deskRow(client, token: boss, officer: Demo.officers[0])["inspectionFindingsOpen"] as? Int == 1)
            #expect(try await deskRow(client, token: boss, officer: nil)["inspectionFindingsOpen"] as? Int == 1)
            let csv = text(try await client.send(.get, "/api/v1/supervision/desk.csv", token: boss))
            #expect(csv.hasPrefix("officer,") && csv.contains("inspectionFindingsOpen") && csv.contains("\r\nhall,"))

            let close = "/api/v1/inspections/\(id)/follow-ups/0/close"
            expectError(try await client.send(.post, close, token: other), .forbidden, "inspection.not-owner")
            expectError(try await client.send(.post, "/api/v1/inspections/\(id)/follow-ups/5/close", token: owner), .notFound, "inspection.unknown")
            #expect(try await client.send(.post, close, token: owner).status == .noContent)
            expectError(try await client.send(.post, close, token: boss), .conflict, "inspection.already-closed")
            #expect(try await deskRow(client, token: boss, officer: nil)["inspectionFindingsOpen"] as? Int == 0)
            let listed = try jsonObject(try await client.send(.get, "/api/v1/inspections", token: boss))
            let finding = try #require(((listed["inspections"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])?.first)
            #expect(finding["closedAt"] as? String != nil)
            let desk = text(try await client.send(.get, "/supervision", token: boss))
            #expect(desk.contains("检查问题 未整改"))
        }
    }

    @Test("the page: a supervisor records through the checklist form (PRG), a refusal is said in words with the form kept; leaders only read")
    func page() async throws {
        try await withHall { client in
            _ = try await client.openWindow(1, badge: Demo.officers[0])
            let boss = try await client.token(supervisor)
            let leader = try await client.token(Demo.dutyLeader)
            let form = text(try await client.send(.get, "/inspections", token: boss))
            #expect(form.contains(#"id="inspection-form""#) && form.contains("着装与警容") && form.contains("本期暂无监督检查记录"))
            let today = try #require(try jsonObject(try await client.send(.get, "/api/v1/supervision/desk", token: boss))["from"] as? String)
            let one = try await EvaluationPageTests.post(client, "/inspections", token: boss, ["day": today, "inspector": supervisor, "window": "1"])
            #expect(one.status == .badRequest && text(one).contains("2名以上检查人"))
            #expect(text(one).contains(#"value="010300" checked"#), "the choices made are kept")

            let body = [
                "day=\(today)", "inspector=010300", "inspector=010100", "window=1", "note-uniform=%E6%9C%AA%E7%9D%80%E8%AD%A6%E6%9C%8D",
                "window-uniform=1", "owner-uniform=010231", "days-uniform=3", "note-fees=", "days-fees=5",
            ].joined(separator: "&")
            let recorded = try await client.execute(
                uri: "/inspections",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .authorization: "Bearer \(boss)"],
                body: ByteBuffer(string: body)
            )
            #expect(recorded.status == .seeOther && recorded.headers[.location] == "/inspections?done=1")
            let listed = text(try await client.send(.get, "/inspections?done=1", token: boss))
            #expect(listed.contains("已记录") && listed.contains("未着警服") && listed.contains("待整改") && listed.contains("/follow-ups/0/close"))
            let read = text(try await client.send(.get, "/inspections?lang=en", token: leader))
            #expect(read.contains("Uniform and bearing") && !read.contains(#"id="inspection-form""#) && !read.contains("/follow-ups/0/close"))
            let refused = try await EvaluationPageTests.post(client, "/inspections", token: leader, ["day": today])
            #expect(refused.status == .forbidden)
        }
    }
}
