import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Crypto
import Foundation
import Logging
import SQLKit
import Testing

@Suite("Case repository")
struct CaseRepositoryTests {
    @Test("a case is pinned to the guide in force; ID number and phone are sealed at rest, last four and masks in clear")
    func openSealed() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Intake.calendar(db)
            let cases = Intake.repository(db)
            let opened = try await cases.walkIn(Intake.residencePermit, Intake.person, calendar: calendar, at: Intake.at("2026-03-03"))
            #expect(opened.stage == .intake && opened.guide.version == 1 && opened.queryCode.count == 12)
            #expect(opened.receivedOn == LocalDate("2026-03-03")!)
            let found = try #require(try await cases.find(opened.id))
            #expect(found.applicant == Intake.person && found.queryCode == opened.queryCode)
            let row = try #require(
                try await db.read { sql in
                    try await sql.raw("SELECT * FROM cases").first().map { row in
                        try ["sealed", "phone_last4", "phone_masked", "applicant_identifier_masked"].map { column in
                            try row.decode(column: column == "sealed" ? "applicant_sealed" : column, as: String.self)
                        }
                    }
                }
            )
            #expect(!row[0].contains(Intake.idNumber) && !row[0].contains(Intake.phone) && !row[0].contains("张三"))
            #expect(row[1] == "5678" && row[2] == "138****5678" && row[3] == "110***********002X")
            // Another key cannot open it.
            let stranger = CaseRepository(database: db, sealer: DataSealer(base64: DataSealer.newKeyText())!, unitCode: "DHGA")
            await #expect(throws: StoreError.self) { try await stranger.find(opened.id) }
        }
    }

    @Test("business fields are checked against the guide: required, numbers, unknown keys")
    func fields() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Intake.calendar(db)
            let cases = Intake.repository(db)
            var fields = Intake.toxicFields
            fields["quantity"] = "五十"
            fields["colour"] = "white"
            fields["supplier"] = " "
            await #expect(
                throws: CaseError.fieldsInvalid([
                    "未知字段「colour」",
                    "「购买数量」应为数字",
                    "请填写「供货单位」",
                ])
            ) {
                try await cases.walkIn(
                    Intake.toxicPermit,
                    Intake.organisation,
                    fields: fields,
                    calendar: calendar,
                    at: Intake.at("2026-03-03")
                )
            }
            let opened = try await cases.walkIn(
                Intake.toxicPermit,
                Intake.organisation,
                fields: Intake.toxicFields,
                calendar: calendar,
                at: Intake.at("2026-03-03")
            )
            #expect(opened.fields == Intake.toxicFields)
        }
    }

    @Test("complete 承诺件: accepted with a 受理通知书, the clock from the guide's limits and the steps laid out")
    func accept() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Intake.calendar(db)
            let cases = Intake.repository(db)
            let guide = try await Intake.guide(db, Intake.residencePermit)
            let now = Intake.at("2026-03-03")
            let opened = try await cases.walkIn(Intake.residencePermit, Intake.person, calendar: calendar, at: now)
            await #expect(throws: IntakeError.self) {
                try await cases.decide(opened.id, calendar: calendar, at: now)
            }
            _ = try await cases.check(opened.id, Intake.complete(guide), calendar: calendar, at: now)
            let (record, documents) = try await cases.decide(opened.id, calendar: calendar, at: now)
            #expect(record.stage == .accepted && record.acceptedOn == LocalDate("2026-03-03")! && !record.deemed)
            let document = try #require(documents.first)
            #expect(document.kind == .acceptanceNotice && document.number == "DHGA-2026-000001")
            #expect(document.facts.promisedDue == LocalDate("2026-03-17")! && document.facts.statutoryDue == LocalDate("2026-03-24")!)
            let history = try await cases.history(opened.id, readBy: Intake.officer)
            #expect(history.checklists.map(\.version) == [1, 2])
            #expect(history.steps.map(\.name) == ["受理", "审核", "签发", "制证", "发证"])
            #expect(history.steps[0].isDone && !history.steps[1].isDone)
            let clock = try #require(history.clock)
            #expect(clock.clock.acceptedOn == LocalDate("2026-03-03")! && clock.clock.statutoryLimit == 15 && clock.clock.promisedLimit == 10)
        }
    }

    @Test("complete 即办件: completed on the spot with a 办结通知书")
    func immediate() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Intake.calendar(db)
            let cases = Intake.repository(db)
            let guide = try await Intake.guide(db, Intake.noCriminalRecord)
            let now = Intake.at("2026-03-03")
            let opened = try await cases.walkIn(Intake.noCriminalRecord, Intake.person, calendar: calendar, at: now)
            _ = try await cases.check(opened.id, Intake.complete(guide), calendar: calendar, at: now)
            let (record, documents) = try await cases.decide(opened.id, calendar: calendar, at: now)
            #expect(record.stage == .completed && documents.map(\.kind) == [.completionReceipt] && record.clock == nil)
        }
    }

    @Test("the one-time rule: only listed items may be asked for; a leader's correction records a breach; supplements accept from that day")
    func oneTimeNotice() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Intake.calendar(db)
            let cases = Intake.repository(db)
            let guide = try await Intake.guide(db, Intake.residencePermit)
            let day1 = Intake.at("2026-03-03")
            let opened = try await cases.walkIn(Intake.residencePermit, Intake.person, calendar: calendar, at: day1)
            _ = try await cases.check(
                opened.id,
                Intake.complete(guide, except: [1: .missing, 4: .defective(reason: "未签名")]),
                calendar: calendar,
                at: day1
            )
            let (noticed, notices) = try await cases.decide(opened.id, calendar: calendar, at: day1)
            #expect(noticed.stage == .awaitingSupplement && notices.map(\.kind) == [.oneTimeNotice])
            #expect(notices[0].facts.items.count == 2 && notices[0].facts.items[1].contains("未签名"))
            #expect(noticed.stillMissing.map(\.index) == [1, 4])

            let day2 = Intake.at("2026-03-05")
            await #expect(throws: NoticeError.notOnNotice(index: 2)) {
                try await cases.requestItem(opened.id, index: 2, by: Intake.officer, hall: Intake.hall, calendar: calendar, at: day2)
            }
            await #expect(throws: NoticeError.notOnNotice(index: 2)) {
                try await cases.check(opened.id, [(2, .missing)], calendar: calendar, at: day2)
            }
            _ = try await cases.requestItem(opened.id, index: 1, by: Intake.officer, hall: Intake.hall, calendar: calendar, at: day2)
            await #expect(throws: NoticeError.correctionNeedsDutyLeader) {
                try await cases.correctNotice(
                    opened.id,
                    items: [(2, .missing)],
                    reason: "漏告知就业证明",
                    approvedBy: Intake.otherOfficer,
                    hall: Intake.hall,
                    calendar: calendar,
                    at: day2
                )
            }
            #expect(try await cases.breaches().isEmpty)
            let (corrected, correction) = try await cases.correctNotice(
                opened.id,
                items: [(2, .missing)],
                reason: "漏告知就业证明",
                approvedBy: Intake.leader,
                hall: Intake.hall,
                calendar: calendar,
                at: day2
            )
            #expect(correction.kind == .noticeCorrection && corrected.stillMissing.map(\.index) == [1, 4, 2])
            let breaches = try await cases.breaches()
            #expect(breaches.count == 1 && breaches[0].breach.officer == Intake.officer.badge && breaches[0].breach.approvedBy == Intake.leader.badge)
            _ = try await cases.requestItem(opened.id, index: 2, by: Intake.officer, hall: Intake.hall, calendar: calendar, at: day2)

            let day3 = Intake.at("2026-03-09")
            let (partly, none) = try await cases.receiveSupplements(
                opened.id,
                indices: [1, 4],
                by: Intake.officer,
                hall: Intake.hall,
                calendar: calendar,
                at: day3
            )
            #expect(partly.stage == .awaitingSupplement && none.isEmpty && partly.stillMissing.map(\.index) == [2])
            await #expect(throws: NoticeError.notOnNotice(index: 0)) {
                try await cases.receiveSupplements(opened.id, indices: [0], by: Intake.officer, hall: Intake.hall, calendar: calendar, at: day3)
            }
            let (accepted, acceptance) = try await cases.receiveSupplements(
                opened.id,
                indices: [2],
                by: Intake.officer,
                hall: Intake.hall,
                calendar: calendar,
                at: day3
            )
            #expect(accepted.stage == .accepted && accepted.acceptedOn == LocalDate("2026-03-09")!)
            #expect(acceptance.map(\.kind) == [.acceptanceNotice])
            let history = try await cases.history(opened.id, readBy: Intake.officer)
            #expect(history.clock?.clock.acceptedOn == LocalDate("2026-03-09")!)
            #expect(history.documents.map(\.kind) == [.oneTimeNotice, .noticeCorrection, .acceptanceNotice])
            #expect(history.documents.map(\.sequence) == [1, 2, 3])
        }
    }

    @Test("容缺受理: accepted with the commitment and a supplement deadline no later than the promised date; terminated when it passes")
    func deferral() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Intake.calendar(db)
            let cases = Intake.repository(db)
            let guide = try await Intake.guide(db, Intake.residencePermit)
            let now = Intake.at("2026-03-03")
            let marks = Intake.complete(guide, except: [3: .deferred])
            func open() async throws -> CaseFile {
                let opened = try await cases.walkIn(Intake.residencePermit, Intake.person, calendar: calendar, at: now)
                return try await cases.check(opened.id, marks, calendar: calendar, at: now)
            }
            let first = try await open()
            await #expect(throws: CaseError.supplementDueTooLate(promisedDue: LocalDate("2026-03-17")!)) {
                try await cases.decide(
                    first.id,
                    commitmentSigned: true,
                    supplementDue: LocalDate("2026-03-18")!,
                    calendar: calendar,
                    at: now
                )
            }
            let (accepted, documents) = try await cases.decide(
                first.id,
                commitmentSigned: true,
                supplementDue: LocalDate("2026-03-06")!,
                calendar: calendar,
                at: now
            )
            #expect(accepted.stage == .accepted && accepted.commitmentSigned && accepted.deferral?.due == LocalDate("2026-03-06")!)
            #expect(documents.map(\.kind) == [.deferralNotice] && documents[0].facts.supplementDue == LocalDate("2026-03-06")!)
            #expect(documents[0].facts.items.count == 1 && documents[0].facts.items[0].contains("本人相片"))

            // A second case brings its photo in time and is not terminated.
            let second = try await open()
            _ = try await cases.decide(second.id, commitmentSigned: true, calendar: calendar, at: now)
            let (supplied, _) = try await cases.receiveSupplements(
                second.id,
                indices: [3],
                by: Intake.officer,
                hall: Intake.hall,
                calendar: calendar,
                at: Intake.at("2026-03-05")
            )
            #expect(supplied.stillMissing.isEmpty)

            #expect(try await cases.sweep(hall: Intake.hall, calendar: calendar, at: Intake.at("2026-03-06", 16)).terminated.isEmpty)
            let report = try await cases.sweep(hall: Intake.hall, calendar: calendar, at: Intake.at("2026-03-09"))
            #expect(report.terminated == [first.id])
            let history = try await cases.history(first.id, readBy: Intake.officer)
            #expect(history.record.stage == .terminated && history.clock?.clock.isStopped == true)
            #expect(history.documents.map(\.kind) == [.deferralNotice, .terminationNotice])
            #expect(try await cases.find(second.id)?.stage == .accepted)
        }
    }

    @Test("不予受理: an applicant the guide does not admit, and an officer's refusal, with the legal basis and remedies")
    func refusal() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Intake.calendar(db)
            let cases = Intake.repository(db)
            let guide = try await Intake.guide(db, Intake.toxicPermit)
            let now = Intake.at("2026-03-03")
            let opened = try await cases.walkIn(Intake.toxicPermit, Intake.person, fields: Intake.toxicFields, calendar: calendar, at: now)
            _ = try await cases.check(opened.id, Intake.complete(guide), calendar: calendar, at: now)
            let (refused, documents) = try await cases.decide(opened.id, calendar: calendar, at: now)
            #expect(refused.stage == .notAccepted && documents.map(\.kind) == [.refusalNotice])
            let facts = documents[0].facts
            #expect(
                facts.reason?.contains("第三十八条") == true
                    && facts.legalBasis.contains("《危险化学品安全管理条例》第三十八条")
            )
            #expect(facts.remedies.joined().contains("六十日") && facts.remedies.joined().contains("六个月"))

            let other = try await cases.walkIn(
                Intake.toxicPermit,
                Intake.organisation,
                fields: Intake.toxicFields,
                calendar: calendar,
                at: now
            )
            let (refusedAgain, _) = try await cases.decide(
                other.id,
                refusal: .init(
                    reason: "申请单位已取得危险化学品经营许可证，可凭证直接购买",
                    legalBasis: ["《危险化学品安全管理条例》第三十八条第一款"]
                ),
                calendar: calendar,
                at: now
            )
            #expect(
                refusedAgain.stage == .notAccepted
                    && refusedAgain.decision?.legalBasis == [
                        "《危险化学品安全管理条例》第三十八"
                            + "条第一款"
                    ]
            )
        }
    }

    @Test("deemed acceptance: warned the working day before, accepted from receipt when no notice came in 5 working days")
    func deemed() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Intake.calendar(db)
            let cases = Intake.repository(db)
            // Received Tue 2026-03-03: the notice may be given through Tue 03-10.
            let opened = try await cases.walkIn(Intake.residencePermit, Intake.person, calendar: calendar, at: Intake.at("2026-03-03"))
            #expect(try await cases.sweep(hall: Intake.hall, calendar: calendar, at: Intake.at("2026-03-06")) == .init())
            let warned = try await cases.sweep(hall: Intake.hall, calendar: calendar, at: Intake.at("2026-03-09"))
            #expect(warned.warned == [opened.id])
            #expect(try await cases.sweep(hall: Intake.hall, calendar: calendar, at: Intake.at("2026-03-10")).warned.isEmpty, "warned once")
            let messages = try await NotificationOutbox(database: db).all().filter { $0.kind == "case.notice-deadline" }
            #expect(messages.count == 1 && messages[0].recipient == Intake.officer.badge)
            let report = try await cases.sweep(hall: Intake.hall, calendar: calendar, at: Intake.at("2026-03-11"))
            #expect(report.deemedAccepted == [opened.id])
            let history = try await cases.history(opened.id, readBy: Intake.officer)
            #expect(history.record.stage == .accepted && history.record.deemed && history.record.acceptedOn == LocalDate("2026-03-03")!)
            #expect(history.clock?.clock.acceptedOn == LocalDate("2026-03-03")!)
            #expect(history.documents.map(\.kind) == [.acceptanceNotice] && history.documents[0].facts.deemed)
            #expect(history.documents[0].facts.paragraphs.joined().contains("第三十二条"))
        }
    }

    @Test("approval steps in order, the leader's step by the duty leader, the decision follows it; the result-ready message goes out")
    func approvalAndDecision() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Intake.calendar(db)
            let cases = Intake.repository(db)
            let guide = try await Intake.guide(db, Intake.residencePermit)
            let now = Intake.at("2026-03-03")
            let opened = try await cases.walkIn(Intake.residencePermit, Intake.person, calendar: calendar, at: now)
            _ = try await cases.check(opened.id, Intake.complete(guide), calendar: calendar, at: now)
            _ = try await cases.decide(opened.id, calendar: calendar, at: now)
            let later = Intake.at("2026-03-05")
            await #expect(throws: CaseError.stepsPending(["审核", "签发"])) {
                try await cases.decide(
                    opened.id,
                    grant: true,
                    reason: nil,
                    legalBasis: [],
                    by: Intake.leader,
                    hall: Intake.hall,
                    calendar: calendar,
                    at: later
                )
            }
            await #expect(throws: CaseError.stepOutOfOrder(expected: 2)) {
                try await cases.recordStep(
                    opened.id,
                    position: 3,
                    opinion: "同意",
                    approve: true,
                    by: Intake.leader,
                    hall: Intake.hall,
                    calendar: calendar,
                    at: later
                )
            }
            _ = try await cases.recordStep(
                opened.id,
                position: 2,
                opinion: "材料属实",
                approve: true,
                by: Intake.otherOfficer,
                hall: Intake.hall,
                calendar: calendar,
                at: later
            )
            await #expect(throws: CaseError.stepNeedsLeader) {
                try await cases.recordStep(
                    opened.id,
                    position: 3,
                    opinion: "同意",
                    approve: true,
                    by: Intake.officer,
                    hall: Intake.hall,
                    calendar: calendar,
                    at: later
                )
            }
            _ = try await cases.recordStep(
                opened.id,
                position: 3,
                opinion: "同意签发",
                approve: true,
                by: Intake.leader,
                hall: Intake.hall,
                calendar: calendar,
                at: later
            )
            await #expect(throws: CaseError.decisionAgainstApproval) {
                try await cases.decide(
                    opened.id,
                    grant: false,
                    reason: "x",
                    legalBasis: [],
                    by: Intake.leader,
                    hall: Intake.hall,
                    calendar: calendar,
                    at: later
                )
            }
            _ = try await cases.setDelivery(
                opened.id,
                Delivery(
                    method: .proxy,
                    address: nil,
                    proxyName: "李四",
                    proxyIDNumber: ResidentIDNumber("440524188001010014"),
                    mobilityImpaired: true
                ),
                by: Intake.officer,
                hall: Intake.hall,
                calendar: calendar,
                at: later
            )
            let (granted, decision) = try await cases.decide(
                opened.id,
                grant: true,
                reason: nil,
                legalBasis: [],
                by: Intake.leader,
                hall: Intake.hall,
                calendar: calendar,
                at: later
            )
            #expect(granted.stage == .granted && decision.kind == .grantDecision && granted.delivery?.proxyName == "李四")
            let history = try await cases.history(opened.id, readBy: Intake.officer)
            #expect(history.clock?.clock.isStopped == true)
            let raw = try await db.read { sql in try await sql.raw("SELECT delivery FROM cases").first()?.decode(column: "delivery", as: String.self)
            }
            #expect(raw?.contains("440524188001010014") == false, "the proxy's ID number is sealed")

            let outbox = NotificationOutbox(database: db)
            let waiting = try await outbox.unsentToApplicants()
            #expect(waiting.count == 1 && waiting[0].kind == "case.result-ready" && waiting[0].subject.contains("委托代领"))
            let sender = CapturingSender()
            let sent = try await NotificationDelivery(
                outbox: outbox,
                sealer: Intake.sealer,
                sender: sender,
                fingerprint: .init(key: .init(size: .bits256)),
                logger: .init(label: "test")
            )
                .deliver(at: later)
            #expect(sent == 1 && sender.messages.map(\.phone.value) == [Intake.phone])
            #expect(try await outbox.unsentToApplicants().isEmpty)
        }
    }

    @Test("document numbers have no gaps: 20 acceptances at once are numbered 1…20")
    func numbering() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Intake.calendar(db)
            let cases = Intake.repository(db)
            let guide = try await Intake.guide(db, Intake.residencePermit)
            let now = Intake.at("2026-03-03")
            var ids: [CaseID] = []
            for _ in 0..<20 {
                let opened = try await cases.walkIn(Intake.residencePermit, Intake.person, calendar: calendar, at: now)
                _ = try await cases.check(opened.id, Intake.complete(guide), calendar: calendar, at: now)
                ids.append(opened.id)
            }
            // A refused decision leaves nothing behind, its number included.
            await #expect(throws: CaseError.self) {
                try await cases.decide(
                    ids[0],
                    commitmentSigned: true,
                    refusal: .init(reason: " ", legalBasis: []),
                    calendar: calendar,
                    at: now
                )
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in ids {
                    group.addTask {
                        _ = try await cases.decide(id, calendar: calendar, at: now)
                    }
                }
                try await group.waitForAll()
            }
            let documents = try await cases.documents(year: 2026)
            #expect(documents.map(\.sequence).sorted() == Array(1...20))
            #expect(Set(documents.map(\.caseID)).count == 20)
        }
    }

    @Test("no document holds a full ID number or phone")
    func masking() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Intake.calendar(db)
            let cases = Intake.repository(db)
            let guide = try await Intake.guide(db, Intake.toxicPermit)
            let now = Intake.at("2026-03-03")
            let opened = try await cases.walkIn(
                Intake.toxicPermit,
                Intake.organisation,
                fields: Intake.toxicFields,
                calendar: calendar,
                at: now
            )
            _ = try await cases.check(opened.id, Intake.complete(guide, except: [0: .missing]), calendar: calendar, at: now)
            _ = try await cases.decide(opened.id, calendar: calendar, at: now)
            _ = try await cases.receiveSupplements(opened.id, indices: [0], by: Intake.officer, hall: Intake.hall, calendar: calendar, at: now)
            let documents = try await db.read { sql in
                try await sql.raw("SELECT facts FROM documents").all().map { try $0.decode(column: "facts", as: String.self) }
            }
            #expect(documents.count == 2)
            for facts in documents {
                #expect(!leaksPersonalNumbers(facts), "\(facts)")
                #expect(facts.contains("440***********0014") && facts.contains("139****4321"))
            }
        }
    }

    @Test("status query: code and last four digits; failures counted per client address, never locking the code for others")
    func statusQuery() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Intake.calendar(db)
            let cases = Intake.repository(db)
            let now = Intake.at("2026-03-03")
            let opened = try await cases.walkIn(Intake.residencePermit, Intake.person, calendar: calendar, at: now)
            func ask(_ code: String, _ digits: String, from client: String, at instant: Date = now) async throws -> String {
                switch try await cases.status(code: code, phoneLast4: digits, client: client, maxFailures: 5, window: .seconds(900), at: instant) {
                case .found(let record, _): record.id == opened.id ? "found" : "other"
                case .notFound: "notFound"
                case .limited: "limited"
                }
            }
            #expect(try await ask(opened.queryCode.lowercased(), "5678", from: "a") == "found")
            for _ in 0..<5 { #expect(try await ask(opened.queryCode, "0000", from: "b") == "notFound") }
            #expect(try await ask(opened.queryCode, "5678", from: "b") == "limited", "the guessing address is refused after 5 failures")
            #expect(try await ask(opened.queryCode, "5678", from: "c") == "found", "the citizen elsewhere is not blocked by them")
            #expect(try await ask(opened.queryCode, "5678", from: "b", at: now.addingTimeInterval(901)) == "found")
            for index in 0..<5 { #expect(try await ask("WRONGCODE\(index)", "5678", from: "d") == "notFound") }
            #expect(try await ask("ANOTHERCODE", "5678", from: "d") == "limited", "the client is locked after 5 failures")
        }
    }
}

final class CapturingSender: NotificationSender, @unchecked Sendable {
    private let lock = NSLock()
    private var captured: [OutgoingMessage] = []
    var messages: [OutgoingMessage] { lock.withLock { captured } }
    func send(_ message: OutgoingMessage) async throws { lock.withLock { captured.append(message) } }
}
