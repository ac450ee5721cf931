import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ChuangkouServer

@Suite("The suggested wording for a refusal, reworded by the administrator")
struct RefusalWordingPageTests {
    @Test("the administrator rewords it (refusals say what to fix and keep what was typed); the officers' forms show it; reset")
    func reworded() async throws {
        try await withHall { client in
            let admin = try await GuidePageTests.session(client, Demo.admin)
            let officer = try await GuidePageTests.session(client, Demo.officers[0])
            let shipped = try await client.execute(uri: "/admin/refusal-wording", method: .get, headers: [.cookie: admin])
            PageTests.expectHTML(shipped)
            #expect(text(shipped).contains(RefusalWording.shipped.chinese))
            let explanation = try await client.execute(uri: "/explanation", method: .get, headers: [.cookie: officer])
            #expect(text(explanation).contains("建议用语：" + RefusalWording.shipped.chinese))
            #expect(try await client.execute(uri: "/admin/refusal-wording", method: .get, headers: [.cookie: officer]).status == .forbidden)

            let refused = try await GuidePageTests.form(
                client,
                "/admin/refusal-wording",
                cookie: admin,
                [("chinese", "有疑问请拨打13812345678"), ("english", "")]
            )
            #expect(refused.status == .unprocessableContent && text(refused).contains("用语中不能有身份证号或手机号"))
            #expect(text(refused).contains("有疑问请拨打13812345678"), "what was typed is kept to be fixed")
            let empty = try await GuidePageTests.form(client, "/admin/refusal-wording", cookie: admin, [("chinese", "  "), ("english", "x")])
            #expect(empty.status == .unprocessableContent && text(empty).contains("请填写中文用语"))
            let byOfficer = try await GuidePageTests.form(client, "/admin/refusal-wording", cookie: officer, [("chinese", "随便说说")])
            #expect(byOfficer.status == .forbidden)

            let ours = "请您理解，这是规定所限；我们把依据写给您，符合条件时一次办好。"
            let saved = try await GuidePageTests.form(client, "/admin/refusal-wording", cookie: admin, [("chinese", ours), ("english", "")])
            #expect(saved.status == .seeOther && saved.headers[.location] == "/admin/refusal-wording?done=save")
            #expect(text(try await client.execute(uri: "/explanation", method: .get, headers: [.cookie: officer])).contains("建议用语：" + ours))
            #expect(text(try await client.execute(uri: "/escalate", method: .get, headers: [.cookie: officer])).contains("建议用语：" + ours))

            let reset = try await GuidePageTests.form(client, "/admin/refusal-wording", cookie: admin, [("reset", "1")])
            #expect(reset.status == .seeOther)
            let back = try await client.execute(uri: "/explanation", method: .get, headers: [.cookie: officer])
            #expect(text(back).contains("建议用语：" + RefusalWording.shipped.chinese))
        }
    }
}
