import ChuangkouCore
import Foundation
import Testing

/// The shipped 2025/2026 calendar and a few people, shared by the deadline tests.
enum DeadlineFixture {
    static let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())
    static let leader = Officer(badge: Badge("100001")!, name: "王队长", role: .dutyLeader, post: "窗口值班领导")
    static let officer = Officer(badge: Badge("100002")!, name: "李警官", role: .officer, post: "户政窗口民警")
    static let admin = Officer(badge: Badge("100003")!, name: "赵管理员", role: .admin, post: "系统管理员")

    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    static func clock(_ accepted: String, statutory: Int, promised: Int) -> DeadlineClock {
        try! DeadlineClock(acceptedOn: day(accepted), statutoryLimit: statutory, promisedLimit: promised)
    }
}

@Suite("Deadline clock")
struct DeadlineClockTests {
    let calendar = DeadlineFixture.calendar
    func day(_ text: String) -> LocalDate { DeadlineFixture.day(text) }
    func clock(_ accepted: String, statutory: Int, promised: Int) -> DeadlineClock {
        DeadlineFixture.clock(accepted, statutory: statutory, promised: promised)
    }

    @Test("RULES §3: accepted Thu 2026-02-12 with 3 working days is due Tue 2026-02-24")
    func rulesExample() {
        let status = clock("2026-02-12", statutory: 3, promised: 3).status(on: day("2026-02-12"), calendar: calendar)
        #expect(status.promisedDue == day("2026-02-24") && status.statutoryDue == day("2026-02-24"))
        #expect(status.workingDaysUsed == 0 && status.workingDaysLeft == 3 && status.state == .onTrack)
        #expect(!status.provisional && status.finishedInTime == nil)
    }

    @Test("20 statutory and 7 promised working days across the 2026 Mid-Autumn and National Day holidays")
    func nationalDay() {
        // Mon 09-28: Tue 29 (1), Wed 30 (2), 10-01…07 off, Thu 8 (3), Fri 9 (4), Sat 10 make-up (5), Mon 12 (6), Tue 13 (7).
        let clock = clock("2026-09-28", statutory: 20, promised: 7)
        #expect(clock.promisedDue(on: day("2026-09-28"), calendar: calendar) == .init(value: day("2026-10-13"), provisional: false))
        #expect(clock.statutoryDue(on: day("2026-09-28"), calendar: calendar) == .init(value: day("2026-10-30"), provisional: false))
        let holiday = clock.status(on: day("2026-10-05"), calendar: calendar)
        #expect(holiday.workingDaysUsed == 2 && holiday.workingDaysLeft == 5 && holiday.state == .onTrack)
        let makeUpDay = clock.status(on: day("2026-10-10"), calendar: calendar)
        #expect(makeUpDay.workingDaysUsed == 5 && makeUpDay.workingDaysLeft == 2)
        let late = clock.status(on: day("2026-10-14"), calendar: calendar)
        #expect(late.state == .overdue && late.workingDaysLeft == -1 && !late.statutoryOverdue)
        #expect(clock.statutoryOverdue(on: day("2026-11-02"), calendar: calendar))
        #expect(!clock.statutoryOverdue(on: day("2026-10-30"), calendar: calendar))
    }

    @Test(
        "warning, overdue and on-track boundaries (accepted Mon 2026-03-02, 5 working days, due Mon 03-09)",
        arguments: [
            ("2026-03-02", 1, DeadlineClock.State.onTrack, 5),
            ("2026-03-05", 1, .onTrack, 2),
            ("2026-03-05", 2, .warning, 2),
            ("2026-03-06", 1, .warning, 1),
            ("2026-03-07", 1, .warning, 1),  // Saturday: Monday is still to come
            ("2026-03-09", 1, .warning, 0),  // the due day itself
            ("2026-03-09", 0, .warning, 0),
            ("2026-03-06", 0, .onTrack, 1),
            ("2026-03-10", 1, .overdue, -1),
            ("2026-03-13", 1, .overdue, -4),
        ]
    )
    func boundaries(today: String, warningWithin: Int, state: DeadlineClock.State, left: Int) {
        let clock = clock("2026-03-02", statutory: 5, promised: 5)
        let status = clock.status(on: day(today), calendar: calendar, warningWithin: warningWithin)
        #expect(status.state == state && status.workingDaysLeft == left)
        #expect(clock.state(on: day(today), calendar: calendar, warningWithin: warningWithin) == state)
        #expect(clock.workingDaysLeft(on: day(today), calendar: calendar).value == left)
    }

