import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import SQLKit
import Testing

@testable import ChuangkouServer

/// The service that keeps the desk's recent days rolled: at its first look the closed days of the window (two days
/// back and older, no further than `days`), nothing again the same day, the next closed day after midnight; the desk's
/// figures the same as from the tickets. Looks are called directly with the instant they see.
@Suite("Desk rollup service")
struct DeskRollupServiceTests {
    func rolledDays(_ db: Database) async throws -> [String] {
        try await db.read { sql in
            try await sql.raw("SELECT service_day FROM desk_rolled_days ORDER BY service_day").all()
                .map { try $0.decode(column: "service_day", as: String.self) }
        }
    }

    @Test("rolls the window's closed days at the first look, nothing more that day, the next day after midnight")
    func rollsAheadOfTheDesk() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let plan = DeskSeeder.Plan(tickets: 600, cases: 0, lastDay: LocalDate("2026-03-20")!, days: 10, batch: 300)
            _ = try await DeskSeeder(database: db).seed(plan, hall: DemoHall.hall, sealer: DataSealer(base64: DataSealer.newKeyText())!)
            let desk = DeskRepository(database: db)
            let period = try DeskPeriod(.month, containing: LocalDate("2026-03-15")!)
            let supervisor = Badge("010300")!
            // Read live as on 2 March, when no day of March is closed yet: the figures the rolled days must give again.
            let noon = DemoHall.hall.start(of: LocalDate("2026-03-22")!).addingTimeInterval(12 * 3_600)
            let live = try await desk.rows(period, hall: DemoHall.hall, viewer: supervisor, at: DemoHall.hall.start(of: LocalDate("2026-03-02")!))
            #expect(try await rolledDays(db) == [])

            let clock = AppointmentDayServiceTests.Clock(noon)
            let service = DeskRollupService(
                desk: desk,
                hall: DemoHall.hall,
                days: 5,
                checkEvery: .seconds(600),
                logger: Logger(label: "test"),
                now: { clock.now }
            )
            // 22 March: the last closed day is the 20th; five days back from it.
            let settled = await service.look(settled: nil)
            #expect(settled == LocalDate("2026-03-22"))
            #expect(try await rolledDays(db) == ["2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19", "2026-03-20"])
            try await db.transaction { sql in try await sql.raw("DELETE FROM desk_rolled_days WHERE service_day = '2026-03-18'").run() }
            #expect(await service.look(settled: settled) == settled)
            #expect(try await rolledDays(db).count == 4, "the same day looks once")
            clock.set(noon.addingTimeInterval(13 * 3_600))  // 01:00 on the 23rd
            #expect(await service.look(settled: settled) == LocalDate("2026-03-23"))
            // The next closed day, and the forgotten 18th again (the 16th, now outside the window, stays rolled).
            #expect(try await rolledDays(db) == ["2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19", "2026-03-20", "2026-03-21"])

            let afterwards = try await desk.rows(period, hall: DemoHall.hall, viewer: supervisor, at: noon.addingTimeInterval(13 * 3_600))
            #expect(afterwards.map(\.queue) == live.map(\.queue))
        }
    }

    @Test("a hall with its background jobs turned off keeps serving: a service that is off waits for shutdown, never ends the app")
    func offServicesKeepTheHallUp() async throws {
        let off: [AbsoluteConfigKey: ConfigValue] = [
            "chuangkou.supervision.rollup-days": .init(.int(0), isSecret: false),
            "chuangkou.appointments.day-run-check-minutes": .init(.int(0), isSecret: false),
            "chuangkou.deadlines.check-minutes": .init(.int(0), isSecret: false),
            "chuangkou.cases.check-minutes": .init(.int(0), isSecret: false),
            "chuangkou.notifications.interval-seconds": .init(.int(0), isSecret: false),
        ]
        try await HallPermits.shared.withPermit {
            let app = try await describingErrors { try await makeHallApp(settings: off) }
            try await app.test(.router) { client in
                let officer = try await client.token(Demo.officers[0])
                for _ in 0..<20 {
                    let response = try await client.send(.get, "/api/v1/businesses", token: officer)
                    #expect(response.status == .ok, "\(text(response))")
                }
            }
        }
    }
}
