import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Logging
import SQLKit
import Testing

@testable import ChuangkouServer

/// The service that starts the appointments' day run: nothing before `day-run-at` in the hall's zone, the run once
/// it is due, once per day even with two servers looking at once, again the next day; off with a zero interval.
/// Looks are called directly with the instant they see (no sleeping, no timing).
@Suite("Appointment day service")
struct AppointmentDayServiceTests {
    static let sealer = DataSealer(base64: DataSealer.newKeyText())!
    let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())
    let zone = DemoHall.hall.timeZone

    func repository(_ db: Database) -> AppointmentRepository {
        AppointmentRepository(
            database: db,
            sealer: Self.sealer,
            policy: AppointmentPolicy(),
            idNumberBusinesses: [],
            phoneCodes: { "123456" }
        )
    }

    func at(_ day: String, _ hour: Int, _ minute: Int = 0) -> Date {
        AppointmentSlot(day: LocalDate(day)!, start: hour * 60 + minute, minutes: 30).startsAt(in: zone)
    }

    /// A service whose clock reads whatever `clock` holds.
    func service(_ db: Database, worker: String, clock: Clock, checkEvery: Duration = .seconds(300)) -> AppointmentDayService {
        AppointmentDayService(
            appointments: repository(db),
            hall: DemoHall.hall,
            startsAt: 8 * 60,
            checkEvery: checkEvery,
            worker: worker,
            logger: Logger(label: "test"),
            now: { clock.now }
        )
    }

    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var instant: Date
        init(_ instant: Date) { self.instant = instant }
        var now: Date { lock.withLock { instant } }
        func set(_ instant: Date) { lock.withLock { self.instant = instant } }
    }

    func runs(_ db: Database) async throws -> [(day: String, by: String)] {
        try await db.read { sql in
            try await sql.raw("SELECT day, run_by FROM appointment_day_runs ORDER BY day").all().map {
                (try $0.decode(column: "day", as: String.self), try $0.decode(column: "run_by", as: String.self))
            }
        }
    }

    @Test("not before day-run-at; then once per day across two servers looking at once; again the next day")
    func oncePerDay() async throws {
        let location = try await TestDatabase.freshLocation()
        let first = try await Database.open(location, logger: Logger(label: "test"))
        try await Migrator(database: first).migrate()
        try await DemoHall.loadIfEmpty(into: first, passwordHash: "x", at: at("2026-02-20", 9))
        let second = try await Database.open(location, logger: Logger(label: "test"))
        defer { Task { await first.close(); await second.close() } }

        // A booking for Friday 27 Feb that nobody comes to: Monday's run marks it missed.
        let phone = MobileNumber("13900000501")!
        let repo = repository(first)
        try await repo.sendPhoneCode(to: phone, at: at("2026-02-25", 10))
        let booked = try await repo.book(
            .init(
                business: BusinessCode("id-card")!,
                slot: AppointmentSlot(day: LocalDate("2026-02-27")!, start: 9 * 60, minutes: 30),
                name: "王五",
                phone: phone,
                idNumber: nil,
                phoneCode: "123456"
            ),
            calendar: calendar,
            hall: DemoHall.hall,
            at: at("2026-02-25", 10)
        ).1

        let clock = Clock(at("2026-03-02", 7, 59))
        let a = service(first, worker: "a", clock: clock)
        let b = service(second, worker: "b", clock: clock)
        #expect(await a.look(settled: nil) == nil, "07:59 in the hall: not yet")
        #expect(try await runs(first).isEmpty)

        clock.set(at("2026-03-02", 8))
        async let x = a.look(settled: nil)
        async let y = b.look(settled: nil)
        let monday = LocalDate("2026-03-02")!
        #expect(await [x, y] == [monday, monday], "both settle the day")
        let done = try await runs(first)
        #expect(done.count == 1 && done[0].day == "2026-03-02" && ["a", "b"].contains(done[0].by), "one of them ran it: \(done)")
        let limit = AppointmentRepository.Limit(client: "192.0.2.9", maxFailures: 5, window: .seconds(900))
        guard case .found(let record) = try await repo.find(code: booked, limit: limit, at: clock.now) else {
            Issue.record("the booking is gone")
            return
        }
        #expect(record.appointment.status == Appointment.Status.missed)

        // Later the same day, a third look (a restarted server, nothing settled in it) finds the day done.
        clock.set(at("2026-03-02", 15))
        #expect(await service(second, worker: "c", clock: clock).look(settled: nil) == monday)
        #expect(try await runs(first).count == 1)

        // The next day before 08:00 a settled server waits; at 08:00 it runs Tuesday.
        clock.set(at("2026-03-03", 7))
        #expect(await a.look(settled: monday) == monday)
        clock.set(at("2026-03-03", 8, 5))
        #expect(await a.look(settled: monday) == LocalDate("2026-03-03")!)
        #expect(try await runs(first).map(\.day) == ["2026-03-02", "2026-03-03"])
    }

    @Test("day-run-check-minutes 0 turns the run off in this process")
    func off() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let clock = Clock(at("2026-03-02", 9))
            let service = service(db, worker: "a", clock: clock, checkEvery: .zero)
            // Off, it waits for shutdown (a service that returns would stop the whole app) and never runs the day.
            let task = Task { try await service.run() }
            for _ in 0..<50 { await Task.yield() }
            #expect(try await runs(db).isEmpty)
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
        }
    }
}
