import ChuangkouTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Notifications over HTTP")
struct NotificationRouteTests {
    struct TemplatesJSON: Decodable {
        struct Template: Decodable {
            let kind: String
            let language: String
            let body: String
            let shipped: Bool
        }
        let templates: [Template]
    }
    struct IssuedJSON: Decodable { let id: String }

    @Test("the system administrator saves a template; unknown and missing placeholders are refused in words; others may not")
    func templates() async throws {
        try await withHall { client in
            let admin = try await client.token(Demo.admin)
            let list = try decode(TemplatesJSON.self, try await client.send(.get, "/api/v1/notifications/templates", token: admin))
            #expect(list.templates.count == 16 && list.templates.allSatisfy(\.shipped))
            let path = "/api/v1/notifications/templates/complaint.answer/zh-CN"
            let unknown = try await client.send(.put, path, token: admin, raw: #"{"body":"{reply}{queryCode}{name}"}"#)
            expectError(unknown, .badRequest, "notification.template-invalid")
            #expect(text(unknown).contains("{name}"))
            let missing = try await client.send(.put, path, token: admin, raw: #"{"body":"已答复"}"#)
            expectError(missing, .badRequest, "notification.template-invalid")
            #expect(text(missing).contains("{queryCode}") && text(missing).contains("{reply}"))
            let saved = try await client.send(.put, path, token: admin, raw: #"{"body":"答复：{reply}（{queryCode}）"}"#)
            #expect(saved.status == .ok && text(saved).contains(#""shipped":false"#))
            expectError(
                try await client.send(.put, "/api/v1/notifications/templates/nope/zh-CN", token: admin, raw: #"{"body":"x"}"#),
                .notFound,
                "notification.unknown-kind"
            )
            let officer = try await client.token(Demo.officers[0])
            expectError(try await client.send(.put, path, token: officer, raw: #"{"body":"{reply}{queryCode}"}"#), .forbidden, "auth.forbidden")
            #expect(try await client.send(.delete, path, token: admin).status == .noContent)
            let page = try await client.send(.get, "/admin/notifications", token: admin)
            #expect(page.status == .ok && text(page).contains("投诉答复") && text(page).contains("{queryCode}"))
        }
    }

    @Test("a ticket's holder gives a phone once; the delivery log shows it masked; bad phones and a second phone are refused")
    func ticketContact() async throws {
        try await withHall { client in
            let issued = try decode(IssuedJSON.self, try await client.send(.post, "/api/v1/tickets", raw: #"{"business":"id-card"}"#))
            let path = "/api/v1/tickets/\(issued.id)/contact"
            expectError(try await client.send(.post, path, raw: #"{"phone":"12345"}"#), .badRequest, "notification.bad-phone")
            #expect(try await client.send(.post, path, raw: #"{"phone":"13812345678","language":"en"}"#).status == .noContent)
            expectError(try await client.send(.post, path, raw: #"{"phone":"13900000000"}"#), .conflict, "ticket-contact.already-given")
            expectError(
                try await client.send(.post, "/api/v1/tickets/\(UUID().uuidString.lowercased())/contact", raw: #"{"phone":"13812345678"}"#),
                .notFound,
                "ticket-contact.unknown-ticket"
            )
            let staff = try await client.token(Demo.officers[0])
            let optOut = try await client.send(
                .put,
                "/api/v1/notifications/preferences",
                token: staff,
                raw: #"{"phone":"13812345678","optedIn":false}"#
            )
            #expect(optOut.status == .noContent)
            expectError(try await client.send(.get, "/api/v1/notifications/deliveries", token: staff), .forbidden, "auth.forbidden")
            let audit = try await client.token(Demo.auditAdmin)
            let log = try await client.send(.get, "/api/v1/notifications/deliveries?status=sent", token: audit)
            #expect(log.status == .ok && !leaksPersonalNumbers(text(log)))
            expectError(
                try await client.send(.get, "/api/v1/notifications/deliveries?status=x", token: audit),
                .badRequest,
                "notification.bad-status"
            )
            let inbox = try await client.send(.get, "/api/v1/notifications/inbox", token: staff)
            #expect(inbox.status == .ok)
        }
    }
}
