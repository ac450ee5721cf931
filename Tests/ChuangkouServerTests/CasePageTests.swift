import ChuangkouCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Case pages")
struct CasePageTests {
    @Test("the intake form for the called ticket shows the business and its fields; the case page shows the history, masked")
    func casePages() async throws {
        try await withHall(clock: TestClock(CaseRouteTests.start)) { client in
            let officer = try await client.openWindow(5, badge: Demo.officers[4])
            let ticket = try await client.issue("toxic-chemical-permit")
            _ = try #require(try await client.callNext(5, token: officer))
            #expect(try await client.send(.get, "/cases/new?ticket=\(ticket.id)").status == .found, "officers only")
            let form = text(try await client.send(.get, "/cases/new?ticket=\(ticket.id)", token: officer))
            #expect(form.contains(ticket.number) && form.contains("剧毒化学品品名") && form.contains("第三十八条"))
            #expect(!form.contains(#"<option value="person">"#), "the permit is for organisations only")

            let applicant: [String: Any] = [
                "kind": "organisation", "name": "东湖化工有限公司", "creditCode": "91350100M000100Y43", "legalRepresentative": "李四",
                "agent": ["name": "王五", "idNumber": "440524188001010014", "phone": "13987654321", "authorisationSeen": true],
            ]
            let fields = ["chemicalName": "氰化钠", "quantity": "50", "unit": "千克", "purpose": "电镀", "supplier": "东湖化学试剂厂"]
            let opened = try jsonObject(try await client.send(
                .post, "/api/v1/cases", token: officer, raw: CaseRouteTests.json(["ticket": ticket.id, "applicant": applicant, "fields": fields])))
            let id = try #require(opened["id"] as? String)
            #expect(try await client.send(.get, "/cases/new?ticket=\(ticket.id)", token: officer).headers[.location] == "/cases/\(id)")
            let page = text(try await client.send(.get, "/cases/\(id)", token: officer))
            #expect(page.contains("东湖化工有限公司") && page.contains("王五 440***********0014") && page.contains("氰化钠"))
            #expect(page.contains("保存核验结果") && page.contains("作出受理决定"))
            #expect(!Masking.containsPersonalNumbers(page))
        }
    }

    @Test("the citizen's status page: a form, the stage and what is missing, one message for wrong code or digits")
    func statusPage() async throws {
        try await withHall(clock: TestClock(CaseRouteTests.start)) { client in
            #expect(text(try await client.send(.get, "/status")).contains("手机号码后四位"))
            let officer = try await client.token(Demo.officers[0])
            let opened = try jsonObject(try await client.send(
                .post, "/api/v1/cases", token: officer, raw: CaseRouteTests.json(["business": "residence-permit", "applicant": CaseRouteTests.person])))
            let code = try #require(opened["queryCode"] as? String)
            func post(_ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/status", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
            }
            let found = try await post("code=\(code)&phoneLast4=5678")
            #expect(found.status == .ok && text(found).contains("材料核验中") && text(found).contains("居住证"))
            #expect(!text(found).contains("张三"))
            let wrong = try await post("code=\(code)&phoneLast4=0000")
            #expect(wrong.status == .notFound && text(wrong).contains("查询码或手机号后四位不正确"))
        }
    }
}
