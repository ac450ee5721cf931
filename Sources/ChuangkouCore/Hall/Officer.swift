/// Someone who signs in: a window officer (窗口民警), the duty leader (值班领导) or an administrator.
public struct Officer: Sendable, Equatable, Codable {
    public enum Role: String, Sendable, Codable, CaseIterable {
        case officer
        case dutyLeader
        case admin
    }

    public var badge: Badge
    public var name: String
    public var role: Role
    /// The post shown on the window's public card (四公开), e.g. 户政窗口民警.
    public var post: String

    public init(badge: Badge, name: String, role: Role, post: String) {
        self.badge = badge
        self.name = name
        self.role = role
        self.post = post
    }

    /// Only window officers and duty leaders work a window; administrators configure the hall.
    public var mayWorkAtWindow: Bool { role != .admin }
}

extension Officer.Role {
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
