import ChuangkouTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// An ID number or phone typed into any free-text field is masked on input: what is stored, shown and audited is
/// `110***********002X` / `138****5678`, never the number (RULES §11).
@Suite("Free text is masked on input")
struct FreeTextMaskingTests {
    static let typed = "申请人11010519491231002X, 电话13812345678"
    static let masked = "申请人110***********002X, 电话138****5678"

    /// One free-text field: how to fill it with `typed` and how to read back what was kept.
    struct Field: Sendable, CustomTestStringConvertible {
        let name: String
        let fill: @Sendable (any TestClientProtocol, String) async throws -> String

        var testDescription: String { name }
    }

    static let fields: [Field] = [
        Field(name: "out-of-turn call reason") { client, typed in
            let officer = try await client.openWindow(1, badge: Demo.officers[0])
            let ticket = try await client.issue("id-card")
            let response = try await client.send(.post, "/api/v1/windows/1/call", token: officer, json: ["ticket": ticket.id, "reason": typed])
            guard response.status == .ok else { throw UnexpectedResponse("call", response) }
            return try await client.history(ticket.id, token: officer).last?.detail ?? ""
        },
        Field(name: "deadline subject") { client, typed in
            let officer = try await client.token(Demo.officers[0])
            return try await client.startDeadline(token: officer, subject: typed).subject
        },
        Field(name: "deadline pause reason") { client, typed in
            let officer = try await client.token(Demo.officers[0])
            let clock = try await client.startDeadline(token: officer)
            let body = try JSONSerialization.data(withJSONObject: ["kind": "supplement", "reason": typed, "applicantNotifiedInWriting": true])
            let response = try await client.send(
                .post,
                "/api/v1/deadlines/\(clock.id)/pause",
                token: officer,
                raw: String(decoding: body, as: UTF8.self)
            )
            return try decode(DeadlineJSON.self, response).pauses.first?.reason ?? ChuangkouServerTests.text(response)
        },
        Field(name: "deadline extension reason") { client, typed in
            let officer = try await client.token(Demo.officers[0])
            let clock = try await client.startDeadline(token: officer)
            let leader = try await client.token(Demo.dutyLeader)
            let body = try JSONSerialization.data(withJSONObject: ["workingDays": 5, "reason": typed])
            let response = try await client.send(
                .post,
                "/api/v1/deadlines/\(clock.id)/extend",
                token: leader,
                raw: String(decoding: body, as: UTF8.self)
            )
            return (try jsonObject(response)["extension"] as? [String: Any])?["reason"] as? String ?? ChuangkouServerTests.text(response)
        },
        Field(name: "guide publication note") { client, typed in
            let admin = try await client.token(Demo.admin)
            var guide = try await client.guideObject("passport")
            guide["typicalServiceMinutes"] = 11
            _ = try await client.publish("passport", guide: guide, note: typed, token: admin)
            let versions = try jsonObject(try await client.send(.get, "/api/v1/businesses/passport/guide/versions"))
            return ((versions["versions"] as? [[String: Any]])?.first?["note"] as? String) ?? ""
        },
        Field(name: "holiday notice note") { client, typed in
            let admin = try await client.token(Demo.admin)
            let body = Notice2027.good.replacingOccurrences(of: #""note":"test""#, with: #""note":"\#(typed)""#)
            _ = try await client.send(.put, "/api/v1/calendar/notices/2027", token: admin, raw: body)
            let year = try jsonObject(try await client.send(.get, "/api/v1/calendar/notices/2027"))
            return ((year["current"] as? [String: Any])?["note"] as? String) ?? ""
        },
        Field(name: "checklist defect reason") { client, typed in
            let (id, officer) = try await openCase(client)
            let checklist = CaseRouteTests.checklist([1: ["state": "defective", "reason": typed]])
            _ = try await client.send(.put, "/api/v1/cases/\(id)/checklist", token: officer, raw: checklist)
            return ChuangkouServerTests.text(try await client.send(.get, "/api/v1/cases/\(id)", token: officer))
        },
        Field(name: "intake refusal reason") { client, typed in
            let (id, officer) = try await openCase(client)
            _ = try await client.send(.put, "/api/v1/cases/\(id)/checklist", token: officer, raw: CaseRouteTests.checklist())
            let body = CaseRouteTests.json(["refuse": ["reason": typed]])
            return ChuangkouServerTests.text(try await client.send(.post, "/api/v1/cases/\(id)/intake", token: officer, raw: body))
        },
        Field(name: "notice correction reason") { client, typed in
            let (id, officer) = try await openCase(client)
            _ = try await client.send(.put, "/api/v1/cases/\(id)/checklist", token: officer, raw: CaseRouteTests.checklist([1: ["state": "missing"]]))
            _ = try await client.send(.post, "/api/v1/cases/\(id)/intake", token: officer, raw: "{}")
            let leader = try await client.token(Demo.dutyLeader)
            let body = CaseRouteTests.json(["items": [["index": 2, "problem": "missing"]], "reason": typed])
            return ChuangkouServerTests.text(try await client.send(.post, "/api/v1/cases/\(id)/corrections", token: leader, raw: body))
        },
        Field(name: "approval step opinion and decision reason") { client, typed in
            let (id, officer) = try await openCase(client)
            _ = try await client.send(.put, "/api/v1/cases/\(id)/checklist", token: officer, raw: CaseRouteTests.checklist())
            _ = try await client.send(.post, "/api/v1/cases/\(id)/intake", token: officer, raw: "{}")
            _ = try await client.send(.post, "/api/v1/cases/\(id)/steps/2", token: officer, raw: CaseRouteTests.json(["opinion": typed]))
            let leader = try await client.token(Demo.dutyLeader)
            _ = try await client.send(
                .post,
                "/api/v1/cases/\(id)/steps/3",
                token: leader,
                raw: CaseRouteTests.json(["opinion": typed, "approve": false])
            )
            let decided = try await client.send(
                .post,
                "/api/v1/cases/\(id)/decision",
                token: leader,
                raw: CaseRouteTests.json(["grant": false, "reason": typed])
            )
            let page = ChuangkouServerTests.text(try await client.send(.get, "/api/v1/cases/\(id)", token: officer))
            // Three times: two opinions and the decision's reason.
            return ChuangkouServerTests.text(decided).contains("denied") && page.components(separatedBy: masked).count >= 4
                ? page : "not all three kept: \(page)"
        },
    ]

    /// A walk-in residence-permit case for the first officer; its id and the officer's token.
    static func openCase(_ client: any TestClientProtocol) async throws -> (String, String) {
        let officer = try await client.token(Demo.officers[0])
        let body = CaseRouteTests.json(["business": "residence-permit", "applicant": CaseRouteTests.person])
        let response = try await client.send(.post, "/api/v1/cases", token: officer, raw: body)
        guard response.status == .created, let id = try jsonObject(response)["id"] as? String else { throw UnexpectedResponse("open case", response) }
        return (id, officer)
    }

    @Test("each free-text field keeps the masked text, and the audit holds no clear number", arguments: fields)
    func masked(_ field: Field) async throws {
        try await withHall { client in
            let kept = try await field.fill(client, Self.typed)
            #expect(kept.contains(Self.masked), "\(field.name) kept: \(kept)")
            #expect(!kept.contains("11010519491231002X") && !kept.contains("13812345678"), "\(field.name) kept a clear number: \(kept)")
            let admin = try await client.token(Demo.admin)
            // Every text field of every row; the hashes are hex, where digit runs that look like numbers are chance.
            let audit = try await client.audit(token: admin).map { [$0.actor, $0.address, $0.action, $0.object, $0.detail].joined(separator: " ") }
                .joined(separator: "\n")
            #expect(!leaksPersonalNumbers(audit), "the audit of \(field.name) holds a clear number")
        }
    }
}
