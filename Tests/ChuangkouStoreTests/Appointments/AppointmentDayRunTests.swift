import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Logging
import SQLKit
import Testing

/// The appointments' day run: no-shows recorded and tomorrow's reminders sent once a day, however many processes run
/// it (SQLite, and PostgreSQL with `CHUANGKOU_TEST_POSTGRES_URL`).
@Suite("Appointment day run")
struct AppointmentDayRunTests {
    let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())
    let zone = Demo.hall.timeZone
    let limit = AppointmentRepository.Limit(client: "192.0.2.9", maxFailures: 5, window: .seconds(900))

    func repository(_ db: Database) -> AppointmentRepository {
        AppointmentRepository(
            database: db,
            sealer: AppointmentRepositoryTests.sealer,
            policy: AppointmentPolicy(),
            idNumberBusinesses: [],
            phoneCodes: { "123456" }
        )
    }

    func at(_ day: String, _ hour: Int, _ minute: Int = 0) -> Date {
        AppointmentSlot(day: LocalDate(day)!, start: hour * 60 + minute, minutes: 30).startsAt(in: zone)
    }

    func book(_ repo: AppointmentRepository, phone i: Int, day: String, hour: Int, at now: Date) async throws -> String {
        let phone = MobileNumber("139" + String(format: "%08d", 500 + i))!
        try await repo.sendPhoneCode(to: phone, at: now)
        return try await repo.book(
            .init(
                business: Demo.idCard,
                slot: AppointmentSlot(day: LocalDate(day)!, start: hour * 60, minutes: 30),
                name: "王五",
                phone: phone,
                idNumber: nil,
                phoneCode: "123456"
            ),
            calendar: calendar,
            hall: Demo.hall,
            at: now
        ).1
    }

    func status(_ repo: AppointmentRepository, _ code: String, at now: Date) async throws -> Appointment.Status? {
        if case .found(let record) = try await repo.find(code: code, limit: limit, at: now) { return record.appointment.status }
        return nil
    }

    @Test("two processes run the day at once: one marks yesterday's no-show and reminds tomorrow's bookings, once; the other finds it done")
    func oncePerDay() async throws {
        let location = try await TestDatabase.freshLocation()
        let first = try await Database.open(location, logger: Logger(label: "test"))
        try await Migrator(database: first).migrate()
        try await DemoHall.loadIfEmpty(into: first, passwordHash: "x", at: at("2026-02-20", 9))
        let second = try await Database.open(location, logger: Logger(label: "test"))
        defer { Task { await first.close(); await second.close() } }
        let a = repository(first)
        let b = repository(second)

        // Friday 27 Feb, nobody comes; Tuesday 3 Mar booked early (reminded), booked an hour before the run (just
        // had its code: not reminded), and booked then cancelled (not reminded).
        let missed = try await book(a, phone: 1, day: "2026-02-27", hour: 9, at: at("2026-02-25", 10))
        let reminded = try await book(a, phone: 2, day: "2026-03-03", hour: 10, at: at("2026-02-27", 15))
        let recent = try await book(a, phone: 3, day: "2026-03-03", hour: 11, at: at("2026-03-02", 7))
        let cancelled = try await book(a, phone: 4, day: "2026-03-03", hour: 14, at: at("2026-02-27", 16))
        _ = try await a.cancel(code: cancelled, limit: limit, hall: Demo.hall, at: at("2026-02-28", 9))

        let run = at("2026-03-02", 8)
        async let x = a.runDay(hall: Demo.hall, by: "a", at: run)
        async let y = b.runDay(hall: Demo.hall, by: "b", at: run)
        let results = try await [x, y]
        #expect(results.compactMap { $0 } == [.init(missed: 1, reminded: 1)], "one process did the day's work: \(results)")
        #expect(try await a.runDay(hall: Demo.hall, by: "a", at: run.addingTimeInterval(3600)) == nil, "the day is done")

        #expect(try await status(a, missed, at: run) == .missed)
        #expect(try await status(a, reminded, at: run) == .booked)
        #expect(try await status(a, recent, at: run) == .booked)
        let reminders = try await NotificationOutbox(database: first).all().filter { $0.kind == MessageKind.bookingReminder.rawValue }
        #expect(reminders.count == 1)
        let reminder = try #require(reminders.first)
        #expect(reminder.subject.contains(reminded) && reminder.subject.contains("2026-03-03") && reminder.subject.contains("10:00"))
        #expect(reminder.recipientPhoneSealed != nil && !leaksPersonalNumbers(reminder.subject))

        // The staff's list of Tuesday: slot order, status, name and the phone's last four; the read is audited.
        let list = try await a.day(LocalDate("2026-03-03")!, readBy: Badge("010100")!, at: run)
        #expect(list.map(\.appointment.slot.start) == [10 * 60, 11 * 60, 14 * 60])
        #expect(list.map(\.appointment.status) == [.booked, .booked, .cancelled])
        #expect(list.allSatisfy { $0.name == "王五" && $0.phoneLast4.count == 4 && !$0.businessName.isEmpty })

        // The next day's run: Tuesday's bookings are not over yet, Wednesday has none.
        #expect(try await b.runDay(hall: Demo.hall, by: "b", at: at("2026-03-03", 8)) == .init(missed: 0, reminded: 0))
    }
}
