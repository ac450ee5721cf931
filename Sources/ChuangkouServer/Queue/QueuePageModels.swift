import ChuangkouCore
import Foundation

/// The kiosk (取号机): a big button per business and the green-channel choice.
struct KioskPage: Sendable {
    struct Button: Sendable {
        let code: String
        let name: String
        let prefix: String
        let waiting: Int
        /// 四公开 on the kiosk: what kind of item it is and its time limit.
        let limit: String
        /// Appointment places left today (预约余量), nil when the business takes none today.
        let placesLeft: Int?
    }
    struct Reason: Sendable {
        let value: String
        let label: String
    }
    let frame: PageFrame
    let businesses: [Button]
    let reasons: [Reason]
}

/// The public display (叫号屏): windows with their officers and state, the latest calls, the time limits.
struct DisplayPage: Sendable {
    struct Card: Sendable {
        let number: Int
        /// "3号窗口" / "Window 3".
        let name: String
        let state: String
        let stateLabel: String
        let officerName: String?
        let officerBadge: String?
        let officerPost: String?
        let officerInitial: String?
        let officerPhoto: String?
        let currentTicket: String?
    }
    struct Limit: Sendable {
        let name: String
        let limit: String
    }
    struct Call: Sendable {
        let number: String
        let window: Int
        let windowName: String
        /// From an appointment check-in: marked 预约 on the display.
        let appointment: Bool
    }
    let frame: PageFrame
    let windows: [Card]
    let calls: [Call]
    let limits: [Limit]
    /// Today's duty leader on duty now (四公开: name, 警号, phone); nil when the roster has nobody for this half-day.
    let dutyLeader: DutyLeader?
    struct DutyLeader: Sendable {
        let name: String
        let badge: String
        let phone: String
    }
    /// Picks the board's layout (`count-6`: three columns of two rows).
    var windowCount: Int { windows.count }
}

/// What a window shows on the display: the ticket's state wins over the window's (a called ticket is 叫号中 even
/// while the window is paused for a moment), and an open window without a ticket is idle.
enum DisplayState: String, Sendable, CaseIterable {
    case called, serving, idle, paused, closed

    init(window: Window.Status, ticket: TicketStatus?) {
        switch (window, ticket) {
        case (_, .called?): self = .called
        case (_, .serving?): self = .serving
        case (.open, _): self = .idle
        case (.paused, _): self = .paused
        case (.closed, _): self = .closed
        }
    }

    /// The words, also sent to the display's script as `state_<name>`.
    static let texts: [String: (String, String)] = [
        "state_called": ("叫号中", "Calling"),
        "state_serving": ("办理中", "Serving"),
        "state_idle": ("空闲", "Free"),
        "state_paused": ("暂停服务", "On a break"),
        "state_closed": ("未开放", "Closed"),
    ]
}

/// The citizen's ticket status page (a phone, 360 px and up).
struct TicketPage: Sendable {
    let frame: PageFrame
    let id: String
    let number: String
    let businessName: String
    let status: String
    let statusLabel: String
    /// How many are ahead: “前面还有 N 人” (the API's position counts the ticket itself).
    let ahead: Int?
    let estimatedWaitMinutes: Int?
    let window: Int?
    let greenChannel: String?
    /// What became of a green channel claimed on this phone: to be checked at the window, or declined.
    let greenChannelNote: String?
    let isWaiting: Bool
    let isCalled: Bool
    let isClosed: Bool

    /// “前面还有 3 人” / “3 ahead of you” (stored: templates see stored properties only).
    let aheadText: String?
    /// “请到3号窗口” / “Please go to window 3”.
    let goText: String?

    /// 一次一评 from the citizen's phone: the faces once the ticket is finished, until the last moment (RULES §6).
    let rateable: Bool
    let rated: Bool
    let ratingClosed: String?
    let ratingUntil: String?
    let ratingForm: RatingForm
    /// After a rating: the thank-you; after a refusal: why, in words.
    let thanks: String?
    let ratingError: String?
    /// The heads-up phone: the form while the ticket waits and none was given, else the number masked.
    let contact: Contact

    struct Contact: Sendable {
        /// The phone given, masked (“138****5678”); nil while none was given.
        let phoneMasked: String?
        /// Just given (the redirect's `?contact=1`): say so.
        let justSaved: Bool
        /// Why the phone was refused, in words.
        let refusal: String?
        /// The form shows while the ticket waits and no phone was given.
        var offered = false

        init(masked: String? = nil, saved: Bool = false, error: String? = nil) {
            phoneMasked = masked
            justSaved = saved && masked != nil
            refusal = error
        }
    }

    init(
        frame: PageFrame,
        ticket: Ticket,
        businessName: String,
        standing: (position: Int, estimatedWaitMinutes: Int?)?,
        language: Language,
        offer: RatingOffer = .notYet,
        lateDays: Int = 7,
        timeZone: TimeZone = .current,
        thanks: String? = nil,
        ratingError: String? = nil,
        contact: Contact = .init()
    ) {
        self.frame = frame
        id = ticket.id.description
        number = ticket.number.description
        self.businessName = businessName
        status = ticket.status.rawValue
        statusLabel = language.pick(ticket.status.label, ticket.status.labelEnglish)
        ahead = standing.map { $0.position - 1 }
        estimatedWaitMinutes = standing?.estimatedWaitMinutes
        window = ticket.window?.value
        greenChannel = ticket.greenChannel.map { language.pick($0.label, $0.labelEnglish) }
        greenChannelNote =
            switch ticket.declaration?.state {
            case .declared: frame.t["greenDeclared"]
            case .declined: frame.t["greenDeclined"]
            case .confirmed, nil: nil
            }
        isWaiting = ticket.status == .waiting
        isCalled = ticket.status.isActiveAtWindow
        isClosed = ticket.status.isClosed
        aheadText = ahead.map { (frame.t["ahead"] ?? "{n}").replacingOccurrences(of: "{n}", with: String($0)) }
        goText =
            ticket.status.isActiveAtWindow
            ? ticket.window.map { (frame.t["goTo"] ?? "{n}").replacingOccurrences(of: "{n}", with: $0.description) } : nil
        rated = offer == .rated
        ratingClosed = offer == .closed ? (frame.t["rateClosed"] ?? "").replacingOccurrences(of: "{n}", with: String(lateDays)) : nil
        if case .open(let until) = offer {
            rateable = true
            let formatter = DateFormatter()
            formatter.timeZone = timeZone
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            ratingUntil = (frame.t["rateUntil"] ?? "{date}").replacingOccurrences(of: "{date}", with: formatter.string(from: until))
        } else {
            rateable = false
            ratingUntil = nil
        }
        ratingForm = RatingForm.make(language)
        self.thanks = thanks
        self.ratingError = ratingError
        var contact = contact
        contact.offered = ticket.status == .waiting && contact.phoneMasked == nil
        self.contact = contact
    }
}
