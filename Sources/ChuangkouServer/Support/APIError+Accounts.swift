import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Accounts and devices: every code the API answers with for them, and the mappings of the store's refusals.
extension APIError {
    enum AccountCode: String, APIErrorCode {
        case weakPassword = "account.weak-password"
        case rolesEmpty = "account.roles-empty"
        case adminRolesCombined = "account.admin-roles-combined"
        case roleUnknown = "account.role-unknown"
        case unknown = "account.unknown"
        case badgeTaken = "account.badge-taken"
        case own = "account.own"
        case badBadge = "account.bad-badge"
        case wrongPassword = "account.wrong-password"
        case noSecondFactor = "account.no-second-factor"
        case secondFactorNotForRole = "account.second-factor-not-for-role"
        case kioskTokenRequired = "ticket.kiosk-token-required"
        case ticketsRateLimited = "ticket.rate-limited"
        case deviceIDTaken = "device.id-taken"
        case deviceUnknown = "device.unknown"
        case deviceBadID = "device.bad-id"
    }

    static let kioskTokenRequired = APIError(
        .unauthorized,
        AccountCode.kioskTokenRequired,
        "请在大厅取号机取号",
        "Tickets are issued at the hall's kiosks"
    )
    static let tooManyTickets = APIError(
        .tooManyRequests,
        AccountCode.ticketsRateLimited,
        "取号过于频繁, 请稍后再试",
        "Too many tickets from here; try again shortly"
    )
    static let badBadge = APIError(.badRequest, AccountCode.badBadge, "警号须为6位数字", "A badge number is six digits")
    static let wrongPassword = APIError(.forbidden, AccountCode.wrongPassword, "原密码错误", "The current password is wrong")
    static let noSecondFactor = APIError(.conflict, AccountCode.noSecondFactor, "请先获取双因素认证密钥", "Ask for a second-factor secret first")
    static let secondFactorNotForRole = APIError(
        .forbidden,
        AccountCode.secondFactorNotForRole,
        "只有领导、督察和管理员使用双因素认证",
        "Only leaders, supervisors and administrators have a second factor"
    )
    static let badDeviceID = APIError(
        .badRequest,
        AccountCode.deviceBadID,
        "设备编号须为1至40位字母、数字或连字符",
        "A device id is 1–40 letters, digits or hyphens"
    )

    static func weakPassword(_ problems: [PasswordPolicy.Problem]) -> APIError {
        APIError(
            .badRequest,
            AccountCode.weakPassword,
            "密码不符合要求: " + problems.map(\.chinese).joined(separator: "; "),
            "The password does not meet the policy: " + problems.map(\.english).joined(separator: "; "),
            problems: problems.map { Problem($0.chinese, $0.english, path: "password", rule: "\($0)") }
        )
    }

    static func badRoles(_ problem: Roles.Problem) -> APIError {
        switch problem {
        case .empty: APIError(.badRequest, AccountCode.rolesEmpty, "至少需要一个角色", "An account needs at least one role")
        case .administratorsCombined(let roles):
            APIError(
                .badRequest,
                AccountCode.adminRolesCombined,
                "系统管理员、安全管理员、审计管理员不得兼任: " + roles.map(\.label).joined(separator: "、"),
                "The system, security and audit administrator roles are separate: " + roles.map(\.labelEnglish).joined(separator: ", ")
            )
        case .unknown(let text): APIError(.badRequest, AccountCode.roleUnknown, "没有此角色: \(text)", "No such role: \(text)")
        }
    }

    init(_ problem: AccountRepository.Problem) {
        switch problem {
        case .unknownAccount(let badge): self.init(.notFound, AccountCode.unknown, "没有警号为\(badge)的账号", "No account \(badge)")
        case .badgeTaken(let badge):
            self.init(
                .conflict,
                AccountCode.badgeTaken,
                "警号\(badge)已有账号",
                "Badge \(badge) already has an account"
            )
        case .ownAccount:
            self.init(
                .conflict,
                AccountCode.own,
                "不能停用自己的账号或更改自己的角色",
                "You cannot disable your own account or change your own roles"
            )
        }
    }

    init(_ problem: DeviceRepository.Problem) {
        switch problem {
        case .idTaken(let id): self.init(.conflict, AccountCode.deviceIDTaken, "设备编号\(id)已存在", "Device \(id) already exists")
        case .unknownDevice(let id): self.init(.notFound, AccountCode.deviceUnknown, "没有有效的设备\(id)", "No live device \(id)")
        }
    }
}
