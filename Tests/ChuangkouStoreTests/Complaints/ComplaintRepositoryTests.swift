import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Complaints in the store")
struct ComplaintRepositoryTests {
    let sealer = DataSealer(base64: DataSealer.newKeyText())!
    let supervisor = Badge("010300")!
    let leader = Badge("010100")!
    let limit = ComplaintRepository.QueryLimit(client: "203.0.113.9", maxFailures: 5, window: .seconds(900))

    func online(about subject: Complaint.Subject, ticket: TicketID? = nil, caseFile: CaseID? = nil) -> Complaint.Filing {
        .init(channel: .online, subject: subject, text: "民警态度生硬，电话13812345678", ticket: ticket, caseFile: caseFile, hasContact: true)
    }

    @Test("a complaint from the ticket page about the officer who served it: hidden from that officer, handled, answered, followed")
    func closedLoop() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let ticket = try await RatingStoreFixture.servedTicket(in: db, at: now)
            let served = Demo.officers[0]
            let complaints = ComplaintRepository(database: db, sealer: sealer)
            let filed = try await complaints.file(
                online(about: .officer(served), ticket: ticket.id),
                phone: MobileNumber("13912345678"),
                hall: Demo.hall,
                at: now
            )
            let code = try #require(filed.queryCode)
            let id = filed.complaint.id
            #expect(filed.complaint.concerned == [served] && filed.complaint.text.contains("138****5678"))
            #expect(try await complaints.list(for: served).isEmpty)
            #expect(try await complaints.find(id, for: served) == nil)
            #expect(try await complaints.list(for: supervisor).map(\.complaint.id) == [id])
            await #expect(throws: ComplaintRecordError.unknown) { _ = try await complaints.addNote(id, "x", by: served, at: now) }
            await #expect(throws: ComplaintRecordError.notAHandler) {
                _ = try await complaints.acknowledge(id, handler: Demo.officers[1], by: supervisor, hall: Demo.hall, at: now)
            }
            _ = try await complaints.acknowledge(id, handler: supervisor, by: supervisor, hall: Demo.hall, at: now)
            _ = try await complaints.addNote(id, "调取窗口录像", by: supervisor, at: now)
            let answered = try await complaints.answer(id, "经查属实，已批评教育", finding: .substantiated, against: nil, by: supervisor, at: now)
            #expect(answered.complaint.stage == .answered)
            #expect(answered.history.map(\.code) == ["filed", "acknowledged", "note", "answered"])
            #expect(answered.phoneMasked == "139****5678")
            // The answer goes out through the outbox with the phone still sealed; the received notice went to the supervisor only.
            let outbox = try await NotificationOutbox(database: db).all()
            let reply = try #require(outbox.first { $0.kind == "complaint.answer" })
            #expect(try sealer.open(try #require(reply.recipientPhoneSealed)) == "13912345678" && reply.subject.contains("经查属实"))
            #expect(outbox.filter { $0.kind == "complaint.received" }.map(\.recipient) == [supervisor])
            #expect(!outbox.contains { $0.recipient == served })
            let findings = try await complaints.findings(of: served)
            #expect(findings.map(\.finding) == [.substantiated] && findings[0].counts)

            guard case .found(let followed) = try await complaints.query(code: code.lowercased(), phoneLast4: "5678", limit: limit, at: now) else {
                Issue.record("the complainant could not follow the complaint")
                return
            }
            #expect(followed.complaint.answers.last?.text == "经查属实，已批评教育")
            let reopened = try await complaints.followUp(
                code: code,
                phoneLast4: "5678",
                satisfied: false,
                reopen: true,
                limit: limit,
                hall: Demo.hall,
                at: now
            )
            guard case .found(let again) = reopened else { throw ComplaintRecordError.unknown }
            #expect(again.complaint.stage == .investigating && again.complaint.reopenedOn != nil)
            _ = try await complaints.answer(id, "复查：处理恰当", finding: .unsubstantiated, against: nil, by: supervisor, at: now)
            #expect(try await complaints.findings(of: served).map(\.counts) == [false])
            let stored = try await db.read { sql in
                try await sql.raw("SELECT phone_sealed, complaint FROM complaints").first()!
            }
            #expect(!(try stored.decode(column: "phone_sealed", as: String.self)).contains("13912345678"))
            #expect(!leaksPersonalNumbers(try stored.decode(column: "complaint", as: String.self)))
        }
    }

    @Test("a complaint about a case is hidden from everyone who acted on the case")
    func sharedCase() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let file = try await Intake.repository(db).walkIn(Intake.residencePermit, Intake.person, calendar: try await Intake.calendar(db), at: now)
            let reviewer = Badge("010233")!
            try await db.transaction { sql in
                try await sql.raw(
                    """
                    INSERT INTO case_events (case_id, action, officer_badge, at, detail)
                    VALUES (\(bind: file.id.description), 'step', \(bind: reviewer.value), \(bind: Int64(now.timeIntervalSince1970 * 1000)), NULL)
                    """
                ).run()
            }
            let complaints = ComplaintRepository(database: db, sealer: sealer)
            let filed = try await complaints.file(
                .init(channel: .hall, recordedBy: leader, subject: .caseFile(file.id), text: "拖延办理", hasContact: false),
                phone: nil,
                hall: Demo.hall,
                at: now
            )
            #expect(filed.queryCode == nil)
            #expect(Set(filed.complaint.concerned) == [Intake.officer.badge, reviewer])
            for badge in [Intake.officer.badge, reviewer] { #expect(try await complaints.list(for: badge).isEmpty) }
            #expect(try await complaints.list(for: Demo.officers[3]).count == 1)
            await #expect(throws: ComplaintError.concernedOfficer) {
                _ = try await complaints.file(
                    .init(channel: .hall, recordedBy: reviewer, subject: .caseFile(file.id), text: "x", hasContact: false),
                    phone: nil,
                    hall: Demo.hall,
                    at: now
                )
            }
        }
    }

    @Test(
        "a complaint about what the hall does not know is refused and nothing is written",
        arguments: [
            (Complaint.Subject.officer(Badge("099999")!), ComplaintRecordError.unknownOfficer),
            (.window(99), .unknownWindow),
            (.business(BusinessCode("no-such-business")!), .unknownBusiness),
            (.caseFile(CaseID(UUID())), .unknownCase),
        ]
    )
    func unknownSubjects(subject: Complaint.Subject, expected: ComplaintRecordError) async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let complaints = ComplaintRepository(database: db, sealer: sealer)
            await #expect(throws: expected) { _ = try await complaints.file(online(about: subject), phone: nil, hall: Demo.hall, at: Date()) }
            await #expect(throws: ComplaintRecordError.unknownTicket) {
                _ = try await complaints.file(online(about: .hall, ticket: TicketID(UUID())), phone: nil, hall: Demo.hall, at: Date())
            }
            let count = try await db.read { try await $0.raw("SELECT COUNT(*) AS n FROM complaints").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 0)
        }
    }

    @Test("wrong digits are a 404 like a wrong code; the sixth failure from one address is refused")
    func queryLimit() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let complaints = ComplaintRepository(database: db, sealer: sealer)
            let filed = try await complaints.file(online(about: .hall), phone: MobileNumber("13912345678"), hall: Demo.hall, at: now)
            let code = try #require(filed.queryCode)
            for _ in 0..<5 { #expect(try await complaints.query(code: code, phoneLast4: "0000", limit: limit, at: now) == .notFound) }
            #expect(try await complaints.query(code: code, phoneLast4: "5678", limit: limit, at: now) == .limited)
            let elsewhere = ComplaintRepository.QueryLimit(client: "198.51.100.1", maxFailures: 5, window: .seconds(900))
            guard case .found = try await complaints.query(code: code, phoneLast4: "5678", limit: elsewhere, at: now) else {
                Issue.record("another address was locked out")
                return
            }
        }
    }

    @Test("the watch warns the supervisors before the 15th day and escalates once it has passed, each change once")
    func watch() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let start = Intake.at("2026-03-02")
            let complaints = ComplaintRepository(database: db, sealer: sealer)
            let filed = try await complaints.file(online(about: .officer(Demo.officers[0])), phone: nil, hall: Demo.hall, at: start)
            let watch = ComplaintWatch(database: db)
            #expect(try await watch.check(on: LocalDate("2026-03-03")!, at: start).findings.isEmpty)
            let warned = try await watch.check(on: LocalDate("2026-03-14")!, at: start)
            #expect(warned.findings.map(\.state) == [.warning] && warned.findings[0].recipients == [supervisor])
            #expect(try await watch.check(on: LocalDate("2026-03-14")!, at: start).findings.isEmpty)
            let late = try await watch.check(on: LocalDate("2026-03-18")!, at: start)
            #expect(late.findings.map(\.state) == [.acknowledgeOverdue])
            #expect(Set(late.findings[0].recipients) == [supervisor, leader])
            let record = try #require(try await complaints.find(filed.complaint.id, for: supervisor))
            #expect(record.history.filter { $0.code == "deadline" }.count == 2)
        }
    }

    @Test("two watches at once announce each change once")
    func watchRace() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let start = Intake.at("2026-03-02")
            let complaints = ComplaintRepository(database: db, sealer: sealer)
            for _ in 0..<5 { _ = try await complaints.file(online(about: .hall), phone: nil, hall: Demo.hall, at: start) }
            let watch = ComplaintWatch(database: db)
            let reports = try await withThrowingTaskGroup(of: ComplaintWatch.Report.self) { group in
                for _ in 0..<4 { group.addTask { try await watch.check(on: LocalDate("2026-03-20")!, at: start) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(reports.flatMap(\.findings).count == 5)
            let messages = try await NotificationOutbox(database: db).all().filter { $0.kind == "complaint.acknowledgeOverdue" }
            #expect(messages.count == 10)
        }
    }
}
