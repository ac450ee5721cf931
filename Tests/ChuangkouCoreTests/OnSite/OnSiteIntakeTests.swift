import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import Testing

/// On site the team opens cases through the hall's own intake (channel on-site): only a member of the planned visit's
/// team, only on the visit's day, only for a business the visit lists; and only the team opens the applicant's phone.
@Suite("On-site intake and the team's phone reveal (现场受理)")
struct OnSiteIntakeTests {
    typealias T = OnSiteVisitTests
    static let day = LocalDate("2026-10-09")!
    static let idCard = BusinessCode("id-card")!
    static let outsider = Officer(badge: Badge("020103")!, name: "赵警官", role: .officer, post: "治安窗口民警")

    /// Requested for id-card and planned for 2026-10-09 morning with `officer` and `second`.
    static func planned() throws -> OnSiteVisit {
        var visit = try T.requested()
        _ = try visit.approve(DutySlot(day, .morning), team: [T.officer, T.second], by: T.leader, calendar: T.calendar, today: T.today, at: T.now)
        return visit
    }

    @Test("a team member opens intake for a listed business on the visit's day; both members may")
    func teamOnTheDay() throws {
        let visit = try Self.planned()
        try visit.checkIntake(by: T.officer, business: Self.idCard, on: Self.day)
        try visit.checkIntake(by: T.second, business: Self.idCard, on: Self.day)
        #expect(visit.mayOpenIntake(by: T.second, business: Self.idCard, on: Self.day))
    }

    @Test(
        "refused: not on the team (a duty leader neither), another day, a business the visit does not list",
        arguments: [
            (outsider, "id-card", "2026-10-09", OnSiteError.notTeamMember),
            (OnSiteVisitTests.leader, "id-card", "2026-10-09", .notTeamMember),
            (OnSiteVisitTests.officer, "id-card", "2026-10-08", .notVisitDay(LocalDate("2026-10-09")!)),
            (OnSiteVisitTests.officer, "id-card", "2026-10-10", .notVisitDay(LocalDate("2026-10-09")!)),
            (OnSiteVisitTests.officer, "residence-permit", "2026-10-09", .businessNotOnVisit(BusinessCode("residence-permit")!)),
        ]
    )
    func refused(_ officer: Officer, _ business: String, _ today: String, _ error: OnSiteError) throws {
        let visit = try Self.planned()
        #expect(throws: error) { try visit.checkIntake(by: officer, business: BusinessCode(business)!, on: LocalDate(today)!) }
        #expect(!visit.mayOpenIntake(by: officer, business: BusinessCode(business)!, on: LocalDate(today)!))
    }

    @Test("no intake before the visit is planned (no team yet) nor once its result is recorded")
    func stages() throws {
        let requested = try T.requested()
        #expect(throws: OnSiteError.notTeamMember) { try requested.checkIntake(by: T.officer, business: Self.idCard, on: Self.day) }
        var visited = try Self.planned()
        _ = try visited.recordResult(.done, note: "", casesTaken: 1, by: T.officer, on: Self.day, at: T.now)
        #expect(throws: OnSiteError.wrongStage(.visited)) { try visited.checkIntake(by: T.officer, business: Self.idCard, on: Self.day) }
    }

    @Test("the applicant's phone: the team of a planned or visited visit opens it; nobody else, nor before planning")
    func revealContact() throws {
        var visit = try Self.planned()
        try visit.checkRevealContact(by: T.second.badge)
        #expect(throws: OnSiteError.notTeamMember) { try visit.checkRevealContact(by: Self.outsider.badge) }
        #expect(throws: OnSiteError.notTeamMember) { try visit.checkRevealContact(by: T.leader.badge) }
        _ = try visit.recordResult(.done, note: "", casesTaken: 1, by: T.officer, on: Self.day, at: T.now)
        try visit.checkRevealContact(by: T.officer.badge)
        #expect(throws: OnSiteError.notTeamMember) { try T.requested().checkRevealContact(by: T.officer.badge) }
    }

    @Test("a case opened on site keeps its visit and has no ticket; a ticket is never taken on site")
    func caseChannel() throws {
        let visit = OnSiteVisitID(UUID())
        let (file, _) = try CaseFile.open(
            id: FileFixture.caseID,
            queryCode: "ABCDEFGHJKMN",
            guide: FileFixture.version(FileFixture.permit),
            ticket: nil,
            applicant: CaseFixture.person,
            fields: FileFixture.permitFields,
            by: FileFixture.officer,
            channel: .onSite(visit),
            FileFixture.received
        )
        #expect(file.channel == .onSite(visit) && file.channel.code == "on-site" && file.channel.visit == visit && file.ticket == nil)
        #expect(FileFixture.opened().channel == .window)
        #expect(CaseChannel(code: "on-site", visit: visit) == .onSite(visit) && CaseChannel(code: "window", visit: nil) == .window)
        #expect(CaseChannel(code: "on-site", visit: nil) == nil && CaseChannel(code: "desk", visit: nil) == nil)

        var ticket = Ticket(
            id: TicketID(UUID()),
            number: TicketNumber(prefix: TicketPrefix("T")!, sequence: 7),
            serviceDay: LocalDate("2026-03-03")!,
            issuedAt: FileFixture.received.now,
            business: FileFixture.permit.code
        )
        _ = try ticket.call(window: 4, by: FileFixture.officer.badge, at: FileFixture.received.now)
        #expect(throws: CaseError.ticketNotAtWindow) {
            try CaseFile.open(
                id: FileFixture.caseID,
                queryCode: "ABCDEFGHJKMN",
                guide: FileFixture.version(FileFixture.permit),
                ticket: ticket,
                applicant: CaseFixture.person,
                fields: FileFixture.permitFields,
                by: FileFixture.officer,
                channel: .onSite(visit),
                FileFixture.received
            )
        }
    }
}
