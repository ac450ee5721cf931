import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ChuangkouServer

@Suite("The roster and competent-body admin pages")
struct DutyAdminPageTests {
    @Test("the officers field reads one officer a line and names the line that is wrong")
    func officersField() throws {
        let parsed = try DutyAdminPage.officers("010231 0551-66668801\n\n010232，13912345678\n")
        #expect(parsed.map(\.badge.value) == ["010231", "010232"])
        #expect(throws: APIError.self) { try DutyAdminPage.officers("010231 0551-66668801\n010232") }
        do {
            _ = try DutyAdminPage.officers("010231")
        } catch let error as APIError {
            #expect(error.chinese.contains("第1行") && error.status == .unprocessableContent)
        }
        #expect(throws: APIError.self) { try DutyAdminPage.officers("01023 0551-66668801") }
    }

    @Test("the system administrator plans a slot, clears it and records leave; refusals keep what was typed")
    func roster() async throws {
        // The real clock: administrators sign in with a TOTP code of now. Days are counted from the hall's today.
        let current = DutyHours().slot(at: Date(), in: DemoHall.hall.timeZone)
        let today = current.day.description
        let tomorrow = try current.day.adding(days: 1).description
        let later = try current.day.adding(days: 2).description
        let last = try current.day.adding(days: 3).description
        try await withHall { client in
            let admin = try await GuidePageTests.session(client, Demo.admin)
            let page = try await client.execute(uri: "/admin/duty", method: .get, headers: [.cookie: admin])
            PageTests.expectHTML(page)
            #expect(text(page).contains("\(today) ") && text(page).contains("（今天）") && text(page).contains("赵国强（010100）"))
            let refused = try await GuidePageTests.form(
                client,
                "/admin/duty",
                cookie: admin,
                [("day", tomorrow), ("half", "morning"), ("leader", Demo.dutyLeader), ("leaderPhone", "x"), ("officers", "010231 0551-1")]
            )
            #expect(refused.status == .unprocessableContent)
            #expect(text(refused).contains("值班电话有误") && text(refused).contains("010231 0551-1"))
            let planned = try await GuidePageTests.form(
                client,
                "/admin/duty",
                cookie: admin,
                [
                    ("day", tomorrow), ("half", "afternoon"), ("leader", Demo.dutyLeader), ("leaderPhone", "0551-66668800"),
                    ("officers", "010231 0551-66668801"),
                ]
            )
            #expect(planned.headers[.location] == "/admin/duty?done=plan&from=\(tomorrow)")
            let officer = try await client.token(Demo.officers[0])
            let roster = try jsonObject(try await client.send(.get, "/api/v1/duty/roster?from=\(tomorrow)&through=\(tomorrow)", token: officer))
            #expect((roster["shifts"] as? [[String: Any]])?.count == 1)
            let started = try await GuidePageTests.form(
                client,
                "/admin/duty/clear",
                cookie: admin,
                [("day", today), ("half", current.half.rawValue)]
            )
            #expect(started.status == .conflict && text(started).contains("已开始"))
            let cleared = try await GuidePageTests.form(client, "/admin/duty/clear", cookie: admin, [("day", tomorrow), ("half", "afternoon")])
            #expect(cleared.headers[.location] == "/admin/duty?done=clear&from=\(tomorrow)")
            let leave = try await GuidePageTests.form(
                client,
                "/admin/duty/leave",
                cookie: admin,
                [("badge", Demo.officers[1]), ("from", later), ("through", last), ("reason", "年休假")]
            )
            #expect(leave.headers[.location] == "/admin/duty?done=leave&from=\(later)")
            let shown = try await client.execute(uri: "/admin/duty", method: .get, headers: [.cookie: admin])
            #expect(text(shown).contains("年休假") && text(shown).contains("李秀英（010232）"))
            let officerPage = try await GuidePageTests.session(client, Demo.officers[0])
            #expect(try await client.execute(uri: "/admin/duty", method: .get, headers: [.cookie: officerPage]).status == .forbidden)
        }
    }

    @Test("the directory page adds a body (refusals say what to fix) and retires one, which inquiries no longer offer")
    func directory() async throws {
        try await withHall { client in
            let admin = try await GuidePageTests.session(client, Demo.admin)
            PageTests.expectHTML(try await client.execute(uri: "/admin/competent-bodies", method: .get, headers: [.cookie: admin]))
            let refused = try await GuidePageTests.form(
                client,
                "/admin/competent-bodies",
                cookie: admin,
                [("name", "东湖市市场监督管理局"), ("handles", ""), ("address", ""), ("phone", "0551-12315")]
            )
            #expect(refused.status == .unprocessableContent && text(refused).contains("请填写该部门办理的事项"))
            #expect(text(refused).contains("东湖市市场监督管理局"))
            let added = try await GuidePageTests.form(
                client,
                "/admin/competent-bodies",
                cookie: admin,
                [("name", "东湖市市场监督管理局"), ("handles", "营业执照"), ("address", "建设路20号"), ("phone", "0551-12315")]
            )
            #expect(added.headers[.location] == "/admin/competent-bodies?done=add")
            let officer = try await client.token(Demo.officers[0])
            let listed = try jsonObject(try await client.send(.get, "/api/v1/competent-bodies", token: officer))
            let bodies = try #require(listed["bodies"] as? [[String: Any]])
            let id = try #require(bodies.first?["id"] as? String)
            let retired = try await GuidePageTests.form(client, "/admin/competent-bodies/\(id)/retire", cookie: admin, [])
            #expect(retired.headers[.location] == "/admin/competent-bodies?done=retire")
            let after = try jsonObject(try await client.send(.get, "/api/v1/competent-bodies", token: officer))
            #expect((after["bodies"] as? [[String: Any]])?.isEmpty == true)
            let again = try await GuidePageTests.form(client, "/admin/competent-bodies/\(id)/retire", cookie: admin, [])
            #expect(again.status == .notFound)
        }
    }
}
