/// Someone who signs in: a window officer (窗口民警), the duty leader (值班领导), an administrator, ….
///
/// `roles` is what the hall decides on (see `Roles`); `role` is the older, coarser view (officer, duty leader,
/// administrator) kept for code and clients written before accounts had several roles.
public struct Officer: Sendable, Equatable, Codable {
    public enum Role: String, Sendable, Codable, CaseIterable {
        case officer
        case dutyLeader
        case admin
    }

    public var badge: Badge
    public var name: String
    public var roles: Roles
    /// The post shown on the window's public card (四公开), e.g. 户政窗口民警.
    public var post: String
    /// Nil for accounts made before it was recorded.
    public var sex: Sex?

    public init(badge: Badge, name: String, roles: Roles, post: String, sex: Sex? = nil) {
        self.badge = badge
        self.name = name
        self.roles = roles
        self.post = post
        self.sex = sex
    }

    /// The older form: a window officer, a duty leader or a system administrator.
    public init(badge: Badge, name: String, role: Role, post: String) {
        self.init(badge: badge, name: name, roles: role.roles, post: post)
    }

    /// The coarse role: duty leader when the account leads, administrator when it holds any administrator role.
    public var role: Role {
        if roles.isDutyLeader { return .dutyLeader }
        if roles.administrator != nil { return .admin }
        return .officer
    }

    /// Only window officers and duty leaders work a window; administrators configure the hall.
    public var mayWorkAtWindow: Bool { roles.worksAtWindow }
}

extension Officer.Role {
    /// What an account of the older, single-role kind holds now (migration 007 does the same to stored accounts).
    public var roles: Roles {
        switch self {
        case .officer: .only(.windowOfficer)
        case .dutyLeader: .only(.dutyLeader)
        case .admin: .only(.systemAdmin)
        }
    }

    public var label: String {
        switch self {
        case .officer: "窗口民警"
        case .dutyLeader: "值班领导"
        case .admin: "系统管理员"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .officer: "Window officer"
        case .dutyLeader: "Duty leader"
        case .admin: "Administrator"
        }
    }
}
