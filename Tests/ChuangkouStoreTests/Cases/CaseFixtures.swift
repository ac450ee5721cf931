import ChuangkouCore
import ChuangkouStore
import Foundation

/// People, applicants and a repository for the case store tests, on the demo hall and the shipped catalog.
enum Intake {
    static let hall = DemoHall.hall
    static let officer = DemoHall.officers.first { $0.role == .officer }!
    static let otherOfficer = DemoHall.officers.filter { $0.role == .officer }[1]
    static let leader = DemoHall.officers.first { $0.role == .dutyLeader }!
    static let sealer = DataSealer(base64: DataSealer.newKeyText())!

    static let idNumber = "11010519491231002X"
    static let phone = "13812345678"
    static let person = Applicant.person(
        name: "张三",
        idNumber: ResidentIDNumber(idNumber)!,
        phone: MobileNumber(phone)!
    )
    static let organisation = Applicant.organisation(
        name: "东湖化工有限公司",
        creditCode: CreditCode("91350100M000100Y43")!,
        legalRepresentative: "李四",
        agent: .init(name: "王五", idNumber: ResidentIDNumber("440524188001010014")!, phone: MobileNumber("13987654321")!, authorisationSeen: true)
    )

    static let residencePermit = BusinessCode("residence-permit")!
    static let noCriminalRecord = BusinessCode("no-criminal-record")!
    static let toxicPermit = BusinessCode("toxic-chemical-permit")!
    static let toxicFields = [
        "chemicalName": "氰化钠",
        "quantity": "50",
        "unit": "千克",
        "purpose": "电镀",
        "supplier": "东湖化学试剂厂",
    ]

    /// Wall-clock time in Shanghai on `day`.
    static func at(_ day: String, _ hour: Int = 10) -> Date {
        OfficeHours(closingHour: hour, closingMinute: 0)!.closing(on: LocalDate(day)!, in: hall.timeZone)
    }

    static func repository(_ db: Database) -> CaseRepository {
        CaseRepository(database: db, sealer: sealer, unitCode: "DHGA")
    }

    static func calendar(_ db: Database) async throws -> WorkingDayCalendar {
        let calendars = CalendarRepository(database: db)
        try await calendars.installShipped(at: Date())
        return try await calendars.current()
    }

    /// Marks every material as provided in full, except those in `except`.
    static func complete(_ guide: Guide, except: [Int: Checklist.State] = [:]) -> [(Int, Checklist.State)] {
        guide.materials.enumerated().map { index, material in
            (index, except[index] ?? .provided(originals: material.originals, copies: material.copies))
        }
    }

    static func guide(_ db: Database, _ code: BusinessCode) async throws -> Guide {
        try await GuideRepository(database: db).current(code)!.guide
    }
}

/// The case repository as the first window officer of the demo hall uses it, so tests spell out only what varies.
extension CaseRepository {
    func walkIn(
        _ business: BusinessCode,
        _ applicant: Applicant,
        fields: [String: String] = [:],
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> CaseFile {
        try await open(
            business: business,
            ticket: nil,
            applicant: applicant,
            fields: fields,
            by: Intake.officer,
            hall: Intake.hall,
            calendar: calendar,
            at: now
        )
    }

    @discardableResult
    func check(_ id: CaseID, _ marks: [(Int, Checklist.State)], calendar: WorkingDayCalendar, at now: Date) async throws -> CaseFile {
        try await recordChecklist(id, marks: marks, by: Intake.officer, hall: Intake.hall, calendar: calendar, at: now)
    }

    @discardableResult
    func decide(
        _ id: CaseID,
        commitmentSigned: Bool = false,
        supplementDue: LocalDate? = nil,
        refusal: Refusal? = nil,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> (CaseFile, [CaseDocument]) {
        try await decideIntake(
            id,
            commitmentSigned: commitmentSigned,
            supplementDue: supplementDue,
            refusal: refusal,
            by: Intake.officer,
            hall: Intake.hall,
            calendar: calendar,
            at: now
        )
    }
}

/// The repository's events with the hall, the calendar and the instant spelled out, as the tests were written;
/// each makes the one `Today` the repository takes.
extension CaseRepository {
    func open(
        business: BusinessCode?,
        ticket: TicketID?,
        applicant: Applicant,
        fields: [String: String],
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> CaseFile {
        try await open(
            business: business,
            ticket: ticket,
            applicant: applicant,
            fields: fields,
            by: officer,
            Today(hall: hall, calendar: calendar, now: now)
        )
    }

    func recordChecklist(
        _ id: CaseID,
        marks: [(Int, Checklist.State)],
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> CaseFile {
        try await recordChecklist(id, marks: marks, by: officer, Today(hall: hall, calendar: calendar, now: now))
    }

    func decideIntake(
        _ id: CaseID,
        commitmentSigned: Bool,
        supplementDue: LocalDate?,
        refusal: Refusal?,
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> (CaseFile, [CaseDocument]) {
        try await decideIntake(
            id,
            commitmentSigned: commitmentSigned,
            supplementDue: supplementDue,
            refusal: refusal,
            by: officer,
            Today(hall: hall, calendar: calendar, now: now)
        )
    }

    func requestItem(
        _ id: CaseID,
        index: Int,
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws
        -> CaseFile
    {
        try await requestItem(id, index: index, by: officer, Today(hall: hall, calendar: calendar, now: now))
    }

    func correctNotice(
        _ id: CaseID,
        items: [(Int, NoticeItem.Problem)],
        reason: String,
        approvedBy leader: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> (CaseFile, CaseDocument) {
        try await correctNotice(id, items: items, reason: reason, approvedBy: leader, Today(hall: hall, calendar: calendar, now: now))
    }

    func receiveSupplements(
        _ id: CaseID,
        indices: [Int],
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> (CaseFile, [CaseDocument]) {
        try await receiveSupplements(id, indices: indices, by: officer, Today(hall: hall, calendar: calendar, now: now))
    }

    func recordStep(
        _ id: CaseID,
        position: Int,
        opinion: String,
        approve: Bool,
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> CaseFile {
        try await recordStep(id, position: position, opinion: opinion, approve: approve, by: officer, Today(hall: hall, calendar: calendar, now: now))
    }

    func decide(
        _ id: CaseID,
        grant: Bool,
        reason: String?,
        legalBasis: [String],
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> (CaseFile, CaseDocument) {
        try await decide(id, grant: grant, reason: reason, legalBasis: legalBasis, by: officer, Today(hall: hall, calendar: calendar, now: now))
    }

    func setDelivery(
        _ id: CaseID,
        _ delivery: Delivery,
        by officer: Officer,
        hall: Hall,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws
        -> CaseFile
    {
        try await setDelivery(id, delivery, by: officer, Today(hall: hall, calendar: calendar, now: now))
    }

    func sweep(hall: Hall, calendar: WorkingDayCalendar, at now: Date) async throws -> SweepReport {
        try await sweep(Today(hall: hall, calendar: calendar, now: now))
    }
}
