import ChuangkouServer
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// 现场办公 over HTTP: the public form, the duty leader's decision, the team's schedule and route list, the result,
/// and who may see what.
@Suite("On-site visits over HTTP")
struct OnSiteRouteTests {
    static let start = TestClock.shanghai(2026, 9, 28, 10, 0)

    static func body(days: [String] = ["2026-10-09"], collects: Bool = true, phone: String = "13912345678") -> String {
        let data = try! JSONSerialization.data(withJSONObject: [
            "applicant": "张桂兰（卧床老人）", "phone": phone, "address": "东湖区幸福路8号3栋502室", "businesses": ["id-card"],
            "reason": "mobility", "details": "家属电话13812345678", "preferredDays": days, "collectsPersonalData": collects,
        ] as [String: Any])
        return String(decoding: data, as: UTF8.self)
    }

    @Test("public request → the duty leader plans it on a working day with two officers → schedule, route list, query, result")
    func closedLoop() async throws {
        let clock = TestClock(Self.start)
        try await withHall(clock: clock) { client in
            expectError(try await client.send(.post, "/api/v1/onsite", raw: Self.body(phone: "12345")), .badRequest, "onsite.bad-request")
            expectError(try await client.send(.post, "/api/v1/onsite", raw: Self.body(days: ["2026-09-27"])), .badRequest, "onsite.preferred-days")
            let filed = try jsonObject(try await client.send(.post, "/api/v1/onsite", raw: Self.body()))
            let id = try #require(filed["id"] as? String)
            let code = try #require(filed["queryCode"] as? String)

            let officer = try await client.token(Demo.officers[0])
            let partner = try await client.token(Demo.officers[1])
            let outsider = try await client.token(Demo.officers[2])
            let leader = try await client.token(Demo.dutyLeader)
            expectError(try await client.send(.get, "/api/v1/onsite", token: officer), .forbidden, "auth.forbidden")
            expectError(try await client.send(.get, "/api/v1/onsite/\(id)", token: officer), .notFound, "onsite.unknown")
            let listed = try jsonObject(try await client.send(.get, "/api/v1/onsite?stage=requested", token: leader))["visits"] as? [[String: Any]]
            #expect(listed?.map { $0["id"] as? String } == [id])
            #expect(listed?.first?["phoneMasked"] as? String == "139****5678")
            #expect(listed?.first?["details"] as? String == "家属电话138****5678")
            #expect(listed?.first?["plan"] is NSNull && listed?.first?["result"] is NSNull, "absent values are null, not missing")

            func approve(_ day: String, _ team: [String], token: String) async throws -> TestResponse {
                let data = try JSONSerialization.data(withJSONObject: ["day": day, "half": "morning", "team": team] as [String: Any])
                return try await client.send(.post, "/api/v1/onsite/\(id)/approve", token: token, raw: String(decoding: data, as: UTF8.self))
            }
            expectError(try await approve("2026-10-09", [Demo.officers[0], Demo.officers[1]], token: officer), .forbidden, "auth.forbidden")
            expectError(
                try await approve("2026-10-05", [Demo.officers[0], Demo.officers[1]], token: leader),
                .unprocessableContent,
                "onsite.not-a-working-day"
            )
            expectError(try await approve("2026-10-09", [Demo.officers[0]], token: leader), .unprocessableContent, "onsite.team-size")
            expectError(
                try await approve("2026-10-09", [Demo.officers[0], Demo.admin], token: leader),
                .unprocessableContent,
                "onsite.team-member-invalid"
            )
            let planned = try await approve("2026-10-10", [Demo.officers[0], Demo.officers[1]], token: leader)
            #expect(planned.status == .ok, "the 调休 Saturday is a working day: \(text(planned))")

            let schedule = try jsonObject(try await client.send(.get, "/api/v1/onsite/schedule", token: partner))["visits"] as? [[String: Any]]
            #expect(schedule?.map { $0["id"] as? String } == [id])
            #expect(try await client.send(.get, "/api/v1/onsite/\(id)", token: partner).status == .ok)
            expectError(try await client.send(.get, "/api/v1/onsite/\(id)", token: outsider), .notFound, "onsite.unknown")

            let sheet = text(try await client.send(.get, "/onsite/route-list?day=2026-10-10", token: officer))
            #expect(sheet.contains("东湖区幸福路8号3栋502室") && sheet.contains("139****5678") && !sheet.contains("13912345678"))
            #expect(sheet.contains("王建国（010231）") && sheet.contains("现场采集个人信息"))
            let notMine = text(try await client.send(.get, "/onsite/route-list?day=2026-10-10", token: outsider))
            #expect(notMine.contains("当日没有已安排的现场办公") && !notMine.contains("幸福路"))

            let query = #"{"code":"\#(code)","phoneLast4":"5678"}"#
            let status = try jsonObject(try await client.send(.post, "/api/v1/onsite/query", raw: query))
            #expect(status["stage"] as? String == "approved" && status["planned"] as? String == "2026年10月10日上午")
            expectError(
                try await client.send(.post, "/api/v1/onsite/query", raw: #"{"code":"\#(code)","phoneLast4":"0000"}"#),
                .notFound,
                "onsite.query-not-found"
            )

            let done = #"{"outcome":"done","note":"已受理身份证换领","casesTaken":1}"#
            expectError(
                try await client.send(.post, "/api/v1/onsite/\(id)/result", token: officer, raw: done),
                .conflict,
                "onsite.result-before-visit"
            )
            clock.set(TestClock.shanghai(2026, 10, 10, 11, 0))
            // Twelve days on, everyone signs in again.
            let (partnerToday, outsiderToday) = (try await client.token(Demo.officers[1]), try await client.token(Demo.officers[2]))
            expectError(try await client.send(.post, "/api/v1/onsite/\(id)/result", token: outsiderToday, raw: done), .notFound, "onsite.unknown")
            // The result loads the visit once: it adds its change row and no read row.
            let auditor = try await client.token(Demo.auditAdmin, at: TestClock.shanghai(2026, 10, 10, 11, 0))
            func actions() async throws -> [String] {
                try await client.audit("object=onsite:\(id)", token: auditor).filter { $0.actor == Demo.officers[1] }.map(\.action)
            }
            let before = try await actions()
            let visited = try jsonObject(try await client.send(.post, "/api/v1/onsite/\(id)/result", token: partnerToday, raw: done))
            let after = try await actions()
            #expect(after.filter { $0 == "onsite.read" }.count == before.filter { $0 == "onsite.read" }.count)
            #expect(after.count == before.count + 1 && after.contains("onsite.result"), "\(before) → \(after)")
            #expect(visited["stage"] as? String == "visited")
            #expect((visited["history"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["requested", "approved", "visited"])
        }
    }

    @Test("staff record a request for a caller (no query code); the leader declines it with a reason; an administrator reads none")
    func staffAndDecline() async throws {
        try await withHall(clock: TestClock(Self.start)) { client in
            let officer = try await client.token(Demo.officers[0])
            let filed = try jsonObject(try await client.send(.post, "/api/v1/onsite", token: officer, raw: Self.body(collects: false)))
            let id = try #require(filed["id"] as? String)
            #expect(filed["queryCode"] is NSNull)
            #expect(try await client.send(.get, "/api/v1/onsite/\(id)", token: officer).status == .ok, "its recorder sees it")
            let leader = try await client.token(Demo.dutyLeader)
            expectError(
                try await client.send(.post, "/api/v1/onsite/\(id)/decline", token: leader, raw: #"{"reason":" "}"#),
                .badRequest,
                "onsite.reason-required"
            )
            let declined = try jsonObject(
                try await client.send(.post, "/api/v1/onsite/\(id)/decline", token: leader, raw: #"{"reason":"可由家属代办，无需上门"}"#)
            )
            #expect(declined["stage"] as? String == "declined" && declined["declineReason"] as? String == "可由家属代办，无需上门")
            let admin = try await client.token(Demo.admin, at: Self.start)
            expectError(try await client.send(.get, "/api/v1/onsite/\(id)", token: admin), .forbidden, "auth.forbidden")
            expectError(try await client.send(.get, "/api/v1/onsite?stage=nope", token: leader), .badRequest, "onsite.bad-request")
        }
    }

    static func form(_ client: any TestClientProtocol, _ uri: String, _ body: String) async throws -> TestResponse {
        try await client.execute(
            uri: uri,
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        )
    }

    static func encoded(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func escaped(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed)! }
        return fields.map { "\(escaped($0.0))=\(escaped($0.1))" }.joined(separator: "&")
    }

    @Test("the citizen's form files a request (query code), a refusal keeps the input and marks the field; status in plain words")
    func citizenPages() async throws {
        let clock = TestClock(Self.start)
        try await withHall(clock: clock) { client in
            let empty = text(try await client.send(.get, "/onsite/request"))
            #expect(empty.contains("申请现场办公") && empty.contains(#"name="businesses[]" value="id-card""#) && empty.contains("行动不便"))
            #expect(empty.contains(#"min="2026-09-29""#), "preferred days start tomorrow")
            #expect(text(try await client.send(.get, "/onsite/request?lang=en")).contains("Ask for an on-site visit"))

            var fields: [(String, String)] = [
                ("applicant", "张桂兰"), ("phone", "13912345678"), ("address", "8号"), ("businesses[]", "id-card"),
                ("reason", "mobility"), ("day1", "2026-10-09"), ("day2", ""), ("details", "卧床"), ("collectsPersonalData", "yes"),
            ]
            let refused = try await Self.form(client, "/onsite/request", Self.encoded(fields))
            let refusedPage = text(refused)
            #expect(refused.status == .badRequest)
            #expect(refusedPage.contains("请填写上门地址（4至200字）") && refusedPage.contains("请修改标出的内容"))
            #expect(refusedPage.contains(#"<label class="invalid">上门地址"#), "the address is marked")
            #expect(refusedPage.contains(#"value="张桂兰""#) && refusedPage.contains(#"value="2026-10-09""#), "what was typed stays")
            #expect(refusedPage.contains(#"value="id-card" checked"#))

            fields[1] = ("phone", "12345")
            fields[2] = ("address", "东湖区幸福路8号3栋502室")
            let badPhone = text(try await Self.form(client, "/onsite/request", Self.encoded(fields)))
            #expect(badPhone.contains(#"<label class="invalid">联系手机"#) && badPhone.contains("请填写正确的手机号码"))
            fields[1] = ("phone", "13912345678")
            let noDays = text(try await Self.form(client, "/onsite/request", Self.encoded(fields.filter { $0.0 != "day1" })))
            #expect(noDays.contains(#"<fieldset class="invalid" aria-invalid="true"><legend>希望的日期"#))

            let filed = try await Self.form(client, "/onsite/request", Self.encoded(fields))
            let filedPage = text(filed)
            #expect(filed.status == .created && filedPage.contains("申请已收到"))
            let code = try #require(filedPage.firstMatch(of: /id="onsite-code" class="query-code">([^<]+)</)?.1).description

            let waiting = text(try await Self.form(client, "/onsite/status", "code=\(code)&phoneLast4=5678"))
            #expect(waiting.contains("待审批") && waiting.contains("正在等待值班领导审批"))
            let wrong = try await Self.form(client, "/onsite/status", "code=\(code)&phoneLast4=0000")
            #expect(wrong.status == .notFound && text(wrong).contains("查询码或手机号后四位不正确"))
            #expect(text(try await client.send(.get, "/onsite/status?code=\(code)")).contains(#"value="\#(code)""#))

            let leader = try await client.token(Demo.dutyLeader)
            let listed = try jsonObject(try await client.send(.get, "/api/v1/onsite?stage=requested", token: leader))["visits"] as? [[String: Any]]
            let id = try #require(listed?.first?["id"] as? String)
            #expect(listed?.first?["collectsPersonalData"] as? Bool == true)
            #expect(listed?.first?["preferredDays"] as? [String] == ["2026-10-09"])
            let plan = #"{"day":"2026-10-09","half":"afternoon","team":["\#(Demo.officers[0])","\#(Demo.officers[1])"]}"#
            #expect(try await client.send(.post, "/api/v1/onsite/\(id)/approve", token: leader, raw: plan).status == .ok)
            clock.set(TestClock.shanghai(2026, 9, 28, 10, 2))  // five public requests and queries a minute from one address
            let planned = text(try await Self.form(client, "/onsite/status", "code=\(code)&phoneLast4=5678"))
            #expect(planned.contains("已安排民警于2026年10月9日下午上门办理"))
            let english = text(try await Self.form(client, "/onsite/status?lang=en", "code=\(code)&phoneLast4=5678"))
            #expect(english.contains("Officers will come on 2026-10-09 (afternoon)"))
        }
    }

    @Test("public on-site requests and look-ups have their own per-address setting (chuangkou.onsite.per-minute-per-address, 1–600)")
    func perAddressSetting() async throws {
        func limit(_ value: Int?) -> Int {
            let key: AbsoluteConfigKey = "chuangkou.onsite.per-minute-per-address"
            let values: [AbsoluteConfigKey: ConfigValue] = value.map { [key: .init(.int($0), isSecret: false)] } ?? [:]
            return AppSettings(reader: ConfigReader(provider: InMemoryProvider(values: values))).onSitePerMinutePerAddress
        }
        #expect(limit(nil) == 5 && limit(2) == 2 && limit(0) == 1 && limit(-3) == 1 && limit(10_000) == 600)

        let settings: [AbsoluteConfigKey: ConfigValue] = [
            "chuangkou.onsite.per-minute-per-address": .init(.int(2), isSecret: false),
            "chuangkou.complaints.per-minute-per-address": .init(.int(50), isSecret: false),
        ]
        // A fixed clock: the limiter counts per clock minute.
        try await HallPermits.shared.withPermit {
            let app = try await describingErrors { try await makeHallApp(clock: TestClock(Self.start), settings: settings) }
            try await app.test(.router) { client in try await Self.limited(client) }
        }
    }

    static func limited(_ client: any TestClientProtocol) async throws {
        for _ in 0..<2 { #expect(try await client.send(.post, "/api/v1/onsite", raw: Self.body(days: ["2099-01-05"])).status == .badRequest) }
        expectError(try await client.send(.post, "/api/v1/onsite", raw: Self.body()), .tooManyRequests, "onsite.rate-limited")
        let page = try await Self.form(client, "/onsite/status", "code=ABCD-EFGH-JKLM&phoneLast4=5678")
        #expect(page.status == .tooManyRequests && text(page).contains("提交过于频繁"))
        let officer = try await client.token(Demo.officers[0])
        #expect(try await client.send(.post, "/api/v1/onsite", token: officer, raw: Self.body(days: ["2099-01-05"])).status == .badRequest)
        let complaint = #"{"subject":{"kind":"hall"},"text":"等候太久"}"#
        #expect(try await client.send(.post, "/api/v1/complaints", raw: complaint).status == .created, "complaints keep their own budget")
    }
}
