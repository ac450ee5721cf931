import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Testing

@Suite("Workload read from the store")
struct WorkloadRepositoryTests {
    let supervisor = Badge("010300")!
    /// 2026-03-02 09:00 in Shanghai.
    let opening = Date(timeIntervalSince1970: 1_772_413_200)

    func at(_ minutes: Double) -> Date { opening.addingTimeInterval(minutes * 60) }

    @Test("sign-in, a break, a served ticket and sign-out are logged; a disabled account's window ends its time; a complaint counts for its handler")
    func morning() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let windows = WindowRepository(database: db)
            let tickets = TicketRepository(database: db)
            let (wang, li, zhao) = (Demo.officers[0], Badge("010100")!, Demo.officers[2])
            try await Demo.openWindows(1, in: db, at: at(0))
            let ticket = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: at(1))
            _ = try await tickets.callNext(window: 1, by: wang, hall: Demo.hall, at: at(2))
            _ = try await tickets.start(ticket.id, by: wang, at: at(5))
            _ = try await tickets.finish(ticket.id, by: wang, at: at(25))
            _ = try await windows.pause(1, officer: wang, at: at(60))
            _ = try await windows.resume(1, officer: wang, at: at(75))
            _ = try await windows.signOut(1, officer: wang, at: at(180))
            _ = try await windows.signIn(3, officer: zhao, at: at(10))
            try await AccountRepository(database: db).setDisabled(zhao, true, by: supervisor, at: at(40))
            let sealer = DataSealer(base64: DataSealer.newKeyText())!
            let complaints = ComplaintRepository(database: db, sealer: sealer)
            let filed = try await complaints.file(
                .init(channel: .online, subject: .hall, text: "等候太久", ticket: nil, hasContact: false),
                phone: nil,
                hall: Demo.hall,
                at: at(30)
            )
            _ = try await complaints.acknowledge(filed.complaint.id, handler: li, by: supervisor, hall: Demo.hall, at: at(31))

            let repository = WorkloadRepository(database: db)
            let day = try DeskPeriod(.day, containing: Demo.hall.serviceDay(at: opening))
            let rows = try await repository.rows(day, hall: Demo.hall, now: at(240), heavyServingMinutes: 360)
            let own = try #require(rows.first { $0.officer == wang })
            #expect((own.total.windowSeconds, own.total.breaks, own.total.breakSeconds) == (165 * 60, 1, 15 * 60))
            #expect((own.total.servingSeconds, own.total.served) == (20 * 60, 1))
            let disabled = try #require(rows.first { $0.officer == zhao })
            #expect(disabled.total.windowSeconds == 30 * 60)
            let handler = try #require(rows.first { $0.officer == li })
            #expect(handler.assigned[.complaint] == 1 && handler.open[.complaint] == 1 && handler.days.isEmpty)

            let mine = try await repository.rows(day, hall: Demo.hall, now: at(240), heavyServingMinutes: 360, officer: li)
            #expect(mine.map(\.officer) == [li])
            let heavy = try await repository.rows(day, hall: Demo.hall, now: at(240), heavyServingMinutes: 10, officer: wang)
            #expect(heavy.first?.heavyDays == 1 && heavy.first?.days.first?.heavy == true)
            let nextDay = try DeskPeriod(.day, containing: try day.from.adding(days: 1))
            #expect(try await repository.rows(nextDay, hall: Demo.hall, now: at(24 * 60 + 60), heavyServingMinutes: 360, officer: wang).isEmpty)
        }
    }
}
