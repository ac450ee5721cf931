import ChuangkouCore
import ChuangkouStore
import Foundation

/// The staff's view of a day's bookings (`/appointments/day?day=`): per business, per slot, who booked, whether they
/// checked in (on time or late), missed or cancelled, and the ticket they got. Built by a pure function of the list.
struct AppointmentDayPage: Sendable {
    struct Count: Sendable {
        let status: String
        let label: String
        let count: Int
    }

    struct Row: Sendable {
        let time: String
        let name: String
        let phoneLast4: String
        let status: String
        let statusLabel: String
        let ticket: String?
    }

    struct Business: Sendable {
        let name: String
        let count: Int
        let rows: [Row]
    }

    let frame: PageFrame
    let day: String
    let previousDay: String?
    let nextDay: String?
    let counts: [Count]
    let businesses: [Business]
    let isEmpty: Bool

    init(frame: PageFrame, day: LocalDate, entries: [AppointmentRepository.DayEntry], language: Language) {
        self.frame = frame
        self.day = day.description
        previousDay = (try? day.adding(days: -1))?.description
        nextDay = (try? day.adding(days: 1))?.description
        counts = Appointment.Status.allCases.map { status in
            Count(
                status: status.rawValue,
                label: language.pick(status.label, status.labelEnglish),
                count: entries.filter { $0.appointment.status == status }.count
            )
        }
        // Businesses in the order of their first slot; within each, slot order as the store gives it.
        var order: [BusinessCode] = []
        var grouped: [BusinessCode: [AppointmentRepository.DayEntry]] = [:]
        for entry in entries {
            if grouped[entry.appointment.business] == nil { order.append(entry.appointment.business) }
            grouped[entry.appointment.business, default: []].append(entry)
        }
        businesses = order.map { code in
            let list = grouped[code] ?? []
            return Business(
                name: list.first.map { language.pick($0.businessName, $0.businessNameEnglish) } ?? code.value,
                count: list.count,
                rows: list.map {
                    Row(
                        time: $0.appointment.slot.label,
                        name: $0.name,
                        phoneLast4: $0.phoneLast4,
                        status: $0.appointment.status.rawValue,
                        statusLabel: language.pick($0.appointment.status.label, $0.appointment.status.labelEnglish),
                        ticket: $0.ticket?.description
                    )
                }
            )
        }
        isEmpty = entries.isEmpty
    }

    static let texts: [String: (String, String)] = [
        "day": ("日期", "Day"),
        "previous": ("前一天", "Previous day"),
        "next": ("后一天", "Next day"),
        "show": ("查看", "Show"),
        "time": ("时段", "Time"),
        "name": ("预约人", "Name"),
        "phoneEnd": ("手机尾号", "Phone ending"),
        "status": ("状态", "Status"),
        "ticket": ("号票", "Ticket"),
        "empty": ("当日没有预约。", "No bookings on this day."),
        "note": (
            "未签到的预约于次日记为未到（爽约），计入爽约规则。预约码不在此显示。",
            "Bookings nobody checked in are recorded as missed the next day and count towards the no-show rule. Booking codes are not shown here."
        ),
    ]
}
