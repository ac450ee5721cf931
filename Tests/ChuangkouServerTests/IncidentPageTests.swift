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
