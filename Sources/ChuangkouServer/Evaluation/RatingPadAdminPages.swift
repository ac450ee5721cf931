import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The system administrator's page for rating pads (评价器): every window with its live pads, a button to issue a pad
/// token for a window and one to revoke each (`/admin/rating-pads`). A new token is shown once, in the answer to the
/// form that issued it, with the pairing address to open on the pad; it is stored only as a digest. Issuing and
/// revoking go through `DeviceRepository`, which audits both. The forms are plain HTML posts carrying the session's
/// CSRF token in a field, as every admin form (`CSRFMiddleware`); revoking answers with a redirect (PRG).
struct RatingPadAdminPages {
    let pages: PageRenderer
    let devices: DeviceRepository
    let windows: WindowRepository
    let now: @Sendable () -> Date

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("admin/rating-pads") { request, context -> Response in
            guard let admin = try context.adminIfSignedIn() else { return PageRenderer.signIn(returningTo: request) }
            var notice: String?
            if let revoked = request.uri.queryParameters.get("revoked"), Device.isValidID(String(revoked)) {
                notice = Language.of(request).pick("已注销评价器 \(revoked)", "Rating pad \(revoked) revoked")
            }
            return try await page(request, context, admin: admin, issued: nil, notice: notice)
        }
        router.post("admin/rating-pads") { request, context -> Response in
            guard let admin = try context.adminIfSignedIn() else { return PageRenderer.signIn(returningTo: request) }
            struct Form: Decodable { let window: Int? }
            let form = try? URLEncodedFormDecoder().decode(Form.self, from: String(buffer: try await request.body.collect(upTo: 4_096)))
            let known = try await windows.all().map(\.window.number)
            guard let number = form?.window.flatMap(WindowNumber.init), known.contains(number) else {
                throw APIError.badRequest("请选择窗口", "Choose a window")
            }
            let device = Device(id: Self.newID(window: number), role: .ratingPad, name: "\(number)号窗口评价器", window: number)
            let token = try await devices.issue(device, by: admin.badge, at: now())
            let issued = RatingPadAdminPage.Issued(
                id: device.id,
                window: number.value,
                token: token,
                pairingURL: "\(pages.publicBase(request))/windows/\(number)/rate"
            )
            var response = try await page(request, context, admin: admin, issued: issued, notice: nil)
            response.status = .created
            return response
        }
        router.post("admin/rating-pads/{id}/revoke") { request, context -> Response in
            guard try context.adminIfSignedIn() != nil else { return PageRenderer.signIn(returningTo: request) }
            let id = context.parameters.get("id") ?? ""
            guard let pad = try await devices.all().first(where: { $0.device.id == id && $0.device.role == .ratingPad }) else {
                throw APIError(DeviceRepository.Problem.unknownDevice(id))
            }
            try await devices.revoke(pad.device.id, at: now())
            return .redirect(to: "/admin/rating-pads?revoked=\(pad.device.id)", type: .normal)
        }
    }

    /// `pad-3-a1b2c3`: the window and six random hex digits, so two pads issued for one window never collide.
    static func newID(window: WindowNumber) -> String {
        var generator = SystemRandomNumberGenerator()
        return "pad-\(window)-" + String(format: "%06x", UInt32.random(in: 0..<0x100_0000, using: &generator))
    }

    private func page(
        _ request: Request,
        _ context: AppRequestContext,
        admin: Officer,
        issued: RatingPadAdminPage.Issued?,
        notice: String?
    ) async throws -> Response {
        let frame = pages.frame(request, context, ("评价器配对", "Rating pads"), Self.texts)
        let entries = try await devices.all()
        let zone = pages.hall.timeZone
        let rows = try await windows.all().map { board in
            let number = board.window.number
            return RatingPadAdminPage.Row(
                window: number.value,
                name: frame.windowName(number),
                pads: entries.filter { $0.device.role == .ratingPad && $0.device.window == number && $0.revokedAt == nil }.map {
                    .init(
                        id: $0.device.id,
                        name: $0.device.name,
                        issuedBy: $0.issuedBy.value,
                        issuedAt: PageClock.minute($0.issuedAt, in: zone)
                    )
                }
            )
        }
        let revoked = entries.filter { $0.device.role == .ratingPad && $0.revokedAt != nil }.count
        let page = RatingPadAdminPage(frame: frame, adminName: admin.name, windows: rows, issued: issued, notice: notice, revokedCount: revoked)
        var response = try pages.render("admin-rating-pads", page, request)
        // The answer that shows a token once is never kept by a cache.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static let texts: [String: (String, String)] = [
        "help": (
            "每个窗口的评价器凭系统管理员签发的设备令牌登录。签发后令牌只显示这一次：请在该窗口的评价器上打开配对地址并输入令牌。"
                + "评价器丢失或更换时请注销其令牌。",
            "Each window's rating pad signs in with a device token the system administrator issues. A new token is shown "
                + "this once: open the pairing address on that window's pad and enter the token. Revoke a lost or replaced pad."
        ),
        "window": ("窗口", "Window"),
        "pads": ("在用评价器", "Pads in use"),
        "none": ("未配对", "None paired"),
        "issue": ("签发评价器令牌", "Issue a pad token"),
        "revoke": ("注销", "Revoke"),
        "issuedBy": ("签发人", "Issued by"),
        "issuedTitle": ("新令牌（只显示一次）", "New token (shown once)"),
        "token": ("设备令牌", "Device token"),
        "pairingURL": ("配对地址", "Pairing address"),
        "pairSteps": (
            "在评价器上打开配对地址，输入上面的设备令牌并点“配对”。离开本页后令牌不再显示。",
            "On the pad, open the pairing address, enter the token above and press Pair. The token is not shown again."
        ),
        "revokedCount": ("已注销的评价器", "Revoked pads"),
        "back": ("返回系统管理", "Back to administration"),
    ]
}

/// The view model of `admin-rating-pads.mustache`.
struct RatingPadAdminPage {
    struct Pad {
        let id: String
        let name: String
        let issuedBy: String
        let issuedAt: String
    }
    struct Row {
        let window: Int
        let name: String
        let pads: [Pad]
    }
    /// A token just issued: in this answer only.
    struct Issued {
        let id: String
        let window: Int
        let token: String
        let pairingURL: String
    }

    let frame: PageFrame
    let adminName: String
    let windows: [Row]
    let issued: Issued?
    let notice: String?
    let revokedCount: Int
}
