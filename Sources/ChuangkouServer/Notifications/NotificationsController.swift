import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Notifications' API: templates (system administrator), the delivery log (system and audit administrators),
/// a citizen's opt-in or opt-out recorded by staff, an officer's own alerts, and a ticket holder's phone for the
/// heads-up. Phones only ever leave masked.
struct NotificationsController {
    let templates: MessageTemplates
    let outbox: NotificationOutbox
    let preferences: NotificationPreferences
    let contacts: TicketContacts
    let now: @Sendable () -> Date

    struct TemplateRequest: Decodable { let body: String }
    struct PreferenceRequest: Decodable {
        let phone: String
        let optedIn: Bool
    }
    struct ContactRequest: Decodable {
        let phone: String
        let language: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("notifications/templates") { _, _ in
            TemplateListResponse(templates: try await templates.all().map(TemplateResponse.init))
        }
        group.put("notifications/templates/{kind}/{language}") { request, context in
            let admin = try context.requireOfficer()
            let (kind, language) = try Self.kindAndLanguage(context)
            let body = try await request.decode(as: TemplateRequest.self, context: context)
            guard body.body.count <= 2 * MessageTemplate.maxLength else { throw APIError(
                MessageTemplateError.tooLong(max: MessageTemplate.maxLength)
            ) }
            try await templates.save(kind, language, body: body.body, by: admin.badge, at: now())
            let entry = try await templates.all().first { $0.template.kind == kind && $0.template.language == language }
            return TemplateResponse(try entry.orThrow(APIError.unknownMessageKind))
        }
        group.delete("notifications/templates/{kind}/{language}") { _, context in
            _ = try context.requireOfficer()
            let (kind, language) = try Self.kindAndLanguage(context)
            try await templates.reset(kind, language, at: now())
            return Response(status: .noContent)
        }
        group.get("notifications/deliveries") { request, _ in
            let status = try request.uri.queryParameters.get("status").map { text -> DeliveryStatus in
                guard let status = DeliveryStatus(rawValue: text) else { throw APIError.badDeliveryStatus }
                return status
            }
            return DeliveryLogResponse(
                counts: Dictionary(uniqueKeysWithValues: try await outbox.deliveryCounts().map { ($0.key.rawValue, $0.value) }),
                deliveries: try await outbox.deliveries(status: status, limit: 200).map(DeliveryResponse.init)
            )
        }
        group.put("notifications/preferences") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: PreferenceRequest.self, context: context)
            guard body.phone.count <= 20, let phone = MobileNumber(body.phone) else { throw APIError.badNotificationPhone }
            try await preferences.record(phone, optedIn: body.optedIn, by: officer.badge, at: now())
            return Response(status: .noContent)
        }
        group.get("notifications/inbox") { _, context in
            let officer = try context.requireOfficer()
            return InboxResponse(
                unread: try await outbox.unreadCount(of: officer.badge),
                messages: try await outbox.inbox(of: officer.badge, limit: 50).map(InboxMessage.init)
            )
        }
        group.post("notifications/inbox/read") { _, context in
            let officer = try context.requireOfficer()
            try await outbox.markRead(nil, of: officer.badge, at: now())
            return Response(status: .noContent)
        }
        group.post("notifications/inbox/{id}/read") { _, context in
            let officer = try context.requireOfficer()
            guard let id = context.parameters.get("id").flatMap({ Int64($0) }),
                try await outbox.markRead(id, of: officer.badge, at: now()) > 0
            else { throw APIError.unknownInboxMessage }
            return Response(status: .noContent)
        }
        group.post("tickets/{id}/contact") { request, context in
            guard let id = context.parameters.get("id").flatMap(TicketID.init) else { throw APIError(TicketContactError.unknownTicket) }
            let body = try await request.decode(as: ContactRequest.self, context: context)
            guard body.phone.count <= 20, let phone = MobileNumber(body.phone) else { throw APIError.badNotificationPhone }
            let language = body.language.flatMap(MessageLanguage.init(rawValue:)) ?? .chinese
            try await contacts.give(phone, language: language, for: id, at: now())
            return Response(status: .noContent)
        }
    }

    static func kindAndLanguage(_ context: AppRequestContext) throws -> (MessageKind, MessageLanguage) {
        guard let kind = context.parameters.get("kind").flatMap(MessageKind.init(rawValue:)),
            let language = context.parameters.get("language").flatMap(MessageLanguage.init(rawValue:))
        else { throw APIError.unknownMessageKind }
        return (kind, language)
    }
}

extension Optional {
    fileprivate func orThrow(_ error: some Error) throws -> Wrapped {
        guard let self else { throw error }
        return self
    }
}

struct TemplateResponse: ResponseEncodable {
    let kind: String
    let language: String
    let label: String
    let body: String
    let required: [String]
    let optional: [String]
    let shipped: Bool
    let updatedBy: String?
    let updatedAt: Date?

    init(_ entry: MessageTemplates.Entry) {
        let kind = entry.template.kind
        self.kind = kind.rawValue
        language = entry.template.language.rawValue
        label = entry.template.language == .chinese ? kind.label : kind.labelEnglish
        body = entry.template.body
        required = kind.required.sorted()
        optional = kind.optional.sorted()
        shipped = entry.isShipped
        updatedBy = entry.updatedBy?.value
        updatedAt = entry.updatedAt
    }
}

struct TemplateListResponse: ResponseEncodable { let templates: [TemplateResponse] }

/// One line of the delivery log: the phone masked, the text with any personal number masked too.
struct DeliveryResponse: ResponseEncodable {
    let id: Int64
    let kind: String
    let status: String
    let attempts: Int
    let phone: String?
    let text: String
    let createdAt: Date
    let sentAt: Date?
    let nextAttemptAt: Date
    let lastError: String?

    init(_ message: NotificationOutbox.Message) {
        id = message.id
        kind = message.kind
        status = message.status.rawValue
        attempts = message.attempts
        phone = message.phoneMasked
        text = Masking.maskCodes(in: Masking.maskPersonalNumbers(in: message.subject))
        createdAt = message.createdAt
        sentAt = message.sentAt
        nextAttemptAt = message.nextAttemptAt
        lastError = message.lastError.map(Masking.maskPersonalNumbers(in:))
    }
}

struct DeliveryLogResponse: ResponseEncodable {
    let counts: [String: Int]
    let deliveries: [DeliveryResponse]
}

struct InboxMessage: ResponseEncodable {
    let id: Int64
    let kind: String
    let subject: String
    let createdAt: Date
    let read: Bool
    /// The page the alert is about, where there is one: an on-site visit's (`onsite.assigned`, `onsite.requested`).
    let link: String?

    init(_ message: NotificationOutbox.Message) {
        id = message.id
        kind = message.kind
        subject = Masking.maskPersonalNumbers(in: message.subject)
        createdAt = message.createdAt
        read = message.readAt != nil
        link = Self.link(kind: message.kind, payload: message.payload)
    }

    /// `/onsite/visits/{id}` for an on-site alert whose payload names its visit (`{"visit":"…"}`); nil otherwise.
    static func link(kind: String, payload: String) -> String? {
        guard kind.hasPrefix("onsite."),
            let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
            let visit = (object["visit"] as? String).flatMap(OnSiteVisitID.init)
        else { return nil }
        return "/onsite/visits/\(visit)"
    }
}

/// The officer's inbox: how many are unread (of all, not only the 50 listed) and the newest 50.
struct InboxResponse: ResponseEncodable {
    let unread: Int
    let messages: [InboxMessage]
}
