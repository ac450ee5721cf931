import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("On-site visits in the store")
struct OnSiteRepositoryTests {
    let sealer = DataSealer(base64: DataSealer.newKeyText())!
    let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())
    let leader = Badge("010100")!
    /// 2026-09-28 (Monday) 10:00 in the hall's zone.
    let now = Date(timeIntervalSince1970: 1_790_560_800)
    let visitDay = LocalDate("2026-10-09")!

    /// A visit requested online now (no personal data collected on site); its id.
    func requestedOnline(_ visits: OnSiteRepository) async throws -> OnSiteVisitID {
        try await visits.request(
            request(collects: false),
            phone: MobileNumber("13912345678")!,
            channel: .online,
            recordedBy: nil,
            hall: Demo.hall,
            at: now
        ).visit.id
    }

    func request(collects: Bool = true) -> OnSiteVisit.Request {
        OnSiteVisit.Request(
            applicant: "张桂兰（卧床老人）",
            address: "东湖区幸福路8号3栋502室",
            businesses: [BusinessCode("id-card")!],
            reason: .mobility,
            details: "家属电话13812345678",
            preferredDays: [visitDay],
            collectsPersonalData: collects
        )
    }

    @Test("request online → planned with a team → on the route list and the team's schedules → result; sealed at rest, audited")
    func lifecycle() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let visits = OnSiteRepository(database: db, sealer: sealer)
            #expect(Demo.hall.serviceDay(at: now) == LocalDate("2026-09-28")!)
            let requested = try await visits.request(
                request(),
                phone: MobileNumber("13912345678")!,
                channel: .online,
                recordedBy: nil,
                hall: Demo.hall,
                at: now
            )
            let code = try #require(requested.queryCode)
            let id = requested.visit.id
            // Nothing personal is readable in the table.
            let raw = try #require(try await db.read { try await $0.raw("SELECT * FROM onsite_visits").first() })
            let sealed = try raw.decode(column: "visit_sealed", as: String.self) + (try raw.decode(column: "phone_sealed", as: String.self))
            #expect(!sealed.contains("幸福路") && !sealed.contains("13912345678") && !sealed.contains("张桂兰"))
            #expect(try raw.decode(column: "phone_masked", as: String.self) == "139****5678")

            let team = [Demo.officers[0], Demo.officers[1]]
            await #expect(throws: OnSiteError.teamSize(required: 2, max: 6)) {
                _ = try await visits.approve(
                    id,
                    slot: DutySlot(visitDay, .morning),
                    team: [team[0]],
                    by: leader,
                    calendar: calendar,
                    hall: Demo.hall,
                    at: now
                )
            }
            await #expect(throws: OnSiteRecordError.unknownOfficer(Badge("099999")!)) {
                _ = try await visits.approve(
                    id, slot: DutySlot(
                        visitDay,
                        .morning
                    ), team: [team[0], Badge("099999")!], by: leader, calendar: calendar, hall: Demo.hall, at: now)
            }
            let approved = try await visits.approve(
                id,
                slot: DutySlot(visitDay, .morning),
                team: team,
                by: leader,
                calendar: calendar,
                hall: Demo.hall,
                at: now
            )
            #expect(approved.stage == .approved && approved.plan?.team == team)
            #expect(try await visits.day(visitDay, readBy: leader, at: now).map(\.visit.id) == [id])
            #expect(try await visits.schedule(of: team[1], from: LocalDate("2026-09-28")!).map(\.visit.id) == [id])
            #expect(try await visits.schedule(of: Demo.officers[2], from: LocalDate("2026-09-28")!).isEmpty)

            let followed = try await visits.query(code: code.lowercased(), lastFour: "5678", at: now)
            #expect(followed.visit.stage == .approved && followed.history.map(\.code) == [.requested, .approved])
            await #expect(throws: OnSiteRecordError.queryNotFound) { _ = try await visits.query(code: code, lastFour: "0000", at: now) }

            // The team and the applicant are told through the outbox; the applicant's phone stays sealed.
            let outbox = try await NotificationOutbox(database: db).all()
            #expect(Set(outbox.filter { $0.kind == "onsite.assigned" }.map(\.recipient)) == Set(team))
            let told = try #require(outbox.first { $0.kind == MessageKind.visitDecision.rawValue })
            #expect(told.subject.hasPrefix("【\(Demo.hall.name)】您的现场办公申请（查询码\(code)）已安排。"), "\(told.subject)")
            #expect(try sealer.open(try #require(told.recipientPhoneSealed)) == "13912345678" && told.subject.contains("2026年10月9日上午"))
            #expect(outbox.contains { $0.kind == "onsite.requested" && $0.recipient == leader })

            let onTheDay = Date(timeIntervalSince1970: 1_791_511_200)  // 2026-10-09 10:00 in the hall's zone
            await #expect(throws: OnSiteError.notOnTeam) {
                _ = try await visits.recordResult(id, .done, note: "", casesTaken: 1, by: Demo.officers[2], hall: Demo.hall, at: onTheDay)
            }
            let visited = try await visits.recordResult(id, .done, note: "已受理身份证换领", casesTaken: 1, by: team[0], hall: Demo.hall, at: onTheDay)
            #expect(visited.visit.stage == .visited && visited.visit.result?.by == team[0])
            #expect(visited.history.map(\.code) == [.requested, .approved, .visited] && visited.phoneMasked == "139****5678")
            let history = try #require(try await visits.find(id, readBy: leader, at: now)).history
            #expect(history.map(\.code) == [.requested, .approved, .visited])
            let actions = try await AuditLog(database: db).search(.init(action: "onsite.", limit: 100)).map(\.action)
            #expect(Set(actions).isSuperset(of: ["onsite.request", "onsite.approve", "onsite.result", "onsite.read", "onsite.query"]))
        }
    }

    @Test("reading a visit and the day's route list stamps the audit rows with the caller's clock, not the machine's")
    func readsAuditedAtTheCallersTime() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let visits = OnSiteRepository(database: db, sealer: sealer)
            let id = try await requestedOnline(visits)
            // Months from the machine's own time either way, so a read stamped with `Date()` cannot match.
            let read = now.addingTimeInterval(3 * 3600)
            let listed = now.addingTimeInterval(5 * 3600)
            _ = try await visits.find(id, readBy: leader, at: read)
            _ = try await visits.day(visitDay, readBy: leader, at: listed)
            let log = AuditLog(database: db)
            let reads = try await log.search(.init(action: "onsite.read", limit: 10))
            let routeLists = try await log.search(.init(action: "onsite.route-list", limit: 10))
            #expect(reads.map(\.date) == [read] && reads.map(\.object) == ["onsite:\(id)"])
            #expect(routeLists.map(\.date) == [listed] && routeLists.map(\.object) == ["onsite-day:\(visitDay)"])
        }
    }

    @Test("a decline says why and reaches the applicant; the declined visit is never planned afterwards")
    func decline() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let visits = OnSiteRepository(database: db, sealer: sealer)
            let requested = try await visits.request(
                request(collects: false),
                phone: MobileNumber("13912345678")!,
                channel: .staff,
                recordedBy: Demo.officers[0],
                hall: Demo.hall,
                at: now
            )
            #expect(requested.queryCode == nil, "staff-recorded: the applicant is told by phone")
            _ = try await visits.decline(requested.visit.id, reason: "可由家属代办，无需上门", by: leader, hall: Demo.hall, at: now)
            await #expect(throws: OnSiteError.wrongStage(.declined)) {
                _ = try await visits.approve(
                    requested.visit.id, slot: DutySlot(
                        visitDay,
                        .afternoon
                    ), team: [Demo.officers[1]], by: leader, calendar: calendar, hall: Demo.hall, at: now)
            }
            await #expect(throws: OnSiteError.leaderOnly) {
                _ = try await visits.decline(requested.visit.id, reason: "不属于范围", by: Demo.officers[1], hall: Demo.hall, at: now)
            }
            let outbox = try await NotificationOutbox(database: db).all()
            let declined = try #require(outbox.first { $0.kind == "visit.decision" })
            #expect(declined.subject == "【\(Demo.hall.name)】您的现场办公申请（查询码电话登记）未获安排。原因：可由家属代办，无需上门。如有疑问请致电大厅。")
            #expect(try await visits.list(stage: .declined).map(\.visit.id) == [requested.visit.id])
            #expect(try await visits.list(stage: .requested).isEmpty)
        }
    }

    @Test("two leaders deciding at once: exactly one decision stands")
    func concurrentDecisions() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let visits = OnSiteRepository(database: db, sealer: sealer)
            let id = try await requestedOnline(visits)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for attempt in 0..<8 {
                    group.addTask {
                        do {
                            if attempt.isMultiple(of: 2) {
                                _ = try await visits.decline(id, reason: "人手不足，请改期", by: leader, hall: Demo.hall, at: now)
                            } else {
                                _ = try await visits.approve(
                                    id, slot: DutySlot(visitDay, .morning), team: [Demo.officers[attempt % 6]], by: leader, calendar: calendar,
                                    hall: Demo.hall, at: now)
                            }
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let record = try #require(try await visits.find(id, readBy: leader, at: now))
            #expect(record.history.count == 2)
            let team = try await db.read { try await $0.raw("SELECT COUNT(*) AS n FROM onsite_team").first()?.decode(column: "n", as: Int.self) }
            #expect(team == (record.visit.stage == .approved ? 1 : 0))
        }
    }

    @Test("a list reads every visit's own history in one query, never another visit's; the decision goes by its template")
    func listHistories() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let visits = OnSiteRepository(database: db, sealer: sealer)
            let phone = MobileNumber("13912345678")!
            let first = try await visits.request(request(), phone: phone, channel: .online, recordedBy: nil, hall: Demo.hall, at: now)
            let second = try await visits.request(
                request(collects: false),
                phone: phone,
                channel: .online,
                recordedBy: nil,
                hall: Demo.hall,
                at: now.addingTimeInterval(60)
            )
            // The applicant's message follows the template an administrator saved.
            let body = "{hall}：现场办公{outcome}（{queryCode}）{reason}"
            _ = try await MessageTemplates(database: db).save(.visitDecision, .chinese, body: body, by: Badge("019901")!, at: now)
            _ = try await visits.decline(second.visit.id, reason: "可由家属代办", by: leader, hall: Demo.hall, at: now.addingTimeInterval(120))
            let told = try await NotificationOutbox(database: db).all().filter { $0.kind == "visit.decision" }.map(\.subject)
            #expect(told == ["\(Demo.hall.name)：现场办公未获安排（\(try #require(second.queryCode))）原因：可由家属代办。如有疑问请致电大厅。"])
            let listed = try await visits.list(stage: nil)
            #expect(listed.map(\.visit.id) == [second.visit.id, first.visit.id])
            #expect(listed.map { $0.history.map(\.code) } == [[.requested, .declined], [.requested]])
            #expect(try await visits.list(stage: .approved).isEmpty)
        }
    }
}
