import ChuangkouCore
import Foundation
import PropertyBased
import Testing

@Suite("Complaints (投诉)")
struct ComplaintTests {
    let officer = Badge("010231")!
    let colleague = Badge("010232")!
    let supervisor = Badge("010300")!
    let leader = Badge("010100")!
    let now = Date(timeIntervalSince1970: 1_771_000_000)
    let day = LocalDate("2026-02-13")!

    func filed(
        about subject: Complaint.Subject? = nil,
        contact: Bool = true,
        concerned: Set<Badge> = [],
        channel: Complaint.Channel = .online,
        text: String = "窗口民警态度生硬"
    ) throws -> Complaint {
        let filing = Complaint.Filing(
            channel: channel,
            recordedBy: channel.isTakenByStaff ? leader : nil,
            subject: subject ?? .officer(officer),
            text: text,
            hasContact: contact,
            transferNumber: channel == .phone12389 ? "12389-2026-0001" : nil
        )
        return try Complaint.file(filing, id: ComplaintID(UUID()), concerned: concerned, at: now, on: day).0
    }

    func investigating(contact: Bool = true) throws -> Complaint {
        var complaint = try filed(contact: contact)
        _ = try complaint.acknowledge(handler: supervisor, by: supervisor, at: now, on: day)
        return complaint
    }

    @Test("a complaint about an officer concerns that officer; free text is masked")
    func filing() throws {
        let complaint = try filed(text: "他让我打13812345678，身份证110101199003074514也被大声念出")
        #expect(complaint.concerned == [officer])
        #expect(complaint.stage == .received && complaint.handler == nil)
        #expect(!complaint.text.contains("13812345678") && !complaint.text.contains("110101199003074514"))
        #expect(complaint.text.contains("138****5678"))
        #expect(!complaint.isVisible(to: officer) && complaint.isVisible(to: colleague))
    }

    @Test(
        "filing refuses what is not a complaint",
        arguments: [
            (Complaint.Filing(channel: .online, subject: .hall, text: "   ", hasContact: false), ComplaintError.emptyText),
            (.init(channel: .online, subject: .hall, text: String(repeating: "字", count: 2_001), hasContact: false), .textTooLong(max: 2_000)),
            (.init(channel: .online, recordedBy: Badge("010100")!, subject: .hall, text: "x", hasContact: false), .recorderMismatch),
            (.init(channel: .hall, subject: .hall, text: "x", hasContact: false), .recorderMismatch),
            (.init(channel: .phone12389, recordedBy: Badge("010100")!, subject: .hall, text: "x", hasContact: true), .transferNumberRequired),
            (
                .init(
                    channel: .phone12389,
                    recordedBy: Badge("010100")!,
                    subject: .hall,
                    text: "x",
                    hasContact: true,
                    transferNumber: "12389 ; drop"
                ),
                .transferNumberRequired
            ),
            (
                .init(channel: .hall, recordedBy: Badge("010231")!, subject: .officer(Badge("010231")!), text: "x", hasContact: true),
                .concernedOfficer
            ),
        ]
    )
    func refusedFilings(filing: Complaint.Filing, expected: ComplaintError) {
        #expect(throws: expected) { try Complaint.file(filing, id: ComplaintID(UUID()), concerned: [], at: now, on: day) }
    }

    @Test("a window subject is a typed window number: stored as the bare number it always was, out of range unreadable")
    func windowSubjectCoding() throws {
        let stored = try JSONEncoder().encode(Complaint.Subject.window(WindowNumber("7")!))
        #expect(String(decoding: stored, as: UTF8.self) == #"{"window":{"_0":7}}"#)
        #expect(try JSONDecoder().decode(Complaint.Subject.self, from: stored) == .window(WindowNumber("7")!))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Complaint.Subject.self, from: Data(#"{"window":{"_0":1000}}"#.utf8)) }
    }

    @Test("12389 transfers keep their work-order number")
    func transfer() throws {
        let complaint = try filed(channel: .phone12389)
        #expect(complaint.transferNumber == "12389-2026-0001" && complaint.recordedBy == leader)
    }

