import ChuangkouTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

struct HandoverCandidatesJSON: Decodable {
    struct Candidate: Decodable {
        let badge: String
        let sex: String?
        let window: Int?
        let state: String
        let busyWith: String?
        let free: Bool
    }
    let ticket: String
    let candidates: [Candidate]
}

struct HandoverReceiptJSON: Decodable {
    let id: String
    let ticketNumber: String
    let fromWindow: Int
    let toWindow: Int
    let toOfficer: String
    let toName: String
    let incident: String
}

struct HandoverReceiptsJSON: Decodable {
    let handovers: [HandoverReceiptJSON]
}

@Suite("Handing a ticket to a colleague over HTTP (另请一名民警)")
struct HandoverRouteTests {
    static let body = #"{"to":"010232","kind":"deadlock","asked":"要求换一位民警","answered":"已解释规定","ruleCited":"居民身份证法"}"#

    @Test("window 1 lists its colleagues (the other sex first when asked), hands the ticket to window 2, and both see the receipt")
    func handOver() async throws {
        try await withHall { client in
            let first = try await client.openWindow(1, badge: Demo.officers[0])
            let second = try await client.openWindow(2, badge: Demo.officers[1])
            let third = try await client.openWindow(3, badge: Demo.officers[2])
            _ = try await client.issue("id-card")
            let ticket = try #require(try await client.callNext(1, token: first))

            let plain = try decode(
                HandoverCandidatesJSON.self,
                try await client.send(.get, "/api/v1/tickets/\(ticket.id)/handover-candidates", token: first)
            )
            #expect(plain.candidates.map(\.badge) == [Demo.officers[1], Demo.officers[2]])
            let preferred = try decode(
                HandoverCandidatesJSON.self,
                try await client.send(.get, "/api/v1/tickets/\(ticket.id)/handover-candidates?otherSexFirst=true", token: first)
            )
            #expect(preferred.candidates.first?.sex == "female" && preferred.candidates.allSatisfy { $0.free })
            expectError(
                try await client.send(.get, "/api/v1/tickets/\(ticket.id)/handover-candidates?otherSexFirst=maybe", token: first),
                .badRequest,
                "request.malformed"
            )

            let sent = try await client.send(.post, "/api/v1/tickets/\(ticket.id)/handover", token: first, raw: Self.body)
            #expect(sent.status == .created, "\(text(sent))")
            let receipt = try decode(HandoverReceiptJSON.self, sent)
            #expect(receipt.fromWindow == 1 && receipt.toWindow == 2 && receipt.toName == "李秀英" && receipt.ticketNumber == ticket.number)
            #expect(try await client.window(2).currentTicket?.id == ticket.id)
            #expect(try await client.window(1).currentTicket == nil)
            for token in [first, second] {
                let window = token == first ? 1 : 2
                let receipts = try decode(HandoverReceiptsJSON.self, try await client.send(.get, "/api/v1/windows/\(window)/handovers", token: token))
                #expect(receipts.handovers.map(\.id) == [receipt.id])
            }
            #expect(try decode(HandoverReceiptsJSON.self, try await client.send(.get, "/api/v1/windows/3/handovers", token: third)).handovers.isEmpty)
            // The colleague serves it; the first window cannot hand it on again.
            try await client.perform("start", ticket.id, token: second)
            expectError(
                try await client.send(.post, "/api/v1/tickets/\(ticket.id)/handover", token: first, raw: Self.body),
                .conflict,
                "handover.not-your-ticket"
            )
            let history = try await client.history(ticket.id, token: second).map(\.action)
            #expect(history == ["call", "handOver", "start"])
            let leader = try await client.token(Demo.dutyLeader)
            let incident = try jsonObject(try await client.send(.get, "/api/v1/incidents/\(receipt.incident)", token: leader))
            #expect(incident["takenOverBy"] as? String == Demo.officers[1] && incident["open"] as? Bool == false)
        }
    }

