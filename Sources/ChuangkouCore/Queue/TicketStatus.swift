/// Where a ticket is in its life: waiting → called → serving → finished; called → no-show; waiting or called → cancelled.
public enum TicketStatus: String, Sendable, Codable, CaseIterable {
    case waiting
    case called
    case serving
    case finished
    case noShow
    case cancelled

    /// A window holds at most one active ticket: the one it called and has not closed yet.
    public var isActiveAtWindow: Bool { self == .called || self == .serving }

    public var isClosed: Bool { self == .finished || self == .noShow || self == .cancelled }

    public var label: String {
        switch self {
        case .waiting: "等候中"
        case .called: "已叫号"
        case .serving: "办理中"
        case .finished: "已办结"
        case .noShow: "过号"
        case .cancelled: "已取消"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .waiting: "Waiting"
        case .called: "Called"
        case .serving: "Being served"
        case .finished: "Finished"
        case .noShow: "Missed"
        case .cancelled: "Cancelled"
        }
    }
}
