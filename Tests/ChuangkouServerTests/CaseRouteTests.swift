import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Case intake over HTTP: one case walked from the called ticket to the decision, identifier validation, the
/// one-time rule, breaches for supervisors, documents (masked, numbered, printable, copies logged) and the public
/// status query with its rate limit.
@Suite("Cases over HTTP")
struct CaseRouteTests {
    static let start = TestClock.shanghai(2026, 3, 3, 10, 0)

    static func json(_ object: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static var person: [String: Any] { ["kind": "person", "name": "张三", "idNumber": "11010519491231002x", "phone": "+86 138-1234-5678"] }

    /// Every material of the residence permit provided in full but those given.
    static func checklist(_ overrides: [Int: [String: Any]] = [:]) -> String {
        let required = [(1, 1), (1, 1), (1, 1), (1, 0), (1, 0), (1, 1)]
        let items: [[String: Any]] = required.enumerated().map { index, counts in
            overrides[index].map { $0.merging(["index": index]) { a, _ in a } }
                ?? ["index": index, "state": "provided", "originals": counts.0, "copies": counts.1]
        }
        return json(["items": items])
    }

    @discardableResult
    static func expectOK(
        _ response: TestResponse,
        _ status: HTTPResponse.Status = .ok,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws
        -> [String: Any]
    {
        #expect(response.status == status, "\(text(response))", sourceLocation: sourceLocation)
        return try jsonObject(response)
    }

    @Test("a called ticket's case: 一次性告知书, the one-time rule, a leader's correction as a breach, supplements, approval, decision")
    func walk() async throws {
        try await withHall(clock: TestClock(Self.start)) { client in
            let officer = try await client.openWindow(1, badge: Demo.officers[0])
            let ticket = try await client.issue("residence-permit")
            _ = try #require(try await client.callNext(1, token: officer))
            let opened = try Self.expectOK(
                try await client.send(.post, "/api/v1/cases", token: officer, raw: Self.json(["ticket": ticket.id, "applicant": Self.person])),
                .created
            )
            let id = try #require(opened["id"] as? String)
            let applicant = try #require(opened["applicant"] as? [String: Any])
            #expect(applicant["identifier"] as? String == "110***********002X" && applicant["phone"] as? String == "138****5678")
            #expect(opened["window"] as? Int == 1 && opened["stage"] as? String == "intake")
            expectError(
                try await client.send(.post, "/api/v1/cases", token: officer, raw: Self.json(["ticket": ticket.id, "applicant": Self.person])),
                .conflict,
                "case.ticket-has-case"
            )

            // Intake needs every material checked.
            expectError(try await client.send(.post, "/api/v1/cases/\(id)/intake", token: officer, raw: "{}"), .conflict, "case.materials-unchecked")
            try Self.expectOK(
                try await client.send(.put, "/api/v1/cases/\(id)/checklist", token: officer, raw: Self.checklist([1: ["state": "missing"]]))
            )
            let noticed = try Self.expectOK(try await client.send(.post, "/api/v1/cases/\(id)/intake", token: officer, raw: "{}"))
            #expect(noticed["stage"] as? String == "awaitingSupplement")
            let notice = try #require((noticed["issued"] as? [[String: Any]])?.first)
            #expect(notice["kind"] as? String == "oneTimeNotice" && notice["number"] as? String == "DHGA-2026-000001")

            // The one-time rule.
            expectError(
                try await client.send(.post, "/api/v1/cases/\(id)/requests", token: officer, raw: #"{"index": 2}"#),
                .conflict,
                "case.not-on-notice"
            )
            try Self.expectOK(try await client.send(.post, "/api/v1/cases/\(id)/requests", token: officer, raw: #"{"index": 1}"#))
            let correction = Self.json(["items": [["index": 2, "problem": "missing"]], "reason": "漏告知就业证明"])
            expectError(
                try await client.send(.post, "/api/v1/cases/\(id)/corrections", token: officer, raw: correction),
                .forbidden,
                "notice.correction-needs-duty-leader"
            )
            let leader = try await client.token(Demo.dutyLeader)
            let corrected = try Self.expectOK(try await client.send(.post, "/api/v1/cases/\(id)/corrections", token: leader, raw: correction))
            #expect((corrected["breaches"] as? [Any])?.count == 1)
            expectError(try await client.send(.get, "/api/v1/breaches", token: officer), .forbidden, "auth.forbidden")
            let breaches = try Self.expectOK(try await client.send(.get, "/api/v1/breaches", token: leader))
            let breach = try #require((breaches["breaches"] as? [[String: Any]])?.first)
            #expect(breach["officer"] as? String == Demo.officers[0] && breach["approvedBy"] as? String == Demo.dutyLeader)
            #expect(breach["items"] as? [String] == ["就业证明或者就读证明"])

            // Supplements: complete, accepted from that day.
            let accepted = try Self.expectOK(
                try await client.send(.post, "/api/v1/cases/\(id)/supplements", token: officer, raw: #"{"items": [1, 2]}"#)
            )
            #expect(accepted["stage"] as? String == "accepted" && accepted["acceptedOn"] as? String == "2026-03-03")
            #expect((accepted["issued"] as? [[String: Any]])?.first?["kind"] as? String == "acceptanceNotice")
            let clock = try #require(accepted["clock"] as? [String: Any])
            #expect(clock["promisedDue"] as? String == "2026-03-17" && clock["statutoryDue"] as? String == "2026-03-24")

            // Approval and decision.
            expectError(
                try await client.send(.post, "/api/v1/cases/\(id)/decision", token: leader, raw: #"{"grant": true}"#),
                .conflict,
                "case.steps-pending"
            )
            expectError(
                try await client.send(.post, "/api/v1/cases/\(id)/steps/2", token: officer, raw: #"{"opinion": "材料属实"}"#),
                .forbidden,
                "case.review-by-accepter"
            )
            let reviewer = try await client.token(Demo.officers[3])
            try Self.expectOK(try await client.send(.post, "/api/v1/cases/\(id)/steps/2", token: reviewer, raw: #"{"opinion": "材料属实"}"#))
            expectError(
                try await client.send(.post, "/api/v1/cases/\(id)/steps/3", token: officer, raw: #"{"opinion": "同意"}"#),
                .forbidden,
                "case.step-needs-leader"
            )
            try Self.expectOK(try await client.send(.post, "/api/v1/cases/\(id)/steps/3", token: leader, raw: #"{"opinion": "同意签发"}"#))
            let delivery = Self.json(["method": "proxy", "proxy": ["name": "李四", "idNumber": "440524188001010014"], "mobilityImpaired": true])
            let registered = try Self.expectOK(try await client.send(.post, "/api/v1/cases/\(id)/delivery", token: officer, raw: delivery))
            #expect((registered["delivery"] as? [String: Any])?["proxyIdNumber"] as? String == "440***********0014")
            let granted = try Self.expectOK(try await client.send(.post, "/api/v1/cases/\(id)/decision", token: leader, raw: #"{"grant": true}"#))
            #expect(granted["stage"] as? String == "granted")

            // The whole history, and every document masked, numbered, printable.
            let history = try Self.expectOK(try await client.send(.get, "/api/v1/cases/\(id)", token: officer))
            #expect((history["checklistVersions"] as? [Any])?.count == 4)
            let documents = try #require(history["documents"] as? [[String: Any]])
            #expect(documents.compactMap { $0["kind"] as? String } == ["oneTimeNotice", "noticeCorrection", "acceptanceNotice", "grantDecision"])
            #expect(documents.compactMap { $0["number"] as? String } == (1...4).map { "DHGA-2026-00000\($0)" })
            #expect(!leaksPersonalNumbers(text(try await client.send(.get, "/api/v1/cases/\(id)", token: officer))))
            for document in documents {
                let documentID = try #require(document["id"] as? String)
                let json = try await client.send(.get, "/api/v1/documents/\(documentID)", token: officer)
                #expect(json.status == .ok && !leaksPersonalNumbers(text(json)))
                let page = try await client.send(.get, "/documents/\(documentID)/print", token: officer)
                let html = text(page)
                #expect(page.status == .ok && page.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(!leaksPersonalNumbers(html), "\(html)")
                // Signed by whoever issued it: the window officer, or the duty leader for the correction and the decision.
                let issuer = document["issuedBy"] as? String ?? "?"
                let issuerName = issuer == Demo.dutyLeader ? "赵国强" : "王建国"
                for expected in [
                    document["number"] as? String ?? "?", "12389", "0551-66668888", issuerName, "警号：\(issuer)", "110***********002X",
                    "138****5678", "东湖市公安局政务服务大厅", opened["queryCode"] as? String ?? "?", "2026年3月3日",
                ] {
                    #expect(html.contains(expected), "\(document["kind"] ?? "") lacks \(expected)")
                }
                // GB/T 9704: the 文号 printed over the same sequence, the seal area, the 签收 line, the status query's URL.
                let words = ["oneTimeNotice": "补", "noticeCorrection": "补更", "acceptanceNotice": "受", "grantDecision": "许"]
                let sequence = Int(String((document["number"] as? String ?? "").suffix(6))) ?? 0
                let word = words[document["kind"] as? String ?? ""] ?? "?"
                #expect(html.contains(#"<p class="doc-number">东公（窗）\#(word)字〔2026〕\#(sequence)号</p>"#), "\(document["kind"] ?? "")")
                #expect(html.contains(#"class="seal-area""#) && html.contains("签收日期") && !html.contains("（印章）"))
                #expect(html.contains("http://localhost/status?code=\(opened["queryCode"] as? String ?? "?")"), "the full URL")
            }
            let first = try #require(documents.first?["id"] as? String)
            let copy = text(try await client.send(.get, "/api/v1/documents/\(first)/print?copy=1", token: officer))
            #expect(copy.contains("副本"))
            let reprinted = try Self.expectOK(try await client.send(.get, "/api/v1/documents/\(first)", token: officer))
            #expect(reprinted["reprints"] as? Int == 1)
            #expect(try await client.send(.get, "/api/v1/documents/\(first)").status == .unauthorized)
        }
    }

    @Test("a material that does not concern the applicant is marked not applicable with a reason: accepted without it, shown on the case page")
    func notApplicable() async throws {
        try await withHall(clock: TestClock(Self.start)) { client in
            let officer = try await client.token(Demo.officers[0])
            let opened = try Self.expectOK(
                try await client.send(
                    .post,
                    "/api/v1/cases",
                    token: officer,
                    raw: Self.json(["business": "residence-permit", "applicant": Self.person])
                ),
                .created
            )
            let id = try #require(opened["id"] as? String)
            let path = "/api/v1/cases/\(id)/checklist"
            // Main materials always apply; a reason is required.
            expectError(
                try await client.send(.put, path, token: officer, raw: Self.checklist([0: ["state": "notApplicable", "reason": "本人办理"]])),
                .unprocessableContent,
                "case.essential-always-applies"
            )
            expectError(
                try await client.send(.put, path, token: officer, raw: Self.checklist([5: ["state": "notApplicable", "reason": "  "]])),
                .unprocessableContent,
                "case.blank-not-applicable-reason"
            )
            let checked = try Self.expectOK(
                try await client.send(
                    .put,
                    path,
                    token: officer,
                    raw: Self.checklist([5: ["state": "notApplicable", "reason": "本人申领，无代办人"]])
                )
            )
            let entry = try #require(((checked["checklist"] as? [String: Any])?["entries"] as? [[String: Any]])?.last)
            #expect(entry["state"] as? String == "notApplicable" && entry["reason"] as? String == "本人申领，无代办人")
            #expect(entry["satisfied"] as? Bool == true)
            let page = text(try await client.send(.get, "/cases/\(id)", token: officer))
            #expect(page.contains(#"<td class="state-notApplicable">不适用：本人申领，无代办人</td>"#))
            #expect(
                page.contains("第2版 不适用：委托人、代办人的合法有效身份证件（本人申领，无代办人）"),
                "the history names it with the reason"
            )
            #expect(page.contains(#"<option value="notApplicable">不适用</option>"#))
            #expect(text(try await client.send(.get, "/cases/\(id)?lang=en", token: officer)).contains("Not applicable: 本人申领，无代办人"))
            let accepted = try Self.expectOK(try await client.send(.post, "/api/v1/cases/\(id)/intake", token: officer, raw: "{}"))
            #expect(accepted["stage"] as? String == "accepted")
        }
    }

    @Test("an officer who does not handle a case reads it only with a reason, which the audit keeps masked; the page asks for it")
    func readingWithAReason() async throws {
        try await withHall(clock: TestClock(Self.start)) { client in
            let officer = try await client.token(Demo.officers[0])
            let opened = try Self.expectOK(
                try await client.send(
                    .post,
                    "/api/v1/cases",
                    token: officer,
                    raw: Self.json(["business": "residence-permit", "applicant": Self.person])
                ),
                .created
            )
            let id = try #require(opened["id"] as? String)
            let other = try await client.token(Demo.officers[1])
            expectError(try await client.send(.get, "/api/v1/cases/\(id)", token: other), .forbidden, "case.read-reason-required")
            expectError(try await client.send(.get, "/api/v1/cases/\(id)?reason=%20", token: other), .forbidden, "case.read-reason-required")
            let reason = "核查来电反映，来电人13812345678".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await client.send(.get, "/api/v1/cases/\(id)?reason=\(reason)", token: other).status == .ok)
            #expect(try await client.send(.get, "/api/v1/cases/\(id)", token: officer).status == .ok, "the holder needs none")
            let page = try await client.send(.get, "/cases/\(id)", token: other)
            #expect(page.status == .forbidden && text(page).contains(#"name="reason""#), "the page asks for the reason")
            let auditor = try await client.token(Demo.auditAdmin, at: Self.start)
            let reads = try await client.audit("action=case.read", token: auditor).filter { $0.object == "case:\(id)" }
            #expect(reads.map(\.actor).contains(Demo.officers[0]))
            let withReason = reads.filter { $0.actor == Demo.officers[1] }
            #expect(withReason.map(\.detail) == ["reason: 核查来电反映，来电人138****5678"], "one read, its reason masked")
        }
    }

    @Test("identifiers are checked with the precise reason: check digit, impossible date, length; lower-case x accepted")
    func identifiers() async throws {
        try await withHall(clock: TestClock(Self.start)) { client in
            let officer = try await client.token(Demo.officers[0])
            func open(_ applicant: [String: Any], business: String = "residence-permit") async throws -> TestResponse {
                try await client.send(.post, "/api/v1/cases", token: officer, raw: Self.json(["business": business, "applicant": applicant]))
            }
            func problems(_ response: TestResponse) throws -> [(String, String)] {
                let error = try #require(try jsonObject(response)["error"] as? [String: Any])
                return (error["problems"] as? [[String: Any]] ?? []).map { ($0["path"] as? String ?? "", $0["rule"] as? String ?? "") }
            }
            var wrongCheck = Self.person
            wrongCheck["idNumber"] = "110105194912310021"
            let refused = try await open(wrongCheck)
            expectError(refused, .unprocessableContent, "applicant.invalid")
            #expect(try problems(refused).map(\.1) == ["wrong-check-character"])
            #expect(text(refused).contains("校验码错误"))

            var impossible = Self.person
            impossible["idNumber"] = "110105194902300021"
            impossible["phone"] = "1381234567"
            let both = try await open(impossible)
            expectError(both, .unprocessableContent, "applicant.invalid")
            #expect(try problems(both).map(\.0) == ["applicant.idNumber", "applicant.phone"])
            #expect(try problems(both).map(\.1) == ["impossible-birth-date", "wrong-length"])

            var short = Self.person
            short["idNumber"] = "11010519491231002"
            #expect(try problems(try await open(short)).map(\.1) == ["wrong-length"])

            var future = Self.person
            future["idNumber"] = "110105" + "20300101" + "001"
            future["idNumber"] = (future["idNumber"] as! String) + String(ResidentIDNumber.checkCharacter(forFirst17: future["idNumber"] as! String)!)
            #expect(try problems(try await open(future)).map(\.1) == ["birth-date-in-future"])

            let organisation: [String: Any] = [
                "kind": "organisation", "name": "东湖化工有限公司", "creditCode": "91350100M000100Y44", "legalRepresentative": "李四",
                "agent": ["name": "王五", "idNumber": "440524188001010014", "phone": "13987654321", "authorisationSeen": true],
            ]
            #expect(try problems(try await open(organisation, business: "seal-filing")).map(\.0) == ["applicant.creditCode"])

            let accepted = try await open(Self.person)
            #expect(accepted.status == .created)
            #expect((try jsonObject(accepted)["applicant"] as? [String: Any])?["identifier"] as? String == "110***********002X")
        }
    }

    @Test("the public status query: stage, due date and what is missing, no personal data; one 404 for code and digits; 429 after 5 failures")
    func status() async throws {
        try await withHall(clock: TestClock(Self.start)) { client in
            let officer = try await client.token(Demo.officers[0])
            let opened = try Self.expectOK(
                try await client.send(
                    .post,
                    "/api/v1/cases",
                    token: officer,
                    raw: Self.json(["business": "residence-permit", "applicant": Self.person])
                ),
                .created
            )
            let id = try #require(opened["id"] as? String)
            let code = try #require(opened["queryCode"] as? String)
            try Self.expectOK(
                try await client.send(.put, "/api/v1/cases/\(id)/checklist", token: officer, raw: Self.checklist([3: ["state": "missing"]]))
            )
            try Self.expectOK(try await client.send(.post, "/api/v1/cases/\(id)/intake", token: officer, raw: "{}"))

            let found = try await client.send(.post, "/api/v1/status", raw: Self.json(["code": code.lowercased(), "phoneLast4": "5678"]))
            let body = try Self.expectOK(found)
            #expect(body["stage"] as? String == "awaitingSupplement" && (body["missing"] as? [String])?.first?.contains("本人相片") == true)
            #expect(!text(found).contains("张三") && !text(found).contains("002X") && !leaksPersonalNumbers(text(found)))

            let wrongDigits = try await client.send(.post, "/api/v1/status", raw: Self.json(["code": code, "phoneLast4": "0000"]))
            let wrongCode = try await client.send(.post, "/api/v1/status", raw: Self.json(["code": "ABCDEFGHJKMN", "phoneLast4": "5678"]))
            expectError(wrongDigits, .notFound, "status.not-found")
            expectError(wrongCode, .notFound, "status.not-found")
            let digitsError = try #require(try jsonObject(wrongDigits)["error"] as? [String: String])
            let codeError = try #require(try jsonObject(wrongCode)["error"] as? [String: String])
            #expect(digitsError == codeError, "the same answer either way")
            for _ in 0..<3 {
                expectError(
                    try await client.send(.post, "/api/v1/status", raw: Self.json(["code": code, "phoneLast4": "1111"])),
                    .notFound,
                    "status.not-found"
                )
            }
            expectError(
                try await client.send(.post, "/api/v1/status", raw: Self.json(["code": code, "phoneLast4": "5678"])),
                .tooManyRequests,
                "status.rate-limited"
            )
        }
    }

    @Test("不予受理 for an applicant the business refuses, 即办件 completed on the spot, 容缺受理 with the commitment")
    func outcomes() async throws {
        try await withHall(clock: TestClock(Self.start)) { client in
            let officer = try await client.token(Demo.officers[0])
            let toxicFields = [
                "chemicalName": "氰化钠",
                "quantity": "50",
                "unit": "千克",
                "purpose": "电镀",
                "supplier": "东湖化学试剂厂",
            ]
            let refusedCase = try Self.expectOK(
                try await client.send(
                    .post,
                    "/api/v1/cases",
                    token: officer,
                    raw: Self.json([
                        "business": "toxic-chemical-permit", "applicant": Self.person, "fields": toxicFields,
                    ])
                ),
                .created
            )
            let refusedID = try #require(refusedCase["id"] as? String)
            let all = (0..<6).map { ["index": $0, "state": "provided", "originals": 1, "copies": 1] }
            try Self.expectOK(try await client.send(.put, "/api/v1/cases/\(refusedID)/checklist", token: officer, raw: Self.json(["items": all])))
            let refused = try Self.expectOK(try await client.send(.post, "/api/v1/cases/\(refusedID)/intake", token: officer, raw: "{}"))
            #expect(refused["stage"] as? String == "notAccepted")
            let refusal = try #require((refused["issued"] as? [[String: Any]])?.first?["id"] as? String)
            let html = text(try await client.send(.get, "/documents/\(refusal)/print", token: officer))
            #expect(
                html.contains("不予受理通知书")
                    && html.contains("行政复议")
                    && html.contains("六个月")
                    && html.contains("第三十八条")
            )

            let immediate = try Self.expectOK(
                try await client.send(
                    .post,
                    "/api/v1/cases",
                    token: officer,
                    raw: Self.json(["business": "no-criminal-record", "applicant": Self.person])
                ),
                .created
            )
            let immediateID = try #require(immediate["id"] as? String)
            let four = (0..<4).map { ["index": $0, "state": "provided", "originals": 1, "copies": 1] }
            try Self.expectOK(try await client.send(.put, "/api/v1/cases/\(immediateID)/checklist", token: officer, raw: Self.json(["items": four])))
            let completed = try Self.expectOK(try await client.send(.post, "/api/v1/cases/\(immediateID)/intake", token: officer, raw: "{}"))
            #expect(completed["stage"] as? String == "completed")
            #expect((completed["issued"] as? [[String: Any]])?.first?["kind"] as? String == "completionReceipt")

            let deferred = try Self.expectOK(
                try await client.send(
                    .post,
                    "/api/v1/cases",
                    token: officer,
                    raw: Self.json(["business": "residence-permit", "applicant": Self.person])
                ),
                .created
            )
            let deferredID = try #require(deferred["id"] as? String)
            try Self.expectOK(
                try await client.send(.put, "/api/v1/cases/\(deferredID)/checklist", token: officer, raw: Self.checklist([3: ["state": "deferred"]]))
            )
            expectError(
                try await client.send(
                    .post,
                    "/api/v1/cases/\(deferredID)/intake",
                    token: officer,
                    raw: #"{"commitmentSigned": true, "supplementDue": "2026-03-18"}"#
                ),
                .unprocessableContent,
                "case.supplement-due-too-late"
            )
            let accepted = try Self.expectOK(
                try await client.send(
                    .post,
                    "/api/v1/cases/\(deferredID)/intake",
                    token: officer,
                    raw: #"{"commitmentSigned": true, "supplementDue": "2026-03-10"}"#
                )
            )
            #expect(accepted["stage"] as? String == "accepted" && (accepted["deferral"] as? [String: Any])?["due"] as? String == "2026-03-10")
            #expect((accepted["issued"] as? [[String: Any]])?.first?["kind"] as? String == "deferralNotice")
        }
    }

    @Test("20 acceptances at once over HTTP get document numbers 1…20, no gaps, no repeats")
    func numbering() async throws {
        try await withHall(clock: TestClock(Self.start)) { client in
            let officer = try await client.token(Demo.officers[0])
            var ids: [String] = []
            for _ in 0..<20 {
                let opened = try Self.expectOK(
                    try await client.send(
                        .post,
                        "/api/v1/cases",
                        token: officer,
                        raw: Self.json(["business": "residence-permit", "applicant": Self.person])
                    ),
                    .created
                )
                let id = try #require(opened["id"] as? String)
                try Self.expectOK(try await client.send(.put, "/api/v1/cases/\(id)/checklist", token: officer, raw: Self.checklist()))
                ids.append(id)
            }
            let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                for id in ids {
                    group.addTask {
                        let decided = try jsonObject(try await client.send(.post, "/api/v1/cases/\(id)/intake", token: officer, raw: "{}"))
                        return ((decided["issued"] as? [[String: Any]])?.first?["number"] as? String) ?? "none"
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(numbers.sorted() == (1...20).map { String(format: "DHGA-2026-%06d", $0) })
        }
    }
}
