import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("A case's complaints and an officer's findings, as pages")
struct ComplaintRecordPageTests {
    let supervisor = "010300"

    /// Opens a case at window 5 and returns the officer's token and the case's id.
    func openCase(_ client: any TestClientProtocol) async throws -> (String, String) {
        let officer = try await client.openWindow(5, badge: Demo.officers[4])
        let ticket = try await client.issue("toxic-chemical-permit")
        _ = try #require(try await client.callNext(5, token: officer))
        let applicant: [String: Any] = [
            "kind": "organisation", "name": "东湖化工有限公司", "creditCode": "91350100M000100Y43", "legalRepresentative": "李四",
            "agent": ["name": "王五", "idNumber": "440524188001010014", "phone": "13987654321", "authorisationSeen": true],
        ]
        let fields = ["chemicalName": "氰化钠", "quantity": "50", "unit": "千克", "purpose": "电镀", "supplier": "东湖化学试剂厂"]
        let body = CaseRouteTests.json(["ticket": ticket.id, "applicant": applicant, "fields": fields])
        let opened = try jsonObject(try await client.send(.post, "/api/v1/cases", token: officer, raw: body))
        return (officer, try #require(opened["id"] as? String))
    }

    @Test("the case page links leaders and supervisors to the case's complaints, listed without one about the viewer; officers refused")
    func caseComplaints() async throws {
        try await withHall(clock: TestClock(CaseRouteTests.start)) { client in
            let (officer, id) = try await openCase(client)
            let boss = try await client.token(supervisor)
            let leader = try await client.token(Demo.dutyLeader)
            // Staff record complaints naming a case (citizens never see case ids): a phone call here.
            let aboutCase = try jsonObject(
                try await client.send(
                    .post,
                    "/api/v1/complaints",
                    token: boss,
                    raw: #"{"subject":{"kind":"case","case":"\#(id)"},"channel":"phone","text":"办件拖延"}"#
                )
            )
            let aboutLeader = try jsonObject(
                try await client.send(
                    .post,
                    "/api/v1/complaints",
                    token: boss,
                    raw: #"{"subject":{"kind":"officer","badge":"010100"},"case":"\#(id)","channel":"phone","text":"值班领导推诿"}"#
                )
            )
            let (caseComplaint, leaderComplaint) = (try #require(aboutCase["id"] as? String), try #require(aboutLeader["id"] as? String))
            let other = try jsonObject(try await client.send(.post, "/api/v1/complaints", raw: #"{"subject":{"kind":"hall"},"text":"大厅太冷"}"#))
            let unrelated = try #require(other["id"] as? String)

            let casePage = text(try await client.send(.get, "/cases/\(id)?reason=督察抽查", token: boss))
            #expect(casePage.contains(#"href="/cases/\#(id)/complaints""#))
            #expect(!text(try await client.send(.get, "/cases/\(id)", token: officer)).contains("/complaints\""))

            let list = text(try await client.send(.get, "/cases/\(id)/complaints", token: boss))
            #expect(list.contains(#"data-complaint="\#(caseComplaint)""#) && list.contains(#"data-complaint="\#(leaderComplaint)""#))
            #expect(!list.contains(unrelated) && list.contains(#"href="/cases/\#(id)""#) && !list.contains(#"class="tabs""#))
            let leaderList = text(try await client.send(.get, "/cases/\(id)/complaints", token: leader))
            #expect(leaderList.contains(caseComplaint) && !leaderList.contains(leaderComplaint), "never the one about the viewer")
            PageTests.expectHTML(try await client.send(.get, "/cases/\(id)/complaints", token: officer), .forbidden)
            #expect(try await client.send(.get, "/cases/\(id)/complaints").status == .found)
            #expect(try await client.send(.get, "/cases/not-a-case/complaints", token: boss).status == .notFound)
        }
    }

    @Test("an officer's findings page lists each finding with its complaint and what counts; never for the officer it is about")
    func findings() async throws {
        try await withHall { client in
            let officer = Demo.officers[0]
            let filed = try jsonObject(
                try await client.send(.post, "/api/v1/complaints", raw: #"{"subject":{"kind":"officer","badge":"\#(officer)"},"text":"态度生硬"}"#)
            )
            let id = try #require(filed["id"] as? String)
            let boss = try await client.token(supervisor)
            let leader = try await client.token(Demo.dutyLeader)
            let acknowledged = try await client.send(.post, "/api/v1/complaints/\(id)/acknowledge", token: boss, raw: #"{"handler":"010300"}"#)
            #expect(acknowledged.status == .ok)
            let answered = try await client.send(
                .post,
                "/api/v1/complaints/\(id)/answer",
                token: boss,
                raw: #"{"text":"经查属实，已批评教育。","finding":"substantiated","against":"\#(officer)"}"#
            )
            #expect(answered.status == .ok)

            let page = text(try await client.send(.get, "/officers/\(officer)/findings", token: leader))
            #expect(page.contains("民警投诉查实记录") && page.contains(officer) && page.contains(#"href="/complaints/\#(id)""#))
            #expect(page.contains("计入档案 1 / 1") && page.contains("属实"))
            let english = text(try await client.send(.get, "/officers/\(officer)/findings?lang=en", token: boss))
            #expect(english.contains("Counted 1 / 1") && english.contains("Substantiated"))
            let none = text(try await client.send(.get, "/officers/\(Demo.officers[1])/findings", token: boss))
            #expect(none.contains("暂无查实记录"))

            PageTests.expectHTML(try await client.send(.get, "/officers/\(Demo.dutyLeader)/findings", token: leader), .forbidden)
            expectError(try await client.send(.get, "/api/v1/officers/\(Demo.dutyLeader)/findings", token: leader), .forbidden, "auth.forbidden")
            PageTests.expectHTML(try await client.send(.get, "/officers/\(officer)/findings", token: try await client.token(officer)), .forbidden)
            #expect(try await client.send(.get, "/officers/999999/findings", token: boss).status == .notFound)
            let desk = text(try await client.send(.get, "/supervision", token: boss))
            #expect(desk.contains(#"href="/officers/\#(officer)/findings""#))
        }
    }
}
