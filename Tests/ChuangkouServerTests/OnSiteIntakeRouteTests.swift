import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// On site the team opens cases through the hall's own intake (channel on-site, linked to the visit): only its team,
/// only on its day, only for a business it lists; and a team member opens the applicant's phone, audited.
@Suite("On-site intake and the team's phone reveal over HTTP")
struct OnSiteIntakeRouteTests {
    static let visitDay = TestClock.shanghai(2026, 10, 9, 9, 30)

    /// A public request for id-card, planned by the duty leader for 2026-10-09 morning with officers 0 and 1.
    static func plannedVisit(_ client: any TestClientProtocol) async throws -> String {
        let filed = try jsonObject(try await client.send(.post, "/api/v1/onsite", raw: OnSiteRouteTests.body()))
        let id = try #require(filed["id"] as? String)
        let leader = try await client.token(Demo.dutyLeader)
        let plan = #"{"day":"2026-10-09","half":"morning","team":["\#(Demo.officers[0])","\#(Demo.officers[1])"]}"#
        let planned = try await client.send(.post, "/api/v1/onsite/\(id)/approve", token: leader, raw: plan)
        #expect(planned.status == .ok, "\(text(planned))")
        return id
    }

    static func intake(_ visit: String, business: String = "id-card", ticket: String? = nil) -> String {
        var body: [String: Any] = ["visit": visit, "business": business, "applicant": CaseRouteTests.person]
        if let ticket { body["ticket"] = ticket }
        return CaseRouteTests.json(body)
    }

    @Test("a team member opens an on-site case on the visit's day: channel on-site, linked to the visit, through the same intake")
    func teamMemberOnTheDay() async throws {
        let clock = TestClock(OnSiteRouteTests.start)
        try await withHall(clock: clock) { client in
            let visit = try await Self.plannedVisit(client)
            let early = try await client.token(Demo.officers[0])
            expectError(try await client.send(.post, "/api/v1/cases", token: early, raw: Self.intake(visit)), .conflict, "onsite.not-visit-day")
            #expect(try await client.send(.get, "/cases/new?visit=\(visit)", token: early).status == .conflict)
            let before = text(try await client.send(.get, "/onsite/visits/\(visit)", token: early))
            #expect(before.contains("现场受理在2026年10月9日上午当日开放") && !before.contains("/cases/new?visit="))

            clock.set(Self.visitDay)
            let officer = try await client.token(Demo.officers[0])
            let partner = try await client.token(Demo.officers[1])
            let form = text(try await client.send(.get, "/cases/new?visit=\(visit)", token: officer))
            #expect(form.contains("现场受理") && form.contains(#"data-visit="\#(visit)""#) && form.contains("东湖区幸福路8号3栋502室"))
            #expect(form.contains(#"<option value="id-card" selected>"#), "the visit's business, chosen")
            #expect(!form.contains(#"value="residence-permit""#), "the visit's businesses only")
            #expect(form.contains(#"href="/onsite/visits/\#(visit)""#), "the way back is the visit's page")

            let response = try await client.send(.post, "/api/v1/cases", token: partner, raw: Self.intake(visit))
            #expect(response.status == .created, "\(text(response))")
            let opened = try jsonObject(response)
            let id = try #require(opened["id"] as? String)
            #expect(opened["channel"] as? String == "on-site" && opened["onSiteVisit"] as? String == visit)
            #expect(opened["ticket"] == nil && opened["window"] == nil)
            let read = try jsonObject(try await client.send(.get, "/api/v1/cases/\(id)", token: partner))
            #expect(read["channel"] as? String == "on-site" && read["onSiteVisit"] as? String == visit)

            // The same intake: the checklist, then the one-time notice, on the case opened on site.
            let marks: [[String: Any]] = [
                ["index": 0, "state": "missing"], ["index": 1, "state": "provided", "originals": 1, "copies": 0],
                ["index": 2, "state": "provided", "originals": 0, "copies": 0], ["index": 3, "state": "provided", "originals": 1, "copies": 0],
                ["index": 4, "state": "provided", "originals": 1, "copies": 0], ["index": 5, "state": "notApplicable", "reason": "本人申领"],
            ]
            let checked = try await client.send(.put, "/api/v1/cases/\(id)/checklist", token: partner, raw: CaseRouteTests.json(["items": marks]))
            #expect(checked.status == .ok, "\(text(checked))")
            let decided = try jsonObject(try await client.send(.post, "/api/v1/cases/\(id)/intake", token: partner, raw: "{}"))
            #expect(decided["stage"] as? String == "awaitingSupplement")
            #expect((decided["issued"] as? [[String: Any]])?.first?["kind"] as? String == "oneTimeNotice")

            let casePage = text(try await client.send(.get, "/cases/\(id)", token: partner))
            #expect(casePage.contains(#"<a href="/onsite/visits/\#(visit)">现场受理（现场办公）</a>"#))
            let visitPage = text(try await client.send(.get, "/onsite/visits/\(visit)", token: officer))
            #expect(visitPage.contains(#"href="/cases/new?visit=\#(visit)&amp;business=id-card""#))
            #expect(visitPage.contains(#"<a href="/cases/\#(id)">"#) && visitPage.contains("张三"))

            let walkIn = try jsonObject(
                try await client.send(
                    .post,
                    "/api/v1/cases",
                    token: officer,
                    raw: CaseRouteTests.json(["business": "residence-permit", "applicant": CaseRouteTests.person])
                )
            )
            #expect(walkIn["channel"] as? String == "window" && walkIn["onSiteVisit"] == nil)

            // The result, from the same page: the cases opened on site are the default count.
            #expect(visitPage.contains(#"id="result-form""#) && visitPage.contains(#"name="casesTaken" type="number""#))
            #expect(visitPage.contains(#"max="1000" value="1""#), "one case was opened on the visit")
            func result(_ body: String, token: String) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                headers[.authorization] = "Bearer \(token)"
                let uri = "/onsite/visits/\(visit)/result"
                return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            let outsider = try await client.token(Demo.officers[2])
            #expect(try await result("outcome=done", token: outsider).status == .notFound)
            let noReason = try await result("outcome=partly&casesTaken=1&note=", token: officer)
            #expect(noReason.status == .badRequest && text(noReason).contains("部分办结或未能办理须说明原因"))
            #expect(try await result("outcome=done&casesTaken=x", token: officer).status == .badRequest)
            let saved = try await result("outcome=partly&casesTaken=1&note=%E4%B8%80%E4%BA%BA%E6%9D%90%E6%96%99%E4%B8%8D%E5%85%A8", token: officer)
            #expect(saved.status == .seeOther && saved.headers[.location] == "/onsite/visits/\(visit)?done=result")
            let after = text(try await client.send(.get, "/onsite/visits/\(visit)?done=result", token: officer))
            #expect(after.contains("结果已记录") && after.contains("部分办结：一人材料不全") && !after.contains(#"id="result-form""#))
            expectError(try await client.send(.post, "/api/v1/cases", token: partner, raw: Self.intake(visit)), .conflict, "onsite.wrong-stage")
        }
    }

