import ChuangkouTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// What the tests read of an inquiry.
struct InquiryJSON: Decodable {
    struct Handover: Decodable {
        let to: String
    }
    struct Outcome: Decodable {
        let kind: String
        let guideVersion: Int?
        let ticketNumber: String?
        let answer: String?
    }
    struct Line: Decodable {
        let code: String
        let by: String?
    }
    let id: String
    let owner: String
    let firstOwner: String
    let status: String
    let question: String
    let contact: String?
    let handover: Handover?
    let outcome: Outcome?
    let history: [Line]
}

struct InquiryListJSON: Decodable {
    let inquiries: [InquiryJSON]
}

@Suite("Inquiries over HTTP (首问负责)")
struct InquiryRouteTests {
    static let record = #"{"business":"residence-permit","question":"办居住证要带什么？电话13912345678","window":1,"contact":"13912345678"}"#

    @Test("the first officer owns the inquiry: others neither see nor close it; the owner closes it only with an outcome")
    func ownership() async throws {
        try await withHall { client in
            let first = try await client.token(Demo.officers[0])
            let other = try await client.token(Demo.officers[1])
            let recorded = try await client.send(.post, "/api/v1/inquiries", token: first, raw: Self.record)
            #expect(recorded.status == .created, "\(text(recorded))")
            let inquiry = try decode(InquiryJSON.self, recorded)
            #expect(inquiry.owner == Demo.officers[0] && inquiry.status == "open")
            #expect(inquiry.contact == "139****5678" && !text(recorded).contains("13912345678"))

            expectError(try await client.send(.get, "/api/v1/inquiries/\(inquiry.id)", token: other), .notFound, "inquiry.unknown")
            expectError(
                try await client.send(.post, "/api/v1/inquiries/\(inquiry.id)/resolve", token: other, raw: #"{"kind":"answered","answer":"好"}"#),
                .notFound,
                "inquiry.unknown"
            )
            expectError(
                try await client.send(.post, "/api/v1/inquiries/\(inquiry.id)/resolve", token: first, raw: #"{"kind":"answered","answer":" "}"#),
                .unprocessableContent,
                "inquiry.answer-required"
            )
            expectError(
                try await client.send(.post, "/api/v1/inquiries/\(inquiry.id)/resolve", token: first, raw: #"{"kind":"closed"}"#),
                .badRequest,
                "inquiry.bad-request"
            )
            let notice = try await client.send(
                .post,
                "/api/v1/inquiries/\(inquiry.id)/resolve",
                token: first,
                raw: #"{"kind":"notice","business":"residence-permit"}"#
            )
            #expect(notice.status == .ok, "\(text(notice))")
            let closed = try decode(InquiryJSON.self, notice)
            #expect(closed.status == "closed" && closed.outcome?.kind == "notice" && (closed.outcome?.guideVersion ?? 0) >= 1)
            expectError(
                try await client.send(.post, "/api/v1/inquiries/\(inquiry.id)/resolve", token: first, raw: #"{"kind":"answered","answer":"再"}"#),
                .conflict,
                "inquiry.closed"
            )
        }
    }

    @Test("a handover waits for the colleague's receipt; the first owner keeps it until then and sees it after")
    func handover() async throws {
        try await withHall { client in
            let first = try await client.token(Demo.officers[0])
            let colleague = try await client.token(Demo.officers[1])
            let id = try decode(InquiryJSON.self, try await client.send(.post, "/api/v1/inquiries", token: first, raw: Self.record)).id
            let asked = try await client.send(
                .post,
                "/api/v1/inquiries/\(id)/handover",
                token: first,
                raw: #"{"to":"\#(Demo.officers[1])","note":"居住证业务"}"#
            )
            #expect(try decode(InquiryJSON.self, asked).handover?.to == Demo.officers[1])
            let waiting = try decode(InquiryListJSON.self, try await client.send(.get, "/api/v1/inquiries", token: colleague))
            #expect(waiting.inquiries.map(\.status) == ["handover"])
            expectError(
                try await client.send(.post, "/api/v1/inquiries/\(id)/resolve", token: colleague, raw: #"{"kind":"answered","answer":"x"}"#),
                .forbidden,
                "inquiry.not-owner"
            )
            expectError(
                try await client.send(.post, "/api/v1/inquiries/\(id)/handover/accept", token: first),
                .forbidden,
                "inquiry.not-handover-recipient"
            )
            let accepted = try decode(InquiryJSON.self, try await client.send(.post, "/api/v1/inquiries/\(id)/handover/accept", token: colleague))
            #expect(accepted.owner == Demo.officers[1] && accepted.firstOwner == Demo.officers[0])
            #expect(accepted.history.last?.code == "handover-accepted" && accepted.history.last?.by == Demo.officers[1])
            let firstSees = try decode(InquiryJSON.self, try await client.send(.get, "/api/v1/inquiries/\(id)", token: first))
            #expect(firstSees.owner == Demo.officers[1])
            expectError(
                try await client.send(.post, "/api/v1/inquiries/\(id)/handover", token: colleague, raw: #"{"to":"\#(Demo.admin)"}"#),
                .unprocessableContent,
                "inquiry.unknown-colleague"
            )
        }
    }

    @Test("a walk-in inquiry becomes a ticket in one step")
    func ticket() async throws {
        try await withHall { client in
            let first = try await client.token(Demo.officers[0])
            let id = try decode(InquiryJSON.self, try await client.send(.post, "/api/v1/inquiries", token: first, raw: Self.record)).id
            let made = try await client.send(.post, "/api/v1/inquiries/\(id)/ticket", token: first, raw: "{}")
            #expect(made.status == .created, "\(text(made))")
            let body = try jsonObject(made)
            let ticket = try #require(body["ticket"] as? [String: Any])
            let inquiry = try #require(body["inquiry"] as? [String: Any])
            let outcome = try #require(inquiry["outcome"] as? [String: Any])
            #expect(outcome["ticketNumber"] as? String == ticket["number"] as? String)
        }
    }

    @Test("who may do what: administrators record none, visitors sign in, leaders and supervisors read every inquiry")
    func access() async throws {
        try await withHall { client in
            let first = try await client.token(Demo.officers[0])
            _ = try await client.send(.post, "/api/v1/inquiries", token: first, raw: Self.record)
            let admin = try await client.token(Demo.admin)
            expectError(try await client.send(.post, "/api/v1/inquiries", token: admin, raw: Self.record), .forbidden, "auth.forbidden")
            expectError(try await client.send(.post, "/api/v1/inquiries", raw: Self.record), .unauthorized, "auth.required")
            for badge in [Demo.dutyLeader, "010300"] {
                let reader = try await client.token(badge)
                let all = try decode(InquiryListJSON.self, try await client.send(.get, "/api/v1/inquiries?all=true", token: reader))
                #expect(all.inquiries.count == 1)
            }
            let other = try await client.token(Demo.officers[2])
            #expect(try decode(InquiryListJSON.self, try await client.send(.get, "/api/v1/inquiries?all=true", token: other)).inquiries.isEmpty)
            expectError(try await client.send(.get, "/api/v1/inquiries?day=tomorrow", token: other), .badRequest, "inquiry.bad-request")
        }
    }

    @Test("refusals at recording name what to fix")
    func refusals() async throws {
        try await withHall { client in
            let first = try await client.token(Demo.officers[0])
            let cases: [(String, HTTPResponse.Status, String)] = [
                (#"{"question":"x"}"#, .badRequest, "inquiry.bad-request"),
                (#"{"business":"no-such","question":"x"}"#, .unprocessableContent, "inquiry.unknown-business"),
                (#"{"topic":"户口","question":" "}"#, .unprocessableContent, "inquiry.question-required"),
                (#"{"topic":"户口","question":"x","window":0}"#, .unprocessableContent, "inquiry.bad-window"),
                (#"{"topic":"户口","question":"x","window":99}"#, .unprocessableContent, "inquiry.unknown-window"),
                (#"{"topic":"户口","question":"x","contact":"12345"}"#, .unprocessableContent, "inquiry.bad-contact"),
                (#"{"topic":"\#(String(repeating: "户", count: 61))","question":"x"}"#, .unprocessableContent, "inquiry.text-too-long"),
            ]
            for (body, status, code) in cases {
                expectError(try await client.send(.post, "/api/v1/inquiries", token: first, raw: body), status, code)
            }
            expectError(try await client.send(.get, "/api/v1/inquiries/not-an-id", token: first), .notFound, "inquiry.unknown")
        }
    }

    @Test("the system administrator keeps the directory of competent bodies; an inquiry names one")
    func competentBodies() async throws {
        try await withHall { client in
            let admin = try await client.token(Demo.admin)
            let officer = try await client.token(Demo.officers[0])
            let body = #"{"name":"区市场监督管理局","address":"东城区1号","phone":"010-12345678","handles":"营业执照"}"#
            expectError(try await client.send(.post, "/api/v1/competent-bodies", token: officer, raw: body), .forbidden, "auth.forbidden")
            expectError(
                try await client.send(.post, "/api/v1/competent-bodies", token: admin, raw: #"{"name":"局","phone":"call","handles":"x"}"#),
                .unprocessableContent,
                "competent-body.invalid"
            )
            let added = try await client.send(.post, "/api/v1/competent-bodies", token: admin, raw: body)
            #expect(added.status == .created, "\(text(added))")
            let bodyID = try #require(try jsonObject(added)["id"] as? String)
            let listed = try jsonObject(try await client.send(.get, "/api/v1/competent-bodies", token: officer))
            #expect((listed["bodies"] as? [[String: Any]])?.count == 1)
            let referred = try await client.send(
                .post,
                "/api/v1/inquiries",
                token: officer,
                raw: #"{"topic":"营业执照","question":"怎么办营业执照","resolution":{"kind":"referred","body":"\#(bodyID)"}}"#
            )
            #expect(try decode(InquiryJSON.self, referred).outcome?.kind == "referred")
            #expect(try await client.send(.post, "/api/v1/competent-bodies/\(bodyID)/retire", token: admin).status == .noContent)
            expectError(try await client.send(.post, "/api/v1/competent-bodies/\(bodyID)/retire", token: admin), .notFound, "competent-body.unknown")
        }
    }
}
