import ChuangkouCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("The information desk page (咨询台)")
struct InquiryPageTests {
    @Test("an officer records an inquiry in a few taps; a one-time notice prints from the pinned guide version")
    func recordAndNotice() async throws {
        try await withHall { client in
            let cookie = try await GuidePageTests.session(client, Demo.officers[0])
            let empty = try await client.execute(uri: "/desk?window=1", method: .get, headers: [.cookie: cookie])
            PageTests.expectHTML(empty)
            #expect(text(empty).contains("登记咨询") && text(empty).contains(#"name="window" value="1""#))

            let recorded = try await GuidePageTests.form(
                client,
                "/desk/inquiries",
                cookie: cookie,
                [("window", "1"), ("business", "residence-permit"), ("question", "要带什么，身份证11010519491231002X"), ("outcome", "notice")]
            )
            #expect(recorded.status == .seeOther || recorded.status == .found, "\(text(recorded))")
            #expect(recorded.headers[.location] == "/desk?done=record&window=1")
            let page = text(try await client.execute(uri: "/desk?done=record", method: .get, headers: [.cookie: cookie]))
            #expect(page.contains("已登记") && !page.contains("11010519491231002X"))
            let link = try #require(page.range(of: #"/inquiries/[0-9a-f-]{36}/notice"#, options: .regularExpression).map { String(page[$0]) })

            let notice = try await client.execute(uri: link, method: .get, headers: [.cookie: cookie])
            PageTests.expectHTML(notice)
            let sheet = text(notice)
            #expect(sheet.contains("一次性告知单") && sheet.contains("居住证") && sheet.contains("办理条件"))
            #expect(sheet.contains("办事指南》第1版"), "the guide version is quoted")
            #expect(sheet.contains("王建国（警号010231）") && sheet.contains("12389"))
            #expect(sheet.contains("印章处") && sheet.contains("咨询人签收") && sheet.contains("年<span"), "a seal area and the receipt line")

            // Another officer neither sees it on their desk nor prints it.
            let other = try await GuidePageTests.session(client, Demo.officers[1])
            #expect(try await client.execute(uri: link, method: .get, headers: [.cookie: other]).status == .notFound)
        }
    }

    @Test("a refusal is shown in words on the page, with the question kept")
    func refusalInWords() async throws {
        try await withHall { client in
            let cookie = try await GuidePageTests.session(client, Demo.officers[0])
            let refused = try await GuidePageTests.form(
                client,
                "/desk/inquiries",
                cookie: cookie,
                [("business", "residence-permit"), ("question", "能办吗"), ("outcome", "answered"), ("answer", " ")]
            )
            #expect(refused.status == .unprocessableContent)
            #expect(text(refused).contains("请填写答复内容") && text(refused).contains("能办吗"))
        }
    }

    @Test("a handover shows on the colleague's desk to accept, and the first owner keeps it until then")
    func handoverOnDesks() async throws {
        try await withHall { client in
            let first = try await GuidePageTests.session(client, Demo.officers[0])
            let colleague = try await GuidePageTests.session(client, Demo.officers[1])
            _ = try await GuidePageTests.form(
                client,
                "/desk/inquiries",
                cookie: first,
                [("topic", "户口迁移"), ("question", "户口怎么迁"), ("outcome", "open")]
            )
            let mine = text(try await client.execute(uri: "/desk", method: .get, headers: [.cookie: first]))
            let id = try #require(
                mine.range(of: #"data-inquiry="[0-9a-f-]{36}""#, options: .regularExpression).map { String(mine[$0].dropFirst(14).dropLast()) }
            )
            let asked = try await GuidePageTests.form(
                client,
                "/desk/inquiries/\(id)/handover",
                cookie: first,
                [("to", Demo.officers[1]), ("note", "户籍")]
            )
            #expect(asked.headers[.location] == "/desk?done=handover")
            let theirs = text(try await client.execute(uri: "/desk", method: .get, headers: [.cookie: colleague]))
            #expect(theirs.contains("/desk/inquiries/\(id)/accept"))
            #expect(theirs.components(separatedBy: #"<p class="hint">暂无</p>"#).count - 1 == 2, "only the empty lists say 暂无")
            let still = text(try await client.execute(uri: "/desk", method: .get, headers: [.cookie: first]))
            #expect(still.contains("/desk/inquiries/\(id)/withdraw"), "the first owner still owns it")
            let accepted = try await GuidePageTests.form(client, "/desk/inquiries/\(id)/accept", cookie: colleague, [])
            #expect(accepted.headers[.location] == "/desk?done=accept")
            let after = text(try await client.execute(uri: "/desk", method: .get, headers: [.cookie: colleague]))
            #expect(after.contains("/desk/inquiries/\(id)/answer"))
        }
    }

    @Test("administrators are refused the desk; visitors are sent to sign in")
    func access() async throws {
        try await withHall { client in
            let visitor = try await client.execute(uri: "/desk", method: .get)
            #expect(visitor.status == .seeOther || visitor.status == .found)
        }
    }
}
