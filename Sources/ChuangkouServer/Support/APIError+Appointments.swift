import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Appointments: every code the API answers with for them, and the one mapping of `AppointmentError`.
extension APIError {
    enum AppointmentCode: String, APIErrorCode {
        case noSuchSlot = "appointment.no-such-slot"
        case beyondHorizon = "appointment.beyond-horizon"
        case bookingClosed = "appointment.booking-closed"
        case full = "appointment.full"
        case pastCutoff = "appointment.past-cutoff"
        case sameSlot = "appointment.same-slot"
        case tooManyChanges = "appointment.too-many-changes"
        case notBooked = "appointment.not-booked"
        case tooEarly = "appointment.too-early"
        case expired = "appointment.expired"
        case notOverYet = "appointment.not-over"
        case blocked = "appointment.blocked"
        case unknownBusiness = "appointment.unknown-business"
        case idNumberRequired = "appointment.id-number-required"
        case badName = "appointment.bad-name"
        case badPhone = "appointment.bad-phone"
        case phoneCodeMissing = "appointment.phone-code-missing"
        case phoneCodeWrong = "appointment.phone-code-wrong"
        case phoneCodeExhausted = "appointment.phone-code-exhausted"
        case phoneCodeTooSoon = "appointment.phone-code-too-soon"
        case notFound = "appointment.not-found"
        case rateLimited = "appointment.rate-limited"
        case badRequest = "appointment.bad-request"
        case unavailable = "appointment.unavailable"
    }

    /// A wrong code of any kind gets this one answer: nothing tells a guess it was close.
    static let appointmentNotFound = APIError(.notFound, AppointmentCode.notFound, "预约码不正确", "No appointment has this code")
    static let appointmentRateLimited = APIError(
        .tooManyRequests,
        AppointmentCode.rateLimited,
        "查询失败次数过多，请15分钟后再试",
        "Too many failed lookups; try again in 15 minutes"
    )

    static func appointmentRequest(_ chinese: String, _ english: String) -> APIError {
        APIError(.badRequest, AppointmentCode.badRequest, chinese, english)
    }

    init(_ error: AppointmentStoreError) {
        self.init(.serviceUnavailable, AppointmentCode.unavailable, "暂不能发送短信，请到大厅现场取号", "Messages cannot be sent now; take a ticket in the hall")
    }

    init(_ error: AppointmentError) {
        switch error {
        case .noSuchSlot:
            self.init(.badRequest, AppointmentCode.noSuchSlot, "该时段不可预约（非工作日或不在办公时间）", "There is no such slot (a day off or outside the hours)")
        case .beyondHorizon(let days):
            self.init(.badRequest, AppointmentCode.beyondHorizon, "只能预约\(days)天内的时段", "Slots can be booked up to \(days) days ahead")
        case .bookingClosed: self.init(.conflict, AppointmentCode.bookingClosed, "该时段已停止预约", "Booking for this slot has closed")
        case .full: self.init(.conflict, AppointmentCode.full, "该时段已约满，请选择其他时段", "This slot is full; choose another")
        case .pastCutoff: self.init(.conflict, AppointmentCode.pastCutoff, "已过修改或取消的截止时间", "It is too late to change or cancel this booking")
        case .sameSlot: self.init(.badRequest, AppointmentCode.sameSlot, "新时段与原时段相同", "That is the slot already booked")
        case .tooManyChanges(let n):
            self.init(.conflict, AppointmentCode.tooManyChanges, "每个预约最多改期\(n)次", "A booking can be moved \(n) times at most")
        case .notBooked(let status):
            self.init(.conflict, AppointmentCode.notBooked, "该预约当前状态为“\(status.label)”", "The booking is \(status.labelEnglish.lowercased())")
        case .tooEarly:
            self.init(.conflict, AppointmentCode.tooEarly, "尚未到签到时间（时段开始前15分钟起可签到）", "Check-in has not opened yet (15 minutes before the slot)")
        case .expired: self.init(.conflict, AppointmentCode.expired, "预约日期已过", "The booking's day is over")
        case .notOverYet: self.init(.conflict, AppointmentCode.notOverYet, "预约当日尚未结束", "The booking's day is not over")
        case .blocked(let until):
            self.init(
                .forbidden,
                AppointmentCode.blocked,
                "因多次预约未到，暂停预约至\(Self.day(until))（规则见预约页）",
                "Booking is suspended until \(Self.day(until)) after repeated no-shows"
            )
        case .unknownBusiness: self.init(.notFound, AppointmentCode.unknownBusiness, "没有此事项", "No such business")
        case .idNumberRequired:
            self.init(.badRequest, AppointmentCode.idNumberRequired, "该事项需填写有效的居民身份证号码", "This business needs a valid resident ID number")
        case .badName: self.init(.badRequest, AppointmentCode.badName, "请填写姓名（1至30字）", "Give a name (1 to 30 characters)")
        case .badPhone: self.init(.badRequest, AppointmentCode.badPhone, "手机号码有误", "The mobile number is not valid")
        case .phoneCodeMissing:
            self.init(.conflict, AppointmentCode.phoneCodeMissing, "请先获取短信验证码（10分钟内有效）", "Ask for a text-message code first (valid 10 minutes)")
        case .phoneCodeWrong: self.init(.badRequest, AppointmentCode.phoneCodeWrong, "验证码不正确", "The code is wrong")
        case .phoneCodeExhausted:
            self.init(.conflict, AppointmentCode.phoneCodeExhausted, "验证码错误次数过多，请重新获取", "Too many wrong codes; ask for a new one")
        case .phoneCodeTooSoon:
            self.init(.tooManyRequests, AppointmentCode.phoneCodeTooSoon, "发送过于频繁，请稍后再试", "Codes are sent at most once a minute; try later")
        }
    }

    private static func day(_ date: Date) -> String {
        LocalDate(date, in: TimeZone(identifier: "Asia/Shanghai")!).description
    }
}
