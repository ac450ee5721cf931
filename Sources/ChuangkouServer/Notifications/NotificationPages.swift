import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The administrator's notification pages: `/admin/notifications`, every message kind's template in Chinese and
/// English with its placeholders, each editable (a refused template is shown again with what to fix, nothing saved),
/// and `/admin/notifications/log`, the delivery log with phones masked.
struct NotificationPages {
    let pages: PageRenderer
    let templates: MessageTemplates
    let outbox: NotificationOutbox
    let time: HallTime

    struct Form: Decodable {
        let kind: String
        let language: String
        let body: String?
        let reset: String?
    }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("admin/notifications") { request, context -> Response in
            guard let admin = try context.adminIfSignedIn() else { return PageRenderer.signIn(returningTo: request) }
            var page = try await page(request, context, admin: admin)
            if request.uri.queryParameters.get("saved") != nil {
                page.saved = Language.of(request).pick("模板已保存", "Template saved")
            }
            return try pages.render("admin-notifications", page, request)
        }
        router.post("admin/notifications") { request, context -> Response in
            guard let admin = try context.adminIfSignedIn() else { return PageRenderer.signIn(returningTo: request) }
            let form = try await URLEncodedFormDecoder().decode(Form.self, from: String(buffer: request.body.collect(upTo: 16_384)))
            guard let kind = MessageKind(rawValue: form.kind), let language = MessageLanguage(rawValue: form.language) else {
                throw APIError.unknownMessageKind
            }
            do {
                if form.reset != nil {
                    try await templates.reset(kind, language, at: time.now())
                } else {
                    try await templates.save(kind, language, body: form.body ?? "", by: admin.badge, at: time.now())
                }
                return .redirect(to: "/admin/notifications?saved=1#\(kind.rawValue)-\(language.rawValue)", type: .normal)
            } catch let error as MessageTemplateError {
                var page = try await page(request, context, admin: admin)
                let lang = Language.of(request)
                page.templates = page.templates.map { row in
                    guard row.kind == kind.rawValue, row.language == language.rawValue else { return row }
                    var row = row
                    row.body = form.body ?? ""
                    row.error = lang.pick(error.message, error.messageEnglish)
                    return row
                }
                var response = try pages.render("admin-notifications", page, request)
                response.status = .badRequest
                return response
            }
        }
        router.get("admin/notifications/log") { request, context -> Response in
            guard let admin = try context.adminIfSignedIn() else { return PageRenderer.signIn(returningTo: request) }
            let language = Language.of(request)
            let status = request.uri.queryParameters.get("status").flatMap(DeliveryStatus.init(rawValue:))
            let counts = try await outbox.deliveryCounts()
            let zone = time.hall.timeZone
            let page = DeliveryLogPage(
                frame: pages.frame(request, context, ("短信发送记录", "Delivery log"), Self.texts),
                adminName: admin.name,
                statuses: DeliveryStatus.allCases.map {
                    .init(code: $0.rawValue, label: language.pick($0.label, $0.labelEnglish), count: counts[$0] ?? 0, selected: $0 == status)
                },
                rows: try await outbox.deliveries(status: status, limit: 200).map { m in
                    .init(
                        id: m.id,
                        kind: MessageKind(rawValue: m.kind).map { language.pick($0.label, $0.labelEnglish) } ?? m.kind,
                        phone: m.phoneMasked ?? "—",
                        text: Masking.maskCodes(in: Masking.maskPersonalNumbers(in: m.subject)),
                        status: language.pick(m.status.label, m.status.labelEnglish),
                        statusCode: m.status.rawValue,
                        attempts: m.attempts,
                        created: PageClock.minute(m.createdAt, in: zone),
                        sent: m.sentAt.map { PageClock.minute($0, in: zone) } ?? "",
                        error: m.lastError.map(Masking.maskPersonalNumbers(in:)) ?? ""
                    )
                }
            )
            return try pages.render("admin-notifications-log", page, request)
        }
    }

    private func page(_ request: Request, _ context: AppRequestContext, admin: Officer) async throws -> NotificationTemplatesPage {
        let language = Language.of(request)
        return NotificationTemplatesPage(
            frame: pages.frame(request, context, ("短信模板", "Message templates"), Self.texts),
            adminName: admin.name,
            templates: try await templates.all().map { entry in
                let kind = entry.template.kind
                return .init(
                    kind: kind.rawValue,
                    language: entry.template.language.rawValue,
                    label: language.pick(kind.label, kind.labelEnglish),
                    languageLabel: entry.template.language == .chinese ? "中文" : "English",
                    body: entry.template.body,
                    required: kind.required.sorted().map { "{\($0)}" }.joined(separator: " "),
                    optional: kind.optional.sorted().map { "{\($0)}" }.joined(separator: " "),
                    shipped: entry.isShipped,
                    updated: entry.updatedAt.map { "\(PageClock.minute($0, in: time.hall.timeZone)) \(entry.updatedBy?.value ?? "")" } ?? "",
                    error: nil
                )
            },
            saved: nil
        )
    }

    static let texts: [String: (String, String)] = [
        "required": ("必需占位符", "Required placeholders"),
        "optional": ("可选占位符", "Optional placeholders"),
        "shipped": ("默认措辞", "Shipped wording"),
        "updated": ("修改于", "Changed"),
        "save": ("保存", "Save"),
        "reset": ("恢复默认", "Restore shipped wording"),
        "log": ("短信发送记录", "Delivery log"),
        "templates": ("短信模板", "Message templates"),
        "help": (
            "占位符写作 {名称}；只能使用所列占位符，必需的不可缺少。保存后新消息即用新措辞。",
            "Placeholders are written {name}; only those listed may be used and the required ones must be there. New messages use the saved wording."
        ),
        "kind": ("类型", "Kind"),
        "phone": ("手机", "Phone"),
        "text": ("内容", "Text"),
        "status": ("状态", "Status"),
        "attempts": ("尝试", "Attempts"),
        "created": ("生成", "Created"),
        "sent": ("发出", "Sent"),
        "error": ("最近错误", "Last error"),
        "all": ("全部", "All"),
        "empty": ("没有记录", "Nothing here"),
    ]
}

struct NotificationTemplatesPage: Sendable {
    struct Row: Sendable {
        let kind: String
        let language: String
        let label: String
        let languageLabel: String
        var body: String
        let required: String
        let optional: String
        let shipped: Bool
        let updated: String
        var error: String?
    }
    let frame: PageFrame
    let adminName: String
    var templates: [Row]
    var saved: String?
}

struct DeliveryLogPage: Sendable {
    struct Status: Sendable {
        let code: String
        let label: String
        let count: Int
        let selected: Bool
    }
    struct Row: Sendable {
        let id: Int64
        let kind: String
        let phone: String
        let text: String
        let status: String
        let statusCode: String
        let attempts: Int
        let created: String
        let sent: String
        let error: String
    }
    let frame: PageFrame
    let adminName: String
    let statuses: [Status]
    let rows: [DeliveryLogPage.Row]
}
