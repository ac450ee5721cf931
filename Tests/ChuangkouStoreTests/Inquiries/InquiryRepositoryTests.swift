import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Inquiries in the store (首问负责)")
struct InquiryRepositoryTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let first = Badge("010231")!
    static let colleague = Badge("010232")!
    static let stranger = Badge("010233")!
    static let leader = Badge("010100")!
    /// Made a second duty leader, for the afternoon.
    static let deputy = Badge("010236")!
    static let admin = Badge("019900")!
    let sealer = DataSealer(base64: DataSealer.newKeyText())!

    static func shanghai(_ day: Int, _ hour: Int, _ minute: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: 2026, month: 12, day: day, hour: hour, minute: minute))!
    }

    static func filing(_ question: String = "办居住证要带什么") -> Inquiry.Filing {
        .init(topic: .business(BusinessCode("residence-permit")!), question: question, place: .desk)
    }

    /// Plans a slot's duty leader, a day ahead.
    static func plan(_ db: Database, day: Int, _ half: HalfDay, leader: Badge) async throws {
        _ = try await DutyRosterRepository(database: db).plan(
            DutySlot(LocalDate(year: 2026, month: 12, day: day)!, half),
            leader: OnDuty(badge: leader, phone: DutyPhone("0571-87654321")!),
            officers: [],
            by: admin,
            hall: DemoHall.hall,
            at: shanghai(1, 8, 0)
        )
    }

    static func makeDeputyALeader(_ db: Database) async throws {
        try await db.transaction { sql in
            try await sql.raw("UPDATE officers SET roles = 'windowOfficer,dutyLeader' WHERE badge = \(bind: deputy.value)").run()
        }
    }

    static func outbox(_ db: Database, to badge: Badge) async throws -> [String] {
        try await db.read { sql in
            try await sql.raw("SELECT kind FROM notification_outbox WHERE recipient_badge = \(bind: badge.value) ORDER BY id").all()
                .map { try $0.decode(column: "kind", as: String.self) }
        }
    }

    @Test("a recorded inquiry is the recorder's; its contact is sealed at rest and read back masked only")
    func recordSealsContact() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let inquiries = InquiryRepository(database: db, sealer: sealer)
            let record = try await inquiries.record(
                Self.filing(),
                contact: MobileNumber("13912345678"),
                by: Self.first,
                hall: DemoHall.hall,
                at: Self.shanghai(2, 9, 0)
            )
            #expect(record.inquiry.owner == Self.first && record.contactMasked == "139****5678")
            let stored = try await db.read { sql in
                try await sql.raw("SELECT contact_sealed, inquiry FROM inquiries").first()!
            }
            let sealed = try stored.decode(column: "contact_sealed", as: String.self)
            let json = try stored.decode(column: "inquiry", as: String.self)
            #expect(!sealed.contains("13912345678") && !json.contains("13912345678"))
            #expect(try sealer.open(sealed) == "13912345678")
            try await db.linkPendingAudit()  // PostgreSQL links entries just after their commit
            let audit = try await db.read { sql in try await sql.raw("SELECT action FROM audit_log WHERE action = 'inquiry.record'").all() }
            #expect(audit.count == 1)
        }
    }

    @Test("a non-owner cannot close an inquiry, and one not on it is told it does not exist")
    func nonOwnerCannotClose() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let inquiries = InquiryRepository(database: db, sealer: sealer)
            let id = try await inquiries.record(Self.filing(), contact: nil, by: Self.first, hall: DemoHall.hall, at: Self.shanghai(2, 9, 0))
                .inquiry.id
            await #expect(throws: InquiryRecordError.unknown) {
                try await inquiries.resolve(id, .answered("带身份证"), by: Self.stranger, at: Self.shanghai(2, 9, 1))
            }
            #expect(try await inquiries.find(id, for: .init(badge: Self.stranger, seesAll: false)) == nil)
            #expect(try await inquiries.find(id, for: .init(badge: Self.leader, seesAll: true)) != nil)
            let closed = try await inquiries.resolve(
                id,
                .oneTimeNotice(BusinessCode("residence-permit")!),
                by: Self.first,
                at: Self.shanghai(2, 9, 2)
            )
            guard case .oneTimeNotice(let code, let version) = closed.inquiry.outcome else {
                Issue.record("not a notice")
                return
            }
            #expect(code.value == "residence-permit" && version >= 1)
            let status = try await db.read { sql in try await sql.raw("SELECT status, outcome_kind FROM inquiries").first()! }
            #expect(try status.decode(column: "status", as: String.self) == "closed")
            #expect(try status.decode(column: "outcome_kind", as: String.self) == "notice")
        }
    }

    @Test("a handover is done only when accepted; until then the first owner owns it and both see it on their lists")
    func handoverReceipt() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let inquiries = InquiryRepository(database: db, sealer: sealer)
            let day = LocalDate(year: 2026, month: 12, day: 2)!
            let id = try await inquiries.record(Self.filing(), contact: nil, by: Self.first, hall: DemoHall.hall, at: Self.shanghai(2, 9, 0))
                .inquiry.id
            await #expect(throws: InquiryRecordError.unknownColleague) {
                try await inquiries.handOver(id, to: Self.admin, note: "", by: Self.first, at: Self.shanghai(2, 9, 1))
            }
            let asked = try await inquiries.handOver(id, to: Self.colleague, note: "户籍", by: Self.first, at: Self.shanghai(2, 9, 1))
            #expect(asked.inquiry.owner == Self.first && asked.inquiry.status == .handover)
            #expect(try await Self.outbox(db, to: Self.colleague) == ["inquiry.handover"])
            let colleagueList = try await inquiries.list(for: .init(badge: Self.colleague, seesAll: false), everyone: false, on: day)
            #expect(colleagueList.map(\.inquiry.id) == [id])
            await #expect(throws: InquiryError.notOwner) {
                try await inquiries.resolve(id, .answered("x"), by: Self.colleague, at: Self.shanghai(2, 9, 2))
            }
            let accepted = try await inquiries.acceptHandover(id, by: Self.colleague, at: Self.shanghai(2, 9, 5))
            #expect(accepted.inquiry.owner == Self.colleague)
            #expect(accepted.inquiry.history.last?.at == Self.shanghai(2, 9, 5))
            #expect(try await Self.outbox(db, to: Self.first) == ["inquiry.handover-accepted"])
            let firstList = try await inquiries.list(for: .init(badge: Self.first, seesAll: false), everyone: false, on: day)
            #expect(firstList.map(\.inquiry.id) == [id])
            #expect(try await inquiries.list(for: .init(badge: Self.stranger, seesAll: false), everyone: false, on: day).isEmpty)
        }
    }

    @Test("open inquiries go to the leader on duty when the office day has ended, and not before")
    func dayEndToLeader() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Self.makeDeputyALeader(db)
            try await Self.plan(db, day: 2, .morning, leader: Self.leader)
            try await Self.plan(db, day: 2, .afternoon, leader: Self.deputy)
            let inquiries = InquiryRepository(database: db, sealer: sealer)
            let office = OfficeHours(closingHour: 17, closingMinute: 30)!
            let open = try await inquiries.record(Self.filing(), contact: nil, by: Self.first, hall: DemoHall.hall, at: Self.shanghai(2, 9, 0))
            let closed = try await inquiries.record(
                Self.filing(),
                contact: nil,
                resolution: .answered("当场答复"),
                by: Self.first,
                hall: DemoHall.hall,
                at: Self.shanghai(2, 9, 10)
            )
            #expect(closed.inquiry.status == .closed)
            let before = try await inquiries.sendOpenToDutyLeader(office: office, hall: DemoHall.hall, at: Self.shanghai(2, 17, 29))
            #expect(before.sent.isEmpty)
            let after = try await inquiries.sendOpenToDutyLeader(office: office, hall: DemoHall.hall, at: Self.shanghai(2, 17, 31))
            #expect(after.leader == Self.deputy && after.sent == [open.inquiry.id])
            let moved = try #require(try await inquiries.find(open.inquiry.id, for: .init(badge: Self.deputy, seesAll: false)))
            #expect(moved.inquiry.owner == Self.deputy && moved.inquiry.firstOwner == Self.first)
            #expect(try await Self.outbox(db, to: Self.deputy) == ["inquiry.day-end"])
            #expect(try await Self.outbox(db, to: Self.leader).isEmpty)
            // Sent once: a later sweep leaves it with the leader it went to.
            #expect(try await inquiries.sendOpenToDutyLeader(office: office, hall: DemoHall.hall, at: Self.shanghai(2, 18, 0)).sent.isEmpty)
        }
    }

    @Test("with no leader on the roster, open inquiries stay with their owner and are counted as waiting")
    func dayEndWithoutLeader() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let inquiries = InquiryRepository(database: db, sealer: sealer)
            let open = try await inquiries.record(Self.filing(), contact: nil, by: Self.first, hall: DemoHall.hall, at: Self.shanghai(2, 9, 0))
            let report = try await inquiries.sendOpenToDutyLeader(office: OfficeHours(), hall: DemoHall.hall, at: Self.shanghai(2, 18, 0))
            #expect(report.leader == nil && report.waiting == 1)
            #expect(try await inquiries.find(open.inquiry.id, for: .init(badge: Self.first, seesAll: false))?.inquiry.owner == Self.first)
        }
    }

    @Test("two sweeps at once move each open inquiry once")
    func concurrentSweeps() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Self.plan(db, day: 2, .afternoon, leader: Self.leader)
            let inquiries = InquiryRepository(database: db, sealer: sealer)
            for minute in 0..<5 {
                _ = try await inquiries.record(Self.filing(), contact: nil, by: Self.first, hall: DemoHall.hall, at: Self.shanghai(2, 9, minute))
            }
            let at = Self.shanghai(2, 18, 0)
            async let one = inquiries.sendOpenToDutyLeader(office: OfficeHours(), hall: DemoHall.hall, at: at)
            async let two = inquiries.sendOpenToDutyLeader(office: OfficeHours(), hall: DemoHall.hall, at: at)
            let (a, b) = try await (one, two)
            #expect(a.sent.count + b.sent.count == 5)
            #expect(Set(a.sent).isDisjoint(with: b.sent))
            #expect(try await Self.outbox(db, to: Self.leader).count == 5)
        }
    }

    @Test("two acceptances of one handover at once: one receipt, the other refused")
    func concurrentAccept() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let inquiries = InquiryRepository(database: db, sealer: sealer)
            let id = try await inquiries.record(Self.filing(), contact: nil, by: Self.first, hall: DemoHall.hall, at: Self.shanghai(2, 9, 0))
                .inquiry.id
            _ = try await inquiries.handOver(id, to: Self.colleague, note: "", by: Self.first, at: Self.shanghai(2, 9, 1))
            async let one: Bool = (try? await inquiries.acceptHandover(id, by: Self.colleague, at: Self.shanghai(2, 9, 2))) != nil
            async let two: Bool = (try? await inquiries.acceptHandover(id, by: Self.colleague, at: Self.shanghai(2, 9, 2))) != nil
            let results = await [one, two]
            #expect(results.filter { $0 }.count == 1)
            let receipts = try #require(try await inquiries.find(id, for: .init(badge: Self.first, seesAll: false))).inquiry.history
                .filter { $0.code == "handover-accepted" }
            #expect(receipts.count == 1)
        }
    }

    @Test("an inquiry becomes a ticket in one step, keeping the link")
    func becomesTicket() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let inquiries = InquiryRepository(database: db, sealer: sealer)
            let id = try await inquiries.record(Self.filing(), contact: nil, by: Self.first, hall: DemoHall.hall, at: Self.shanghai(2, 9, 0))
                .inquiry.id
            let (record, ticket) = try await inquiries.issueTicket(
                id,
                business: nil,
                greenChannel: nil,
                by: Self.first,
                hall: DemoHall.hall,
                at: Self.shanghai(2, 9, 1)
            )
            #expect(record.inquiry.outcome == .ticket(ticket.id, number: ticket.number.description))
            #expect(ticket.business.value == "residence-permit")
            let link = try await db.read { sql in try await sql.raw("SELECT ticket_id FROM inquiries").first()! }
            #expect(try link.decode(column: "ticket_id", as: String.self) == ticket.id.description)
            await #expect(throws: InquiryError.closed) {
                try await inquiries.issueTicket(id, business: nil, greenChannel: nil, by: Self.first, hall: DemoHall.hall, at: Self.shanghai(2, 9, 2))
            }
        }
    }

    @Test("outside the unit: the competent body named is copied into the inquiry; a retired body cannot be named")
    func referred() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let directory = CompetentBodyDirectory(database: db)
            let body = try await directory.add(
                name: "区市场监督管理局",
                address: "东城区1号",
                phone: "010-12345678",
                handles: "营业执照",
                by: Self.admin,
                at: Self.shanghai(1, 9, 0)
            )
            let retired = try await directory.add(
                name: "旧局",
                address: "",
                phone: "010-87654321",
                handles: "x",
                by: Self.admin,
                at: Self.shanghai(1, 9, 0)
            )
            #expect(try await directory.retire(retired.id, at: Self.shanghai(1, 9, 1)))
            #expect(try await directory.bodies().map(\.body.name) == ["区市场监督管理局"])
            let inquiries = InquiryRepository(database: db, sealer: sealer)
            let one = try await inquiries.record(Self.filing(), contact: nil, by: Self.first, hall: DemoHall.hall, at: Self.shanghai(2, 9, 0))
            await #expect(throws: InquiryRecordError.unknownBody) {
                try await inquiries.resolve(one.inquiry.id, .referred(retired.id), by: Self.first, at: Self.shanghai(2, 9, 1))
            }
            let done = try await inquiries.resolve(one.inquiry.id, .referred(body.id), by: Self.first, at: Self.shanghai(2, 9, 1))
            #expect(done.inquiry.outcome == .referred(body.reference))
        }
    }
}
