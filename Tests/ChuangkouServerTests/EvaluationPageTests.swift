import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Evaluation pages: bad reviews, the published results, one's own ratings")
struct EvaluationPageTests {
    static let supervisor = "010300"

    /// A 差评 with a contact on a ticket served by officers[0] at window 1; returns the item's id.
    static func badReview(_ client: any TestClientProtocol, comment: String = "态度不好") async throws -> String {
        let id = try await EvaluationRouteTests().servedTicket(client)
        let stored = try await client.send(
            .post,
            "/api/v1/tickets/\(id)/rating",
            raw: #"{"level":1,"comment":"\#(comment)","contact":"13912345678"}"#
        )
        return try #require(try jsonObject(stored)["rectification"] as? String)
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, token: String, _ fields: [String: String]) async throws -> TestResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._")
        let body = fields.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return try await client.execute(
            uri: uri,
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .authorization: "Bearer \(token)"],
            body: ByteBuffer(string: body)
        )
    }

    @Test("the list needs a duty leader or supervisor; it shows the item, its limits and time left, never the rater's phone")
    func list() async throws {
        try await withHall { client in
            let item = try await Self.badReview(client)
            let signedOut = try await client.send(.get, "/rectifications")
            #expect(signedOut.status == .found && signedOut.headers[.location] == "/console/login?next=%2Frectifications")
            PageTests.expectHTML(try await client.send(.get, "/rectifications", token: try await client.token(Demo.officers[1])), .forbidden)

            let leader = try await client.token(Demo.dutyLeader)
            let response = try await client.send(.get, "/rectifications", token: leader)
            PageTests.expectHTML(response)
            let html = text(response)
            #expect(html.contains(#"data-rectification="\#(item)""#) && html.contains(#"href="/rectifications/\#(item)""#))
            #expect(html.contains("居民身份证") && html.contains("1号窗口") && html.contains("非常不满意"))
            #expect(html.contains("剩余15个工作日") && html.contains("待回访") && html.contains("正常"))
            #expect(html.contains("（010231）") && html.contains("赵国强（010100）"), "the rated officer and the handler, by name and badge")
            #expect(!html.contains("13912345678") && !html.contains("****5678"), "the rater's phone, not even masked")

            let closed = text(try await client.send(.get, "/rectifications?show=closed", token: leader))
            #expect(!closed.contains(item) && closed.contains("暂无此类整改事项"))
            let overdue = text(try await client.send(.get, "/rectifications?show=overdue", token: leader))
            #expect(!overdue.contains(#"data-rectification="\#(item)""#))
            let english = text(try await client.send(.get, "/rectifications?lang=en", token: leader))
            #expect(english.contains("Bad-review rectification") && english.contains("15 working day(s) left") && english.contains("Window 1"))
        }
    }

    @Test("an item moves by its forms: return visit, then outcome, each redirected back (PRG) and in the history with who and when")
    func closedLoop() async throws {
        try await withHall { client in
            let item = try await Self.badReview(client)
            let leader = try await client.token(Demo.dutyLeader)
            let page = text(try await client.send(.get, "/rectifications/\(item)", token: leader))
            #expect(page.contains(#"id="return-visit-form""#) && !page.contains(#"id="outcome-form""#), "the outcome waits for the return visit")
            #expect(page.contains("请先回访评价人") && page.contains("态度不好") && !page.contains("13912345678"))
            #expect(page.contains(#"name="csrf_token""#))

            let refused = try await Self.post(client, "/rectifications/\(item)/return-visits", token: leader, ["result": "contacted", "note": "  "])
            PageTests.expectHTML(refused, .badRequest)
            #expect(text(refused).contains(#"<p class="error" role="alert">请填写说明</p>"#))
            let badAttempts = try await Self.post(
                client,
                "/rectifications/\(item)/return-visits",
                token: leader,
                ["result": "unreachable", "attempts": "99", "note": "无人接听"]
            )
            #expect(badAttempts.status == .badRequest && text(badAttempts).contains("回访次数应为1至20") && text(badAttempts).contains("无人接听"))
            let noResult = try await Self.post(client, "/rectifications/\(item)/return-visits", token: leader, ["note": "x"])
            #expect(noResult.status == .badRequest && text(noResult).contains("请选择回访结果"))

            let visited = try await Self.post(
                client,
                "/rectifications/\(item)/return-visits",
                token: leader,
                ["result": "contacted", "note": "评价人反映等候时窗口无人，电话13812345678"]
            )
            #expect(visited.status == .seeOther && visited.headers[.location] == "/rectifications/\(item)?done=return-visits")
            let after = text(try await client.send(.get, "/rectifications/\(item)?done=return-visits", token: leader))
            #expect(after.contains("已登记回访") && after.contains(#"id="outcome-form""#) && after.contains(#"id="appeal-form""#))
            #expect(after.contains("回访：已联系评价人。评价人反映等候时窗口无人，电话138****5678"), "masked on input")
            #expect(after.contains("赵国强（010100）"))

            let early = try await Self.post(
                client,
                "/rectifications/\(item)/outcome",
                token: leader,
                ["kind": "fixedBy", "fixBy": "2000-01-01", "description": "补充引导员"]
            )
            #expect(early.status == .badRequest && text(early).contains("整改期限不能早于差评日期"))
            let noDate = try await Self.post(client, "/rectifications/\(item)/outcome", token: leader, ["kind": "fixedBy", "description": "补充引导员"])
            #expect(noDate.status == .badRequest && text(noDate).contains("限期整改须填写整改期限"))

            let closed = try await Self.post(
                client,
                "/rectifications/\(item)/outcome",
                token: leader,
                ["kind": "fixedNow", "description": "窗口离岗须放置暂停服务牌"]
            )
            #expect(closed.status == .seeOther)
            let done = text(try await client.send(.get, "/rectifications/\(item)", token: leader))
            #expect(done.contains("立行立改：窗口离岗须放置暂停服务牌") && done.contains("已办结") && !done.contains("<form class=\"panel\""))
            let again = try await Self.post(client, "/rectifications/\(item)/outcome", token: leader, ["kind": "explained", "description": "x"])
            #expect(again.status == .conflict && text(again).contains("整改事项已办结"))
            #expect(text(try await client.send(.get, "/rectifications?show=closed", token: leader)).contains(item))
        }
    }

    @Test("a supervisor reassigns (never to the rated officer) and decides an appeal the duty leader filed; a duty leader cannot")
    func supervisor() async throws {
        try await withHall { client in
            let item = try await Self.badReview(client)
            let leader = try await client.token(Demo.dutyLeader)
            let supervisor = try await client.token(Self.supervisor)
            let page = text(try await client.send(.get, "/rectifications/\(item)", token: supervisor))
            #expect(page.contains(#"id="reassign-form""#) && page.contains(#"<option value="010300">"#))
            #expect(!page.contains(#"<option value="010231">"#) && !page.contains(#"<option value="010100">"#))
            #expect(!page.contains(#"id="return-visit-form""#), "only the handler calls back")

            let toRated = try await Self.post(client, "/rectifications/\(item)/reassign", token: supervisor, ["handler": Demo.officers[0]])
            #expect(toRated.status == .forbidden && text(toRated).contains("被评价民警不能处理本人的差评"))
            let byLeader = try await Self.post(client, "/rectifications/\(item)/reassign", token: leader, ["handler": Self.supervisor])
            PageTests.expectHTML(byLeader, .forbidden)

            _ = try await Self.post(client, "/rectifications/\(item)/return-visits", token: leader, ["result": "contacted", "note": "评价人称按错了"])
            let filed = try await Self.post(client, "/rectifications/\(item)/appeal", token: leader, ["ground": "mistaken", "reason": "评价人称误按"])
            #expect(filed.status == .seeOther)
            #expect(!text(try await client.send(.get, "/rectifications/\(item)", token: leader)).contains(#"id="appeal-decision-form""#))
            let decide = try await Self.post(client, "/rectifications/\(item)/appeal-decision", token: leader, ["decision": "upheld", "reason": "x"])
            PageTests.expectHTML(decide, .forbidden)

            #expect(text(try await client.send(.get, "/rectifications/\(item)", token: supervisor)).contains(#"id="appeal-decision-form""#))
            let upheld = try await Self.post(
                client,
                "/rectifications/\(item)/appeal-decision",
                token: supervisor,
                ["decision": "upheld", "reason": "录音证实误按"]
            )
            #expect(upheld.status == .seeOther)
            let done = text(try await client.send(.get, "/rectifications/\(item)", token: supervisor))
            #expect(done.contains("申诉成立：该评价不计入统计") && done.contains("钱文（010300）"))
            let results = text(try await client.send(.get, "/results"))
            #expect(results.contains(#"<dd id="bad-appealed">1</dd>"#))
        }
    }

    @Test("a supervisor lands on the bad reviews after signing in; leaders and supervisors find them from the console and home page")
    func links() async throws {
        try await withHall { client in
            let signIn = try await client.execute(
                uri: "/console/login",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "badge=\(Self.supervisor)&password=\(Demo.password)")
            )
            #expect(signIn.status == .found && signIn.headers[.location] == "/rectifications")
            let leader = text(try await client.send(.get, "/console", token: try await client.token(Demo.dutyLeader)))
            #expect(leader.contains(#"<a href="/rectifications">差评整改</a>"#) && leader.contains(#"<a href="/account/ratings">"#))
            let officer = text(try await client.send(.get, "/console", token: try await client.token(Demo.officers[0])))
            #expect(!officer.contains(#"href="/rectifications""#) && officer.contains(#"<a href="/account/ratings">"#))
            let home = text(try await client.send(.get, "/"))
            #expect(home.contains(#"href="/results""#) && home.contains(#"href="/rectifications""#))
        }
    }

    @Test("the public results count the bad review and its fix, with no rater's name, phone or ID number and no officer named")
    func results() async throws {
        try await withHall { client in
            // The rater writes personal data into the comment; the officer's name must appear nowhere on the page.
            let item = try await Self.badReview(client, comment: "张三 110101199003077777 13912345678 窗口民警态度差")
            let leader = try await client.token(Demo.dutyLeader)
            _ = try await Self.post(client, "/rectifications/\(item)/return-visits", token: leader, ["result": "contacted", "note": "已致歉"])
            _ = try await Self.post(
                client,
                "/rectifications/\(item)/outcome",
                token: leader,
                ["kind": "fixedNow", "description": "窗口离岗须放置暂停服务牌"]
            )
            let good = try await EvaluationRouteTests().servedTicket(client)
            _ = try await client.send(.post, "/api/v1/tickets/\(good)/rating", raw: #"{"level":5}"#)

            let response = try await client.send(.get, "/results")
            PageTests.expectHTML(response)
            let html = text(response)
            #expect(html.contains(#"<dd id="bad-total">1</dd>"#) && html.contains(#"<dd id="bad-fixed">1</dd>"#))
            #expect(html.contains(#"<b id="overall-count">2</b>"#) && html.contains(#"id="overall-rate">50.0%"#))
            #expect(html.contains("窗口离岗须放置暂停服务牌") && html.contains("100.0% (1/1)"))
            for secret in ["张三", "110101199003077777", "110101", "7777", "13912345678", "139****5678", "5678", "态度差"] {
                #expect(!html.contains(secret), "rater's data on the public page: \(secret)")
            }
            let officers = try await client.send(.get, "/api/v1/officers")
            for officer in (try jsonObject(officers)["officers"] as? [[String: Any]]) ?? [] {
                if let name = officer["name"] as? String { #expect(!html.contains(name), "an officer named: \(name)") }
                if let badge = officer["badge"] as? String { #expect(!html.contains(badge), "an officer's badge: \(badge)") }
            }
            #expect(html.contains(#"type="month""#) && html.contains(#"min="2000-01""#) && html.contains("data-print"))

            let refused = try await client.send(.get, "/results?month=2026-13")
            PageTests.expectHTML(refused, .badRequest)
            #expect(text(refused).contains("月份应为 YYYY-MM"))
            PageTests.expectHTML(try await client.send(.get, "/results?month=9999-12"), .badRequest)
            let old = text(try await client.send(.get, "/results?month=2001-02"))
            #expect(old.contains("本月暂无评价") && old.contains("2001年2月"))
            #expect(text(try await client.send(.get, "/results?lang=en")).contains("How the bad reviews ended"))
        }
    }

    @Test("an officer's own page shows their ratings by level and indicator per week and month, and no rater")
    func own() async throws {
        try await withHall { client in
            let id = try await EvaluationRouteTests().servedTicket(client)
            _ = try await client.send(
                .post,
                "/api/v1/tickets/\(id)/rating",
                raw: #"{"level":4,"indicators":{"attitude":5,"efficiency":3},"comment":"李四说很好","contact":"13712345678"}"#
            )
            let signedOut = try await client.send(.get, "/account/ratings")
            #expect(signedOut.status == .found)
            let officer = try await client.token(Demo.officers[0])
            let response = try await client.send(.get, "/account/ratings", token: officer)
            PageTests.expectHTML(response)
            let html = text(response)
            #expect(html.contains("本周</td><td>1</td><td class=\"rate\">100.0%</td>"))
            #expect(html.contains("<td>3.0</td><td>—</td><td>5.0</td>"), "efficiency 3, competence none, attitude 5")
            #expect(!html.contains("李四") && !html.contains("13712345678") && !html.contains("5678"))
            let other = text(try await client.send(.get, "/account/ratings", token: try await client.token(Demo.officers[1])))
            #expect(other.contains("本周</td><td>0</td><td class=\"rate\">—</td>"), "another officer's figures are their own")
        }
    }
}