    @Test("the day after a Friday due date is overdue even though no working day has passed")
    func overdueOnWeekend() {
        let status = clock("2026-03-02", statutory: 4, promised: 4).status(on: day("2026-03-07"), calendar: calendar)
        #expect(status.promisedDue == day("2026-03-06") && status.state == .overdue && status.workingDaysLeft == 0)
    }

    @Test("a 补正 pause of 3 working days moves both due dates by exactly 3 working days")
    func pauseAndResume() throws {
        var clock = clock("2026-03-02", statutory: 10, promised: 8)
        let promisedBefore = clock.promisedDue(on: day("2026-03-02"), calendar: calendar).value
        let statutoryBefore = clock.statutoryDue(on: day("2026-03-02"), calendar: calendar).value
        try clock.pause(.supplement, reason: "缺少营业执照复印件", applicantNotifiedInWriting: true, on: day("2026-03-04"))
        try clock.resume(on: day("2026-03-09"))  // Thu 5, Fri 6 and Mon 9 are not counted
        let status = clock.status(on: day("2026-03-09"), calendar: calendar)
        #expect(status.promisedDue == (try calendar.adding(workingDays: 3, to: promisedBefore)).value)
        #expect(status.statutoryDue == (try calendar.adding(workingDays: 3, to: statutoryBefore)).value)
        #expect(status.statutoryDue == day("2026-03-19"))
        #expect(status.workingDaysUsed == 2 && status.workingDaysLeft == 6 && status.state == .onTrack)
        #expect(clock.pausedWorkingDays(asOf: day("2026-03-09"), calendar: calendar).value == 3)
        let pause = try #require(clock.pauses.first)
        #expect(clock.pauses.count == 1 && pause.kind == .supplement && pause.reason == "缺少营业执照复印件")
        #expect(pause.applicantNotifiedInWriting && pause.pausedOn == day("2026-03-04") && pause.resumedOn == day("2026-03-09"))
    }

    @Test("while a pause is open the due dates move with the calendar and the days left stay put")
    func openPause() throws {
        var clock = clock("2026-03-02", statutory: 10, promised: 10)
        try clock.pause(.appraisal, reason: "送检鉴定", applicantNotifiedInWriting: true, on: day("2026-03-04"))
        #expect(clock.isPaused)
        var seen: [DeadlineClock.Status] = []
        for today in ["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-09"] {
            seen.append(clock.status(on: day(today), calendar: calendar))
        }
        #expect(seen.allSatisfy { $0.state == .paused && $0.workingDaysUsed == 2 && $0.workingDaysLeft == 8 })
        #expect(seen.map(\.promisedDue) == ["2026-03-16", "2026-03-17", "2026-03-18", "2026-03-18", "2026-03-19"].map(day))
        #expect(clock.state(on: day("2026-03-03"), calendar: calendar) == .onTrack)  // read before the pause began
    }

    @Test("pausing and resuming on the same day excludes nothing; a later pause after a resume is fine")
    func pauseSameDay() throws {
        var clock = clock("2026-03-02", statutory: 5, promised: 5)
        try clock.pause(.hearing, reason: "听证", applicantNotifiedInWriting: true, on: day("2026-03-03"))
        try clock.resume(on: day("2026-03-03"))
        #expect(clock.promisedDue(on: day("2026-03-03"), calendar: calendar).value == day("2026-03-09"))
        try clock.pause(.expertReview, reason: "专家评审", applicantNotifiedInWriting: true, on: day("2026-03-03"))
        try clock.resume(on: day("2026-03-04"))
        #expect(clock.promisedDue(on: day("2026-03-04"), calendar: calendar).value == day("2026-03-10"))
        #expect(clock.pauses.count == 2 && !clock.isPaused)
    }

