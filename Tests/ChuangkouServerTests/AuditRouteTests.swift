import ChuangkouTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// An audit row as the API shows it.
struct AuditRowJSON: Decodable, Sendable {
    let seq: Int64
    let at: Date
    let actor: String
    let role: String
    let address: String
    let action: String
    let object: String
    let outcome: String
    let detail: String
    let prevHash: String
    let hash: String
}

struct AuditListJSON: Decodable, Sendable {
    let records: [AuditRowJSON]
    let next: Int64?
}

extension TestClientProtocol {
    /// The audit rows matching `query`, newest first, as the administrator sees them.
    func audit(_ query: String = "", token: String) async throws -> [AuditRowJSON] {
        let response = try await send(.get, "/api/v1/audit?limit=1000" + (query.isEmpty ? "" : "&" + query), token: token)
        guard response.status == .ok else { throw UnexpectedResponse("audit \(query)", response) }
        return try decode(AuditListJSON.self, response).records
    }
}

@Suite("Audit over HTTP")
struct AuditRouteTests {
    @Test("changes over HTTP are audited with the officer, role and address; refused ones with the route and the error code")
    func changesAndRefusals() async throws {
        try await withHall { client in
            let officer = try await client.openWindow(1, badge: Demo.officers[0])
            let ticket = try await client.issue("id-card")
            _ = try await client.callNext(1, token: officer)
            expectError(try await client.send(.post, "/api/v1/windows/2/call-next", token: officer), .conflict, "window.not-signed-in")
            expectError(try await client.send(.post, "/api/v1/windows/2/call-next"), .unauthorized, "auth.required")
            let admin = try await client.token(Demo.admin)

            let signIn = try #require(try await client.audit("action=window.sign-in", token: admin).first)
            #expect([signIn.actor, signIn.role, signIn.object, signIn.outcome] == [Demo.officers[0], "officer", "window:1", "ok"])
            #expect(!signIn.address.isEmpty)
            let issue = try #require(try await client.audit("action=ticket.issue", token: admin).first)
            #expect([issue.actor, issue.role, issue.object] == ["anonymous", "public", "ticket:\(ticket.number)/\(ticket.id)"])
            let call = try #require(try await client.audit("action=ticket.call&object=\(ticket.id)", token: admin).first)
            #expect(call.actor == Demo.officers[0])

            let refused = try await client.audit("outcome=refused&object=/api/v1/windows/2/call-next", token: admin)
            #expect(refused.map(\.actor) == ["anonymous", Demo.officers[0]])
            #expect(refused.map(\.detail) == ["401 auth.required", "409 window.not-signed-in"])
            #expect(refused.allSatisfy { $0.action == "POST /api/v1/windows/{number}/call-next" })
            let all = try await client.audit(token: admin)
            for (newer, older) in zip(all, all.dropFirst()) {
                #expect(newer.prevHash == older.hash, "the rows the API shows form the chain")
            }
        }
    }

    @Test("sign-in and sign-out are audited under the officer; a wrong password once, naming the badge tried")
    func sessions() async throws {
        try await withHall { client in
            let token = try await client.token(Demo.officers[1])
            #expect(try await client.send(.post, "/api/v1/auth/sign-out", token: token).status == .noContent)
            let wrong = try await client.send(.post, "/api/v1/auth/token", json: ["badge": Demo.officers[2], "password": "wrong-one"])
            expectError(wrong, .unauthorized, "auth.bad-credentials")
            let admin = try await client.token(Demo.admin)
            let rows = try await client.audit("action=session.", token: admin).filter { $0.object != "officer:\(Demo.admin)" }
            #expect(rows.map(\.action) == ["session.sign-in", "session.sign-out", "session.sign-in"])
            #expect(rows.map(\.actor) == [Demo.officers[2], Demo.officers[1], Demo.officers[1]])
            #expect(rows.map(\.outcome) == ["refused", "ok", "ok"])
            #expect(try await client.audit("object=/api/v1/auth/token", token: admin).isEmpty, "the store's refusal is not recorded twice")
        }
    }

    @Test("the audit is the administrator's: 401 signed out, 403 for an officer (and the attempt is audited)")
    func adminOnly() async throws {
        try await withHall { client in
            expectError(try await client.send(.get, "/api/v1/audit"), .unauthorized, "auth.required")
            let officer = try await client.token(Demo.officers[0])
            for path in ["/api/v1/audit", "/api/v1/audit/export.csv", "/api/v1/audit/verification"] {
                expectError(try await client.send(.get, path, token: officer), .forbidden, "auth.forbidden")
            }
            #expect(try await client.send(.get, "/admin/audit", token: officer).status == .forbidden)
            let admin = try await client.token(Demo.admin)
            let attempts = try await client.audit("actor=\(Demo.officers[0])&outcome=refused", token: admin)
            #expect(attempts.map(\.object) == ["/admin/audit", "/api/v1/audit/verification", "/api/v1/audit/export.csv", "/api/v1/audit"])
            #expect(try await client.audit("action=audit.search&actor=\(Demo.admin)", token: admin).count >= 1, "reading the audit is audited")
        }
    }

