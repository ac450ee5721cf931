import Foundation

/// View models of the appointment pages (templates read them by reflection, so every value is stored).
enum AppointmentPageModels {
    struct Booking {
        struct Day {
            let day: String
            let chosen: Bool
            let href: String
        }

        struct Slot {
            let slot: String
            let label: String
            let left: Int
            let bookable: Bool
            let chosen: Bool
        }

        let frame: PageFrame
        let business: String
        let businessName: String
        let day: String
        let days: [Day]
        let slots: [Slot]
        let name: String
        let phone: String
        let needsIDNumber: Bool
        let message: String?
        let error: String?
        let booked: AppointmentResponse?
        let rule: String
    }

    struct Manage {
        struct Shown {
            struct Other {
                let slot: String
                let label: String
            }

            let day: String
            let time: String
            let status: String
            let name: String
            let phoneLast4: String
            let ticket: String?
            let ticketID: String?
            let changeable: Bool
            let otherSlots: [Other]
        }

        let frame: PageFrame
        let code: String
        let appointment: Shown?
        let message: String?
        let error: String?
    }

    struct CheckIn {
        let frame: PageFrame
        let ticket: String?
        let ticketID: String?
        let late: Bool
        let error: String?
    }

    static let texts: [String: (String, String)] = [
        "business": ("办理事项", "Business"),
        "day": ("日期", "Day"),
        "slot": ("时段", "Time"),
        "left": ("余", "left"),
        "full": ("已满", "full"),
        "noSlots": ("当日无可预约时段（非工作日）", "No slots on this day (not a working day)"),
        "name": ("姓名", "Name"),
        "phone": ("手机号", "Mobile phone"),
        "idNumber": ("居民身份证号码", "Resident ID number"),
        "sendCode": ("获取验证码", "Send me a code"),
        "phoneCode": ("短信验证码", "Code from the text message"),
        "book": ("提交预约", "Book"),
        "booked": ("预约成功", "Booked"),
        "bookingCode": ("预约码（请保存，凭此签到、改约或取消）", "Booking code (keep it: check in, change or cancel with it)"),
        "arrive": (
            "请于时段开始前15分钟内到大厅取号机“预约签到”，迟到15分钟以上按现场取号。",
            "Check in at the hall's kiosk from 15 minutes before your time; more than 15 minutes late, you queue as a walk-in."
        ),
        "manage": ("查看、改约或取消预约", "View, change or cancel a booking"),
        "code": ("预约码", "Booking code"),
        "query": ("查询", "Look up"),
        "status": ("状态", "Status"),
        "phoneEnd": ("手机尾号", "Phone ending"),
        "ticket": ("号票", "Ticket"),
        "cancel": ("取消预约", "Cancel the booking"),
        "change": ("改约到", "Move to"),
        "changeSubmit": ("改约", "Move"),
        "cutoffNote": ("时段开始前2小时后不能改约或取消。", "No change or cancellation within 2 hours of the start."),
        "checkIn": ("预约签到", "Check in"),
        "checkInHint": ("输入预约码签到取号", "Enter your booking code to get your ticket"),
        "yourTicket": ("您的号票", "Your ticket"),
        "lateNote": ("已超过签到时间，按现场取号顺序办理。", "You are past the check-in window: you queue as a walk-in."),
        "onTimeNote": ("预约号将在您的时段内优先叫号。", "Appointment tickets are called first within their time."),
        "follow": ("查看号票", "Follow the ticket"),
        "back": ("返回取号", "Back to the kiosk"),
        "ruleTitle": ("预约规则", "The rule"),
    ]
}
