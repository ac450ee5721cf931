import ChuangkouCore
import ChuangkouStore
import Foundation

/// The information desk's view model: the recording form and the officer's inquiries in three lists.
struct InquiryDeskPage: Sendable {
    struct Choice: Sendable {
        let value: String
        let label: String
    }

    struct Item: Sendable {
        let id: String
        let topic: String
        let question: String
        let place: String
        let recordedAt: String
        let contact: String?
        let firstOwner: String
        let statusLabel: String
        let handoverNote: String?
        let handoverTo: String?
        let outcome: String?
        let noticeLink: String?
        /// The business code, for the one-time notice and the ticket.
        let business: String?
        /// The case intake opened from this inquiry (受理登记), for those who take in cases; closes it with the case.
        let intakeLink: String?
        /// The case it became.
        let caseLink: String?
        let history: [String]
    }

    let frame: PageFrame
    let officerName: String
    let badge: String
    let window: Int?
    let businesses: [Choice]
    let bodies: [Choice]
    let colleagues: [Choice]
    /// Handovers waiting for this officer's receipt.
    let waiting: [Item]
    /// Open inquiries this officer owns (a handover of theirs may be waiting).
    let owned: [Item]
    /// Closed today, or handed on to a colleague.
    let done: [Item]
    var error: String?
    var doneMessage: String?
    var typedQuestion = ""
    var typedTopic = ""

    // Stored, not computed: templates read properties by reflection, which sees stored ones only.
    let hasWaiting: Bool
    let hasOwned: Bool
    let hasDone: Bool
    let hasBodies: Bool

    init(
        frame: PageFrame,
        language: Language,
        officer: Officer,
        window: Int?,
        records: [InquiryRepository.Record],
        businesses: [Business],
        bodies: [CompetentBody],
        colleagues: [Officer],
        zone: TimeZone
    ) {
        self.frame = frame
        officerName = officer.name
        badge = officer.badge.value
        self.window = window
        let names = Dictionary(businesses.map { ($0.code.value, $0.name) }, uniquingKeysWith: { a, _ in a })
        self.businesses = businesses.map { Choice(value: $0.code.value, label: $0.name) }
        self.bodies = bodies.map { Choice(value: $0.id.description, label: "\($0.name)（\($0.handles)）") }
        self.colleagues = colleagues.map { Choice(value: $0.badge.value, label: "\($0.name) \($0.badge) \($0.post)") }
        let people = Dictionary(colleagues.map { ($0.badge, $0.name) } + [(officer.badge, officer.name)], uniquingKeysWith: { a, _ in a })
        let clock = DateFormatter()
        clock.locale = Locale(identifier: "en_US_POSIX")
        clock.timeZone = zone
        clock.dateFormat = "HH:mm"
        func who(_ badge: Badge) -> String { people[badge].map { "\($0) \(badge)" } ?? badge.value }
        func item(_ record: InquiryRepository.Record) -> Item {
            let inquiry = record.inquiry
            let topic: String
            var business: String?
            switch inquiry.topic {
            case .business(let code):
                topic = names[code.value] ?? code.value
                business = code.value
            case .other(let words): topic = words
            }
            let place: String =
                switch inquiry.place {
                case .desk: language.pick("咨询台", "Desk")
                case .window(let number): language.pick("\(number)号窗口", "Window \(number)")
                }
            var outcome: String?
            var noticeLink: String?
            if let done = inquiry.outcome {
                let label = language.pick(Inquiry.outcomeLabel(done.kind), Inquiry.outcomeLabelEnglish(done.kind))
                switch done {
                case .answered(let text): outcome = "\(label)：\(text)"
                case .oneTimeNotice(_, let version):
                    outcome = language.pick("\(label)（指南第\(version)版）", "\(label) (guide v\(version))")
                    noticeLink = "/inquiries/\(inquiry.id)/notice"
                case .referred(let body): outcome = "\(label)：\(body.name) \(body.phone)"
                case .ticket(_, let number): outcome = "\(label)：\(number)"
                case .caseFile: outcome = label
                }
            }
            var caseLink: String?
            if case .caseFile(let id) = inquiry.outcome { caseLink = "/cases/\(id)" }
            var intakeLink: String?
            if inquiry.outcome == nil, inquiry.owner == officer.badge, officer.roles.worksAtWindow, let business {
                intakeLink = "/cases/new?business=\(business)&inquiry=\(inquiry.id)"
            }
            let status: String =
                switch inquiry.status {
                case .open: language.pick("办理中", "Open")
                case .handover: language.pick("转交待签收", "Awaiting receipt")
                case .closed: language.pick("已办结", "Closed")
                }
            return Item(
                id: inquiry.id.description,
                topic: topic,
                question: inquiry.question,
                place: place,
                recordedAt: clock.string(from: inquiry.recordedAt),
                contact: record.contactMasked,
                firstOwner: who(inquiry.firstOwner),
                statusLabel: status,
                handoverNote: inquiry.handover.flatMap { $0.note.isEmpty ? nil : $0.note },
                handoverTo: inquiry.handover.map { who($0.to) },
                outcome: outcome,
                noticeLink: noticeLink,
                business: business,
                intakeLink: intakeLink,
                caseLink: caseLink,
                history: inquiry.history.map { "\(clock.string(from: $0.at)) \(language.pick($0.label, $0.labelEnglish))" }
            )
        }
        waiting = records.filter { $0.inquiry.handover?.to == officer.badge }.map(item)
        owned = records.filter { $0.inquiry.owner == officer.badge && $0.inquiry.outcome == nil }.map(item)
        done = records.filter { $0.inquiry.outcome != nil || ($0.inquiry.owner != officer.badge && $0.inquiry.handover?.to != officer.badge) }
            .map(item)
        hasWaiting = !waiting.isEmpty
        hasOwned = !owned.isEmpty
        hasDone = !done.isEmpty
        hasBodies = !self.bodies.isEmpty
    }