    @Test(
        "a bad filter is a 400 naming it",
        arguments: ["from=yesterday", "through=2026-13-01", "from=10000-01-01", "limit=0", "limit=1001", "outcome=maybe", "before=-3"]
    )
    func badFilters(_ query: String) async throws {
        try await withHall { client in
            let admin = try await client.token(Demo.admin)
            expectError(try await client.send(.get, "/api/v1/audit?" + query, token: admin), .badRequest, "audit.bad-filter")
        }
    }

    @Test("pages go back by row; a time range in the hall's zone; CSV export of the same search; verification is intact")
    func pagingExportAndVerification() async throws {
        try await withHall { client in
            let admin = try await client.token(Demo.admin)
            for _ in 0..<5 { _ = try await client.issue("id-card") }
            let first = try decode(AuditListJSON.self, try await client.send(.get, "/api/v1/audit?action=ticket.issue&limit=3", token: admin))
            #expect(first.records.count == 3)
            let next = try #require(first.next)
            let second = try decode(
                AuditListJSON.self,
                try await client.send(.get, "/api/v1/audit?action=ticket.issue&limit=3&before=\(next)", token: admin)
            )
            #expect(second.records.count == 2)
            #expect(second.next == nil)
            #expect(try await client.audit("action=ticket.issue&from=2000-01-01&through=2000-12-31", token: admin).isEmpty)
            #expect(try await client.audit("action=ticket.issue&from=2000-01-01T09:00&through=9999-12-31", token: admin).count == 5)

            let csv = try await client.send(.get, "/api/v1/audit/export.csv?action=ticket.issue", token: admin)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = text(csv).split(separator: "\r\n")
            #expect(lines.first == "seq,time,actor,role,address,action,object,outcome,detail,prev_hash,hash")
            #expect(lines.count == 6)
            #expect(lines.dropFirst().allSatisfy { $0.contains(",ticket.issue,") })

            let verification = try jsonObject(try await client.send(.get, "/api/v1/audit/verification", token: admin))
            #expect(verification["intact"] as? Bool == true)
            #expect((verification["rowsChecked"] as? Int ?? 0) > 5)
        }
    }

    @Test("the audit page shows the search, the rows in hall time and the export link with the same filter")
    func page() async throws {
        try await withHall { client in
            _ = try await client.issue("id-card")
            let admin = try await client.token(Demo.admin)
            let page = try await client.send(.get, "/admin/audit?action=ticket.&lang=en", token: admin)
            #expect(page.status == .ok)
            let html = text(page)
            #expect(html.contains("Audit log"))
            #expect(html.contains("class=\"audit-row outcome-ok\""))
            #expect(html.contains("ticket.issue"))
            #expect(html.contains("href=\"/api/v1/audit/export.csv?action=ticket.\""))
            let signedOut = try await client.send(.get, "/admin/audit")
            #expect(signedOut.status == .found)
        }
    }

    @Test("a case's changes and every read of its personal data are audited; the status query's failures too")
    func cases() async throws {
        try await withHall { client in
            let (id, officer) = try await FreeTextMaskingTests.openCase(client)
            _ = try await client.send(.put, "/api/v1/cases/\(id)/checklist", token: officer, raw: CaseRouteTests.checklist())
            let accepted = try jsonObject(try await client.send(.post, "/api/v1/cases/\(id)/intake", token: officer, raw: "{}"))
            let document = try #require((accepted["issued"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await client.send(.get, "/documents/\(document)/print?copy=1", token: officer).status == .ok)
            let code = try #require(accepted["queryCode"] as? String)
            _ = try await client.send(.post, "/api/v1/status", raw: CaseRouteTests.json(["code": code, "phoneLast4": "0000"]))
            _ = try await client.send(.post, "/api/v1/status", raw: CaseRouteTests.json(["code": code, "phoneLast4": "5678"]))
            let admin = try await client.token(Demo.admin)
            let rows = try await client.audit(token: admin).reversed()
            let actions = rows.filter { $0.object.contains(id) || $0.object.contains(document) || $0.object.contains(code) }.map(\.action)
            #expect(actions.starts(with: ["case.opened", "case.read", "case.checklist", "case.read", "case.accepted"]), "\(actions)")
            #expect(actions.contains("document.read") && actions.contains("document.reprint"))
            let queries = rows.filter { $0.action == "status.query" }
            #expect(queries.map(\.outcome) == ["refused", "ok"])
            #expect(queries.map(\.actor) == ["anonymous", "anonymous"])
            #expect(try await client.audit("object=/api/v1/status", token: admin).isEmpty, "the store's refusal is not recorded twice")
            let text = rows.map { [$0.actor, $0.action, $0.object, $0.detail].joined(separator: " ") }.joined(separator: "\n")
            #expect(!leaksPersonalNumbers(text))
        }
    }
}