    @Test("refused: not on the team (403, a duty leader too), a business the visit does not list, with a ticket, an unknown visit")
    func refusals() async throws {
        let clock = TestClock(OnSiteRouteTests.start)
        try await withHall(clock: clock) { client in
            let visit = try await Self.plannedVisit(client)
            clock.set(Self.visitDay)
            let officer = try await client.token(Demo.officers[0])
            let outsider = try await client.token(Demo.officers[2])
            let leader = try await client.token(Demo.dutyLeader)
            let supervisor = try await client.token("010300")
            expectError(try await client.send(.post, "/api/v1/cases", token: outsider, raw: Self.intake(visit)), .forbidden, "onsite.not-team-member")
            expectError(try await client.send(.post, "/api/v1/cases", token: leader, raw: Self.intake(visit)), .forbidden, "onsite.not-team-member")
            expectError(try await client.send(.post, "/api/v1/cases", token: supervisor, raw: Self.intake(visit)), .forbidden, "auth.forbidden")
            #expect(try await client.send(.get, "/cases/new?visit=\(visit)", token: outsider).status == .forbidden)
            expectError(
                try await client.send(.post, "/api/v1/cases", token: officer, raw: Self.intake(visit, business: "residence-permit")),
                .unprocessableContent,
                "onsite.business-not-on-visit"
            )
            let otherBusiness = try await client.send(.get, "/cases/new?visit=\(visit)&business=residence-permit", token: officer)
            #expect(otherBusiness.status == .unprocessableContent)
            let ticket = UUID().uuidString.lowercased()
            expectError(
                try await client.send(.post, "/api/v1/cases", token: officer, raw: Self.intake(visit, ticket: ticket)),
                .badRequest,
                "onsite.bad-request"
            )
            let unknown = UUID().uuidString.lowercased()
            expectError(try await client.send(.post, "/api/v1/cases", token: officer, raw: Self.intake(unknown)), .notFound, "onsite.unknown")
            expectError(try await client.send(.post, "/api/v1/cases", token: officer, raw: Self.intake("nope")), .notFound, "onsite.unknown")
            #expect(try await client.send(.get, "/onsite/visits/\(visit)", token: outsider).status == .notFound)
            #expect(try await client.send(.get, "/onsite/visits/\(visit)", token: leader).status == .ok, "leaders see every visit")
            #expect(!text(try await client.send(.get, "/onsite/visits/\(visit)", token: leader)).contains("/cases/new?visit="))
        }
    }

