import ChuangkouCore
import Foundation
import PropertyBased
import Testing

@Suite("Rectification of bad reviews (差评整改)")
struct RectificationTests {
    let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())
    let officer = RatingFixture.officer
    let leader = RatingFixture.leader
    let supervisor = RatingFixture.supervisor
    let colleague = RatingFixture.colleague
    let now = RatingFixture.finished.addingTimeInterval(3_600)

    func opened(
        _ level: Satisfaction = .veryDissatisfied,
        contact: MobileNumber? = MobileNumber("13812345678"),
        on day: String = "2026-02-13"
    )
        throws -> Rectification
    {
        try Rectification.open(id: RectificationID(UUID()), for: RatingFixture.rating(level, contact: contact), handler: leader, on: LocalDate(day)!)
            .0
    }

    @Test("every 差评 opens an item for its handler; a good rating opens none", arguments: Satisfaction.allCases)
    func opening(level: Satisfaction) throws {
        let rating = RatingFixture.rating(level)
        let attempt = Result<(Rectification, [RectificationEffect]), RectificationError>(catching: {
            () throws(RectificationError) -> (Rectification, [RectificationEffect]) in
            try Rectification.open(id: RectificationID(UUID()), for: rating, handler: leader, on: LocalDate("2026-02-13")!)
        })
        switch attempt {
        case .success(let (item, effects)):
            #expect(level.isBad)
            #expect(item.stage == .open && item.handler == leader && item.ratedOfficer == officer && item.raterHasContact)
            #expect(effects.contains(.notifyHandler(leader)))
        case .failure(let error):
            #expect(!level.isBad && error == .notABadRating)
        }
    }

    @Test("the rated officer is never the handler, at opening or on reassignment")
    func neverTheRatedOfficer() throws {
        #expect(throws: RectificationError.handlerIsRatedOfficer) {
            try Rectification.open(
                id: RectificationID(UUID()),
                for: RatingFixture.rating(.dissatisfied),
                handler: officer,
                on: LocalDate("2026-02-13")!
            )
        }
        var item = try opened()
        #expect(throws: RectificationError.handlerIsRatedOfficer) { try item.reassign(to: officer, by: supervisor, at: now) }
        #expect(throws: RectificationError.ratedOfficerCannotAct) { try item.reassign(to: colleague, by: officer, at: now) }
        #expect(throws: RectificationError.sameHandler) { try item.reassign(to: leader, by: supervisor, at: now) }
        let effects = try item.reassign(to: colleague, by: supervisor, at: now)
        #expect(item.handler == colleague && effects.contains(.notifyHandler(colleague)))
    }

    /// (on duty, other leaders, supervisors) → who an overdue item goes up to, for handler 100001 and rated officer 100002.
    static let escalations: [([String], [String], [String], String?)] = [
        (["100003"], ["100004"], ["100005"], "100003"),  // the leader on duty at that moment, nobody else
        ([], ["100004", "100006"], ["100005"], "100004"),  // nobody planned: another duty leader, as the assignment
        (["100001"], ["100004"], ["100005"], "100004"),  // the handler on duty does not escalate to themselves
        (["100002"], [], ["100005"], "100005"),  // the rated officer on duty is passed over; a supervisor
        ([], ["100001"], ["100002", "100005"], "100005"),
        (["100001"], ["100002"], [], nil),  // nobody but the handler and the rated officer
    ]

    @Test("an overdue item goes up to the one leader on duty then, else falls back as the assignment does", arguments: escalations)
    func escalation(onDuty: [String], others: [String], supervisors: [String], expected: String?) {
        let badges = { (texts: [String]) in texts.map { Badge($0)! } }
        let target = RectificationAssignment.escalation(
            handler: Badge("100001")!,
            ratedOfficer: Badge("100002")!,
            dutyLeadersOnDuty: badges(onDuty),
            otherLeaders: badges(others),
            supervisors: badges(supervisors)
        )
        #expect(target == expected.flatMap(Badge.init))
    }

    @Test("the assignment rule never picks the rated officer, whoever is on duty")
    func assignmentProperty() async {
        let pool = (0..<6).map { Badge(String(format: "%06d", 100_000 + $0))! }
        await propertyCheck(input: Gen.int(in: 0...5), Gen.int(in: 0...63), Gen.int(in: 0...63), Gen.int(in: 0...63)) { rated, a, b, c in
            func pick(_ mask: Int) -> [Badge] { pool.indices.filter { mask & (1 << $0) != 0 }.map { pool[$0] } }
            let ratedOfficer = pool[rated]
            let everyone = pick(a) + pick(b) + pick(c)
            do {
                let handler = try RectificationAssignment.handler(
                    ratedOfficer: ratedOfficer,
                    dutyLeadersOnDuty: pick(a),
                    otherLeaders: pick(b),
                    supervisors: pick(c)
                )
                #expect(handler != ratedOfficer)
                #expect(handler == everyone.first { $0 != ratedOfficer })
            } catch let error as RectificationError {
                #expect(error == .noHandlerAvailable)
                #expect(everyone.allSatisfy { $0 == ratedOfficer })
            } catch {
                Issue.record(error)
            }
        }
    }

    @Test("a rater who left a contact is called back before any outcome: reached, or tried three times")
    func returnVisitOwed() throws {
        var item = try opened()
        #expect(throws: RectificationError.returnVisitOwed) { try item.resolve(.explained(description: "已解释"), by: leader, at: now) }
        #expect(throws: RectificationError.notHandler) {
            try item.recordReturnVisit(.contacted, note: "已联系", by: colleague, at: now)
        }
        _ = try item.recordReturnVisit(.unreachable, attempts: 2, note: "两次无人接听", by: leader, at: now)
        #expect(!item.returnVisitDone(policy: .init()))
        _ = try item.recordReturnVisit(.unreachable, note: "第三次无人接听", by: leader, at: now)
        #expect(item.returnVisitDone(policy: .init()))
        let effects = try item.resolve(.explained(description: "系统故障导致等待过长，已向评价人说明"), by: leader, at: now)
        #expect(item.stage == .closed)
        #expect(effects.contains(.notifyRater(.explained(description: "系统故障导致等待过长，已向评价人说明"))))
    }

    @Test("without a contact no call is owed, and the rater is not messaged")
    func noContact() throws {
        var item = try opened(contact: nil)
        #expect(throws: RectificationError.noContact) { try item.recordReturnVisit(.contacted, note: "x", by: leader, at: now) }
        let effects = try item.resolve(.fixedNow(description: "已调整窗口排班"), by: leader, at: now)
        #expect(!effects.contains { if case .notifyRater = $0 { true } else { false } })
    }

    @Test("notes are masked and bounded; a fix date cannot be before the item opened")
    func textsAndDates() throws {
        var item = try opened()
        _ = try item.recordReturnVisit(.contacted, note: "评价人说其电话13812345678可联系", by: leader, at: now)
        #expect(item.returnVisits.last?.note == "评价人说其电话138****5678可联系")
        #expect(throws: RectificationError.emptyText) { try item.resolve(.fixedNow(description: "  "), by: leader, at: now) }
        #expect(throws: RectificationError.fixDateBeforeOpening) {
            try item.resolve(.fixedBy(LocalDate("2026-02-12")!, description: "培训"), by: leader, at: now)
        }
        _ = try item.resolve(.fixedBy(LocalDate("2026-03-01")!, description: "组织服务规范培训"), by: leader, at: now)
        #expect(throws: RectificationError.closed) { try item.resolve(.fixedNow(description: "再次"), by: leader, at: now) }
    }

    @Test("an appeal is decided by a third person; upheld excludes the rating, rejected sends the item back")
    func appeal() throws {
        var item = try opened()
        _ = try item.recordReturnVisit(.contacted, note: "评价人承认误按", by: leader, at: now)
        _ = try item.fileAppeal(.mistaken, reason: "评价人误按", by: leader, at: now)
        #expect(item.stage == .appealed)
        #expect(throws: RectificationError.appealPending) { try item.resolve(.explained(description: "x"), by: leader, at: now) }
        #expect(throws: RectificationError.appealDecidedByHandler) { try item.decideAppeal(upheld: true, reason: "同意", by: leader, at: now) }
        #expect(throws: RectificationError.ratedOfficerCannotAct) { try item.decideAppeal(upheld: true, reason: "同意", by: officer, at: now) }
        var rejected = item
        _ = try rejected.decideAppeal(upheld: false, reason: "证据不足", by: supervisor, at: now)
        #expect(rejected.stage == .open && !rejected.excludesRating)
        #expect(throws: RectificationError.appealAlreadyFiled) { try rejected.fileAppeal(.malicious, reason: "再申诉", by: leader, at: now) }
        let effects = try item.decideAppeal(upheld: true, reason: "核实为误评", by: supervisor, at: now)
        #expect(item.stage == .closed && item.excludesRating && effects.contains(.excludeRating(item.rating)))
    }

    @Test("the rater rates the fix once, and only after an outcome")
    func fixRating() throws {
        var item = try opened(contact: nil)
        #expect(throws: RatingError.fixNotRateable) { try item.rateFix(.satisfied, at: now) }
        _ = try item.resolve(.fixedNow(description: "已整改"), by: leader, at: now)
        _ = try item.rateFix(.satisfied, at: now)
        #expect(item.fixRating == .satisfied)
        #expect(throws: RatingError.fixNotRateable) { try item.rateFix(.verySatisfied, at: now) }
    }

    @Test(
        "1 and 15 working days across the 2026 调休 weekends",
        arguments: [
            // Fri 02-13: Sat 02-14 is a make-up day (1); 02-15…02-23 off; the 15th working day is Thu 03-12 (Sat 02-28 counts).
            ("2026-02-13", "2026-02-14", "2026-03-12"),
            // Fri 05-08: Sat 05-09 is a make-up day; Thu 05-28 is the 15th.
            ("2026-05-08", "2026-05-09", "2026-05-28"),
            // Wed 09-30: 10-01…07 off, Thu 10-08 (1); Sat 10-10 make-up (3); Tue 10-27 is the 15th.
            ("2026-09-30", "2026-10-08", "2026-10-27"),
        ]
    )
    func limits(opened day: String, contactDue: String, closeDue: String) throws {
        let item = try opened(on: day)
        let status = try item.status(on: LocalDate(day)!, calendar: calendar)
        #expect(status.contactDue == LocalDate(contactDue)! && status.closeDue == LocalDate(closeDue)!)
        #expect(status.state == .onTrack && status.workingDaysLeft == 15 && !status.provisional)
    }

    @Test("states: contact overdue the day after its limit, warning on the last working day, overdue after, closed")
    func states() throws {
        var item = try opened(on: "2026-02-13")
        func state(_ day: String) throws -> Rectification.State { try item.status(on: LocalDate(day)!, calendar: calendar).state }
        #expect(try state("2026-02-14") == .onTrack)
        #expect(try state("2026-02-24") == .contactOverdue)
        #expect(try state("2026-03-11") == .contactOverdue)
        _ = try item.recordReturnVisit(.contacted, note: "已联系", by: leader, at: now)
        #expect(try state("2026-03-10") == .onTrack)
        #expect(try state("2026-03-11") == .warning)
        #expect(try state("2026-03-12") == .warning)
        #expect(try state("2026-03-13") == .overdue)
        #expect(try item.status(on: LocalDate("2026-03-16")!, calendar: calendar).workingDaysLeft == -2)
        _ = try item.resolve(.explained(description: "已说明"), by: leader, at: now)
        #expect(try state("2026-04-01") == .closed)
    }
}

