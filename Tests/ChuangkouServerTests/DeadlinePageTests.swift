import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Deadline board and calendar pages")
struct DeadlinePageTests {
    static func form(_ client: any TestClientProtocol, token: String, _ fields: [String: String]) async throws -> TestResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._")
        let body = fields.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return try await client.execute(
            uri: "/admin/calendar",
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .authorization: "Bearer \(token)"],
            body: ByteBuffer(string: body)
        )
    }

    @Test("the board needs a sign-in, lists clocks by time left in their state's colour, with both due dates and why one is paused")
    func board() async throws {
        let clock = TestClock(TestClock.shanghai(2026, 12, 28, 10, 0))
        try await withHall(clock: clock) { client in
            let signedOut = try await client.send(.get, "/deadlines")
            #expect(signedOut.status == .found && signedOut.headers[.location] == "/console/login?next=%2Fdeadlines")

            let token = try await client.token(Demo.officers[0])
            let later = try await client.startDeadline(token: token, subject: "李四 护照", promised: 10, statutory: 15)
            let soon = try await client.startDeadline(token: token, subject: "王五 临时身份证", promised: 1, statutory: 3)
            let paused = try await client.startDeadline(token: token, subject: "赵六 剧毒化学品购买许可", promised: 3, statutory: 3)
            _ = try await client.send(
                .post,
                "/api/v1/deadlines/\(paused.id)/pause",
                token: token,
                raw: #"{"kind":"testing","reason":"样品送检","applicantNotifiedInWriting":true}"#
            )

            let response = try await client.send(.get, "/deadlines", token: token)
            PageTests.expectHTML(response)
            let html = text(response)
            #expect(html.contains("办理时限看板"))
            let soonAt = try #require(html.range(of: "王五 临时身份证")).lowerBound
            let laterAt = try #require(html.range(of: "李四 护照")).lowerBound
            #expect(soonAt < laterAt, "least time left first")
            #expect(html.contains(#"class="deadline state-warning" data-deadline="\#(soon.id)""#))
            #expect(html.contains(#"class="deadline state-onTrack" data-deadline="\#(later.id)""#))
            #expect(html.contains(#"class="deadline state-paused" data-deadline="\#(paused.id)""#))
            #expect(html.contains("检验: 样品送检"), "the pause's kind and reason")
            #expect(html.contains("2027-01-11") && html.contains(later.statutoryDue), "both due dates")
            #expect(html.contains(#"<span class="provisional">暂定</span>"#), "2027 dates are marked provisional")

            let english = text(try await client.send(.get, "/deadlines?lang=en", token: token))
            #expect(english.contains("Deadline board") && english.contains("provisional") && english.contains("Due soon"))
        }
    }

    @Test("the calendar page is for administrators: sign-in first, 403 for an officer; it lists every year and version")
    func adminPage() async throws {
        try await withHall { client in
            let signedOut = try await client.send(.get, "/admin/calendar")
            #expect(signedOut.status == .found)
            let officer = try await client.token(Demo.officers[0])
            PageTests.expectHTML(try await client.send(.get, "/admin/calendar", token: officer), .forbidden)

            let admin = try await client.token(Demo.admin)
            let response = try await client.send(.get, "/admin/calendar", token: admin)
            PageTests.expectHTML(response)
            let html = text(response)
            #expect(html.contains(#"data-year="2025" data-version="1""#) && html.contains(#"data-year="2026" data-version="1""#))
            #expect(html.contains("春节 2026-02-15…2026-02-23"))
            #expect(html.contains(#"name="notice""#) && html.contains(#"value="2027""#), "the form offers next year")

            let calc = text(try await client.send(.get, "/admin/calendar?from=2027-03-01&workingDays=5", token: admin))
            #expect(calc.contains("<b>2027-03-08</b>") && calc.contains(#"<span class="provisional">暂定</span>"#))
        }
    }

    @Test("a bad notice pasted in the form is refused with every problem listed and the text kept; a good one is published")
    func publishForm() async throws {
        try await withHall { client in
            let admin = try await client.token(Demo.admin)
            let bad =
                #"{"off":[{"name":"A","from":"2027-05-01","to":"2027-05-05"}"#
                + #",{"name":"B","from":"2027-05-05","to":"2027-05-06"}],"work":["2028-01-02"]}"#
            let refused = try await Self.form(client, token: admin, ["year": "2027", "notice": bad, "note": ""])
            PageTests.expectHTML(refused, .unprocessableContent)
            let html = text(refused)
            #expect(html.contains(#"<ul class="problems">"#))
            #expect(html.contains("<li>「A」与「B」的放假日期重叠</li>"))
            #expect(html.contains("<li>2028-01-02 不在2027年内</li>"))
            #expect(html.contains("2027-05-06"), "the pasted text is kept in the form")

            PageTests.expectHTML(try await Self.form(client, token: admin, ["year": "2027", "notice": "{not json", "note": ""]), .badRequest)
            expectError(try await client.send(.get, "/api/v1/calendar/notices/2027"), .notFound, "calendar.unknown-year")

            let good = #"{"off":[{"name":"春节","from":"2027-02-06","to":"2027-02-14"}],"work":["2027-02-20"]}"#
            let published = try await Self.form(client, token: admin, ["year": "2027", "notice": good, "note": "国办发明电"])
            #expect(published.status == .seeOther && published.headers[.location] == "/admin/calendar?published=2027")
            let page = text(try await client.send(.get, "/admin/calendar?published=2027", token: admin))
            #expect(page.contains(#"data-year="2027" data-version="1""#) && page.contains("国办发明电") && page.contains("已发布2027年"))
        }
    }
}
