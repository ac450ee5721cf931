import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

extension APIError {
    static let setUpFirst = APIError(
        .forbidden,
        "auth.set-up-first",
        "请先设置新密码并完成双因素认证绑定",
        "Choose a new password (and enrol the second factor) first"
    )
    static let kioskTokenRequired = APIError(.unauthorized, "ticket.kiosk-token-required", "请在大厅取号机取号", "Tickets are issued at the hall's kiosks")
    static let secondFactorRequired = APIError(.unauthorized, "auth.second-factor-required", "请输入动态验证码", "Enter the code from your authenticator")
    static let secondFactorWrong = APIError(.unauthorized, "auth.second-factor-wrong", "动态验证码错误", "Wrong authenticator code")
    static let accountDisabled = APIError(.unauthorized, "auth.bad-credentials", "警号或密码错误", "Wrong badge number or password")
    static let csrfMissing = APIError(.forbidden, "auth.csrf", "页面已过期, 请刷新后重试", "The page is stale; reload it and try again")
    static let foreignOrigin = APIError(.forbidden, "auth.origin", "不接受来自其他网站的请求", "Requests from other sites are refused")
    static let jsonOnly = APIError(.unsupportedMediaType, "request.json-only", "请求内容须为 JSON", "The body must be application/json")
    static let tooLarge = APIError(.contentTooLarge, "request.too-large", "请求内容过大", "The request body is too large")
    static let tooManyTickets = APIError(.tooManyRequests, "ticket.rate-limited", "取号过于频繁, 请稍后再试", "Too many tickets from here; try again shortly")

    static func throttled(until: Date) -> APIError {
        APIError(
            .tooManyRequests,
            "auth.throttled",
            "登录失败次数过多, 请稍后再试",
            "Too many failed sign-ins from here; try again later"
        )
    }

    static func weakPassword(_ problems: [PasswordPolicy.Problem]) -> APIError {
        APIError(
            .badRequest,
            "account.weak-password",
            "密码不符合要求: " + problems.map(\.chinese).joined(separator: "; "),
            "The password does not meet the policy: " + problems.map(\.english).joined(separator: "; "),
            problems: problems.map { Problem($0.chinese, $0.english, path: "password", rule: "\($0)") }
        )
    }

    static func badRoles(_ problem: Roles.Problem) -> APIError {
        switch problem {
        case .empty: APIError(.badRequest, "account.roles-empty", "至少需要一个角色", "An account needs at least one role")
        case .administratorsCombined(let roles):
            APIError(
                .badRequest,
                "account.admin-roles-combined",
                "系统管理员、安全管理员、审计管理员不得兼任: " + roles.map(\.label).joined(separator: "、"),
                "The system, security and audit administrator roles are separate: " + roles.map(\.labelEnglish).joined(separator: ", ")
            )
        case .unknown(let text): APIError(.badRequest, "account.role-unknown", "没有此角色: \(text)", "No such role: \(text)")
        }
    }

    init(_ problem: AccountRepository.Problem) {
        switch problem {
        case .unknownAccount(let badge): self.init(.notFound, "account.unknown", "没有警号为\(badge)的账号", "No account \(badge)")
        case .badgeTaken(let badge): self.init(.conflict, "account.badge-taken", "警号\(badge)已有账号", "Badge \(badge) already has an account")
        case .ownAccount:
            self.init(.conflict, "account.own", "不能停用自己的账号或更改自己的角色", "You cannot disable your own account or change your own roles")
        }
    }

    init(_ problem: DeviceRepository.Problem) {
        switch problem {
        case .idTaken(let id): self.init(.conflict, "device.id-taken", "设备编号\(id)已存在", "Device \(id) already exists")
        case .unknownDevice(let id): self.init(.notFound, "device.unknown", "没有有效的设备\(id)", "No live device \(id)")
        }
    }
}
