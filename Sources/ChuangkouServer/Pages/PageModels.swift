import ChuangkouCore
import Foundation

/// What every page shows about the hall: its name and the supervision phones (四公开), and the language switch.
struct PageFrame: Sendable {
    let lang: String
    let langCode: String
    let switchLabel: String
    /// The same page in the other language: the current query kept, `lang` replaced.
    let switchURL: String
    let hallName: String
    let hallAddress: String
    let supervisionPhone: String
    let nationalSupervisionPhone: String
    let officeHours: String
    /// The hall's zone, so clocks on screens show hall time whatever the device is set to.
    let timeZone: String
    let title: String
    let t: [String: String]
    /// Status names for the page scripts, as a JSON object: `{"window": {"open": "服务中", …}, "ticket": {…}}`.
    let statusLabelsJSON: String

    init(hall: Hall, language: Language, title: String, texts: [String: (String, String)], query: [(String, String)] = []) {
        lang = language.rawValue
        langCode = language.code
        switchLabel = language.switchLabel
        switchURL = "?" + QueryString.make(query.filter { $0.0 != "lang" } + [("lang", language.other.code)])
        hallName = hall.name
        hallAddress = hall.address
        supervisionPhone = hall.supervisionPhone
        nationalSupervisionPhone = Hall.nationalSupervisionPhone
        officeHours = hall.officeHours
        timeZone = hall.timeZone.identifier
        self.title = title
        t = (Self.common.merging(texts) { _, new in new }).mapValues { language.pick($0.0, $0.1) }
        let labels: [String: [String: String]] = [
            "window": Dictionary(uniqueKeysWithValues: Window.Status.allCases.map { ($0.rawValue, language.pick($0.label, $0.labelEnglish)) }),
            "ticket": Dictionary(uniqueKeysWithValues: TicketStatus.allCases.map { ($0.rawValue, language.pick($0.label, $0.labelEnglish)) }),
        ]
        // JSONEncoder escapes "/" so the text cannot close the <script> it is placed in.
        statusLabelsJSON = (try? JSONEncoder().encode(labels)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static let common: [String: (String, String)] = [
        "supervision": ("监督电话", "Supervision phone"),
        "waiting": ("等候", "waiting"),
        "window": ("窗口", "Window"),
        "minutes": ("分钟", "min"),
        "officeHours": ("办公时间", "Office hours"),
        "guides": ("办事指南", "Service guides"),
    ]
}

/// The kiosk (取号机): a big button per business and the green-channel choice.
struct KioskPage: Sendable {
    struct Button: Sendable {
        let code: String
        let name: String
        let prefix: String
        let waiting: Int
        /// 四公开 on the kiosk: what kind of item it is and its time limit.
        let limit: String
    }
    struct Reason: Sendable {
        let value: String
        let label: String
    }
    let frame: PageFrame
    let businesses: [Button]
    let reasons: [Reason]
}

/// The public display (叫号屏): windows with their officers, and the latest calls.
struct DisplayPage: Sendable {
    struct Card: Sendable {
        let number: Int
        let status: String
        let statusLabel: String
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
    }
    let frame: PageFrame
    let windows: [Card]
    let calls: [Call]
    let limits: [Limit]
}

/// The citizen's ticket status page.
struct TicketPage: Sendable {
    let frame: PageFrame
    let id: String
    let number: String
    let businessName: String
    let status: String
    let statusLabel: String
    let position: Int?
    let estimatedWaitMinutes: Int?
    let window: Int?
    let isWaiting: Bool
    let isCalled: Bool
}

/// The officer console: sign-in, window choice, and the working view.
struct ConsolePage: Sendable {
    struct WindowChoice: Sendable {
        let number: Int
        let statusLabel: String
        let businesses: String
        let heldBy: String?
    }
    struct Option: Sendable {
        let code: String
        let name: String
    }
    let frame: PageFrame
    let officerName: String
    let officerBadge: String
    let officerPost: String
    let officerPhoto: String?
    let window: Int?
    let windowStatus: String?
    let windowStatusLabel: String?
    let choices: [WindowChoice]
    let businesses: [Option]
}

struct LoginPage: Sendable {
    let frame: PageFrame
    let error: String?
    let badge: String
    /// Where to go after signing in (a page that sent a signed-out visitor here).
    let next: String?
}

struct ErrorPage: Sendable {
    let frame: PageFrame
    let status: Int
    let message: String
}
