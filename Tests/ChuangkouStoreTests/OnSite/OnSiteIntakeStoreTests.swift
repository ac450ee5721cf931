import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

/// On-site intake and the team's phone reveal in the store: the visit is locked and checked in the case's own
/// transaction; the case keeps its channel and visit through the table; a reveal is audited with its read.
@Suite("On-site intake and the phone reveal in the store")
struct OnSiteIntakeStoreTests {
    let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())
    let leader = Badge("010100")!
    /// 2026-09-28 (Monday) 10:00 and 2026-10-09 (Friday) 10:00 in the hall's zone.
    let requestedAt = Date(timeIntervalSince1970: 1_790_560_800)
    let onTheDay = Date(timeIntervalSince1970: 1_791_511_200)
    let visitDay = LocalDate("2026-10-09")!

    func officer(_ badge: Badge) -> Officer { DemoHall.officers.first { $0.badge == badge }! }

    /// A visit for id-card, planned for 2026-10-09 morning with the demo's first two window officers.
    func plannedVisit(_ visits: OnSiteRepository) async throws -> OnSiteVisitID {
        let request = OnSiteVisit.Request(
            applicant: "东湖区夕阳红养老院",
            address: "东湖区幸福路8号",
            businesses: [Demo.idCard],
            reason: .nursingHome,
            details: "",
            preferredDays: [visitDay],
            collectsPersonalData: false
        )
        let id = try await visits.request(
            request,
            phone: MobileNumber("13912345678")!,
            channel: .online,
            recordedBy: nil,
            hall: Demo.hall,
            at: requestedAt
        ).visit.id
        _ = try await visits.approve(
            id,
            slot: DutySlot(visitDay, .morning),
            team: [Demo.officers[0], Demo.officers[1]],
            by: leader,
            calendar: calendar,
            hall: Demo.hall,
            at: requestedAt
        )
        return id
    }

    @Test("a case opened on site keeps channel and visit through the table; a refused intake writes no case")
    func openOnSite() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let visits = OnSiteRepository(database: db, sealer: Intake.sealer)
            let cases = Intake.repository(db)
            let id = try await plannedVisit(visits)
            let today = Today(hall: Demo.hall, calendar: calendar, now: onTheDay)
            func open(by badge: Badge, _ business: BusinessCode = Demo.idCard, at day: Today) async throws -> CaseFile {
                try await cases.open(business: business, ticket: nil, applicant: Intake.person, fields: [:], visit: id, by: officer(badge), day)
            }
            await #expect(throws: OnSiteError.notTeamMember) { _ = try await open(by: Demo.officers[2], at: today) }
            await #expect(throws: OnSiteError.businessNotOnVisit(Demo.residence)) {
                _ = try await open(by: Demo.officers[0], Demo.residence, at: today)
            }
            await #expect(throws: OnSiteError.notVisitDay(visitDay)) {
                _ = try await open(by: Demo.officers[0], at: Today(hall: Demo.hall, calendar: calendar, now: requestedAt))
            }
            let count = try await db.read { try await $0.raw("SELECT COUNT(*) AS n FROM cases").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 0, "refused intakes leave no case behind")

            let opened = try await open(by: Demo.officers[1], at: today)
            #expect(opened.channel == .onSite(id) && opened.ticket == nil && opened.window == nil)
            let stored = try #require(try await cases.find(opened.id))
            #expect(stored.channel == .onSite(id) && stored.officer == Demo.officers[1])
            let walkIn = try await cases.open(
                business: Demo.residence,
                ticket: nil,
                applicant: Intake.person,
                fields: [:],
                by: officer(Demo.officers[0]),
                today
            )
            #expect(try await cases.find(walkIn.id)?.channel == .window)
            let listed = try await cases.cases(onVisit: id)
            #expect(listed.map(\.id) == [opened.id] && listed.first?.business == Demo.idCard && listed.first?.stage == .intake)
            let row = try #require(
                try await db.read { try await $0.raw("SELECT channel, onsite_visit_id FROM cases WHERE id = \(bind: opened.id.description)").first() }
            )
            #expect(try row.decode(column: "channel", as: String.self) == "on-site")
            #expect(try row.decode(column: "onsite_visit_id", as: String?.self) == id.description)
        }
    }

    @Test("a team member opens the applicant's phone, audited at the caller's time; nobody else, and no audit row for them")
    func revealContact() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let visits = OnSiteRepository(database: db, sealer: Intake.sealer)
            let id = try await plannedVisit(visits)
            await #expect(throws: OnSiteError.notTeamMember) { _ = try await visits.revealContact(id, by: Demo.officers[2], at: onTheDay) }
            await #expect(throws: OnSiteError.notTeamMember) { _ = try await visits.revealContact(id, by: leader, at: onTheDay) }
            await #expect(throws: OnSiteRecordError.unknownVisit) {
                _ = try await visits.revealContact(OnSiteVisitID(UUID()), by: Demo.officers[0], at: onTheDay)
            }
            let phone = try await visits.revealContact(id, by: Demo.officers[1], at: onTheDay)
            #expect(phone.value == "13912345678")
            let rows = try await AuditLog(database: db).search(.init(action: "onsite.reveal-contact", limit: 10))
            #expect(rows.map(\.object) == ["onsite:\(id)"] && rows.map(\.date) == [onTheDay])
            #expect(rows.first?.detail == "\(Demo.officers[1]) 2026-10-09" && rows.allSatisfy { !$0.detail.contains("13912345678") })
        }
    }

    @Test("the desk counts the period's visits for each team member and the hall, by their recorded outcome, and the cases opened on them")
    func visitsOnTheDesk() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let visits = OnSiteRepository(database: db, sealer: Intake.sealer)
            let id = try await plannedVisit(visits)
            let today = Today(hall: Demo.hall, calendar: calendar, now: onTheDay)
            _ = try await Intake.repository(db)
                .open(business: Demo.idCard, ticket: nil, applicant: Intake.person, fields: [:], visit: id, by: officer(Demo.officers[1]), today)
            let desk = DeskRepository(database: db)
            let october = try DeskPeriod(.month, containing: visitDay)
            func rows() async throws -> [Badge?: SupervisorDesk.Row] {
                Dictionary(
                    uniqueKeysWithValues: try await desk.rows(october, hall: Demo.hall, viewer: Badge("010300")!, at: onTheDay)
                        .map { ($0.officer, $0) }
                )
            }
            var before = try await rows()
            #expect(before[nil]?.visits == 1 && before[nil]?.visitsAwaitingResult == 1 && before[nil]?.onSiteCases == 1)
            #expect(before[Demo.officers[0]]?.visits == 1 && before[Demo.officers[1]]?.onSiteCases == 1)
            #expect(before[Demo.officers[0]]?.onSiteCases == 0)
            _ = try await visits.recordResult(id, .partly, note: "两位老人证件不全", casesTaken: 1, by: Demo.officers[0], hall: Demo.hall, at: onTheDay)
            before = try await rows()
            let hall = try #require(before[nil])
            #expect((hall.visits, hall.visitsPartly, hall.visitsAwaitingResult) == (1, 1, 0))
            #expect(before[Demo.officers[1]]?.visitsPartly == 1)
            let november = try DeskPeriod(.month, containing: LocalDate("2026-11-02")!)
            let later = try await desk.rows(november, hall: Demo.hall, viewer: Badge("010300")!, at: onTheDay)
            #expect(later[0].visits == 0 && later[0].onSiteCases == 0)
        }
    }
}
