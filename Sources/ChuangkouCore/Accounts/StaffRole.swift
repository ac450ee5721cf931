/// What a person's account may do in the hall. An account holds one or more roles; devices have `DeviceRole`s.
///
/// 等级保护 level 3 (GB/T 22239-2019, 三员分立) separates the system, security and audit administrators: no account holds
/// two of them (`Roles` enforces it).
public enum StaffRole: String, Sendable, Codable, CaseIterable, Comparable {
    /// 窗口民警: calls tickets and takes in cases at a window.
    case windowOfficer
    /// 导办台民警: the guide desk (first inquiry, handing citizens on); no window of their own.
    case deskOfficer
    /// 值班领导: approves extensions and decisions, takes handovers, sees the whole hall.
    case dutyLeader
    /// 督察: reads evaluations, complaints and the hall's work for supervision; changes nothing at the windows.
    case supervisor
    /// 系统管理员: the hall's configuration (guides, calendar, devices, photos); reads no personal data.
    case systemAdmin
    /// 安全管理员: accounts, roles, unlocking, security settings.
    case securityAdmin
    /// 审计管理员: reads and exports the audit trail; nothing else.
    case auditAdmin

    /// The three separated administrator roles (三员).
    public static let administrators: Set<StaffRole> = [.systemAdmin, .securityAdmin, .auditAdmin]

    public var isAdministrator: Bool { Self.administrators.contains(self) }

    public static func < (a: StaffRole, b: StaffRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var label: String {
        switch self {
        case .windowOfficer: "窗口民警"
        case .deskOfficer: "导办台民警"
        case .dutyLeader: "值班领导"
        case .supervisor: "督察"
        case .systemAdmin: "系统管理员"
        case .securityAdmin: "安全管理员"
        case .auditAdmin: "审计管理员"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .windowOfficer: "Window officer"
        case .deskOfficer: "Desk officer"
        case .dutyLeader: "Duty leader"
        case .supervisor: "Supervisor"
        case .systemAdmin: "System administrator"
        case .securityAdmin: "Security administrator"
        case .auditAdmin: "Audit administrator"
        }
    }
}

/// A hall device signed in with a token an administrator issued: no person, no password.
public enum DeviceRole: String, Sendable, Codable, CaseIterable {
    /// 取号机: issues tickets.
    case kiosk
    /// 叫号屏: shows the calls.
    case display
    /// 评价器: the rating pad at a window (好差评).
    case ratingPad

    public var label: String {
        switch self {
        case .kiosk: "取号机"
        case .display: "叫号屏"
        case .ratingPad: "评价器"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .kiosk: "Kiosk"
        case .display: "Display"
        case .ratingPad: "Rating pad"
        }
    }
}

/// 性别, kept for the other-sex handover rule (a search or a body check is done by an officer of the same sex).
public enum Sex: String, Sendable, Codable, CaseIterable {
    case female
    case male

    public var label: String { self == .female ? "女" : "男" }
    public var labelEnglish: String { self == .female ? "Female" : "Male" }
}
