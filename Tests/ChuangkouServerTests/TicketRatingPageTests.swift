import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// 一次一评 from the citizen's phone: the ticket page offers the faces once the ticket is finished, stores the rating
/// from its plain form, then says it is rated; and the handler of a bad review opens the rater's phone, audited.
@Suite("Rating from the ticket page, and the rater's phone for the return visit")
struct TicketRatingPageTests {
    func served(_ client: any TestClientProtocol) async throws -> (ticket: String, officer: String) {
        let officer = try await client.openWindow(1, badge: Demo.officers[0])
        _ = try await client.issue("id-card")
        // The oldest waiting ticket is the one called.
        let called = try #require(try await client.callNext(1, token: officer))
        _ = try await client.perform("start", called.id, token: officer)
        _ = try await client.perform("finish", called.id, token: officer)
        return (called.id, officer)
    }

    func postForm(_ client: any TestClientProtocol, _ uri: String, _ body: String, token: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test("the faces appear on a finished ticket only; the plain form stores one rating; a second, staff and bad input are refused in words")
    func ticketPageRating() async throws {
        try await withHall { client in
            let waiting = try await client.issue("id-card")
            let before = text(try await client.send(.get, "/tickets/\(waiting.id)"))
            #expect(before.contains(#"id="rating-form" hidden"#), "a waiting ticket has its form hidden until it is finished")

            let (id, officer) = try await served(client)
            let page = text(try await client.send(.get, "/tickets/\(id)"))
            #expect(page.contains(#"<form method="post" action="/tickets/\#(id)/rating" class="rating-form" id="rating-form">"#))
            #expect(page.contains("非常不满意") && page.contains("服务态度") && page.contains("可在"))
            // An officer looking at the citizen's page sees no faces, and cannot rate through it.
            let staffPage = text(try await client.send(.get, "/tickets/\(id)", token: officer))
            #expect(staffPage.contains(#"id="rating-form" hidden"#))
            let staff = try await postForm(client, "/tickets/\(id)/rating", "level=5", token: officer)
            #expect(staff.status == .forbidden && text(staff).contains("工作人员不能代替群众评价"))

            let noLevel = try await postForm(client, "/tickets/\(id)/rating", "comment=x")
            #expect(noLevel.status == .badRequest && text(noLevel).contains("评价等级应为1"))
            let badPhone = try await postForm(client, "/tickets/\(id)/rating", "level=2&contact=123")
            #expect(badPhone.status == .unprocessableContent && text(badPhone).contains("手机号码有误"))

            let stored = try await postForm(
                client,
                "/tickets/\(id)/rating",
                "level=2&attitude=2&comment=%E7%AD%89%E5%A4%AA%E4%B9%85&contact=13912345678"
            )
            #expect(stored.status == .seeOther && stored.headers[.location] == "/tickets/\(id)?rated=1&bad=1")
            let thanked = text(try await client.send(.get, "/tickets/\(id)?rated=1&bad=1"))
            #expect(thanked.contains("感谢您的评价") && thanked.contains("回访您") && thanked.contains(#"id="rating-form" hidden"#))
            let again = try await postForm(client, "/tickets/\(id)/rating", "level=5")
            #expect(again.status == .conflict && text(again).contains("已评价过，评价不能修改"))
            #expect(text(try await client.send(.get, "/tickets/\(id)")).contains(#"id="rating-done""#))
            #expect(try jsonObject(try await client.send(.get, "/api/v1/tickets/\(id)/rating"))["rated"] as? Bool == true)
        }
    }

    @Test("only the handler opens the rater's phone, each time audited; everyone else sees it sealed")
    func revealContact() async throws {
        try await withHall { client in
            let (id, officer) = try await served(client)
            let stored = try await client.send(.post, "/api/v1/tickets/\(id)/rating", raw: #"{"level":1,"contact":"13912345678"}"#)
            let item = try #require(try jsonObject(stored)["rectification"] as? String)
            let leader = try await client.token(Demo.dutyLeader)

            let page = text(try await client.send(.get, "/rectifications/\(item)", token: leader))
            #expect(page.contains(#"id="reveal-contact-form""#) && !page.contains("13912345678") && !page.contains("139****5678"))
            expectError(try await client.send(.post, "/api/v1/rectifications/\(item)/contact", token: officer), .forbidden, "auth.forbidden")

            let revealed = try await client.send(.post, "/api/v1/rectifications/\(item)/contact", token: leader)
            #expect(revealed.status == .ok && revealed.headers[.cacheControl] == "no-store")
            #expect(try jsonObject(revealed)["phone"] as? String == "13912345678")
            let shown = try await postForm(client, "/rectifications/\(item)/contact", "", token: leader)
            #expect(shown.status == .ok && text(shown).contains(#"<b id="revealed-contact">13912345678</b>"#))

            let auditor = try await client.token(Demo.auditAdmin)
            let audit = text(try await client.send(.get, "/api/v1/audit?action=rectification.reveal-contact", token: auditor))
            #expect(audit.components(separatedBy: "rectification.reveal-contact").count - 1 >= 2)
            #expect(!audit.contains("13912345678"))
        }
    }
}
