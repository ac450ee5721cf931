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
    /// The session's CSRF token for `<meta name="csrf-token">` and every POST form's `csrf_token` field ("" for visitors).
    let csrfToken: String
    /// What the page scripts read (`<script type="application/json" id="page-data">`), so no page needs inline code
    /// under `Content-Security-Policy: script-src 'self'`: the texts, status names, language and the hall's zone.
    let pageDataJSON: String

    init(
        hall: Hall,
        language: Language,
        title: String,
        texts: [String: (String, String)],
        query: [(String, String)] = [],
        csrfToken: String? = nil
    ) {
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
            "green": Dictionary(uniqueKeysWithValues: GreenChannel.allCases.map { ($0.rawValue, language.pick($0.label, $0.labelEnglish)) }),
        ]
        self.csrfToken = csrfToken ?? ""
        pageDataJSON = PageData.json(PageData(lang: lang, timeZone: timeZone, t: t, labels: labels))
    }

    static let common: [String: (String, String)] = [
        "supervision": ("监督电话", "Supervision phone"),
        "complain": ("投诉", "Complain"),
        "followComplaint": ("投诉查询", "Follow a complaint"),
        "waiting": ("等候", "waiting"),
        "window": ("窗口", "Window"),
        "minutes": ("分钟", "min"),
        "officeHours": ("办公时间", "Office hours"),
        "guides": ("办事指南", "Service guides"),
        "windowName": ("{n}号窗口", "Window {n}"),
        // Chinese text takes full-width punctuation, English the ASCII marks with a space.
        "colon": ("：", ": "),
        "openParen": ("（", " ("),
        "closeParen": ("）", ")"),
    ]

    /// "3号窗口" / "Window 3": never "3号Window".
    func windowName(_ number: WindowNumber) -> String {
        (t["windowName"] ?? "{n}").replacingOccurrences(of: "{n}", with: number.description)
    }
}

/// The start page: every role's screens with a line on what each is for.
struct HomePage: Sendable {
    struct Link: Sendable {
        let href: String
        let title: String
        let note: String
    }
    struct Section: Sendable {
        let title: String
        let links: [Link]
    }
    let frame: PageFrame
    let sections: [Section]
    let signedInAs: String?

    init(frame: PageFrame, officer: Officer?, isAdmin: Bool) {
        let language = Language(rawValue: frame.lang) ?? .chinese
        func link(_ href: String, _ title: (String, String), _ note: (String, String)) -> Link {
            Link(href: href, title: language.pick(title.0, title.1), note: language.pick(note.0, note.1))
        }
        var sections = [
            Section(
                title: language.pick("群众办事", "For citizens"),
                links: [
                    link(
                        "/guides",
                        ("办事指南", "Service guides"),
                        ("每项业务要带的材料、办理时限和流程", "What to bring, time limits and steps for each service")
                    ),
                    link(
                        "/status",
                        ("办件查询", "Case status"),
                        ("凭查询码和手机号后四位查询办理进度", "Your case's progress, with its query code")
                    ),
                    link(
                        "/onsite/request",
                        ("现场办公申请", "On-site service"),
                        ("行动不便或集体办理，申请民警上门或到单位现场办理", "Ask officers to come to you: for those who cannot travel, or a group")
                    ),
                    link(
                        "/results",
                        ("好差评公示", "Ratings published"),
                        ("每月各事项、各窗口的满意率和差评整改情况", "Each month's satisfaction by service and window, and how bad reviews ended")
                    ),
                ]
            ),
            Section(
                title: language.pick("大厅设备", "Hall screens"),
                links: [
                    link("/kiosk", ("自助取号机", "Ticket kiosk"), ("触摸屏取号，打印号票", "Touch screen: take and print a ticket")),
                    link(
                        "/display",
                        ("叫号显示屏", "Call display"),
                        ("大厅墙上的叫号屏，语音播报", "The wall screen that shows and speaks each call")
                    ),
                ]
            ),
            Section(
                title: language.pick("工作人员", "Staff"),
                links: [
                    link(
                        "/console",
                        ("窗口工作台", "Window console"),
                        ("窗口民警叫号、办结、受理登记", "Call, serve and register cases at a window")
                    ),
                    link(
                        "/deadlines",
                        ("办理时限看板", "Deadline board"),
                        ("所有在办事项的剩余工作日", "Working days left on every open case")
                    ),
                    link(
                        "/rectifications",
                        ("差评整改", "Bad-review rectification"),
                        ("值班领导、督察回访并整改差评", "Duty leaders and supervisors call back and rectify bad reviews")
                    ),
                    link("/account/ratings", ("我的评价", "My ratings"), ("本人按周、按月的评价汇总", "Your own ratings by week and month")),
                ]
            ),
        ]
        if isAdmin {
            sections.append(Section(title: language.pick("系统管理", "Administration"), links: AdminMenuPage.links(language)))
        }
        self.frame = frame
        self.sections = sections
        signedInAs = officer.map { "\($0.name) · \(language.pick($0.role.label, $0.role.labelEnglish))" }
    }
}

/// Where administrators land after signing in: guides, officers' public cards, the holiday calendar.
struct AdminMenuPage: Sendable {
    let frame: PageFrame
    let name: String
    let links: [HomePage.Link]

