import ChuangkouTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("An inquiry becomes a case in one step (首问负责 → 受理登记)")
struct InquiryCaseRouteTests {
    @Test("the desk offers the intake, the case opens with the inquiry closed by it in one transaction, each linked to the other")
    func inquiryToCase() async throws {
        try await withHall { client in
            let officer = try await client.token(Demo.officers[0])
            let recorded = try await client.send(
                .post,
                "/api/v1/inquiries",
                token: officer,
                raw: #"{"business":"residence-permit","question":"办居住证要什么材料","window":1}"#
            )
            #expect(recorded.status == .created, "\(text(recorded))")
            let inquiry = try decode(InquiryJSON.self, recorded)
            let cookie = try await GuidePageTests.session(client, Demo.officers[0])
            let desk = try await client.execute(uri: "/desk?window=1", method: .get, headers: [.cookie: cookie])
            #expect(text(desk).contains("/cases/new?business=residence-permit&amp;inquiry=\(inquiry.id)"), "the desk links the intake")
            let form = try await client.execute(
                uri: "/cases/new?business=residence-permit&inquiry=\(inquiry.id)",
                method: .get,
                headers: [.cookie: cookie]
            )
            #expect(text(form).contains(#"data-inquiry="\#(inquiry.id)""#))

            // Someone else's inquiry cannot be closed by their case: nothing is opened.
            let other = try await client.token(Demo.officers[1])
            let body: [String: Any] = ["business": "residence-permit", "inquiry": inquiry.id, "applicant": CaseRouteTests.person]
            expectError(
                try await client.send(.post, "/api/v1/cases", token: other, raw: CaseRouteTests.json(body)),
                .notFound,
                "inquiry.unknown"
            )
            let opened = try await client.send(.post, "/api/v1/cases", token: officer, raw: CaseRouteTests.json(body))
            #expect(opened.status == .created, "\(text(opened))")
            let caseID = try #require(try jsonObject(opened)["id"] as? String)
            let closed = try decode(InquiryJSON.self, try await client.send(.get, "/api/v1/inquiries/\(inquiry.id)", token: officer))
            #expect(closed.status == "closed" && closed.outcome?.kind == "case")
            let raw = try jsonObject(try await client.send(.get, "/api/v1/inquiries/\(inquiry.id)", token: officer))
            #expect((raw["outcome"] as? [String: Any])?["case"] as? String == caseID)
            let page = try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: [.cookie: cookie])
            #expect(text(page).contains("来自咨询") && text(page).contains("办居住证要什么材料"), "the case links back")
            // A second case from the same inquiry is refused, and rolls back whole.
            expectError(
                try await client.send(.post, "/api/v1/cases", token: officer, raw: CaseRouteTests.json(body)),
                .conflict,
                "inquiry.closed"
            )
            let deskAfter = try await client.execute(uri: "/desk?window=1", method: .get, headers: [.cookie: cookie])
            #expect(text(deskAfter).contains("/cases/\(caseID)"))
        }
    }
}
