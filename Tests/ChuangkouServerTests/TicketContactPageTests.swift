import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The heads-up phone from the citizen's ticket page: a plain form with the consent while the ticket waits, the
/// number shown back masked once given, refusals in words, and no form once the ticket is called.
@Suite("Heads-up phone from the ticket page")
struct TicketContactPageTests {
    func postForm(_ client: any TestClientProtocol, _ uri: String, _ body: String) async throws -> TestResponse {
        try await client.execute(
            uri: uri,
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        )
    }

    @Test("the form and its consent while waiting; kept and shown masked; a bad or second number refused in words")
    func givePhone() async throws {
        try await withHall { client in
            let ticket = try await client.issue("id-card")
            let page = text(try await client.send(.get, "/tickets/\(ticket.id)"))
            #expect(page.contains(#"<form method="post" action="/tickets/\#(ticket.id)/contact" class="contact-form" id="contact-form">"#))
            #expect(page.contains("即表示您同意") && page.contains("前面还剩3人"))
            let english = text(try await client.send(.get, "/tickets/\(ticket.id)?lang=en"))
            #expect(english.contains("By giving your number you agree"))

            let bad = try await postForm(client, "/tickets/\(ticket.id)/contact", "phone=12345")
            #expect(bad.status == .badRequest && text(bad).contains("手机号码格式不正确") && text(bad).contains(#"id="contact-form""#))
            let empty = try await postForm(client, "/tickets/\(ticket.id)/contact", "")
            #expect(empty.status == .badRequest)

            let given = try await postForm(client, "/tickets/\(ticket.id)/contact", "phone=13812345678")
            #expect(given.status == .seeOther && given.headers[.location] == "/tickets/\(ticket.id)?contact=1")
            let shown = text(try await client.send(.get, "/tickets/\(ticket.id)?contact=1"))
            #expect(shown.contains(#"id="contact-saved""#) && shown.contains("<b>138****5678</b>"))
            #expect(!shown.contains("13812345678") && !shown.contains(#"id="contact-form""#))

            let again = try await postForm(client, "/tickets/\(ticket.id)/contact", "phone=13900000000")
            #expect(again.status == .conflict && text(again).contains("此号票已登记过手机号码"))
            #expect(!text(again).contains(#"id="contact-form""#) && text(again).contains("138****5678"))

            let auditor = try await client.token(Demo.auditAdmin)
            let audit = text(try await client.send(.get, "/api/v1/audit?action=ticket.contact", token: auditor))
            #expect(audit.contains("138****5678") && !audit.contains("13812345678"))
        }
    }

    @Test("a called ticket offers no form and refuses a number; an unknown ticket is not found")
    func notWaiting() async throws {
        try await withHall { client in
            let officer = try await client.openWindow(1, badge: Demo.officers[0])
            _ = try await client.issue("id-card")
            let called = try #require(try await client.callNext(1, token: officer))
            let page = text(try await client.send(.get, "/tickets/\(called.id)"))
            #expect(!page.contains(#"id="contact-form""#))
            let refused = try await postForm(client, "/tickets/\(called.id)/contact", "phone=13812345678")
            #expect(refused.status == .conflict && text(refused).contains("号票已不在等候中"))
            let unknown = try await postForm(client, "/tickets/\(UUID().uuidString.lowercased())/contact", "phone=13812345678")
            #expect(unknown.status == .notFound)
        }
    }
}
