import ChuangkouCore
import ChuangkouStore
import Foundation

/// The roster page's view model: each day of the fortnight with its two half-days, the leave, and the forms (with
/// what was typed when a change was refused).
struct DutyAdminPage: Sendable {
    struct Slot: Sendable {
        let day: String
        let half: String
        let halfLabel: String
        let planned: Bool
        let leader: String
        let officers: String
        /// Not begun yet: it may be planned again or cleared.
        let open: Bool
    }
    struct Day: Sendable {
        let dayLabel: String
        let weekend: Bool
        let slots: [Slot]
    }
    struct Leave: Sendable {
        let id: String
        let who: String
        let from: String
        let through: String
        let reason: String
    }
    struct Option: Sendable {
        let badge: String
        let label: String
        let selected: Bool
    }
    struct Half: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let frame: PageFrame
    let adminName: String
    let from: String
    let previous: String
    let next: String
    let days: [Day]
    let leave: [Leave]
    let hasLeave: Bool
    let leaders: [Option]
    let people: [Option]
    /// Who may be on duty, for the officers field's hint: 警号 and name.
    let staffHint: String
    let halves: [Half]
    let typed: [String: String]
    var error: String?
    var done: String?

    init(
        frame: PageFrame,
        admin: Officer,
        from: LocalDate,
        today: LocalDate,
        current: DutySlot,
        shifts: [DutyRosterRepository.Shift],
        leave: [DutyRosterRepository.LeaveRecord],
        staff: [Officer],
        typed form: DutyAdminPages.Form?
    ) {
        let english = frame.lang == "en"
        self.frame = frame
        adminName = admin.name
        self.from = from.description
        previous = ((try? from.adding(days: -DutyAdminPages.days)) ?? from).description
        next = ((try? from.adding(days: DutyAdminPages.days)) ?? from).description
        let names = Dictionary(staff.map { ($0.badge, $0.name) }, uniquingKeysWith: { a, _ in a })
        func who(_ person: DutyRosterRepository.Person) -> String { "\(person.name)（\(person.badge)）\(person.phone.value)" }
        let bySlot = Dictionary(shifts.map { ($0.slot, $0) }, uniquingKeysWith: { a, _ in a })
        days = (0..<DutyAdminPages.days).compactMap { offset -> Day? in
            guard let day = try? from.adding(days: offset) else { return nil }
            let weekday = english
                ? ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day.isoWeekday - 1]
                : ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][day.isoWeekday - 1]
            return Day(
                dayLabel: "\(day) \(weekday)\(day == today ? (english ? " (today)" : "（今天）") : "")",
                weekend: day.isWeekend,
                slots: HalfDay.allCases.map { half in
                    let slot = DutySlot(day, half)
                    let shift = bySlot[slot]
                    return Slot(
                        day: day.description,
                        half: half.rawValue,
                        halfLabel: english ? half.labelEnglish : half.label,
                        planned: shift != nil,
                        leader: shift.map { who($0.leader) } ?? "",
                        officers: shift.map { $0.officers.map(who).joined(separator: "；") } ?? "",
                        open: slot > current
                    )
                }
            )
        }
        self.leave = leave.map {
            Leave(
                id: $0.id.uuidString.lowercased(),
                who: "\(names[$0.leave.badge] ?? "")（\($0.leave.badge)）",
                from: $0.leave.from.description,
                through: $0.leave.through.description,
                reason: $0.leave.reason
            )
        }
        hasLeave = !leave.isEmpty
        leaders = staff.filter { $0.roles.isDutyLeader }.map {
            Option(badge: $0.badge.value, label: "\($0.name)（\($0.badge)）", selected: $0.badge.value == form?.leader)
        }
        let serving = staff.filter { $0.roles.worksAtWindow || $0.roles.isDeskOfficer }
        people = serving.map { Option(badge: $0.badge.value, label: "\($0.name)（\($0.badge)）", selected: $0.badge.value == form?.badge) }
        staffHint = serving.filter { !$0.roles.isDutyLeader }.map { "\($0.badge) \($0.name)" }.joined(separator: "、")
        halves = HalfDay.allCases.map {
            Half(value: $0.rawValue, label: english ? $0.labelEnglish : $0.label, selected: $0.rawValue == (form?.half ?? "morning"))
        }
        typed = [
            "day": form?.day ?? "",
            "leaderPhone": form?.leaderPhone ?? "",
            "officers": form?.officers ?? "",
            "from": form?.from ?? "",
            "through": form?.through ?? "",
            "reason": form?.reason ?? "",
        ]
    }

    /// One person on duty from the form: a 警号 and a duty phone, each checked with the words of what is wrong.
    static func person(badge: String, phone: String) throws -> OnDuty {
        let text = badge.trimmingCharacters(in: .whitespaces)
        guard let checked = Badge(text) else { throw APIError.unknownOfficer(text) }
        guard let phone = DutyPhone(phone.trimmingCharacters(in: .whitespaces)) else { throw APIError.badDutyPhone(checked.value) }
        return OnDuty(badge: checked, phone: phone)
    }

    /// The officers field: one a line, 警号 then phone, separated by spaces or a comma; blank lines skipped.
    static func officers(_ text: String) throws -> [OnDuty] {
        var result: [OnDuty] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "，" || $0 == "\t" || $0 == "　" }).map(String.init)
            if parts.isEmpty { continue }
            guard parts.count == 2 else {
                throw APIError.dutyForm(
                    "值班民警第\(number + 1)行应为「警号 电话」，例如 010231 0551-66668801",
                    "Officer line \(number + 1) is \"badge phone\", e.g. 010231 0551-66668801"
                )
            }
            result.append(try person(badge: parts[0], phone: parts[1]))
        }
        return result
    }

    static let texts: [String: (String, String)] = [
        "previous": ("前两周", "Previous fortnight"),
        "next": ("后两周", "Next fortnight"),
        "roster": ("排班", "Roster"),
        "day": ("日期", "Day"),
        "half": ("时段", "Half-day"),
        "leader": ("值班领导", "Duty leader"),
        "officers": ("值班民警", "Officers on duty"),
        "none": ("未排班", "Not planned"),
        "clear": ("撤销", "Clear"),
        "plan": ("排班（已排的时段将被替换）", "Plan a slot (replaces what is planned)"),
        "leaderPhone": ("值班领导电话", "Duty leader's phone"),
        "officersHint": ("每行一位：警号 值班电话。可排：", "One a line: badge and duty phone. Who may serve: "),
        "save": ("保存排班", "Save the slot"),
        "leave": ("请假", "Leave"),
        "noLeave": ("两周内无请假", "No leave in this fortnight"),
        "who": ("人员", "Who"),
        "from": ("自", "From"),
        "through": ("至", "Through"),
        "reason": ("事由", "Reason"),
        "recordLeave": ("登记请假", "Record leave"),
        "cancelLeave": ("撤销请假", "Cancel"),
        "rules": (
            "已开始的时段不能更改；同一人不能在一个时段出现两次；请假期间不能排班；值班领导须有值班领导角色。每次更改均记入审计日志。",
            "A slot that has begun cannot change; one person appears once per slot; nobody on leave is planned; the leader holds the "
                + "duty-leader role. Every change is audited."
        ),
        "admin": ("返回管理菜单", "Back to the admin menu"),
    ]
}
