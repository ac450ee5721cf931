/// A hall device (kiosk, display, rating pad) known by the token an administrator issued it; revocable.
public struct Device: Sendable, Equatable, Codable {
    /// `kiosk-1`, `display-hall`: chosen by the administrator, shown in the audit.
    public let id: String
    public let role: DeviceRole
    public let name: String
    /// The window a rating pad sits at; nil for kiosks and displays.
    public let window: WindowNumber?

    public init(id: String, role: DeviceRole, name: String, window: WindowNumber? = nil) {
        self.id = id
        self.role = role
        self.name = name
        self.window = window
    }

    /// Letters, digits and `-`, 1–40 of them: it appears in logs and the audit as it is.
    public static func isValidID(_ text: String) -> Bool {
        (1...40).contains(text.utf8.count)
            && text.utf8.allSatisfy { (48...57).contains($0) || (97...122).contains($0) || (65...90).contains($0) || $0 == 45 }
    }
}

/// Who a request comes from: a signed-in person, a device with its token, or nobody.
public enum Principal: Sendable, Equatable {
    case officer(Officer)
    case device(Device)

    /// The actor's name as the audit records it: the badge, or `device:<id>`.
    public var auditName: String {
        switch self {
        case .officer(let officer): officer.badge.value
        case .device(let device): "device:\(device.id)"
        }
    }
}
