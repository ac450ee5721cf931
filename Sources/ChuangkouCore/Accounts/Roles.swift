/// The roles one account holds, with the questions the rest of the hall asks about them.
///
/// Built only through `init(_:)`, which refuses an empty set and two administrator roles together (三员分立), so every
/// stored or decoded `Roles` obeys the separation.
public struct Roles: Sendable, Hashable, Codable, CustomStringConvertible {
    public let members: Set<StaffRole>

    public enum Problem: Error, Equatable, Sendable {
        case empty
        /// Two of system, security and audit administrator on one account.
        case administratorsCombined([StaffRole])
        case unknown(String)
    }

    public init(_ members: Set<StaffRole>) throws(Problem) {
        guard !members.isEmpty else { throw .empty }
        let admins = members.filter(\.isAdministrator)
        guard admins.count <= 1 else { throw .administratorsCombined(admins.sorted()) }
        self.members = members
    }

    /// Parses the stored form, `windowOfficer,dutyLeader`.
    public init(text: String) throws(Problem) {
        var members: Set<StaffRole> = []
        for part in text.split(separator: ",") {
            guard let role = StaffRole(rawValue: String(part)) else { throw .unknown(String(part)) }
            members.insert(role)
        }
        try self.init(members)
    }

    /// Roles that cannot break the rules; for fixtures and the demo hall.
    public static func only(_ role: StaffRole) -> Roles {
        // One role never breaks the separation.
        try! Roles([role])
    }

    /// The stored form: sorted, comma-separated.
    public var text: String { members.sorted().map(\.rawValue).joined(separator: ",") }
    public var description: String { text }
    public var sorted: [StaffRole] { members.sorted() }

    public func contains(_ role: StaffRole) -> Bool { members.contains(role) }
    public func containsAny(_ roles: Set<StaffRole>) -> Bool { !members.isDisjoint(with: roles) }

    /// Calls tickets and takes in cases at a window (window officers and duty leaders).
    public var worksAtWindow: Bool { containsAny([.windowOfficer, .dutyLeader]) }
    public var isDutyLeader: Bool { contains(.dutyLeader) }
    public var isSupervisor: Bool { contains(.supervisor) }
    public var isDeskOfficer: Bool { contains(.deskOfficer) }
    /// The administrator role held, if any (at most one).
    public var administrator: StaffRole? { members.first(where: \.isAdministrator) }
    /// Holds an administrator role: TOTP is required at sign-in.
    public var requiresSecondFactor: Bool { administrator != nil }
    /// May enrol a TOTP second factor (leaders and administrators).
    public var maySetSecondFactor: Bool { requiresSecondFactor || isDutyLeader || isSupervisor }
    /// Officers who handle citizens' cases read their personal data; administrators alone never do.
    public var readsPersonalData: Bool { containsAny([.windowOfficer, .deskOfficer, .dutyLeader, .supervisor]) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(Set(try container.decode([StaffRole].self)))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(sorted)
    }
}
