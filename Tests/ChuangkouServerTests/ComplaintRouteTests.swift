import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Complaints over HTTP")
struct ComplaintRouteTests {
    let supervisor = "010300"

    func servedTicket(_ client: any TestClientProtocol) async throws -> String {
        let officer = try await client.openWindow(1, badge: Demo.officers[0])
        let ticket = try await client.issue("id-card")
        _ = try #require(try await client.callNext(1, token: officer))
        _ = try await client.perform("start", ticket.id, token: officer)
        _ = try await client.perform("finish", ticket.id, token: officer)
        return ticket.id
    }

    @Test("a citizen complains from the ticket page; the officer served never sees it; a supervisor answers; the citizen reads and rates")
    func closedLoop() async throws {
        try await withHall { client in
            let ticket = try await servedTicket(client)
            let filed = try await client.send(
                .post,
                "/api/v1/complaints",
                raw: #"{"subject":{"kind":"officer","badge":"010231"},"ticket":"\#(ticket)","text":"态度生硬","phone":"13912345678"}"#
            )
            #expect(filed.status == .created)
            let body = try jsonObject(filed)
            let id = try #require(body["id"] as? String)
            let code = try #require(body["queryCode"] as? String)

            let served = try await client.token(Demo.officers[0])
            let leader = try await client.token(Demo.dutyLeader)
            let boss = try await client.token(supervisor)
            expectError(try await client.send(.get, "/api/v1/complaints", token: served), .forbidden, "auth.forbidden")
            expectError(try await client.send(.get, "/api/v1/complaints/\(id)", token: served), .forbidden, "auth.forbidden")
            let listed = try jsonObject(try await client.send(.get, "/api/v1/complaints", token: leader))["complaints"] as? [[String: Any]]
            #expect(listed?.map { $0["id"] as? String } == [id])
            #expect(listed?.first?["phoneMasked"] as? String == "139****5678")
            expectError(try await client.send(.get, "/api/v1/complaints?closed=AAA", token: leader), .badRequest, "request.malformed")
            #expect(try await client.send(.get, "/api/v1/complaints?closed=true", token: leader).status == .ok)
            #expect(listed?.first?["concerned"] as? [String] == [Demo.officers[0]])

            expectError(
                try await client.send(.post, "/api/v1/complaints/\(id)/acknowledge", token: boss, raw: #"{"handler":"010231"}"#),
                .forbidden,
                "complaint.concerned-officer"
            )
            expectError(
                try await client.send(.post, "/api/v1/complaints/\(id)/acknowledge", token: boss, raw: #"{"handler":"010232"}"#),
                .unprocessableContent,
                "complaint.not-a-handler"
            )
            #expect(try await client.send(.post, "/api/v1/complaints/\(id)/acknowledge", token: boss, raw: #"{"handler":"010300"}"#).status == .ok)
            expectError(
                try await client.send(.post, "/api/v1/complaints/\(id)/notes", token: leader, raw: #"{"text":"x"}"#),
                .forbidden,
                "complaint.not-handler"
            )
            expectError(
                try await client.send(.post, "/api/v1/complaints/\(id)/extension", token: boss, raw: #"{"days":31,"reason":"x"}"#),
                .badRequest,
                "complaint.extension-out-of-range"
            )
            expectError(
                try await client.send(.post, "/api/v1/complaints/\(id)/extension", token: leader, raw: #"{"days":10,"reason":"x"}"#),
                .forbidden,
                "auth.forbidden"
            )
            let extended = try jsonObject(
                try await client.send(.post, "/api/v1/complaints/\(id)/extension", token: boss, raw: #"{"days":30,"reason":"需调取监控"}"#)
            )
            #expect(extended["answerDue"] as? String != body["answerDue"] as? String)
            let answered = try await client.send(
                .post,
                "/api/v1/complaints/\(id)/answer",
                token: boss,
                raw: #"{"text":"经查属实，已批评教育","finding":"substantiated"}"#
            )
            #expect(answered.status == .ok)
            #expect(try jsonObject(answered)["stage"] as? String == "answered")
            let record = try jsonObject(try await client.send(.get, "/api/v1/officers/010231/findings", token: leader))
            #expect(record["counted"] as? Int == 1)

            expectError(
                try await client.send(.post, "/api/v1/complaints/query", raw: #"{"code":"\#(code)","phoneLast4":"0000"}"#),
                .notFound,
                "complaint.query-not-found"
            )
            let query = try jsonObject(try await client.send(.post, "/api/v1/complaints/query", raw: #"{"code":"\#(code)","phoneLast4":"5678"}"#))
            #expect((query["answers"] as? [[String: Any]])?.first?["text"] as? String == "经查属实，已批评教育")
            #expect(query["canRate"] as? Bool == true && query["canReopen"] as? Bool == true)
            #expect(!String(describing: query).contains("010231"))
            let rated = try await client.send(
                .post,
                "/api/v1/complaints/query/satisfaction",
                raw: #"{"code":"\#(code)","phoneLast4":"5678","satisfied":true}"#
            )
            #expect((try jsonObject(rated))["stage"] as? String == "closed")
        }
    }

    @Test("staff record hall and 12389 complaints; anonymous ones get no query code; bad input is a clear 4xx")
    func filingRules() async throws {
        try await withHall { client in
            let leader = try await client.token(Demo.dutyLeader)
            let officer = try await client.token(Demo.officers[1])
            let transfer = try await client.send(
                .post,
                "/api/v1/complaints",
                token: leader,
                raw: #"{"channel":"phone12389","transferNumber":"12389-0042","subject":{"kind":"window","window":2},"text":"等候太久"}"#
            )
            #expect(transfer.status == .created)
            #expect(try jsonObject(transfer)["queryCode"] == nil)
            let cases: [(String?, String, HTTPResponse.Status, String)] = [
                (leader, #"{"channel":"phone12389","subject":{"kind":"hall"},"text":"x"}"#, .badRequest, "complaint.transfer-number-required"),
                (nil, #"{"channel":"hall","subject":{"kind":"hall"},"text":"x"}"#, .badRequest, "complaint.bad-request"),
                (nil, #"{"subject":{"kind":"case","case":"0b5a8a8e-2b8f-4f0e-9a52-8f7f3c1d2e4a"},"text":"x"}"#, .badRequest, "complaint.bad-request"),
                (nil, #"{"subject":{"kind":"officer","badge":"999999"},"text":"x"}"#, .unprocessableContent, "complaint.unknown-subject"),
                (nil, #"{"subject":{"kind":"window","window":0},"text":"x"}"#, .badRequest, "complaint.bad-window"),
                (nil, #"{"subject":{"kind":"nobody"},"text":"x"}"#, .badRequest, "complaint.bad-request"),
                (nil, #"{"subject":{"kind":"hall"},"text":"  "}"#, .badRequest, "complaint.text-required"),
                (nil, #"{"subject":{"kind":"hall"},"text":"x","phone":"123"}"#, .unprocessableContent, "complaint.bad-contact"),
                (
                    nil, #"{"subject":{"kind":"hall"},"text":"x","ticket":"0b5a8a8e-2b8f-4f0e-9a52-8f7f3c1d2e4a"}"#, .unprocessableContent,
                    "complaint.unknown-ticket"
                ),
                (officer, #"{"subject":{"kind":"officer","badge":"010232"},"text":"x"}"#, .forbidden, "complaint.concerned-officer"),
            ]
            for (token, raw, status, code) in cases {
                expectError(try await client.send(.post, "/api/v1/complaints", token: token, raw: raw), status, code)
            }
        }
    }

    @Test("public filings per address per minute are limited (429 complaint.too-many), on the form page too; staff recording are not")
    func filingRateLimited() async throws {
        let settings: [AbsoluteConfigKey: ConfigValue] = ["chuangkou.complaints.per-minute-per-address": .init(.int(2), isSecret: false)]
        try await TicketAbuseTests.withSettings(settings) { client in
            let raw = #"{"subject":{"kind":"hall"},"text":"等候太久"}"#
            for _ in 0..<2 { #expect(try await client.send(.post, "/api/v1/complaints", raw: raw).status == .created) }
            expectError(try await client.send(.post, "/api/v1/complaints", raw: raw), .tooManyRequests, "complaint.too-many")
            let page = try await ComplaintPageTests().post(client, "/complaints/new", "subject=hall&text=%E5%A4%AA%E6%85%A2")
            #expect(page.status == .tooManyRequests && text(page).contains("提交过于频繁"))
            let leader = try await client.token(Demo.dutyLeader)
            let recorded = try await client.send(
                .post,
                "/api/v1/complaints",
                token: leader,
                raw: #"{"channel":"hall","subject":{"kind":"hall"},"text":"来电反映等候太久"}"#
            )
            #expect(recorded.status == .created)
        }
    }
}

@Suite("The public complaint pages")
struct ComplaintPageTests {
    func post(_ client: any TestClientProtocol, _ uri: String, _ body: String) async throws -> TestResponse {
        try await client.execute(
            uri: uri,
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        )
    }

    @Test("the form from the ticket page names the officer who served; filing gives the query code; following shows the answer")
    func formAndFollow() async throws {
        try await withHall { client in
            let ticket = try await ComplaintRouteTests().servedTicket(client)
            #expect(text(try await client.send(.get, "/tickets/\(ticket)")).contains("/complaints/new?ticket=\(ticket)"))
            let form = text(try await client.send(.get, "/complaints/new?ticket=\(ticket)"))
            #expect(form.contains("为您办理的民警（010231）") && form.contains(#"name="ticket" value="\#(ticket)""#))
            let empty = try await post(client, "/complaints/new", "subject=officer&ticket=\(ticket)&text=%20")
            #expect(empty.status == .badRequest && text(empty).contains("请填写内容"))
            let filed = try await post(
                client,
                "/complaints/new",
                "subject=officer&ticket=\(ticket)&text=%E6%80%81%E5%BA%A6%E5%B7%AE&phone=13912345678"
            )
            #expect(filed.status == .created)
            let page = text(filed)
            let code = try #require(page.range(of: #"id="complaint-code" class="query-code">"#).map { String(page[$0.upperBound...].prefix(12)) })
            #expect(!page.contains("13912345678"))

            let listed = try jsonObject(try await client.send(.get, "/api/v1/complaints", token: try await client.token("010300")))
            let id = try #require((listed["complaints"] as? [[String: Any]])?.first?["id"] as? String)
            let boss = try await client.token("010300")
            _ = try await client.send(.post, "/api/v1/complaints/\(id)/acknowledge", token: boss, raw: #"{"handler":"010300"}"#)
            _ = try await client.send(.post, "/api/v1/complaints/\(id)/answer", token: boss, raw: #"{"text":"已核实并致歉"}"#)

            let followed = try await post(client, "/complaints/follow", "code=\(code)&phoneLast4=5678")
            #expect(followed.status == .ok && text(followed).contains("已核实并致歉") && text(followed).contains("申请复查"))
            let wrong = try await post(client, "/complaints/follow", "code=\(code)&phoneLast4=0000")
            #expect(wrong.status == .notFound)
            let reopened = try await post(client, "/complaints/follow", "code=\(code)&phoneLast4=5678&satisfied=no&reopen=yes")
            #expect(reopened.status == .ok && text(reopened).contains("复查中"))
            #expect(text(try await client.send(.get, "/complaints/new?lang=en")).contains("never shown to"))
        }
    }
}
