import ChuangkouCore
import Foundation
import PropertyBased
import Testing

@Suite("The duty roster's rules")
struct DutyRosterTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let day = LocalDate("2026-12-02")!
    static let leader = Badge("010100")!
    static let secondLeader = Badge("010101")!
    static let officer = Badge("010231")!
    static let colleague = Badge("010232")!
    static let admin = Badge("019900")!
    static let supervisor = Badge("010300")!
    static let phone = DutyPhone("0571-87654321")!

    static let staff: [Badge: DutyRoster.Staff] = [
        leader: .init(officer: Officer(badge: leader, name: "赵国强", roles: .only(.dutyLeader), post: "值班领导"), disabled: false),
        secondLeader: .init(officer: Officer(badge: secondLeader, name: "孙副", roles: .only(.dutyLeader), post: "值班领导"), disabled: true),
        officer: .init(officer: Officer(badge: officer, name: "王建国", roles: .only(.windowOfficer), post: "户政窗口民警"), disabled: false),
        colleague: .init(officer: Officer(badge: colleague, name: "李秀英", roles: .only(.deskOfficer), post: "导办台民警"), disabled: false),
        admin: .init(officer: Officer(badge: admin, name: "孙立", roles: .only(.systemAdmin), post: "系统管理员"), disabled: false),
        supervisor: .init(officer: Officer(badge: supervisor, name: "钱文", roles: .only(.supervisor), post: "督察"), disabled: false),
    ]

    static func at(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return formatter.date(from: text)!
    }

    @Test(
        "an instant belongs to one slot in the hall's zone: midnight and noon split the days",
        arguments: [
            ("2026-12-02T00:00:00", "2026-12-02/morning"),
            ("2026-12-02T11:59:59", "2026-12-02/morning"),
            ("2026-12-02T12:00:00", "2026-12-02/afternoon"),
            ("2026-12-02T23:59:59", "2026-12-02/afternoon"),
            ("2026-12-03T00:00:00", "2026-12-03/morning"),
            ("2026-12-31T23:59:59", "2026-12-31/afternoon"),
            ("2027-01-01T00:00:01", "2027-01-01/morning"),
        ]
    )
    func slotOfInstant(time: String, slot: String) {
        #expect(DutyHours().slot(at: Self.at(time), in: Self.zone).description == slot)
    }

    @Test("16:00 UTC is already the next day's morning in Shanghai")
    func zoneNotUTC() {
        let instant = Date(timeIntervalSince1970: 1_796_227_200)  // 2026-12-02T16:00:00Z
        #expect(DutyHours().slot(at: instant, in: Self.zone) == DutySlot(LocalDate("2026-12-03")!, .morning))
        #expect(DutyHours().slot(at: instant.addingTimeInterval(-1), in: Self.zone) == DutySlot(Self.day, .afternoon))
    }

    @Test("the afternoon may start at another time; a split at midnight or out of the day is refused")
    func otherSplit() throws {
        let hours = try #require(DutyHours("13:30"))
        #expect(hours.slot(at: Self.at("2026-12-02T13:29:59"), in: Self.zone).half == .morning)
        #expect(hours.slot(at: Self.at("2026-12-02T13:30:00"), in: Self.zone).half == .afternoon)
        for text in ["00:00", "24:00", "12:60", "1230", "12:3", "ab:cd", ""] { #expect(DutyHours(text) == nil) }
    }

    @Test("every instant lies in the interval of its own slot, and the two halves of a day meet without a gap")
    func intervalsCover() async {
        await propertyCheck(input: Gen.int(in: 0...(3 * 365 * 24 * 3600)), Gen.int(in: 1...(23 * 60 + 59))) { offset, split in
            let hours = DutyHours(afternoonStartsHour: split / 60, minute: split % 60)!
            let instant = Date(timeIntervalSince1970: 1_767_196_800 + Double(offset))
            let slot = hours.slot(at: instant, in: Self.zone)
            let (start, end) = hours.interval(of: slot, in: Self.zone)
            #expect(start <= instant && instant < end)
            let morning = hours.interval(of: DutySlot(slot.day, .morning), in: Self.zone)
            let afternoon = hours.interval(of: DutySlot(slot.day, .afternoon), in: Self.zone)
            #expect(morning.end == afternoon.start)
            let next = try slot.day.adding(days: 1)
            #expect(afternoon.end == hours.interval(of: DutySlot(next, .morning), in: Self.zone).start)
        }
    }

    @Test(
        "duty phones: landlines, mobiles and short internal lines pass; anything else is refused",
        arguments: [
            ("0571-87654321", true), ("13812345678", true), ("+8613812345678", true), ("12345", true), ("010-6512-3456", true),
            ("1234", false), ("0571--8765", false), ("-057187654", false), ("05718765-", false), ("0571 8765 4321", false),
            ("tel:110", false), ("1+3812345678", false), ("", false), ("123456789012345678901", false),
        ]
    )
    func phones(text: String, valid: Bool) {
        #expect((DutyPhone(text) != nil) == valid)
    }

    func plan(
        _ slot: DutySlot = DutySlot(day, .afternoon),
        leader: Badge = leader,
        officers: [Badge] = [officer],
        leave: [Leave] = []
    ) throws(DutyError) -> DutyShift {
        try DutyRoster.plan(
            slot,
            leader: OnDuty(badge: leader, phone: Self.phone),
            officers: officers.map { OnDuty(badge: $0, phone: Self.phone) },
            current: DutySlot(Self.day, .morning),
            staff: Self.staff,
            leave: leave
        )
    }

    @Test("a leader and window and desk officers make a plan for a slot that has not begun")
    func plans() throws {
        let shift = try plan(officers: [Self.officer, Self.colleague])
        #expect(shift.badges == [Self.leader, Self.officer, Self.colleague])
        // A leader may also be on duty as an officer in a slot another leader leads.
        _ = try plan(DutySlot(LocalDate("2026-12-03")!, .morning), officers: [Self.officer])
    }

    static let refusals: [(String, DutySlot, Badge, [Badge], [Leave], DutyError)] = [
        ("the current slot", DutySlot(day, .morning), leader, [], [], .slotStarted(DutySlot(day, .morning))),
        ("a past slot", DutySlot(LocalDate("2026-12-01")!, .afternoon), leader, [], [], .slotStarted(DutySlot(LocalDate("2026-12-01")!, .afternoon))),
        (
            "more than 400 days ahead", DutySlot(LocalDate("2028-01-07")!, .morning), leader, [], [],
            .tooFarAhead(DutySlot(LocalDate("2028-01-07")!, .morning), maxDays: 400)
        ),
        ("a leader without the role", DutySlot(day, .afternoon), officer, [], [], .notADutyLeader(officer)),
        ("a disabled leader", DutySlot(day, .afternoon), secondLeader, [], [], .disabled(secondLeader)),
        ("an unknown badge", DutySlot(day, .afternoon), leader, [Badge("099999")!], [], .unknownOfficer(Badge("099999")!)),
        ("an administrator on duty", DutySlot(day, .afternoon), leader, [admin], [], .doesNotServe(admin)),
        ("a supervisor on duty", DutySlot(day, .afternoon), leader, [supervisor], [], .doesNotServe(supervisor)),
        ("the leader also as an officer", DutySlot(day, .afternoon), leader, [officer, leader], [], .listedTwice(leader)),
        ("an officer twice", DutySlot(day, .afternoon), leader, [officer, officer], [], .listedTwice(officer)),
        (
            "an officer on leave", DutySlot(day, .afternoon), leader, [officer],
            [Leave(badge: officer, from: LocalDate("2026-11-30")!, through: day, reason: "年休假")],
            .onLeave(officer, from: LocalDate("2026-11-30")!, through: day)
        ),
        (
            "the leader on leave", DutySlot(day, .afternoon), leader, [],
            [Leave(badge: leader, from: day, through: day, reason: "病假")], .onLeave(leader, from: day, through: day)
        ),
    ]

    @Test("refused plans say what to fix", arguments: refusals)
    func refusal(_: String, slot: DutySlot, leader: Badge, officers: [Badge], leave: [Leave], expected: DutyError) {
        #expect(throws: expected) { try plan(slot, leader: leader, officers: officers, leave: leave) }
    }

    @Test("leave on other days, or of someone else, does not stop a plan")
    func unrelatedLeave() throws {
        let leave = [
            Leave(badge: Self.officer, from: LocalDate("2026-12-03")!, through: LocalDate("2026-12-09")!, reason: "年休假"),
            Leave(badge: Self.colleague, from: Self.day, through: Self.day, reason: "事假"),
        ]
        #expect(try plan(officers: [Self.officer], leave: leave).officers.count == 1)
    }

    @Test("no more than 40 officers in one slot")
    func tooMany() {
        #expect(throws: DutyError.tooManyOfficers(max: 40)) {
            try DutyRoster.plan(
                DutySlot(Self.day, .afternoon),
                leader: OnDuty(badge: Self.leader, phone: Self.phone),
                officers: Array(repeating: OnDuty(badge: Self.officer, phone: Self.phone), count: 41),
                current: DutySlot(Self.day, .morning),
                staff: Self.staff,
                leave: []
            )
        }
    }

    @Test(
        "a leave is refused backwards, too long, without a reason, or over a day the person is rostered",
        arguments: [
            ("2026-12-05", "2026-12-04", "年休假", [DutySlot](), DutyError.leaveBackwards),
            ("2026-01-01", "2027-01-02", "年休假", [], .leaveTooLong(maxDays: 366)),
            ("2026-12-04", "2026-12-05", "  ", [], .leaveReasonRequired),
            ("2026-12-04", "2026-12-05", String(repeating: "假", count: 201), [], .leaveReasonTooLong(max: 200)),
            (
                "2026-12-04", "2026-12-08", "年休假",
                [
                    DutySlot(LocalDate("2026-12-09")!, .morning), DutySlot(LocalDate("2026-12-07")!, .afternoon),
                    DutySlot(LocalDate("2026-12-05")!, .morning),
                ],
                .rosteredDuringLeave(officer, DutySlot(LocalDate("2026-12-05")!, .morning))
            ),
        ]
    )
    func leaveRefused(from: String, through: String, reason: String, planned: [DutySlot], expected: DutyError) {
        #expect(throws: expected) {
            try DutyRoster.leave(Self.officer, from: LocalDate(from)!, through: LocalDate(through)!, reason: reason, planned: planned)
        }
    }

    @Test("a leave's reason is trimmed and masked")
    func leaveMasked() throws {
        let leave = try DutyRoster.leave(
            Self.officer,
            from: Self.day,
            through: Self.day,
            reason: " 陪护家人，电话13812345678 ",
            planned: [DutySlot(LocalDate("2026-12-03")!, .morning)]
        )
        #expect(leave.reason == "陪护家人，电话138****5678")
    }
}
