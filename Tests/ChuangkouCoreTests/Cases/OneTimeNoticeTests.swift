import ChuangkouCore
import Foundation
import PropertyBased
import Testing

@Suite("One-time notice (一次性告知)")
struct OneTimeNoticeTests {
    let calendar = CaseFixture.calendar
    let guide = CaseFixture.toxicPermit
    func day(_ text: String) -> LocalDate { CaseFixture.day(text) }
    func item(_ index: Int, _ problem: NoticeItem.Problem = .missing) -> NoticeItem {
        try! NoticeItem(index: index, of: guide, problem: problem)
    }

    /// Materials received Mon 2026-03-02, notice with items 1 and 4 given the same day by the window officer.
    func noticed() throws -> OneTimeNoticeLedger {
        var ledger = OneTimeNoticeLedger(receivedOn: day("2026-03-02"))
        try ledger.issue([item(1), item(4)], by: CaseFixture.officer, on: day("2026-03-02"), calendar: calendar)
        return ledger
    }

    @Test("one notice per case; items listed must be new and unique; administrators do not issue")
    func once() throws {
        var ledger = try noticed()
        #expect(ledger.notice?.issuedBy == CaseFixture.officer.badge && ledger.items.map(\.index) == [1, 4])
        #expect(throws: NoticeError.alreadyIssued) {
            try ledger.issue([item(2)], by: CaseFixture.otherOfficer, on: day("2026-03-03"), calendar: calendar)
        }
        var fresh = OneTimeNoticeLedger(receivedOn: day("2026-03-02"))
        #expect(throws: NoticeError.noItems) { try fresh.issue([], by: CaseFixture.officer, on: day("2026-03-02"), calendar: calendar) }
        #expect(throws: NoticeError.duplicateItem(index: 1)) {
            try fresh.issue([item(1), item(1, .defective(reason: "x"))], by: CaseFixture.officer, on: day("2026-03-02"), calendar: calendar)
        }
        #expect(throws: NoticeError.officerMayNotIssue) {
            try fresh.issue([item(1)], by: CaseFixture.admin, on: day("2026-03-02"), calendar: calendar)
        }
        #expect(throws: NoticeError.beforeReceipt) {
            try fresh.issue([item(1)], by: CaseFixture.officer, on: day("2026-03-01"), calendar: calendar)
        }
        #expect(fresh.notice == nil && fresh.history.isEmpty)
    }

    @Test("THE rule: an item not on the notice is refused without an approved correction")
    func unlistedRefused() throws {
        var ledger = try noticed()
        try ledger.request(1, on: day("2026-03-04"))
        #expect(throws: NoticeError.notOnNotice(index: 2)) { try ledger.request(2, on: day("2026-03-04")) }
        #expect(throws: NoticeError.notOnNotice(index: 2)) { try ledger.receive(2, on: day("2026-03-04")) }
        #expect(ledger.breaches.isEmpty)
        var none = OneTimeNoticeLedger(receivedOn: day("2026-03-02"))
        #expect(throws: NoticeError.noNotice) { try none.request(1, on: day("2026-03-04")) }
    }

    @Test("an approved correction adds the items and records a breach against the officer who issued the notice")
    func correctionIsBreach() throws {
        var ledger = try noticed()
        let added = item(2, .defective(reason: "用途说明未写明储存地点"))
        #expect(throws: NoticeError.correctionNeedsDutyLeader) {
            try ledger.correct(adding: [added], reason: "漏告知", approvedBy: CaseFixture.otherOfficer, on: day("2026-03-05"))
        }
        #expect(throws: NoticeError.blankReason) {
            try ledger.correct(adding: [added], reason: " ", approvedBy: CaseFixture.leader, on: day("2026-03-05"))
        }
        #expect(throws: NoticeError.alreadyOnNotice(index: 4)) {
            try ledger.correct(adding: [item(4)], reason: "漏告知", approvedBy: CaseFixture.leader, on: day("2026-03-05"))
        }
        #expect(throws: NoticeError.beforeNotice) {
            try ledger.correct(adding: [added], reason: "漏告知", approvedBy: CaseFixture.leader, on: day("2026-03-01"))
        }
        #expect(ledger.breaches.isEmpty && ledger.corrections.isEmpty)

        try ledger.correct(adding: [added], reason: " 告知时漏列储存地点 ", approvedBy: CaseFixture.leader, on: day("2026-03-05"))
        try ledger.request(2, on: day("2026-03-05"))
        #expect(ledger.items.map(\.index) == [1, 4, 2] && ledger.isListed(2))
        let breach = try #require(ledger.breaches.first)
        #expect(ledger.breaches.count == 1 && breach.officer == CaseFixture.officer.badge)
        #expect(breach.noticeIssuedOn == day("2026-03-02") && breach.recordedOn == day("2026-03-05"))
        #expect(breach.items == [added] && breach.reason == "告知时漏列储存地点" && breach.approvedBy == CaseFixture.leader.badge)
    }

    @Test("a duty leader may not approve the correction of their own notice")
    func selfApproval() throws {
        var ledger = OneTimeNoticeLedger(receivedOn: day("2026-03-02"))
        try ledger.issue([item(1)], by: CaseFixture.leader, on: day("2026-03-02"), calendar: calendar)
        #expect(throws: NoticeError.selfApproval) {
            try ledger.correct(adding: [item(2)], reason: "漏告知", approvedBy: CaseFixture.leader, on: day("2026-03-03"))
        }
    }

    @Test("receiving every listed item lets intake resume; asking again for a listed item reopens it")
    func supplied() throws {
        var ledger = try noticed()
        #expect(!ledger.allSupplied && ledger.outstanding.map(\.index) == [1, 4])
        try ledger.receive(4, on: day("2026-03-06"))
        #expect(!ledger.allSupplied && ledger.outstanding.map(\.index) == [1])
        try ledger.receive(1, on: day("2026-03-06"))
        #expect(ledger.allSupplied && ledger.outstanding.isEmpty)
        try ledger.request(1, on: day("2026-03-06"))  // what came was still defective
        #expect(!ledger.allSupplied && ledger.outstanding.map(\.index) == [1])
        #expect(throws: NoticeError.beforeNotice) { try ledger.receive(1, on: day("2026-03-01")) }
        #expect(!OneTimeNoticeLedger(receivedOn: day("2026-03-02")).allSupplied)
    }

    @Test("unlisted(in:) names what a re-check finds wrong that the notice does not list")
    func unlisted() throws {
        let ledger = try noticed()
        var checklist = CaseFixture.complete(guide)
        try checklist.mark(1, .missing)
        try checklist.mark(3, .defective(reason: "身份证已过期"))
        #expect(ledger.unlisted(in: checklist) == [item(3, .defective(reason: "身份证已过期"))])
    }

    @Test("Art. 32 deadline: 5 working days from the day after receipt, across the Spring Festival")
    func deadline() {
        // Thu 02-12: Fri 13 (1), Sat 14 make-up (2), 15–23 off, Tue 24 (3), Wed 25 (4), Thu 26 (5).
        #expect(
            OneTimeNoticeLedger.noticeDeadline(received: day("2026-02-12"), calendar: calendar)
                == .init(value: day("2026-02-26"), provisional: false)
        )
        #expect(OneTimeNoticeLedger(receivedOn: day("2026-03-02")).noticeDeadline(calendar: calendar).value == day("2026-03-09"))
        #expect(OneTimeNoticeLedger.noticeDeadline(received: day("2031-03-03"), calendar: calendar).provisional)
    }

    @Test(
        "warning and deemed-acceptance boundaries (received Mon 2026-03-02, deadline Mon 03-09)",
        arguments: [
            ("2026-03-01", false, false),
            ("2026-03-02", false, false),
            ("2026-03-05", false, false),
            ("2026-03-06", true, false),  // the last working day before the deadline
            ("2026-03-07", true, false),  // the weekend in between
            ("2026-03-09", true, false),  // the deadline itself
            ("2026-03-10", false, true),
            ("2026-04-30", false, true),
        ]
    )
    func boundaries(today: String, warn: Bool, deemed: Bool) {
        let ledger = OneTimeNoticeLedger(receivedOn: day("2026-03-02"))
        #expect(ledger.shouldWarn(today: day(today), calendar: calendar) == warn)
        #expect(ledger.deemedAccepted(today: day(today), calendar: calendar) == deemed)
    }

    @Test("across the Spring Festival: warned on 02-25 and 02-26, deemed accepted from 02-27")
    func springFestival() {
        let ledger = OneTimeNoticeLedger(receivedOn: day("2026-02-12"))
        let warned = ["2026-02-13", "2026-02-20", "2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27"].map {
            ledger.shouldWarn(today: day($0), calendar: calendar)
        }
        #expect(warned == [false, false, false, true, true, false])
        #expect(!ledger.deemedAccepted(today: day("2026-02-26"), calendar: calendar))
        #expect(ledger.deemedAccepted(today: day("2026-02-27"), calendar: calendar))
    }

    @Test("a notice or a decision by the deadline stops the warning and the deemed acceptance; a late notice is refused")
    func noticeInTime() throws {
        var onTime = OneTimeNoticeLedger(receivedOn: day("2026-03-02"))
        try onTime.issue([item(1)], by: CaseFixture.officer, on: day("2026-03-09"), calendar: calendar)
        #expect(!onTime.shouldWarn(today: day("2026-03-09"), calendar: calendar))
        #expect(!onTime.deemedAccepted(today: day("2026-03-20"), calendar: calendar))

        var late = OneTimeNoticeLedger(receivedOn: day("2026-03-02"))
        #expect(throws: NoticeError.deadlinePassed(deadline: day("2026-03-09"))) {
            try late.issue([item(1)], by: CaseFixture.officer, on: day("2026-03-10"), calendar: calendar)
        }
        #expect(late.notice == nil && late.history.isEmpty && late.deemedAccepted(today: day("2026-03-10"), calendar: calendar))

        var decided = OneTimeNoticeLedger(receivedOn: day("2026-03-02"))
        try decided.recordDecision(on: day("2026-03-02"))
        #expect(!decided.shouldWarn(today: day("2026-03-09"), calendar: calendar))
        #expect(!decided.deemedAccepted(today: day("2026-03-20"), calendar: calendar))
        #expect(throws: NoticeError.intakeDecided) {
            try decided.issue([item(1)], by: CaseFixture.officer, on: day("2026-03-03"), calendar: calendar)
        }
        #expect(throws: NoticeError.alreadyDecided) { try decided.recordDecision(on: day("2026-03-03")) }

        var decidedLate = OneTimeNoticeLedger(receivedOn: day("2026-03-02"))
        try decidedLate.recordDecision(on: day("2026-03-11"))
        #expect(decidedLate.deemedAccepted(today: day("2026-03-11"), calendar: calendar))
    }

    @Test("the whole way: checklist → notice → supplements → accepted, the case deciding from the day intake resumes")
    func walkThrough() throws {
        let applicant = CaseFixture.organisation()
        var checklist = CaseFixture.complete(guide)
        try checklist.mark(2, .missing)
        try checklist.mark(5, .defective(reason: "申请表未盖章"))
        guard case .oneTimeNotice(let items) = try checklist.outcome(guide: guide, applicant: applicant, commitmentSigned: false)
        else {
            Issue.record("expected a notice")
            return
        }
        var ledger = OneTimeNoticeLedger(receivedOn: day("2026-03-02"))
        try ledger.issue(items, by: CaseFixture.officer, on: day("2026-03-02"), calendar: calendar)
        for item in items {
            try ledger.receive(item.index, on: day("2026-03-12"))
            try checklist.mark(item.index, .provided(originals: 1, copies: 0))
        }
        #expect(ledger.allSupplied && ledger.unlisted(in: checklist).isEmpty)
        #expect(try checklist.outcome(guide: guide, applicant: applicant, commitmentSigned: false) == .accept)
        try ledger.recordDecision(on: day("2026-03-12"))
        #expect(!ledger.deemedAccepted(today: day("2026-03-12"), calendar: calendar) && ledger.breaches.isEmpty)
    }

    @Test("stored as its history and replayed; a corrupt history fails to decode")
    func codable() throws {
        var ledger = try noticed()
        try ledger.receive(1, on: day("2026-03-03"))
        try ledger.correct(adding: [item(3)], reason: "漏告知", approvedBy: CaseFixture.leader, on: day("2026-03-04"))
        try ledger.request(1, on: day("2026-03-04"))
        try ledger.recordDecision(on: day("2026-03-20"))
        let data = try JSONEncoder().encode(ledger)
        let decoded = try JSONDecoder().decode(OneTimeNoticeLedger.self, from: data)
        #expect(decoded == ledger && decoded.breaches.count == 1 && decoded.outstanding.map(\.index) == [1, 4, 3])

        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var history = try #require(json["history"] as? [Any])
        history.append(history[0])  // a second original notice
        json["history"] = history
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(OneTimeNoticeLedger.self, from: JSONSerialization.data(withJSONObject: json))
        }
    }

    @Test("errors read in both languages")
    func messages() {
        #expect(NoticeError.notOnNotice(index: 2).chinese.contains("第3项材料不在一次性告知书内"))
        #expect(NoticeError.deadlinePassed(deadline: day("2026-03-09")).english.contains("2026-03-09"))
    }

    @Test("property: a request succeeds exactly for listed items, and each correction is one breach")
    func requestProperty() async {
        await propertyCheck(input: Gen.int(in: 0...5).set(ofAtMost: 1...6), Gen.int(in: 0...5)) { listed, asked in
            guard !listed.isEmpty else { return }
            var ledger = OneTimeNoticeLedger(receivedOn: day("2026-03-02"))
            try ledger.issue(listed.sorted().map { item($0) }, by: CaseFixture.officer, on: day("2026-03-02"), calendar: calendar)
            if listed.contains(asked) {
                try ledger.request(asked, on: day("2026-03-03"))
            } else {
                #expect(throws: NoticeError.notOnNotice(index: asked)) { try ledger.request(asked, on: day("2026-03-03")) }
                try ledger.correct(adding: [item(asked)], reason: "漏告知", approvedBy: CaseFixture.leader, on: day("2026-03-03"))
                try ledger.request(asked, on: day("2026-03-03"))
                #expect(ledger.breaches.count == 1 && ledger.breaches[0].items.map(\.index) == [asked])
            }
        }
    }

    @Test("property: deemed acceptance comes exactly after the deadline, never together with a warning")
    func deemedProperty() async {
        let first = day("2025-01-01")
        await propertyCheck(input: Gen.int(in: 0...700), Gen.int(in: 0...30)) { offset, after in
            let received = try first.adding(days: offset)
            let ledger = OneTimeNoticeLedger(receivedOn: received)
            let deadline = ledger.noticeDeadline(calendar: calendar).value
            #expect(calendar.isWorkingDay(deadline).value)
            #expect(calendar.workingDays(after: received, through: deadline).value == 5)
            let today = try received.adding(days: after)
            let deemed = ledger.deemedAccepted(today: today, calendar: calendar)
            #expect(deemed == (today > deadline))
            #expect(!(deemed && ledger.shouldWarn(today: today, calendar: calendar)))
            if today == deadline { #expect(ledger.shouldWarn(today: today, calendar: calendar)) }
        }
    }
}
