/// Why a ticket goes ahead of the ordinary queue (绿色通道). The reason is recorded with the ticket,
/// so supervisors can see that priority was given for a listed reason and not as a favour.
public enum GreenChannel: String, Sendable, Codable, CaseIterable {
    /// 70 years of age or older.
    case elderly
    case disability
    case pregnancy
    /// Active servicemen and -women (军人依法优先).
    case military
    /// Fire and rescue personnel (消防救援人员优先).
    case firefighter
    /// Carrying an infant.
    case withInfant

    public var label: String {
        switch self {
        case .elderly: "70岁以上老人"
        case .disability: "残疾人"
        case .pregnancy: "孕妇"
        case .military: "现役军人"
        case .firefighter: "消防救援人员"
        case .withInfant: "怀抱婴儿者"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .elderly: "Aged 70 or over"
        case .disability: "Person with a disability"
        case .pregnancy: "Pregnant"
        case .military: "Military personnel"
        case .firefighter: "Fire and rescue personnel"
        case .withInfant: "Carrying an infant"
        }
    }
}

/// A green channel the citizen claimed for themselves (自行申报) on their own phone, and where its check stands.
public struct GreenChannelDeclaration: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Claimed, not yet seen by an officer: it goes ahead, and is checked when called.
        case declared
        case confirmed
        /// The reason did not hold: the ticket lost its priority.
        case declined
    }

    /// The reason claimed; kept after a decline, so supervisors see what was claimed.
    public let reason: GreenChannel
    public var state: State

    public init(reason: GreenChannel, state: State = .declared) {
        self.reason = reason
        self.state = state
    }
}
