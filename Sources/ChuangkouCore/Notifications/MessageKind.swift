import Foundation

/// The language a text message is written in. Citizens' messages default to Chinese.
public enum MessageLanguage: String, Sendable, CaseIterable, Codable {
    case chinese = "zh-CN"
    case english = "en"
}

/// A kind of text message to a citizen's phone, with its placeholders and shipped wording.
///
/// Each kind names the placeholders its template must use (`required`: a message without them would not say what it
/// is for, such as the query code) and those it may use (`optional`). Administrators reword the templates; the check
/// in `MessageTemplate` keeps every saved template inside these sets.
public enum MessageKind: String, Sendable, CaseIterable, Codable {
    case caseResultReady = "case.result-ready"
    case rectificationOutcome = "rectification.outcome"
    case complaintAnswer = "complaint.answer"
    case ticketAhead = "ticket.ahead"
    case bookingCode = "booking.code"
    case bookingReminder = "booking.reminder"
    /// The booking made: its slot and the booking code to view, change, cancel or check in with.
    case bookingConfirmed = "booking.confirmed"
    case visitDecision = "visit.decision"

    public var required: Set<String> {
        switch self {
        case .caseResultReady: ["business", "queryCode"]
        case .rectificationOutcome: ["outcome", "reply", "link"]
        case .complaintAnswer: ["reply", "queryCode"]
        case .ticketAhead: ["ticket", "ahead"]
        case .bookingCode: ["code"]
        case .bookingReminder: ["date", "time", "bookingCode"]
        case .bookingConfirmed: ["date", "time", "bookingCode"]
        case .visitDecision: ["outcome", "queryCode"]
        }
    }

    public var optional: Set<String> {
        switch self {
        case .caseResultReady: ["hall", "outcome", "delivery"]
        case .rectificationOutcome: ["hall"]
        case .complaintAnswer: ["hall"]
        case .ticketAhead: ["hall", "business", "window"]
        case .bookingCode: ["hall", "minutes"]
        case .bookingReminder: ["hall", "business", "place"]
        case .bookingConfirmed: ["hall", "business", "before"]
        case .visitDecision: ["hall", "date", "reason"]
        }
    }

    public var placeholders: Set<String> { required.union(optional) }

    /// Sent even to a phone that opted out: the citizen has just asked for it (a booking's one-time code).
    public var isEssential: Bool { self == .bookingCode }

    public var label: String {
        switch self {
        case .caseResultReady: "办件结果已出"
        case .rectificationOutcome: "差评整改结果"
        case .complaintAnswer: "投诉答复"
        case .ticketAhead: "即将叫号提醒（前面还有3人）"
        case .bookingCode: "预约验证码"
        case .bookingReminder: "预约前一日提醒"
        case .bookingConfirmed: "预约成功（预约码）"
        case .visitDecision: "现场办公申请结果"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .caseResultReady: "Case result ready"
        case .rectificationOutcome: "Outcome of a bad review"
        case .complaintAnswer: "Complaint answered"
        case .ticketAhead: "Heads-up: 3 ahead of you"
        case .bookingCode: "Booking one-time code"
        case .bookingReminder: "Booking reminder (day before)"
        case .bookingConfirmed: "Booking made (booking code)"
        case .visitDecision: "On-site visit decision"
        }
    }

    /// The shipped wording, used until an administrator saves another.
    public func defaultTemplate(_ language: MessageLanguage) -> String {
        switch (self, language) {
        case (.caseResultReady, .chinese): "【{hall}】您申请的{business}已办理完毕（{outcome}）{delivery}。查询码{queryCode}。"
        case (.caseResultReady, .english): "[{hall}] Your application for {business} is decided ({outcome}){delivery}. Query code {queryCode}."
        case (.rectificationOutcome, .chinese): "关于您的评价：{outcome}：{reply}。欢迎对处理结果评价：{link}"
        case (.rectificationOutcome, .english): "About your review: {outcome}: {reply}. Rate the outcome: {link}"
        case (.complaintAnswer, .chinese): "您的投诉已答复：{reply}（查询码{queryCode}，可评价答复）"
        case (.complaintAnswer, .english): "Your complaint is answered: {reply} (query code {queryCode}; you may rate the answer)"
        case (.ticketAhead, .chinese): "【{hall}】您的{ticket}号前面还有{ahead}人，请回到等候区留意叫号。"
        case (.ticketAhead, .english): "[{hall}] Ticket {ticket}: {ahead} ahead of you. Please return to the waiting area."
        case (.bookingCode, .chinese): "【{hall}】您的预约验证码为{code}，{minutes}分钟内有效，请勿告诉他人。"
        case (.bookingCode, .english): "[{hall}] Your booking code is {code}, valid for {minutes} minutes. Do not share it."
        case (.bookingReminder, .chinese): "【{hall}】提醒：您已预约{date} {time}办理{business}，预约码{bookingCode}，请按时到{place}签到。"
        case (.bookingReminder, .english): "[{hall}] Reminder: {business} booked for {date} {time}, booking code {bookingCode}. Check in at {place}."
        case (.bookingConfirmed, .chinese): "【{hall}】已预约{date} {time}办理{business}，预约码{bookingCode}，请于预约时间前{before}分钟内到大厅签到。"
        case (.bookingConfirmed, .english):
            "[{hall}] {business} booked for {date} {time}, booking code {bookingCode}. Check in at the hall up to {before} minutes before."
        case (.visitDecision, .chinese): "【{hall}】您的现场办公申请（查询码{queryCode}）{outcome}。{date}{reason}"
        case (.visitDecision, .english): "[{hall}] Your on-site visit request ({queryCode}) is {outcome}. {date}{reason}"
        }
    }
}