    @Test("no officer the complaint concerns acknowledges, handles, reassigns, extends or answers it")
    func concernedOfficersNeverAct() throws {
        var complaint = try filed(concerned: [colleague])
        #expect(throws: ComplaintError.concernedOfficer) { try complaint.acknowledge(handler: officer, by: supervisor, at: now, on: day) }
        #expect(throws: ComplaintError.concernedOfficer) { try complaint.acknowledge(handler: colleague, by: supervisor, at: now, on: day) }
        #expect(throws: ComplaintError.concernedOfficer) { try complaint.acknowledge(handler: supervisor, by: officer, at: now, on: day) }
        #expect(throws: ComplaintError.concernedOfficer) { try complaint.extend(days: 10, reason: "需调取监控", by: colleague, at: now) }
        _ = try complaint.acknowledge(handler: leader, by: supervisor, at: now, on: day)
        #expect(throws: ComplaintError.concernedOfficer) { try complaint.reassign(to: officer, by: supervisor, at: now) }
        #expect(throws: ComplaintError.notHandler) { try complaint.addNote("x", by: supervisor, at: now) }
        #expect(throws: ComplaintError.sameHandler) { try complaint.reassign(to: leader, by: supervisor, at: now) }
        #expect(throws: ComplaintError.alreadyAcknowledged) { try complaint.acknowledge(handler: leader, by: supervisor, at: now, on: day) }
    }

    @Test("the whole loop: acknowledge, note, answer with a finding, unsatisfied, reopen once, answer again, satisfied")
    func closedLoop() throws {
        var complaint = try investigating()
        _ = try complaint.addNote("调取监控：民警确有不耐烦语气", by: supervisor, at: now)
        let answered = try complaint.answer("经查属实，已对该民警批评教育", finding: .substantiated, by: supervisor, at: now)
        #expect(answered.contains(.sendAnswer("经查属实，已对该民警批评教育")))
        #expect(answered.contains(.recordFinding(officer, .substantiated)))
        #expect(complaint.stage == .answered)
        #expect(throws: ComplaintError.reopenNeedsDissatisfaction) { try complaint.reopen(at: now, on: day) }
        _ = try complaint.rateAnswer(satisfied: false, at: now)
        #expect(throws: ComplaintError.alreadyRated) { try complaint.rateAnswer(satisfied: true, at: now) }
        let reopened = try complaint.reopen(at: now, on: LocalDate("2026-03-01")!)
        #expect(reopened.contains(.notifyHandler(supervisor)) && complaint.stage == .investigating)
        #expect(try complaint.answerDue() == LocalDate("2026-03-31")!)
        #expect(throws: ComplaintError.extensionAfterReopening) { try complaint.extend(days: 5, reason: "x", by: supervisor, at: now) }
        _ = try complaint.answer("复查：维持原答复，并向您致歉", by: supervisor, at: now)
        _ = try complaint.rateAnswer(satisfied: false, at: now)
        #expect(throws: ComplaintError.reopenedAlready) { try complaint.reopen(at: now, on: day) }
        _ = try complaint.close(by: supervisor, at: now)
        #expect(complaint.stage == .closed && complaint.answers.count == 2)
    }

    @Test("a satisfied complainant closes the complaint")
    func satisfiedCloses() throws {
        var complaint = try investigating()
        _ = try complaint.answer("已答复", by: supervisor, at: now)
        _ = try complaint.rateAnswer(satisfied: true, at: now)
        #expect(complaint.stage == .closed)
        #expect(throws: ComplaintError.reopenNeedsDissatisfaction) { try complaint.reopen(at: now, on: day) }
    }

    @Test("an anonymous complaint is answered on the record, sent to nobody and closed; nobody rates or reopens it")
    func anonymous() throws {
        var complaint = try investigating(contact: false)
        let effects = try complaint.answer("已核实处理", finding: .unsubstantiated, by: supervisor, at: now)
        #expect(!effects.contains { if case .sendAnswer = $0 { true } else { false } })
        #expect(effects.contains(.recordFinding(officer, .unsubstantiated)))
        #expect(complaint.stage == .closed)
        #expect(throws: ComplaintError.anonymous) { try complaint.rateAnswer(satisfied: false, at: now) }
        #expect(throws: ComplaintError.anonymous) { try complaint.reopen(at: now, on: day) }
    }

