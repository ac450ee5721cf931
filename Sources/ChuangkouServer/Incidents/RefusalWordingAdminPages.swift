import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The system administrator rewords the suggested wording for a refusal (`/admin/refusal-wording`, 避免争执) that the
/// 告知单 and escalation forms show officers; "reset" goes back to the shipped wording. Audited in the store.
struct RefusalWordingAdminPages {
    let pages: PageRenderer
    let wordings: RefusalWordingStore
    let now: @Sendable () -> Date

    struct Form: Decodable {
        let chinese: String?
        let english: String?
        let reset: String?
    }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("admin/refusal-wording") { request, context -> Response in
            guard let admin = try context.systemAdminIfSignedIn() else { return PageRenderer.signIn(returningTo: request) }
            let wording = try await wordings.current()
            // An English left empty was stored as the Chinese: show it empty again.
            let english = wording.english == wording.chinese ? "" : wording.english
            var page = try await page(request, context, admin, chinese: wording.chinese, english: english)
            if request.uri.queryParameters.get("done") == "save" {
                page.done = Language.of(request).pick("已保存，窗口和咨询台即时生效", "Saved: the windows and the desk see it now")
            }
            return try pages.render("admin-refusal-wording", page, request)
        }
        router.post("admin/refusal-wording") { request, context -> Response in
            guard let admin = try context.systemAdminIfSignedIn() else { return PageRenderer.signIn(returningTo: request) }
            let form = try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: try await request.body.collect(upTo: 16_384)))
            do {
                let wording = form.reset == nil ? try RefusalWording(chinese: form.chinese ?? "", english: form.english ?? "") : nil
                try await wordings.save(wording, by: admin.badge, at: now())
                return .redirect(to: "/admin/refusal-wording?done=save", type: .normal)
            } catch let error as RefusalWordingError {
                let mapped = APIError(error)
                var page = try await page(request, context, admin, chinese: form.chinese ?? "", english: form.english ?? "")
                page.error = Language.of(request).pick(mapped.chinese, mapped.english)
                var response = try pages.render("admin-refusal-wording", page, request)
                response.status = mapped.status
                return response
            }
        }
    }

    private func page(
        _ request: Request,
        _ context: AppRequestContext,
        _ admin: Officer,
        chinese: String,
        english: String
    ) async throws -> RefusalWordingAdminPage {
        RefusalWordingAdminPage(
            frame: pages.frame(request, context, ("建议用语", "Suggested wording"), RefusalWordingAdminPage.texts),
            adminName: admin.name,
            chinese: chinese,
            english: english,
            customised: try await wordings.isCustomised(),
            shipped: RefusalWording.shipped.chinese,
            maxLength: RefusalWording.maxLength
        )
    }
}

/// The wording page's view model: what is in force (or what was typed, when refused) and the shipped wording.
struct RefusalWordingAdminPage: Sendable {
    let frame: PageFrame
    let adminName: String
    let chinese: String
    let english: String
    let customised: Bool
    let shipped: String
    let maxLength: Int
    var error: String?
    var done: String?

    static let texts: [String: (String, String)] = [
        "intro": (
            "窗口民警开具告知单、请示值班领导时，页面上方提示的建议用语（避免争执）。只作提示，不印在告知单上；不得写入身份证号、手机号。",
            "The wording officers see above the written explanation and escalation forms (avoiding disputes). Advice only, never "
                + "printed; no ID or mobile numbers."
        ),
        "chinese": ("中文用语", "Chinese wording"),
        "english": ("英文用语（可不填，不填时显示中文）", "English wording (optional: the Chinese is shown when empty)"),
        "save": ("保存", "Save"),
        "reset": ("恢复系统默认用语", "Back to the shipped wording"),
        "customised": ("本厅已改写", "Reworded by this hall"),
        "shippedLabel": ("系统默认用语", "Shipped wording"),
        "admin": ("返回管理菜单", "Back to the admin menu"),
    ]
}
