import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// 对整改结果评价: the outcome message to the rater carries a link to `/rate-fix/{code}`, a page (and its API) that
/// shows the outcome in plain words and takes one rating of the fix without a login; wrong codes are limited per address.
@Suite("The rater rates the fix through the link in the outcome message")
struct FixRatingRouteTests {
    func postForm(_ client: any TestClientProtocol, _ uri: String, _ body: String, token: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// A 非常不满意 with a phone, called back and fixed by the duty leader; the code of the link the rater was sent,
    /// read from the outbox itself: the delivery log staff see hides it (checked here too).
    func fixedBadReview(_ client: any TestClientProtocol, database: DatabaseLocation) async throws -> String {
        let officer = try await client.openWindow(1, badge: Demo.officers[0])
        let ticket = try await client.issue("id-card")
        _ = try #require(try await client.callNext(1, token: officer))
        _ = try await client.perform("start", ticket.id, token: officer)
        _ = try await client.perform("finish", ticket.id, token: officer)
        let stored = try await client.send(.post, "/api/v1/tickets/\(ticket.id)/rating", raw: #"{"level":1,"contact":"13912345678"}"#)
        let item = try #require(try jsonObject(stored)["rectification"] as? String)
        let leader = try await client.token(Demo.dutyLeader)
        let visit = #"{"result":"contacted","note":"评价人反映等候太久"}"#
        #expect(try await client.send(.post, "/api/v1/rectifications/\(item)/return-visits", token: leader, raw: visit).status == .ok)
        let outcome = #"{"kind":"fixedNow","description":"高峰时段增开一个窗口"}"#
        #expect(try await client.send(.post, "/api/v1/rectifications/\(item)/outcome", token: leader, raw: outcome).status == .ok)
        let store = try await Database.open(database, logger: Logger(label: "test"))
        let sent = try await NotificationOutbox(database: store).all().map(\.subject)
        await store.close()
        let message = try #require(sent.first { $0.contains("/rate-fix/") }, "the message carries the link")
        let link = try #require(message.range(of: #"/rate-fix/[a-z0-9]+"#, options: .regularExpression))
        let code = String(message[link].split(separator: "/").last!)
        // Whoever reads the delivery log cannot rate the fix for the rater.
        let audit = try await client.token(Demo.auditAdmin)
        let log = text(try await client.send(.get, "/api/v1/notifications/deliveries", token: audit))
        #expect(log.contains("rate-fix") && !log.contains(code))
        return code
    }

    @Test("the link shows the outcome in plain words and takes one rating of the fix; staff never rate; a second is refused")
    func rateOnce() async throws {
        let database = try await TestDatabase.freshLocation()
        try await withHall(database: database) { client in
            let code = try await fixedBadReview(client, database: database)
            let view = try jsonObject(try await client.send(.get, "/api/v1/fix-ratings/\(code)"))
            #expect(view["outcome"] as? String == "fixedNow" && view["outcomeText"] as? String == "您反映的问题已整改")
            #expect(view["description"] as? String == "高峰时段增开一个窗口" && view["rateable"] as? Bool == true && view["fixRating"] is NSNull)
            #expect(view["level"] as? Int == 1 && view["businessName"] is String)

            let page = try await client.send(.get, "/rate-fix/\(code)")
            let html = text(page)
            #expect(page.status == .ok && page.headers[.cacheControl] == "no-store")
            #expect(html.contains("您反映的问题已整改") && html.contains("高峰时段增开一个窗口") && html.contains(#"id="fix-form""#))
            #expect(html.contains("您对处理结果是否满意") && html.contains("非常满意"))
            // Nothing of the staff side: no officer, no handler, no phone.
            #expect(!html.contains("13912345678") && !html.contains("139****5678"))
            #expect(!html.contains(Demo.officers[0]) && !html.contains(Demo.dutyLeader))

            let leader = try await client.token(Demo.dutyLeader)
            expectError(
                try await client.send(.post, "/api/v1/fix-ratings/\(code)", token: leader, raw: #"{"level":5}"#),
                .forbidden,
                "rating.staff-may-not-rate"
            )
            let staffForm = try await postForm(client, "/rate-fix/\(code)", "level=5", token: leader)
            #expect(staffForm.status == .forbidden && text(staffForm).contains("工作人员不能代替群众评价"))
            expectError(try await client.send(.post, "/api/v1/fix-ratings/\(code)", raw: #"{"level":0}"#), .badRequest, "rating.bad-level")
            let noLevel = try await postForm(client, "/rate-fix/\(code)", "")
            #expect(noLevel.status == .badRequest && text(noLevel).contains(#"id="fix-form""#))

            let stored = try await postForm(client, "/rate-fix/\(code)", "level=4")
            #expect(stored.status == .seeOther && stored.headers[.location] == "/rate-fix/\(code)?rated=1")
            let thanked = text(try await client.send(.get, "/rate-fix/\(code)?rated=1"))
            #expect(thanked.contains(#"id="fix-thanks""#) && thanked.contains(#"id="fix-rated""#) && thanked.contains("满意"))
            #expect(!thanked.contains(#"id="fix-form""#))

            expectError(try await client.send(.post, "/api/v1/fix-ratings/\(code)", raw: #"{"level":1}"#), .conflict, "rating.fix-not-rateable")
            let again = try await postForm(client, "/rate-fix/\(code)", "level=1")
            #expect(again.status == .conflict && text(again).contains("整改结果尚未告知或已评价"))
            let after = try jsonObject(try await client.send(.get, "/api/v1/fix-ratings/\(code)"))
            #expect(after["fixRating"] as? Int == 4 && after["rateable"] as? Bool == false)

        }
    }

    @Test("a wrong code is a 404 that counts against the address; too many, and even the right code is a 429 there")
    func limited() async throws {
        let database = try await TestDatabase.freshLocation()
        try await withHall(database: database) { client in
            let code = try await fixedBadReview(client, database: database)
            expectError(try await client.send(.get, "/api/v1/fix-ratings/aaaaaaaaaaaaaaaaaaaa"), .notFound, "rating.fix-link-unknown")
            let wrongPage = try await client.send(.get, "/rate-fix/not-a-code")
            #expect(wrongPage.status == .notFound && text(wrongPage).contains("链接无效") && !text(wrongPage).contains(#"id="fix-form""#))
            expectError(try await client.send(.post, "/api/v1/fix-ratings/zzzz", raw: #"{"level":3}"#), .notFound, "rating.fix-link-unknown")
            for _ in 0..<2 { _ = try await client.send(.get, "/api/v1/fix-ratings/\(String(code.reversed()))") }
            expectError(try await client.send(.get, "/api/v1/fix-ratings/\(code)"), .tooManyRequests, "rating.fix-link-limited")
            let limitedPage = try await client.send(.get, "/rate-fix/\(code)")
            #expect(limitedPage.status == .tooManyRequests && text(limitedPage).contains("尝试次数过多"))
        }
    }
}