    static let doneTexts: [String: (String, String)] = [
        "record": ("已登记", "Recorded"),
        "answer": ("已答复办结", "Answered and closed"),
        "notice": ("已一次性告知，可打印告知单", "Notice given: print it below"),
        "refer": ("已告知主管部门", "Referred to the competent body"),
        "handover": ("已转交，待同事签收；签收前仍由您负责", "Handed over: yours until the colleague accepts"),
        "accept": ("已签收，由您负责", "Accepted: it is yours now"),
        "decline": ("已退回", "Declined"),
        "withdraw": ("已撤回转交", "Handover withdrawn"),
        "ticket": ("已取号", "Ticket issued"),
    ]

    static let texts: [String: (String, String)] = [
        "record": ("登记咨询", "Record an inquiry"),
        "business": ("事项", "Business"),
        "noBusiness": ("（其他，填写主题）", "(other: name the topic)"),
        "topic": ("其他主题", "Other topic"),
        "question": ("咨询内容", "What was asked"),
        "contact": ("联系电话（可选）", "Contact phone (optional)"),
        "how": ("如何答复", "How it was answered"),
        "answered": ("当场答复", "Answered on the spot"),
        "noticeChoice": ("一次性告知（打印材料清单）", "One-time notice (print the material list)"),
        "keepOpen": ("暂未办结，我负责跟进", "Not yet: I follow it up"),
        "answer": ("答复内容", "What was answered"),
        "save": ("登记", "Record"),
        "waiting": ("待我签收的转交", "Handed to me: awaiting my receipt"),
        "owned": ("我负责的咨询", "Inquiries I own"),
        "doneList": ("今日已办与已转出", "Closed today and handed on"),
        "none": ("暂无", "None"),
        "accept": ("签收", "Accept"),
        "decline": ("退回", "Decline"),
        "withdraw": ("撤回转交", "Withdraw"),
        "close": ("答复办结", "Answer and close"),
        "giveNotice": ("一次性告知", "One-time notice"),
        "refer": ("告知主管部门", "Refer to the competent body"),
        "handOver": ("转交同事", "Hand to a colleague"),
        "to": ("转交给", "To"),
        "note": ("交代事项", "Note for the colleague"),
        "ticket": ("直接取号", "Issue a ticket"),
        "intake": ("受理登记（转为办件）", "Open a case"),
        "openCase": ("查看办件", "The case"),
        "firstOwner": ("首问", "First asked"),
        "handoverTo": ("待签收", "Awaiting"),
        "print": ("打印告知单", "Print the notice"),
        "history": ("经过", "History"),
        "console": ("返回窗口工作台", "Back to the console"),
        "body": ("主管部门", "Competent body"),
    ]
}
