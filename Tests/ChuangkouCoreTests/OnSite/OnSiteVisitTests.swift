import ChuangkouCore
import Foundation
import PropertyBased
import Testing

/// 现场办公: requests are checked and masked, a duty leader plans them on a working half-day with a team big enough
/// for what is collected, and the team records how it went.
@Suite("On-site visits (现场办公)")
struct OnSiteVisitTests {
    static let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())
    static let today = LocalDate("2026-09-28")!
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let leader = Officer(badge: Badge("020001")!, name: "王队长", role: .dutyLeader, post: "值班领导")
    static let officer = Officer(badge: Badge("020101")!, name: "李警官", role: .officer, post: "户政窗口民警")
    static let second = Officer(badge: Badge("020102")!, name: "刘警官", role: .officer, post: "户政窗口民警")
    static let admin = Officer(badge: Badge("020900")!, name: "吴管理员", role: .admin, post: "系统管理员")

    static func request(collects: Bool = true, days: [String] = ["2026-10-09"]) -> OnSiteVisit.Request {
        OnSiteVisit.Request(
            applicant: " 张三（卧床） ",
            address: "东湖区幸福路8号3栋502室",
            businesses: [BusinessCode("id-card")!],
            reason: .mobility,
            details: "老人卧床，联系人13812345678，身份证11010519491231002X",
            preferredDays: days.map { LocalDate($0)! },
            collectsPersonalData: collects
        )
    }

    static func requested(collects: Bool = true) throws -> OnSiteVisit {
        try OnSiteVisit.request(request(collects: collects), id: OnSiteVisitID(UUID()), channel: .online, recordedBy: nil, at: now, on: today).0
    }

    @Test("a request is trimmed and masked, tells the leaders, and starts as requested")
    func requesting() throws {
        let (visit, effects) = try OnSiteVisit.request(
            Self.request(),
            id: OnSiteVisitID(UUID()),
            channel: .staff,
            recordedBy: Self.officer.badge,
            at: Self.now,
            on: Self.today
        )
        #expect(visit.stage == .requested && visit.request.applicant == "张三（卧床）")
        #expect(visit.request.details == "老人卧床，联系人138****5678，身份证110***********002X")
        #expect(effects == [.history(OnSiteEntry(.requested, by: Self.officer.badge, at: Self.now)), .notifyLeaders])
    }

    @Test(
        "bad requests are refused with the reason",
        arguments: [
            (OnSiteVisit.Request(
                applicant: " ",
                address: "幸福路8号",
                businesses: [BusinessCode("id-card")!],
                reason: .other,
                details: "",
                preferredDays: [LocalDate("2026-10-09")!],
                collectsPersonalData: false
            ), OnSiteError.applicantRequired),
            (OnSiteVisit.Request(
                applicant: "张三",
                address: "8号",
                businesses: [BusinessCode("id-card")!],
                reason: .other,
                details: "",
                preferredDays: [LocalDate("2026-10-09")!],
                collectsPersonalData: false
            ), .addressRequired),
            (OnSiteVisit.Request(
                applicant: "张三",
                address: "幸福路8号",
                businesses: [],
                reason: .other,
                details: "",
                preferredDays: [LocalDate("2026-10-09")!],
                collectsPersonalData: false
            ), .businessCount(max: 10)),
            (OnSiteVisit.Request(
                applicant: "张三",
                address: "幸福路8号",
                businesses: [BusinessCode("id-card")!, BusinessCode("id-card")!],
                reason: .other,
                details: "",
                preferredDays: [LocalDate("2026-10-09")!],
                collectsPersonalData: false
            ), .businessCount(max: 10)),
            (OnSiteVisit.Request(
                applicant: "张三",
                address: "幸福路8号",
                businesses: [BusinessCode("id-card")!],
                reason: .other,
                details: "",
                preferredDays: [],
                collectsPersonalData: false
            ), .preferredDays(horizonDays: 60)),
            (OnSiteVisit.Request(
                applicant: "张三",
                address: "幸福路8号",
                businesses: [BusinessCode("id-card")!],
                reason: .other,
                details: "",
                preferredDays: [LocalDate("2026-09-28")!],
                collectsPersonalData: false
            ), .preferredDays(horizonDays: 60)),
            (OnSiteVisit.Request(
                applicant: "张三",
                address: "幸福路8号",
                businesses: [BusinessCode("id-card")!],
                reason: .other,
                details: "",
                preferredDays: [LocalDate("2026-11-28")!],
                collectsPersonalData: false
            ), .preferredDays(horizonDays: 60)),
            (OnSiteVisit.Request(
                applicant: "张三",
                address: "幸福路8号",
                businesses: [BusinessCode("id-card")!],
                reason: .other,
                details: String(repeating: "长", count: 501),
                preferredDays: [LocalDate("2026-10-09")!],
                collectsPersonalData: false
            ), .detailsTooLong(max: 500)),
        ] as [(OnSiteVisit.Request, OnSiteError)]
    )
    func refused(_ request: OnSiteVisit.Request, _ error: OnSiteError) {
        #expect(throws: error) {
            try OnSiteVisit.request(request, id: OnSiteVisitID(UUID()), channel: .online, recordedBy: nil, at: Self.now, on: Self.today)
        }
    }

    @Test("staff record under their badge; the public form under nobody's")
    func recorder() {
        #expect(throws: OnSiteError.recorderMismatch) {
            try OnSiteVisit.request(
                Self.request(),
                id: OnSiteVisitID(UUID()),
                channel: .online,
                recordedBy: Self.officer.badge,
                at: Self.now,
                on: Self.today
            )
        }
        #expect(throws: OnSiteError.recorderMismatch) {
            try OnSiteVisit.request(Self.request(), id: OnSiteVisitID(UUID()), channel: .staff, recordedBy: nil, at: Self.now, on: Self.today)
        }
    }

    @Test("only a working day: not in the National Day week nor on a weekend, yes on the 调休 Saturday 10-10")
    func workingDaysOnly() throws {
        for (
            day,
            expected
        ) in [("2026-10-01", OnSiteError.notAWorkingDay(LocalDate("2026-10-01")!)), ("2026-10-11", .notAWorkingDay(LocalDate("2026-10-11")!))] {
            var visit = try Self.requested()
            #expect(throws: expected) {
                try visit.approve(
                    DutySlot(LocalDate(day)!, .morning),
                    team: [Self.officer, Self.second],
                    by: Self.leader,
                    calendar: Self.calendar,
                    today: Self.today,
                    at: Self.now
                )
            }
        }
        var visit = try Self.requested()
        let effects = try visit.approve(
            DutySlot(LocalDate("2026-10-10")!, .afternoon),
            team: [Self.officer, Self.second],
            by: Self.leader,
            calendar: Self.calendar,
            today: Self.today,
            at: Self.now
        )
        #expect(visit.stage == .approved && visit.plan?.team == [Self.officer.badge, Self.second.badge])
        #expect(effects.contains(.notifyTeam([Self.officer.badge, Self.second.badge])))
        #expect(effects.contains {
            if case .notifyApplicant(.visitDecision, let values) = $0 {
                values["outcome"] == "已安排" && values["date"]?.contains("2026年10月10日下午") == true
            } else { false }
        })
    }

    @Test("every day in 2026 that the calendar calls a working day may be planned, and no other")
    func everyDay() async throws {
        await propertyCheck(input: Gen.int(in: 1...59)) { offset in
            let day = try! Self.today.adding(days: offset)
            var visit = try! Self.requested(collects: false)
            let working = Self.calendar.isWorkingDay(day).value
            do {
                _ = try visit.approve(
                    DutySlot(day, .morning),
                    team: [Self.officer],
                    by: Self.leader,
                    calendar: Self.calendar,
                    today: Self.today,
                    at: Self.now
                )
                #expect(working, "planned on \(day), not a working day")
            } catch {
                #expect(!working && (error as? OnSiteError) == .notAWorkingDay(day), "refused \(day): \(error)")
            }
        }
    }

    @Test("the team: two when personal data is collected, one otherwise; no administrator, nobody twice; not past the horizon or today")
    func team() throws {
        let slot = DutySlot(LocalDate("2026-10-09")!, .morning)
        var collecting = try Self.requested(collects: true)
        #expect(throws: OnSiteError.teamSize(required: 2, max: 6)) {
            try collecting.approve(slot, team: [Self.officer], by: Self.leader, calendar: Self.calendar, today: Self.today, at: Self.now)
        }
        #expect(throws: OnSiteError.teamMemberInvalid(Self.officer.badge)) {
            try collecting.approve(
                slot,
                team: [Self.officer, Self.officer],
                by: Self.leader,
                calendar: Self.calendar,
                today: Self.today,
                at: Self.now
            )
        }
        #expect(throws: OnSiteError.teamMemberInvalid(Self.admin.badge)) {
            try collecting.approve(slot, team: [Self.officer, Self.admin], by: Self.leader, calendar: Self.calendar, today: Self.today, at: Self.now)
        }
        #expect(throws: OnSiteError.leaderOnly) {
            try collecting.approve(
                slot,
                team: [Self.officer, Self.second],
                by: Self.officer,
                calendar: Self.calendar,
                today: Self.today,
                at: Self.now
            )
        }
        #expect(throws: OnSiteError.dayOutOfRange(horizonDays: 60)) {
            try collecting.approve(
                DutySlot(Self.today, .afternoon),
                team: [Self.officer, Self.second],
                by: Self.leader,
                calendar: Self.calendar,
                today: Self.today,
                at: Self.now
            )
        }
        var plain = try Self.requested(collects: false)
        _ = try plain.approve(slot, team: [Self.officer], by: Self.leader, calendar: Self.calendar, today: Self.today, at: Self.now)
        #expect(throws: OnSiteError.wrongStage(.approved)) { try plain.decline(reason: "人手不足", by: Self.leader, at: Self.now) }
    }

    @Test("a year whose calendar is not published is never planned on a guess")
    func unpublishedYear() throws {
        var visit = try OnSiteVisit.request(
            Self.request(days: ["2027-01-05"]),
            id: OnSiteVisitID(UUID()),
            channel: .online,
            recordedBy: nil,
            at: Self.now,
            on: LocalDate("2026-12-20")!
        ).0
        #expect(throws: OnSiteError.calendarUnpublished(year: 2027)) {
            try visit.approve(
                DutySlot(LocalDate("2027-01-05")!, .morning),
                team: [Self.officer, Self.second],
                by: Self.leader,
                calendar: Self.calendar,
                today: LocalDate("2026-12-20")!,
                at: Self.now
            )
        }
    }

    @Test("declined with a reason the applicant is told; without one, refused")
    func declining() throws {
        var visit = try Self.requested()
        #expect(throws: OnSiteError.reasonRequired) { try visit.decline(reason: " ", by: Self.leader, at: Self.now) }
        #expect(throws: OnSiteError.leaderOnly) { try visit.decline(reason: "不属于现场办公范围", by: Self.officer, at: Self.now) }
        let effects = try visit.decline(reason: "不属于现场办公范围", by: Self.leader, at: Self.now)
        #expect(visit.stage == .declined && visit.declineReason == "不属于现场办公范围")
        #expect(effects.contains {
            if case .notifyApplicant(.visitDecision, let values) = $0 {
                values["outcome"] == "未获安排" && values["reason"]?.contains("不属于现场办公范围") == true
            } else { false }
        })
    }

    @Test("the result: by the team on or after the day; partly and not possible say why")
    func result() throws {
        var visit = try Self.requested()
        let day = LocalDate("2026-10-09")!
        _ = try visit.approve(
            DutySlot(day, .morning),
            team: [Self.officer, Self.second],
            by: Self.leader,
            calendar: Self.calendar,
            today: Self.today,
            at: Self.now
        )
        let outsider = Officer(badge: Badge("020103")!, name: "赵警官", role: .officer, post: "治安窗口民警")
        #expect(throws: OnSiteError.notOnTeam) { try visit.recordResult(.done, note: "", casesTaken: 1, by: outsider, on: day, at: Self.now) }
        #expect(throws: OnSiteError.resultBeforeVisit) {
            try visit.recordResult(.done, note: "", casesTaken: 1, by: Self.officer, on: Self.today, at: Self.now)
        }
        #expect(throws: OnSiteError.resultNoteRequired) {
            try visit.recordResult(.notPossible, note: "", casesTaken: 0, by: Self.officer, on: day, at: Self.now)
        }
        _ = try visit.recordResult(.partly, note: "两人材料不全，已一次性告知", casesTaken: 3, by: Self.second, on: day, at: Self.now)
        #expect(visit.stage == .visited && visit.result?.outcome == .partly && visit.result?.casesTaken == 3)
        #expect(throws: OnSiteError.wrongStage(.visited)) { try visit.recordResult(
            .done,
            note: "",
            casesTaken: 1,
            by: Self.officer,
            on: day,
            at: Self.now
        ) }
    }
}
