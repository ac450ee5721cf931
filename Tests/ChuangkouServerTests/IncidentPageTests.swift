import ChuangkouCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("The escalation pages (避免僵局)")
struct IncidentPageTests {
    @Test("with no leader on the roster the escalation form says so in words and keeps what was typed")
    func noLeader() async throws {
        try await withHall { client in
            let cookie = try await GuidePageTests.session(client, Demo.officers[0])
            let form = try await client.execute(uri: "/escalate?window=1", method: .get, headers: [.cookie: cookie])
            PageTests.expectHTML(form)
            #expect(text(form).contains("您说得有道理"), "the suggested wording sits beside the form")
            let refused = try await GuidePageTests.form(
                client,
                "/escalate",
                cookie: cookie,
                [("window", "1"), ("kind", "deadlock"), ("asked", "今天就要"), ("answered", "须7个工作日"), ("to", "leader")]
            )
            #expect(refused.status == .conflict)
            #expect(text(refused).contains("当前时段没有排值班领导") && text(refused).contains("今天就要"))
            let recorded = try await GuidePageTests.form(
                client,
                "/escalate",
                cookie: cookie,
                [("window", "1"), ("kind", "dispute"), ("asked", "插队"), ("answered", "请排队"), ("outcome", "已排队"), ("to", "record")]
            )
            #expect(recorded.headers[.location] == "/escalate?done=record&window=1")
        }
    }

    @Test("the leader's console and the incident list are for leaders (and supervisors for the list)")
    func access() async throws {
        try await withHall { client in
            let officer = try await GuidePageTests.session(client, Demo.officers[0])
            #expect(try await client.execute(uri: "/duty/escalations", method: .get, headers: [.cookie: officer]).status == .forbidden)
            #expect(try await client.execute(uri: "/incidents", method: .get, headers: [.cookie: officer]).status == .forbidden)
            let supervisor = try await GuidePageTests.session(client, "010300")
            let list = try await client.execute(uri: "/incidents", method: .get, headers: [.cookie: supervisor])
            PageTests.expectHTML(list)
        }
    }
}

@Suite("The written explanation (告知单)")
struct ExplanationPageTests {
    @Test("the sheet quotes the legal basis from the guide version in force, dated, with the officer, 警号 and phones")
    func sheet() async throws {
        try await withHall { client in
            let cookie = try await GuidePageTests.session(client, Demo.officers[0])
            let form = try await client.execute(uri: "/explanation", method: .get, headers: [.cookie: cookie])
            PageTests.expectHTML(form)
            let printed = try await GuidePageTests.form(
                client,
                "/explanation",
                cookie: cookie,
                [("business", "toxic-chemical-permit"), ("request", "个人购买剧毒化学品，电话13912345678"), ("decision", "on")]
            )
            PageTests.expectHTML(printed)
            let sheet = text(printed)
            #expect(sheet.contains("告知单") && sheet.contains("危险化学品安全管理条例"))
            #expect(sheet.contains("办事指南》第1版"), "the guide version is named")
            #expect(sheet.contains("行政复议") && sheet.contains("王建国（警号010231）") && sheet.contains("12389"))
            #expect(sheet.contains("印章处") && sheet.contains("当事人签收"), "a seal area and the receipt line")
            #expect(!sheet.contains("13912345678"))
            let missing = try await GuidePageTests.form(
                client,
                "/explanation",
                cookie: cookie,
                [("business", "toxic-chemical-permit"), ("request", " ")]
            )
            #expect(missing.status == .unprocessableContent)
        }
    }
}