    @Test("a duty leader's extension moves both due dates by its working days")
    func extensionMovesBoth() throws {
        var clock = clock("2026-03-02", statutory: 20, promised: 15)
        let promised = clock.promisedDue(on: day("2026-03-10"), calendar: calendar).value
        let statutory = clock.statutoryDue(on: day("2026-03-10"), calendar: calendar).value
        try clock.extend(by: 10, reason: "需要上级机关审查", approvedBy: DeadlineFixture.leader, on: day("2026-03-10"))
        #expect(clock.grantedExtension?.approvedBy == DeadlineFixture.leader.badge && clock.extensionDays == 10)
        let status = clock.status(on: day("2026-03-10"), calendar: calendar)
        #expect(status.promisedDue == (try calendar.adding(workingDays: 10, to: promised)).value)
        #expect(status.statutoryDue == (try calendar.adding(workingDays: 10, to: statutory)).value)
        #expect(status.workingDaysUsed + status.workingDaysLeft == 25)
    }

    @Test("extension rules: a duty leader only, at most the maximum, positive, with a reason, once")
    func extensionRules() throws {
        var clock = clock("2026-03-02", statutory: 20, promised: 20)
        let leader = DeadlineFixture.leader
        let on = day("2026-03-10")
        #expect(throws: DeadlineError.extensionNeedsDutyLeader) {
            try clock.extend(
                by: 5,
                reason: "复杂",
                approvedBy: DeadlineFixture.officer,
                on: on
            )
        }
        #expect(throws: DeadlineError.extensionNeedsDutyLeader) {
            try clock.extend(
                by: 5,
                reason: "复杂",
                approvedBy: DeadlineFixture.admin,
                on: on
            )
        }
        #expect(throws: DeadlineError.extensionTooLong(max: 10)) { try clock.extend(by: 11, reason: "复杂", approvedBy: leader, on: on) }
        #expect(throws: DeadlineError.extensionTooLong(max: 5)) {
            try clock.extend(by: 6, reason: "复杂", approvedBy: leader, on: on, maxWorkingDays: 5)
        }
        #expect(throws: DeadlineError.extensionNotPositive) { try clock.extend(by: 0, reason: "复杂", approvedBy: leader, on: on) }
        #expect(throws: DeadlineError.emptyReason) { try clock.extend(by: 5, reason: "  \n", approvedBy: leader, on: on) }
        #expect(throws: DeadlineError.beforeAcceptance) { try clock.extend(by: 5, reason: "复杂", approvedBy: leader, on: day("2026-03-01")) }
        #expect(clock.grantedExtension == nil)
        try clock.extend(by: 10, reason: "  复杂  ", approvedBy: leader, on: on)
        #expect(clock.grantedExtension?.reason == "复杂")
        #expect(throws: DeadlineError.extensionAlreadyGranted) { try clock.extend(by: 1, reason: "再延", approvedBy: leader, on: on) }
    }

    @Test("limits: promised at most statutory, neither negative; zero is allowed")
    func limits() throws {
        let monday = day("2026-03-02")
        #expect(throws: DeadlineError.promisedExceedsStatutory) { try DeadlineClock(acceptedOn: monday, statutoryLimit: 5, promisedLimit: 6) }
        #expect(throws: DeadlineError.negativeLimit) { try DeadlineClock(acceptedOn: monday, statutoryLimit: -1, promisedLimit: -1) }
        #expect(throws: DeadlineError.negativeLimit) { try DeadlineClock(acceptedOn: monday, statutoryLimit: 5, promisedLimit: -1) }
        let sameDay = try DeadlineClock(acceptedOn: day("2026-03-07"), statutoryLimit: 0, promisedLimit: 0)
        #expect(sameDay.status(on: day("2026-03-07"), calendar: calendar).state == .warning)
        #expect(sameDay.status(on: day("2026-03-07"), calendar: calendar).promisedDue == day("2026-03-07"))
    }

    @Test("pause and resume refusals")
    func pauseRefusals() throws {
        var clock = clock("2026-03-02", statutory: 10, promised: 10)
        #expect(throws: DeadlineError.applicantNotNotified) {
            try clock.pause(.testing, reason: "送检", applicantNotifiedInWriting: false, on: day("2026-03-03"))
        }
        #expect(throws: DeadlineError.emptyReason) { try clock.pause(.testing, reason: " ", applicantNotifiedInWriting: true, on: day("2026-03-03")) }
        #expect(throws: DeadlineError.beforeAcceptance) {
            try clock.pause(.testing, reason: "送检", applicantNotifiedInWriting: true, on: day("2026-03-01"))
        }
        #expect(throws: DeadlineError.notPaused) { try clock.resume(on: day("2026-03-03")) }
        #expect(clock.pauses.isEmpty)

        try clock.pause(.testing, reason: "送检", applicantNotifiedInWriting: true, on: day("2026-03-04"))
        #expect(throws: DeadlineError.alreadyPaused) {
            try clock.pause(.inspection, reason: "现场核查", applicantNotifiedInWriting: true, on: day("2026-03-05"))
        }
        #expect(throws: DeadlineError.resumeBeforePause) { try clock.resume(on: day("2026-03-03")) }
        try clock.resume(on: day("2026-03-06"))
        #expect(throws: DeadlineError.notPaused) { try clock.resume(on: day("2026-03-07")) }
        #expect(throws: DeadlineError.beforeLastPause) {
            try clock.pause(.inspection, reason: "现场核查", applicantNotifiedInWriting: true, on: day("2026-03-05"))
        }
        #expect(throws: DeadlineError.beforeLastPause) { try clock.stop(on: day("2026-03-05")) }
    }

    @Test("a stopped clock reports .stopped, whether it finished in time, and takes no more events")
    func stop() throws {
        var onTime = clock("2026-03-02", statutory: 5, promised: 3)  // promised Thu 03-05, statutory Mon 03-09
        try onTime.stop(on: day("2026-03-05"))
        let done = onTime.status(on: day("2026-04-01"), calendar: calendar)
        #expect(done.state == .stopped && done.finishedInTime == true && done.workingDaysUsed == 3 && done.workingDaysLeft == 0)
        #expect(!done.statutoryOverdue)

        var late = clock("2026-03-02", statutory: 5, promised: 3)
        try late.stop(on: day("2026-03-06"))
        let lateStatus = late.status(on: day("2026-03-06"), calendar: calendar)
        #expect(lateStatus.state == .stopped && lateStatus.finishedInTime == false)
        #expect(lateStatus.workingDaysLeft == -1 && !lateStatus.statutoryOverdue)

        #expect(throws: DeadlineError.stopped) { try late.stop(on: day("2026-03-07")) }
        #expect(throws: DeadlineError.stopped) { try late.pause(.hearing, reason: "听证", applicantNotifiedInWriting: true, on: day("2026-03-07")) }
        #expect(throws: DeadlineError.stopped) { try late.resume(on: day("2026-03-07")) }
        #expect(throws: DeadlineError.stopped) { try late.extend(by: 1, reason: "晚了", approvedBy: DeadlineFixture.leader, on: day("2026-03-07")) }
        #expect(throws: DeadlineError.beforeAcceptance) {
            var fresh = self.clock("2026-03-02", statutory: 5, promised: 3)
            try fresh.stop(on: day("2026-03-01"))
        }
    }

    @Test("stopping a paused clock ends the pause on the stop day")
    func stopWhilePaused() throws {
        var clock = clock("2026-03-02", statutory: 5, promised: 5)
        try clock.pause(.supplement, reason: "等待补正", applicantNotifiedInWriting: true, on: day("2026-03-03"))
        #expect(throws: DeadlineError.beforeLastPause) { try clock.stop(on: day("2026-03-02")) }
        try clock.stop(on: day("2026-03-20"))
        #expect(!clock.isPaused && clock.pauses.last?.resumedOn == day("2026-03-20"))
        let status = clock.status(on: day("2026-03-20"), calendar: calendar)
        #expect(status.state == .stopped && status.workingDaysUsed == 1 && status.finishedInTime == true)
    }

    @Test("a due date that runs into 2027 (no published notice) is provisional")
    func provisional() {
        // Mon 2026-12-21 + 10: Dec 22–25 (4), 28–31 (8), Fri 2027-01-01 counted as a weekday (9), Mon 01-04 (10).
        let clock = clock("2026-12-21", statutory: 10, promised: 5)
        #expect(clock.promisedDue(on: day("2026-12-21"), calendar: calendar) == .init(value: day("2026-12-28"), provisional: false))
        #expect(clock.statutoryDue(on: day("2026-12-21"), calendar: calendar) == .init(value: day("2027-01-04"), provisional: true))
        #expect(clock.status(on: day("2026-12-21"), calendar: calendar).provisional)
        #expect(clock.workingDaysUsed(on: day("2027-01-04"), calendar: calendar) == .init(value: 10, provisional: true))
        #expect(!self.clock("2026-03-02", statutory: 10, promised: 5).status(on: day("2026-03-02"), calendar: calendar).provisional)
    }

    @Test("a clock survives a JSON round trip; a corrupt row is refused when decoded")
    func codable() throws {
        var clock = clock("2026-03-02", statutory: 20, promised: 10)
        try clock.pause(.supplement, reason: "补正", applicantNotifiedInWriting: true, on: day("2026-03-03"))
        try clock.resume(on: day("2026-03-05"))
        try clock.extend(by: 5, reason: "复杂", approvedBy: DeadlineFixture.leader, on: day("2026-03-06"))
        try clock.pause(.hearing, reason: "听证", applicantNotifiedInWriting: true, on: day("2026-03-09"))
        let data = try JSONEncoder().encode(clock)
        #expect(try JSONDecoder().decode(DeadlineClock.self, from: data) == clock)
        try clock.stop(on: day("2026-03-20"))
        #expect(try JSONDecoder().decode(DeadlineClock.self, from: JSONEncoder().encode(clock)) == clock)

        // LocalDate encodes as {"year","month","day"}.
        func date(_ text: String) -> String {
            let d = day(text)
            return #"{"year":\#(d.year),"month":\#(d.month),"day":\#(d.day)}"#
        }
        let accepted = date("2026-03-02")
        let fresh = #"{"acceptedOn":\#(accepted),"statutoryLimit":20,"promisedLimit":10}"#
        #expect(try JSONDecoder().decode(DeadlineClock.self, from: Data(fresh.utf8)) == self.clock("2026-03-02", statutory: 20, promised: 10))
        let corrupt = [
            #"{"acceptedOn":\#(accepted),"statutoryLimit":5,"promisedLimit":10}"#,
            #"{"acceptedOn":\#(accepted),"statutoryLimit":20,"#
                + #""promisedLimit":10,"extension":{"workingDays":-3,"reason":"x","approvedBy":"100001","grantedOn":\#(date("2026-03-03"))}}"#,
            #"{"acceptedOn":\#(accepted),"statutoryLimit":20,"#
                + #""promisedLimit":10,"pauses":[{"kind":"hearing","reason":"x","#
                + #""applicantNotifiedInWriting":false,"pausedOn":\#(date("2026-03-03"))}]}"#,
            #"{"acceptedOn":\#(accepted),"statutoryLimit":20,"promisedLimit":10,"stoppedOn":\#(date("2026-03-01"))}"#,
        ]
        for json in corrupt {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(DeadlineClock.self, from: Data(json.utf8)) }
        }
    }
}
