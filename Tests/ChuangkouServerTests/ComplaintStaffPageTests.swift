import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("The staff complaint pages")
struct ComplaintStaffPageTests {
    let supervisor = "010300"

    func file(_ client: any TestClientProtocol, _ raw: String) async throws -> String {
        let filed = try await client.send(.post, "/api/v1/complaints", raw: raw)
        #expect(filed.status == .created)
        return try #require(try jsonObject(filed)["id"] as? String)
    }

    func post(_ client: any TestClientProtocol, _ id: String, _ action: String, token: String, _ fields: [String: String] = [:]) async throws
        -> TestResponse
    {
        try await EvaluationPageTests.post(client, "/complaints/\(id)/\(action)", token: token, fields)
    }

    func expectDone(_ response: TestResponse, _ id: String, _ action: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == .seeOther && response.headers[.location] == "/complaints/\(id)?done=\(action)", sourceLocation: sourceLocation)
    }

    @Test("a complaint about the duty leader is never listed or shown to them (404, forms too); a supervisor sees it; officers are refused")
    func neverShownToTheConcerned() async throws {
        try await withHall { client in
            let id = try await file(client, #"{"subject":{"kind":"officer","badge":"010100"},"text":"值班领导处理不公"}"#)
            let leader = try await client.token(Demo.dutyLeader)
            let boss = try await client.token(supervisor)
            let signedOut = try await client.send(.get, "/complaints")
            #expect(signedOut.status == .found && signedOut.headers[.location] == "/console/login?next=%2Fcomplaints")
            PageTests.expectHTML(try await client.send(.get, "/complaints", token: try await client.token(Demo.officers[0])), .forbidden)

            let listed = text(try await client.send(.get, "/complaints", token: leader))
            #expect(!listed.contains(id) && listed.contains("暂无此类投诉") && !listed.contains("值班领导处理不公"))
            #expect(try await client.send(.get, "/complaints/\(id)", token: leader).status == .notFound)
            let acknowledged = try await post(client, id, "acknowledge", token: leader, ["handler": Demo.dutyLeader])
            #expect(acknowledged.status == .notFound && !text(acknowledged).contains("值班领导处理不公"))

            let seen = text(try await client.send(.get, "/complaints", token: boss))
            #expect(seen.contains(#"data-complaint="\#(id)""#) && seen.contains("民警 赵国强（010100）") && seen.contains("剩余15日"))
            let page = text(try await client.send(.get, "/complaints/\(id)", token: boss))
            #expect(page.contains("值班领导处理不公") && page.contains("匿名投诉：不予答复") && page.contains(#"id="acknowledge-form""#))
            #expect(!page.contains(#"<option value="010100">"#), "the leader complained about is no handler choice")
        }
    }

    @Test("acknowledge, note, ask for and approve the extension, answer with a finding, record the review: each posts back (PRG) into the history")
    func handling() async throws {
        try await withHall { client in
            let ticket = try await ComplaintRouteTests().servedTicket(client)
            let id = try await file(
                client,
                #"{"subject":{"kind":"officer","badge":"010231"},"ticket":"\#(ticket)","text":"态度生硬，身份证号110101199003077777","phone":"13912345678"}"#
            )
            let leader = try await client.token(Demo.dutyLeader)
            let boss = try await client.token(supervisor)
            expectDone(try await post(client, id, "acknowledge", token: boss, ["handler": Demo.dutyLeader]), id, "acknowledge")
            let shown = text(try await client.send(.get, "/complaints/\(id)?done=acknowledge", token: boss))
            #expect(shown.contains("已办理") && shown.contains("139****5678") && !shown.contains("13912345678"))
            #expect(!shown.contains("110101199003077777"), "free text is stored masked")
            #expect(!shown.contains(#"id="note-form""#) && shown.contains(#"id="reassign-form""#), "only the handler writes notes")

            expectDone(try await post(client, id, "note", token: leader, ["text": "调取监控，属实"]), id, "note")
            let tooLong = try await post(client, id, "extension-request", token: leader, ["days": "45", "reason": "需调查"])
            #expect(tooLong.status == .badRequest && text(tooLong).contains("需调查"), "refused in words, the reason kept")
            expectDone(try await post(client, id, "extension-request", token: leader, ["days": "10", "reason": "需外单位协查"]), id, "extension-request")
            let own = try await post(client, id, "extension-decision", token: leader, ["decision": "approve"])
            #expect(own.status == .forbidden, "deciding is a supervisor's")
            let asked = text(try await client.send(.get, "/complaints/\(id)", token: boss))
            #expect(asked.contains(#"id="extension-decision-form""#) && asked.contains("申请延长10日：需外单位协查"))
            expectDone(try await post(client, id, "extension-decision", token: boss, ["decision": "approve"]), id, "extension-decision")

            let answer = ["text": "经核实属实，已批评教育", "finding": "substantiated", "against": ""]
            expectDone(try await post(client, id, "answer", token: leader, answer), id, "answer")
            let answered = text(try await client.send(.get, "/complaints/\(id)", token: leader))
            #expect(answered.contains("已答复") && answered.contains("（010231）：属实"))
            #expect(answered.contains("延长10日：需外单位协查") && answered.contains(#"id="close-form""#) && answered.contains(#"id="reopen-form""#))
            for line in ["受理，承办人警号010100", "调查记录：调取监控，属实", "申请延长办理期限10日", "延长办理期限10日", "答复投诉人（属实）"] {
                #expect(answered.contains(line), "history: \(line)")
            }
            expectDone(try await post(client, id, "reopen", token: boss), id, "reopen")
            let reopened = text(try await client.send(.get, "/complaints/\(id)", token: leader))
            #expect(reopened.contains("投诉人申请复查，重新办理") && reopened.contains(#"id="answer-form""#) && !reopened.contains(#"id="reopen-form""#))
            #expect(!reopened.contains(#"id="extension-request-form""#), "a review has its own limit: no extension")
            let again = try await post(client, id, "reopen", token: boss)
            #expect(again.status == .conflict, "one review only")

            let mine = text(try await client.send(.get, "/complaints?show=mine", token: leader))
            #expect(mine.contains(#"data-complaint="\#(id)""#))
            #expect(!text(try await client.send(.get, "/complaints?show=mine", token: boss)).contains(#"data-complaint="\#(id)""#))
            let english = text(try await client.send(.get, "/complaints/\(id)?lang=en", token: leader))
            #expect(english.contains("Answer the complainant") && english.contains("Reopened for review"))
        }
    }
}