    init(frame: PageFrame, name: String) {
        self.frame = frame
        self.name = name
        links = Self.links(Language(rawValue: frame.lang) ?? .chinese)
    }

    static func links(_ language: Language) -> [HomePage.Link] {
        [
            .init(
                href: "/admin/guides",
                title: language.pick("办事指南管理", "Service guides"),
                note: language.pick("编辑并发布新版本，旧版本保留", "Edit and publish new versions; old ones are kept")
            ),
            .init(
                href: "/admin/officers",
                title: language.pick("民警公示信息", "Officers' public cards"),
                note: language.pick("姓名、警号、岗位和照片（四公开）", "Name, badge, post and photo shown to the public")
            ),
            .init(
                href: "/admin/calendar",
                title: language.pick("放假安排", "Holiday calendar"),
                note: language.pick("发布国务院放假通知，计算工作日", "Publish the State Council's notices; count working days")
            ),
            .init(
                href: "/admin/rating-pads",
                title: language.pick("评价器配对", "Rating pads"),
                note: language.pick("为各窗口评价器签发、注销设备令牌", "Issue and revoke each window's rating-pad token")
            ),
            .init(
                href: "/admin/duty",
                title: language.pick("值班表", "Duty roster"),
                note: language.pick("每天上、下午的值班领导和值班民警，请假登记", "Each half-day's duty leader and officers on duty; leave")
            ),
            .init(
                href: "/admin/competent-bodies",
                title: language.pick("主管部门目录", "Competent bodies"),
                note: language.pick("非本单位事项告知群众的主管部门（首问负责）", "Where to send a question outside the unit")
            ),
            .init(
                href: "/admin/refusal-wording",
                title: language.pick("建议用语", "Suggested wording"),
                note: language.pick("告知单和请示页面提示民警的解释用语（避免争执）", "What officers are advised to say when refusing")
            ),
            .init(
                href: "/admin/audit",
                title: language.pick("审计日志", "Audit log"),
                note: language.pick("审计管理员查询、导出操作记录", "The audit administrator searches and exports the record of actions")
            ),
        ]
    }
}

/// The officer console: sign-in, window choice, and the working view.
struct ConsolePage: Sendable {
    struct WindowChoice: Sendable {
        let number: Int
        let name: String
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
    let windowName: String?
    /// The no-show button waits for this many recalls (the hall's queue policy).
    let recallsBeforeNoShow: Int
    let windowStatus: String?
    let windowStatusLabel: String?
    let choices: [WindowChoice]
    let businesses: [Option]
    /// The officer's other screens in the header: their own ratings; bad reviews for duty leaders and supervisors.
    var links: [HomePage.Link] = []

    static func links(for officer: Officer, _ language: Language) -> [HomePage.Link] {
        var links = [HomePage.Link(href: "/account/ratings", title: language.pick("我的评价", "My ratings"), note: "")]
        if officer.roles.isDutyLeader || officer.roles.isSupervisor {
            links.append(.init(href: "/rectifications", title: language.pick("差评整改", "Bad reviews"), note: ""))
        }
        return links
    }
}

struct LoginPage: Sendable {
    let frame: PageFrame
    let error: String?
    let badge: String
    /// Where to go after signing in (a page that sent a signed-out visitor here).
    let next: String?
}

/// An error page: what happened in words, and where to go from here.
struct ErrorPage: Sendable {
    struct Link: Sendable {
        let href: String
        let label: String
    }
    let frame: PageFrame
    let status: Int
    let heading: String
    let message: String
    let links: [Link]

    init(frame: PageFrame, status: Int, message: String, path: String) {
        let language = Language(rawValue: frame.lang) ?? .chinese
        self.frame = frame
        self.status = status
        self.message = message
        heading =
            switch status {
            case 401: language.pick("请先登录", "Please sign in first")
            case 403: language.pick("您没有权限打开此页面", "You may not open this page")
            case 404: language.pick("没有找到您要的页面或记录", "That page or record does not exist")
            case 400, 409, 413, 422: language.pick("无法处理您的请求", "The request could not be carried out")
            case 429: language.pick("尝试次数过多，请稍后再试", "Too many attempts; please try again later")
            default: language.pick("系统暂时出错，请稍后再试或联系工作人员", "Something went wrong; try again later or ask staff")
            }
        var links: [Link] = []
        if status == 401 || status == 403 {
            links.append(.init(href: "/console/login?\(QueryString.make([("next", path)]))", label: language.pick("民警登录", "Officer sign-in")))
        }
        if path.hasPrefix("/guides/") { links.append(.init(href: "/guides", label: language.pick("全部办事指南", "All service guides"))) }
        if path.hasPrefix("/tickets/") { links.append(.init(href: "/kiosk", label: language.pick("重新取号", "Take a new ticket"))) }
        if path.hasPrefix("/cases/") || path.hasPrefix("/documents/") {
            links.append(.init(href: "/console", label: language.pick("返回窗口工作台", "Back to the window console")))
        }
        links.append(.init(href: "/", label: language.pick("大厅首页", "The hall's start page")))
        self.links = links
    }
}