    @Test("refusals name what to fix: a busy, paused or absent colleague, a bad badge, missing words")
    func refusals() async throws {
        try await withHall { client in
            let first = try await client.openWindow(1, badge: Demo.officers[0])
            let second = try await client.openWindow(2, badge: Demo.officers[1])
            let third = try await client.openWindow(3, badge: Demo.officers[2])
            _ = try await client.issue("id-card")
            _ = try await client.issue("id-card")
            let ticket = try #require(try await client.callNext(1, token: first))
            _ = try #require(try await client.callNext(2, token: second))
            _ = try await client.send(.post, "/api/v1/windows/3/pause", token: third)
            let cases: [(String, HTTPResponse.Status, String)] = [
                (#"{"to":"010232","asked":"a","answered":"b"}"#, .conflict, "handover.colleague-busy"),
                (#"{"to":"010233","asked":"a","answered":"b"}"#, .conflict, "handover.colleague-on-break"),
                (#"{"to":"010235","asked":"a","answered":"b"}"#, .conflict, "handover.colleague-off-duty"),
                (#"{"to":"099999","asked":"a","answered":"b"}"#, .notFound, "handover.unknown-colleague"),
                (#"{"to":"12","asked":"a","answered":"b"}"#, .badRequest, "handover.bad-request"),
                (#"{"to":"010232","kind":"fight","asked":"a","answered":"b"}"#, .badRequest, "handover.bad-request"),
                (#"{"to":"010231","asked":"a","answered":"b"}"#, .conflict, "handover.to-self"),
            ]
            for (body, status, code) in cases {
                expectError(try await client.send(.post, "/api/v1/tickets/\(ticket.id)/handover", token: first, raw: body), status, code)
            }
            _ = try await client.send(.post, "/api/v1/windows/3/resume", token: third)
            expectError(
                try await client.send(
                    .post,
                    "/api/v1/tickets/\(ticket.id)/handover",
                    token: first,
                    raw: #"{"to":"010233","asked":" ","answered":"b"}"#
                ),
                .unprocessableContent,
                "incident.text-required"
            )
            #expect(try await client.window(1).currentTicket?.id == ticket.id, "nothing moved")
            let supervisor = try await client.token("010300")
            expectError(
                try await client.send(.post, "/api/v1/tickets/\(ticket.id)/handover", token: supervisor, raw: Self.body),
                .forbidden,
                "auth.forbidden"
            )
        }
    }

    @Test("the escalation page lists the colleagues and hands over in one press, showing the receipt")
    func page() async throws {
        try await withHall { client in
            let first = try await client.openWindow(1, badge: Demo.officers[0])
            _ = try await client.openWindow(2, badge: Demo.officers[1])
            _ = try await client.openWindow(4, badge: Demo.officers[3])
            _ = try await client.issue("id-card")
            let ticket = try #require(try await client.callNext(1, token: first))
            let cookie = try await GuidePageTests.session(client, Demo.officers[0])
            let uri = "/escalate?window=1&ticket=\(ticket.id)&otherSexFirst=true"
            let form = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
            PageTests.expectHTML(form)
            let html = text(form)
            #expect(html.contains("李秀英") && html.contains("另请一名民警") && !html.contains("刘洋"), "window 4 does not serve 居民身份证")
            let refused = try await GuidePageTests.form(
                client,
                "/escalate",
                cookie: cookie,
                [("window", "1"), ("ticket", ticket.id), ("kind", "deadlock"), ("asked", "要求换人"), ("answered", "已解释"), ("to", "officer")]
            )
            #expect(refused.status == .badRequest && text(refused).contains("请选择接手的民警") && text(refused).contains("要求换人"))
            let done = try await GuidePageTests.form(
                client,
                "/escalate",
                cookie: cookie,
                [
                    ("window", "1"), ("ticket", ticket.id), ("kind", "deadlock"), ("asked", "要求换人"), ("answered", "已解释"),
                    ("to", "officer"), ("colleague", Demo.officers[1]),
                ]
            )
            let location = try #require(done.headers[.location])
            #expect(location.hasPrefix("/escalate?done=officer&window=1&handover="))
            let shown = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie])
            #expect(text(shown).contains("转交回执") && text(shown).contains("\(ticket.number)号由1号窗口王建国"))
            #expect(try await client.window(2).currentTicket?.id == ticket.id)
        }
    }
}
