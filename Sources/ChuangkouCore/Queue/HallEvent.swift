import Foundation

/// Something the public display and consoles should know about, as soon as it happens.
///
/// Events are written in the same transaction as the change they report, so every process serving
/// displays sees the same stream, whichever process made the change.
public struct HallEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A ticket was called or recalled to a window: the display shows it and speaks it.
        case call
        /// A ticket changed state otherwise (started, finished, no-show, cancelled, transferred, issued).
        case ticket
        /// A window opened, paused, resumed or closed.
        case window
        /// A window called the duty leader (`escalate`) or the leader recorded the resolution (`resolve`): the leader's
        /// console looks for what is new for them. It names the window only; who and what stay behind the console's API.
        case escalation
        /// An officer's alert (a deadline warning, an escalation, an assignment) reached their inbox: consoles fetch
        /// their own inbox. It names nobody; what and for whom stay behind the inbox API.
        case alert
    }

    public var kind: Kind
    public var ticketNumber: String?
    public var business: String?
    public var window: WindowNumber?
    public var action: String?
    public var at: Date

    public init(kind: Kind, ticketNumber: String? = nil, business: String? = nil, window: WindowNumber? = nil, action: String? = nil, at: Date) {
        self.kind = kind
        self.ticketNumber = ticketNumber
        self.business = business
        self.window = window
        self.action = action
        self.at = at
    }

    /// What the display says aloud: 请A001号到3号窗口办理.
    public var announcement: String? {
        guard kind == .call, let number = ticketNumber, let window else { return nil }
        return "请\(number)号到\(window)号窗口办理"
    }
}