@Suite("Opening the rater's phone for the return visit")
struct RectificationContactTests {
    static let rated = Badge("010231")!
    static let handler = Badge("010100")!
    static let other = Badge("010300")!

    static func item(contact: Bool, stage: Rectification.Stage = .open) -> Rectification {
        Rectification(
            id: RectificationID(UUID()),
            rating: RatingID(UUID()),
            ratedOfficer: rated,
            raterHasContact: contact,
            openedAt: Date(timeIntervalSince1970: 0),
            openedOn: LocalDate(year: 2026, month: 12, day: 2)!,
            handler: handler,
            stage: stage,
            returnVisits: [],
            outcome: nil,
            appeal: nil,
            fixRating: nil
        )
    }

    @Test("the handler only, while the item is open and the rater left a phone; never the rated officer")
    func whoMayOpen() throws {
        try Self.item(contact: true).checkRevealContact(by: Self.handler)
        try Self.item(contact: true, stage: .appealed).checkRevealContact(by: Self.handler)
        #expect(throws: RectificationError.notHandler) { try Self.item(contact: true).checkRevealContact(by: Self.other) }
        #expect(throws: RectificationError.ratedOfficerCannotAct) { try Self.item(contact: true).checkRevealContact(by: Self.rated) }
        #expect(throws: RectificationError.noContact) { try Self.item(contact: false).checkRevealContact(by: Self.handler) }
        #expect(throws: RectificationError.closed) { try Self.item(contact: true, stage: .closed).checkRevealContact(by: Self.handler) }
    }
}
