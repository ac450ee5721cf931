import ChuangkouCore
import ChuangkouTestSupport
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
            let opened = try jsonObject(
                try await client.send(
                    .post,
                    "/api/v1/cases",
                    token: officer,
                    raw: CaseRouteTests.json(["ticket": ticket.id, "applicant": applicant, "fields": fields])
                )
            )
            let id = try #require(opened["id"] as? String)
            #expect(try await client.send(.get, "/cases/new?ticket=\(ticket.id)", token: officer).headers[.location] == "/cases/\(id)")
            let page = text(try await client.send(.get, "/cases/\(id)", token: officer))
            #expect(page.contains("东湖化工有限公司") && page.contains("王五 440***********0014") && page.contains("氰化钠"))
            #expect(page.contains("保存核验结果") && page.contains("作出受理决定"))
            #expect(!leaksPersonalNumbers(page))
        }
    }

    @Test("the citizen's status page: a form, the stage and what is missing, one message for wrong code or digits")
    func statusPage() async throws {
        try await withHall(clock: TestClock(CaseRouteTests.start)) { client in
            #expect(text(try await client.send(.get, "/status")).contains("手机号码后四位"))
            let officer = try await client.token(Demo.officers[0])
            let opened = try jsonObject(
                try await client.send(
                    .post,
                    "/api/v1/cases",
                    token: officer,
                    raw: CaseRouteTests.json(["business": "residence-permit", "applicant": CaseRouteTests.person])
                )
            )
            let code = try #require(opened["queryCode"] as? String)
            func post(_ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/status",
                    method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body)
                )
            }
            let found = try await post("code=\(code)&phoneLast4=5678")
            #expect(found.status == .ok && text(found).contains("材料核验中") && text(found).contains("居住证"))
            #expect(!text(found).contains("张三"))
            let wrong = try await post("code=\(code)&phoneLast4=0000")
            #expect(wrong.status == .notFound && text(wrong).contains("查询码或手机号后四位不正确"))
        }
    }
    @Test("the case pages speak English with ?lang=en and Chinese by default: the intake form, the case page, the status page")
    func english() async throws {
        try await withHall(clock: TestClock(CaseRouteTests.start)) { client in
            let officer = try await client.token(Demo.officers[0])
            let chineseForm = text(try await client.send(.get, "/cases/new?business=residence-permit", token: officer))
            #expect(chineseForm.contains("居民身份证号码") && chineseForm.contains("登记收件") && chineseForm.contains("窗口工作台"))
            let form = text(try await client.send(.get, "/cases/new?business=residence-permit&lang=en", token: officer))
            for label in ["Resident ID number", "Unified social credit code", "Register the application", "Window console", "Applicant"] {
                #expect(form.contains(label), "the English intake form lacks \(label)")
            }
            #expect(!form.contains("登记收件") && !form.contains("居民身份证号码"))

            let opened = try jsonObject(
                try await client.send(
                    .post,
                    "/api/v1/cases",
                    token: officer,
                    raw: CaseRouteTests.json(["business": "residence-permit", "applicant": CaseRouteTests.person])
                )
            )
            let id = try #require(opened["id"] as? String)
            let code = try #require(opened["queryCode"] as? String)
            _ = try await client.send(.put, "/api/v1/cases/\(id)/checklist", token: officer, raw: CaseRouteTests.checklist([1: ["state": "missing"]]))
            _ = try await client.send(.post, "/api/v1/cases/\(id)/intake", token: officer, raw: "{}")

            let chinese = text(try await client.send(.get, "/cases/\(id)", token: officer))
            for label in [
                "查询码",
                "材料核验（第2版，共2版）",
                "待补正材料",
                "一次性告知（2026-03-03）",
                "原件1 复印件1",
                "已提交",
                "收取材料",
                "办理记录",
                "一次性告知书",
            ] {
                #expect(chinese.contains(label), "the Chinese case page lacks \(label)")
            }
            let english = text(try await client.send(.get, "/cases/\(id)?lang=en", token: officer))
            for label in [
                "Query code", "Materials (version 2 of 2)", "Waiting for missing materials", "One-time notice (2026-03-03)", "originals 1, copies 1",
                "Provided", "Missing", "Receive", "History", "One-time notice of missing materials", "Save the check",
                #""failed":"Failed""#,
            ] {
                #expect(english.contains(label), "the English case page lacks \(label)")
            }
            for chineseLabel in ["查询码", "材料核验", "待补正材料", "已提交", "收取材料", "办理记录", "保存核验结果"] {
                #expect(!english.contains(chineseLabel), "the English case page still says \(chineseLabel)")
            }
            #expect(!leaksPersonalNumbers(english))

            #expect(text(try await client.send(.get, "/status")).contains("查询码 Query code"))
            let status = text(try await client.send(.get, "/status?lang=en"))
            #expect(status.contains("Last 4 digits of the phone") && !status.contains("手机号码后四位"))
            let found = try await client.execute(
                uri: "/status?lang=en",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "code=\(code)&phoneLast4=5678")
            )
            let answer = text(found)
            #expect(found.status == .ok)
            for label in ["Stage", "Waiting for missing materials", "Received", "Materials still needed", "Residence permit"] {
                #expect(answer.contains(label), "the English status answer lacks \(label)")
            }
            #expect(!answer.contains("办理阶段") && !answer.contains("尚需提交的材料"))
            let chineseAnswer = text(
                try await client.execute(
                    uri: "/status",
                    method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "code=\(code)&phoneLast4=5678")
                )
            )
            #expect(
                chineseAnswer.contains("办理阶段")
                    && chineseAnswer.contains("尚需提交的材料")
                    && chineseAnswer.contains("待补正材料")
            )
        }
    }

    @Test("the history says what happened in words, in both languages, not the stored codes the API keeps")
    func historyInWords() async throws {
        try await withHall(clock: TestClock(CaseRouteTests.start)) { client in
            let officer = try await client.token(Demo.officers[0])
            let opened = try jsonObject(
                try await client.send(
                    .post,
                    "/api/v1/cases",
                    token: officer,
                    raw: CaseRouteTests.json(["business": "residence-permit", "applicant": CaseRouteTests.person])
                )
            )
            let id = try #require(opened["id"] as? String)
            _ = try await client.send(.put, "/api/v1/cases/\(id)/checklist", token: officer, raw: CaseRouteTests.checklist([1: ["state": "missing"]]))
            let decided = try jsonObject(try await client.send(.post, "/api/v1/cases/\(id)/intake", token: officer, raw: "{}"))
            let actions = (decided["events"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
            #expect(actions == ["opened", "checklist", "notice", "document.oneTimeNotice"], "the API keeps the codes")

            let chinese = text(try await client.send(.get, "/cases/\(id)", token: officer))
            for words in [
                "<td>现场登记收件</td>",
                "<td>材料核验</td><td>",
                "<td>第2版</td>",
                "<td>出具一次性告知</td>",
                "<td>出具一次性告知书</td>",
            ] {
                #expect(chinese.contains(words), "the Chinese history lacks \(words)")
            }
            let english = text(try await client.send(.get, "/cases/\(id)?lang=en", token: officer))
            let englishWords = [
                "<td>Registered (walk-in)</td>", "<td>Materials checked</td>", "<td>version 2</td>", "<td>One-time notice issued</td>",
                "<td>Issued: One-time notice of missing materials</td>",
            ]
            for words in englishWords {
                #expect(english.contains(words), "the English history lacks \(words)")
            }
            for code in ["<td>opened</td>", "<td>checklist</td>", "<td>notice</td>", "<td>document.oneTimeNotice</td>", "walk-in<", ">v2<"] {
                #expect(!chinese.contains(code) && !english.contains(code), "the history still shows \(code)")
            }
        }
    }
}
