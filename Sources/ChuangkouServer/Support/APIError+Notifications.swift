import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// Notifications (issue 15): every code the API answers with for templates, deliveries, preferences and a ticket's
/// phone, and the one mapping of `MessageTemplateError` and `TicketContactError`.
extension APIError {
    enum NotificationCode: String, APIErrorCode {
        case templateInvalid = "notification.template-invalid"
        case unknownKind = "notification.unknown-kind"
        case badStatus = "notification.bad-status"
        case badPhone = "notification.bad-phone"
        case unknownMessage = "notification.unknown-message"
        case contactUnknownTicket = "ticket-contact.unknown-ticket"
        case contactNotWaiting = "ticket-contact.not-waiting"
        case contactAlreadyGiven = "ticket-contact.already-given"
    }

    static let unknownMessageKind = APIError(
        .notFound,
        NotificationCode.unknownKind,
        "没有此消息类型或语言（语言为 zh-CN 或 en）",
        "No such message kind or language (zh-CN or en)"
    )
    static let badDeliveryStatus = APIError(
        .badRequest,
        NotificationCode.badStatus,
        "状态应为 pending、sent、failed 或 suppressed",
        "status is pending, sent, failed or suppressed"
    )
    static let unknownInboxMessage = APIError(
        .notFound,
        NotificationCode.unknownMessage,
        "您的提醒中没有这一条",
        "No such alert in your inbox"
    )
    static let badNotificationPhone = APIError(
        .badRequest,
        NotificationCode.badPhone,
        "手机号码格式不正确（11位，以1开头）",
        "The mobile number is not valid (11 digits starting with 1)"
    )

    init(_ error: MessageTemplateError) {
        self.init(.badRequest, NotificationCode.templateInvalid, error.message, error.messageEnglish)
    }

    init(_ error: TicketContactError) {
        switch error {
        case .unknownTicket: self.init(.notFound, NotificationCode.contactUnknownTicket, "没有此号票", "No such ticket")
        case .notWaiting:
            self.init(.conflict, NotificationCode.contactNotWaiting, "号票已不在等候中，无需提醒", "The ticket no longer waits")
        case .alreadyGiven:
            self.init(.conflict, NotificationCode.contactAlreadyGiven, "此号票已登记过手机号码", "A phone was already given for this ticket")
        }
    }
}