    @Test("a team member opens the applicant's phone, audited in the same transaction; everyone else 403; pages show it masked")
    func revealPhone() async throws {
        let clock = TestClock(OnSiteRouteTests.start)
        try await withHall(clock: clock) { client in
            let visit = try await Self.plannedVisit(client)
            let officer = try await client.token(Demo.officers[0])
            let outsider = try await client.token(Demo.officers[2])
            let leader = try await client.token(Demo.dutyLeader)
            let admin = try await client.token(Demo.admin, at: OnSiteRouteTests.start)

            // The team's alert on the console opens the visit's page, and so does the leaders' (the request to decide).
            func links(_ token: String, _ kind: String) async throws -> [String] {
                let inbox = try jsonObject(try await client.send(.get, "/api/v1/notifications/inbox", token: token))
                return (inbox["messages"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == kind }.compactMap { $0["link"] as? String }
            }
            #expect(try await links(officer, "onsite.assigned") == ["/onsite/visits/\(visit)"])
            #expect(try await links(leader, "onsite.requested") == ["/onsite/visits/\(visit)"])

            let page = text(try await client.send(.get, "/onsite/visits/\(visit)", token: officer))
            #expect(page.contains("139****5678") && !page.contains("13912345678") && page.contains(#"id="reveal-phone-form""#))
            #expect(!text(try await client.send(.get, "/onsite/visits/\(visit)", token: leader)).contains(#"id="reveal-phone-form""#))
            let sheet = text(try await client.send(.get, "/onsite/route-list?day=2026-10-09", token: officer))
            #expect(sheet.contains(#"href="/onsite/visits/\#(visit)""#), "the route list links each stop to its page")

            expectError(try await client.send(.post, "/api/v1/onsite/\(visit)/contact", token: outsider), .forbidden, "onsite.not-team-member")
            expectError(try await client.send(.post, "/api/v1/onsite/\(visit)/contact", token: leader), .forbidden, "onsite.not-team-member")
            expectError(try await client.send(.post, "/api/v1/onsite/\(visit)/contact", token: admin), .forbidden, "auth.forbidden")
            let unknown = UUID().uuidString.lowercased()
            expectError(try await client.send(.post, "/api/v1/onsite/\(unknown)/contact", token: officer), .notFound, "onsite.unknown")

            let revealed = try await client.send(.post, "/api/v1/onsite/\(visit)/contact", token: officer)
            #expect(revealed.status == .ok && revealed.headers[.cacheControl] == "no-store")
            let body = try jsonObject(revealed)
            #expect(body["phone"] as? String == "13912345678" && body["masked"] as? String == "139****5678")

            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            headers[.authorization] = "Bearer \(officer)"
            let shown = try await client.execute(uri: "/onsite/visits/\(visit)/contact", method: .post, headers: headers, body: ByteBuffer())
            #expect(shown.status == .ok && shown.headers[.cacheControl] == "no-store")
            #expect(text(shown).contains(#"<a id="revealed-phone" href="tel:13912345678">13912345678</a>"#))
            headers[.authorization] = "Bearer \(outsider)"
            let refused = try await client.execute(uri: "/onsite/visits/\(visit)/contact", method: .post, headers: headers, body: ByteBuffer())
            #expect(refused.status == .forbidden && !text(refused).contains("13912345678"))

            let auditor = try await client.token(Demo.auditAdmin, at: OnSiteRouteTests.start)
            let rows = try await client.audit("object=onsite:\(visit)", token: auditor).filter { $0.action == "onsite.reveal-contact" }
            let done = rows.filter { $0.outcome == "ok" }
            #expect(done.count == 2 && done.allSatisfy { $0.actor == Demo.officers[0] && $0.detail.contains("2026-10-09") }, "\(rows)")
            #expect(!rows.contains { $0.detail.contains("13912345678") })
        }
    }
}
