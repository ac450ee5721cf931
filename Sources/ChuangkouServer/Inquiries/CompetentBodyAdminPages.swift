import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The system administrator's directory of competent bodies (`/admin/competent-bodies`, 主管部门目录): the bodies the
/// desk and windows name to a citizen whose question is outside the unit (RULES §7). Add one (checked by Core, with
/// the words of what to fix), retire one (never deleted: inquiries keep what they were told). Audited in the store.
struct CompetentBodyAdminPages {
    let pages: PageRenderer
    let bodies: CompetentBodyDirectory
    let now: @Sendable () -> Date

    struct Form: Decodable {
        let name: String?
        let address: String?
        let phone: String?
        let handles: String?
    }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("admin/competent-bodies") { request, context -> Response in
            guard let admin = try context.systemAdminIfSignedIn() else { return PageRenderer.signIn(returningTo: request) }
            var page = try await page(request, context, admin, form: nil)
            switch request.uri.queryParameters.get("done") {
            case "add": page.done = Language.of(request).pick("已加入目录", "Added to the directory")
            case "retire": page.done = Language.of(request).pick("已停用", "Retired")
            default: break
            }
            return try pages.render("admin-competent-bodies", page, request)
        }
        router.post("admin/competent-bodies") { request, context -> Response in
            guard let admin = try context.systemAdminIfSignedIn() else { return PageRenderer.signIn(returningTo: request) }
            let form = try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: try await request.body.collect(upTo: 16_384)))
            do {
                _ = try await bodies.add(
                    name: form.name ?? "",
                    address: form.address ?? "",
                    phone: form.phone ?? "",
                    handles: form.handles ?? "",
                    by: admin.badge,
                    at: now()
                )
                return .redirect(to: "/admin/competent-bodies?done=add", type: .normal)
            } catch let error as InquiryError {
                let mapped = APIError(error)
                var page = try await page(request, context, admin, form: form)
                page.error = Language.of(request).pick(mapped.chinese, mapped.english)
                var response = try pages.render("admin-competent-bodies", page, request)
                response.status = mapped.status
                return response
            }
        }
        router.post("admin/competent-bodies/{id}/retire") { request, context -> Response in
            guard try context.systemAdminIfSignedIn() != nil else { return PageRenderer.signIn(returningTo: request) }
            guard let id = context.parameters.get("id").flatMap(CompetentBody.ID.init), try await bodies.retire(id, at: now()) else {
                throw APIError.unknownCompetentBody
            }
            return .redirect(to: "/admin/competent-bodies?done=retire", type: .normal)
        }
    }

    private func page(_ request: Request, _ context: AppRequestContext, _ admin: Officer, form: Form?) async throws -> CompetentBodyAdminPage {
        CompetentBodyAdminPage(
            frame: pages.frame(request, context, ("主管部门目录", "Competent bodies"), CompetentBodyAdminPage.texts),
            adminName: admin.name,
            entries: try await bodies.bodies(includeRetired: true),
            typed: form
        )
    }
}

/// The directory page's view model: the bodies in use first, then the retired ones, and the form.
struct CompetentBodyAdminPage: Sendable {
    struct Row: Sendable {
        let id: String
        let name: String
        let address: String
        let phone: String
        let handles: String
        let retired: Bool
    }

    let frame: PageFrame
    let adminName: String
    let rows: [Row]
    let hasRows: Bool
    let typed: [String: String]
    var error: String?
    var done: String?

    init(frame: PageFrame, adminName: String, entries: [CompetentBodyDirectory.Entry], typed form: CompetentBodyAdminPages.Form?) {
        self.frame = frame
        self.adminName = adminName
        rows = entries.sorted { !$0.retired && $1.retired }.map {
            Row(
                id: $0.body.id.description,
                name: $0.body.name,
                address: $0.body.address,
                phone: $0.body.phone.value,
                handles: $0.body.handles,
                retired: $0.retired
            )
        }
        hasRows = !entries.isEmpty
        typed = ["name": form?.name ?? "", "address": form?.address ?? "", "phone": form?.phone ?? "", "handles": form?.handles ?? ""]
    }

    static let texts: [String: (String, String)] = [
        "intro": (
            "群众咨询的事项不属本单位办理时，窗口和咨询台从本目录中告知主管部门的名称、地址和电话（首问负责）。停用的部门不再供选择，已告知的记录保持不变。",
            "When a question is outside the unit, the desk and windows name the competent body from this directory. A retired body is "
                + "no longer offered; inquiries keep what they were told."
        ),
        "name": ("部门名称", "Name"),
        "address": ("地址", "Address"),
        "phone": ("电话", "Phone"),
        "handles": ("办理事项", "What it handles"),
        "state": ("状态", "State"),
        "inUse": ("使用中", "In use"),
        "retired": ("已停用", "Retired"),
        "retire": ("停用", "Retire"),
        "add": ("加入目录", "Add to the directory"),
        "none": ("目录为空", "The directory is empty"),
        "admin": ("返回管理菜单", "Back to the admin menu"),
    ]
}
