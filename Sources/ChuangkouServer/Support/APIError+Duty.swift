import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// The duty roster (值班): every code the API answers with for it, and the one mapping of `DutyError` and
/// `DutyRecordError`.
extension APIError {
    enum DutyCode: String, APIErrorCode {
        case slotStarted = "duty.slot-started"
        case tooFarAhead = "duty.too-far-ahead"
        case unknownOfficer = "duty.unknown-officer"
        case disabled = "duty.account-disabled"
        case notADutyLeader = "duty.not-a-duty-leader"
        case doesNotServe = "duty.does-not-serve"
        case listedTwice = "duty.listed-twice"
        case tooManyOfficers = "duty.too-many-officers"
        case onLeave = "duty.on-leave"
        case rosteredDuringLeave = "duty.rostered-during-leave"
        case leaveBackwards = "duty.leave-backwards"
        case leaveTooLong = "duty.leave-too-long"
        case leaveReason = "duty.leave-reason"
        case noLeaderOnDuty = "duty.no-leader-on-duty"
        case badSlot = "duty.bad-slot"
        case badPhone = "duty.bad-phone"
        case badRange = "duty.bad-range"
        case unknownLeave = "duty.unknown-leave"
        case notPlanned = "duty.not-planned"
        case badForm = "duty.bad-form"
    }

    /// A roster page form that cannot be read as it stands (`/admin/duty`).
    static func dutyForm(_ chinese: String, _ english: String) -> APIError {
        APIError(.unprocessableContent, DutyCode.badForm, chinese, english)
    }

    static let badDutySlot = APIError(
        .badRequest,
        DutyCode.badSlot,
        "值班时段应为 日期（YYYY-MM-DD）/ morning（上午）或 afternoon（下午）",
        "The slot is a date (YYYY-MM-DD) and morning or afternoon"
    )
    static let badDutyRange = APIError(
        .badRequest,
        DutyCode.badRange,
        "查询期间应为 from、through（YYYY-MM-DD），不超过62天",
        "from and through are dates (YYYY-MM-DD), at most 62 days apart"
    )
    static let unknownLeave = APIError(.notFound, DutyCode.unknownLeave, "没有此请假记录或已撤销", "No such leave, or it was cancelled")
    static let slotNotPlanned = APIError(.notFound, DutyCode.notPlanned, "该时段未排班", "That slot is not on the roster")

    static func badDutyPhone(_ who: String) -> APIError {
        APIError(
            .unprocessableContent,
            DutyCode.badPhone,
            "\(who)的值班电话有误（5至20位数字，可含区号连字符）",
            "The duty phone of \(who) is not valid (5 to 20 digits, dashes allowed)"
        )
    }

    init(_ error: DutyRecordError) {
        switch error {
        case .unknownSlot: self = .slotNotPlanned
        }
    }

    init(_ error: DutyError) {
        switch error {
        case .slotStarted(let slot):
            self.init(.conflict, DutyCode.slotStarted, "\(slot.label)已开始或已过去，不能再排班", "The slot \(slot) has begun or passed")
        case .tooFarAhead(_, let days):
            self.init(.unprocessableContent, DutyCode.tooFarAhead, "只能排\(days)天以内的班", "The roster is planned at most \(days) days ahead")
        case .unknownOfficer(let badge):
            self.init(.unprocessableContent, DutyCode.unknownOfficer, "没有警号为\(badge)的民警", "No officer with badge \(badge)")
        case .disabled(let badge):
            self.init(.unprocessableContent, DutyCode.disabled, "警号\(badge)的账号已停用", "The account of \(badge) is disabled")
        case .notADutyLeader(let badge):
            self.init(.unprocessableContent, DutyCode.notADutyLeader, "警号\(badge)不是值班领导", "\(badge) is not a duty leader")
        case .doesNotServe(let badge):
            self.init(
                .unprocessableContent,
                DutyCode.doesNotServe,
                "警号\(badge)不是窗口或导办台民警，不能安排值班",
                "\(badge) works neither a window nor the desk"
            )
        case .listedTwice(let badge):
            self.init(.unprocessableContent, DutyCode.listedTwice, "警号\(badge)在同一时段重复排班", "\(badge) is listed twice in one slot")
        case .tooManyOfficers(let max):
            self.init(.unprocessableContent, DutyCode.tooManyOfficers, "一个时段最多安排\(max)名值班民警", "At most \(max) officers per slot")
        case .onLeave(let badge, let from, let through):
            self.init(
                .conflict,
                DutyCode.onLeave,
                "警号\(badge)于\(from)至\(through)请假，不能排班",
                "\(badge) is on leave from \(from) through \(through)"
            )
        case .rosteredDuringLeave(let badge, let slot):
            self.init(
                .conflict,
                DutyCode.rosteredDuringLeave,
                "警号\(badge)已排\(slot.label)值班，请先调整值班表",
                "\(badge) is on the roster for \(slot); change the roster first"
            )
        case .leaveBackwards:
            self.init(.unprocessableContent, DutyCode.leaveBackwards, "请假结束日期早于开始日期", "The leave ends before it begins")
        case .leaveTooLong(let days):
            self.init(.unprocessableContent, DutyCode.leaveTooLong, "一次请假不超过\(days)天", "A leave is at most \(days) days")
        case .leaveReasonRequired:
            self.init(.unprocessableContent, DutyCode.leaveReason, "请填写请假事由", "Give the reason for the leave")
        case .leaveReasonTooLong(let max):
            self.init(.unprocessableContent, DutyCode.leaveReason, "请假事由不超过\(max)字", "The reason is at most \(max) characters")
        case .noLeaderOnDuty:
            self.init(.conflict, DutyCode.noLeaderOnDuty, "当前时段没有排值班领导", "No duty leader is on the roster now")
        }
    }
}