    @Test("a finding names an officer the complaint concerns")
    func findings() throws {
        var aboutWindow = try filed(about: .window(WindowNumber("3")!), concerned: [colleague])
        _ = try aboutWindow.acknowledge(handler: supervisor, by: supervisor, at: now, on: day)
        #expect(throws: ComplaintError.findingNeedsOfficer) { try aboutWindow.answer("x", finding: .substantiated, by: supervisor, at: now) }
        #expect(throws: ComplaintError.findingAgainstUnconcerned) {
            try aboutWindow.answer("x", finding: .substantiated, against: leader, by: supervisor, at: now)
        }
        let effects = try aboutWindow.answer("x", finding: .partlySubstantiated, against: colleague, by: supervisor, at: now)
        #expect(effects.contains(.recordFinding(colleague, .partlySubstantiated)))
    }

    @Test("one extension of at most 30 days, with a reason", arguments: [0, 1, 30, 31])
    func oneExtension(days: Int) throws {
        var complaint = try investigating()
        if (1...30).contains(days) {
            _ = try complaint.extend(days: days, reason: "需向外单位调查", by: supervisor, at: now)
            #expect(try complaint.answerDue() == (try day.adding(days: 60 + days)))
            #expect(throws: ComplaintError.alreadyExtended) { try complaint.extend(days: 1, reason: "再延", by: supervisor, at: now) }
        } else {
            #expect(throws: ComplaintError.extensionOutOfRange(max: 30)) { try complaint.extend(days: days, reason: "x", by: supervisor, at: now) }
            #expect(throws: ComplaintError.emptyText) { try complaint.extend(days: 5, reason: " ", by: supervisor, at: now) }
        }
    }

    @Test(
        "the 15 / 60 calendar-day limits",
        arguments: [
            ("2026-02-13", false, Complaint.State.onTrack),
            ("2026-02-25", false, .warning),  // 3 days before acknowledgement is due (02-28)
            ("2026-02-28", false, .warning),
            ("2026-03-01", false, .acknowledgeOverdue),
            ("2026-03-01", true, .onTrack),
            ("2026-04-11", true, .warning),  // answer due 2026-04-14
            ("2026-04-14", true, .warning),
            ("2026-04-15", true, .overdue),
        ]
    )
    func limits(today: String, acknowledged: Bool, expected: Complaint.State) throws {
        let complaint = acknowledged ? try investigating() : try filed()
        let status = try complaint.status(on: LocalDate(today)!)
        #expect(status.acknowledgeDue == LocalDate("2026-02-28")! && status.answerDue == LocalDate("2026-04-14")!)
        #expect(status.state == expected)
    }

    @Test("an extension moves the answer day; answered and closed complaints are never overdue")
    func extendedLimit() throws {
        var complaint = try investigating()
        _ = try complaint.extend(days: 30, reason: "涉及多个部门", by: supervisor, at: now)
        #expect(try complaint.status(on: LocalDate("2026-04-15")!).state == .onTrack)
        #expect(try complaint.status(on: LocalDate("2026-05-15")!).state == .overdue)
        _ = try complaint.answer("答复", by: supervisor, at: now)
        #expect(try complaint.status(on: LocalDate("2027-01-01")!).state == .answered)
    }

    @Test("routing never reaches an officer the complaint concerns, over random halls and complaints")
    func routingProperty() async {
        let pool = (0..<8).map { Badge(String(format: "0102%02d", $0))! }
        await propertyCheck(
            input: Gen.int(in: 0...7),
            Gen.int(in: 0...255),
            Gen.int(in: 0...255),
            Gen.int(in: 0...4)
        ) { subjectIndex, caseMask, staffMask, kind in
            func pick(_ mask: Int) -> [Badge] { pool.indices.filter { mask & (1 << $0) != 0 }.map { pool[$0] } }
            let subjectOfficer = pool[subjectIndex]
            let subject: Complaint.Subject =
                switch kind {
                case 0: .officer(subjectOfficer)
                case 1: .window(WindowNumber(subjectIndex + 1)!)
                case 2: .caseFile(CaseID(UUID()))
                case 3: .business(BusinessCode("id-card")!)
                default: .hall
                }
            let ticketOfficer = kind == 1 ? subjectOfficer : nil
            let concerned = ComplaintRouting.concerned(subject: subject, ticketOfficer: ticketOfficer, caseOfficers: Set(pick(caseMask)))
            let staff = pick(staffMask)
            let filing = Complaint.Filing(channel: .online, subject: subject, text: "投诉", hasContact: true)
            guard var complaint = try? Complaint.file(filing, id: ComplaintID(UUID()), concerned: concerned, at: now, on: day).0 else {
                Issue.record("filing refused")
                return
            }
            for badge in staff { #expect(ComplaintRouting.visible([complaint], to: badge).isEmpty == concerned.contains(badge)) }
            if kind == 0 { #expect(!complaint.isVisible(to: subjectOfficer)) }
            for badge in pick(caseMask) { #expect(!complaint.isVisible(to: badge)) }
            if let handler = ComplaintRouting.handler(for: complaint, candidates: staff) {
                #expect(!concerned.contains(handler))
                #expect(handler == staff.first { !concerned.contains($0) })
            } else {
                #expect(staff.allSatisfy(concerned.contains))
            }
            // Whatever badge is tried, an officer concerned is refused as handler and as actor.
            for badge in pool {
                var attempt = complaint
                let refused = (try? attempt.acknowledge(handler: badge, by: badge, at: now, on: day)) == nil
                #expect(refused == concerned.contains(badge))
            }
            if let handler = staff.first(where: { !concerned.contains($0) }) {
                _ = try? complaint.acknowledge(handler: handler, by: handler, at: now, on: day)
                for badge in concerned { #expect((try? complaint.reassign(to: badge, by: handler, at: now)) == nil) }
            }
        }
    }
}
