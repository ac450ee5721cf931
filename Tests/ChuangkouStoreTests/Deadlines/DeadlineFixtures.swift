import ChuangkouCore
import ChuangkouStore
import Foundation

/// Instants and people for the deadline tests.
enum Clockwork {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// Wall-clock time in the hall's zone.
    static func at(_ day: String, _ hour: Int, _ minute: Int = 0) -> Date {
        OfficeHours(closingHour: hour, closingMinute: minute)!.closing(on: LocalDate(day)!, in: shanghai)
    }

    static let owner = DemoHall.officers.first { $0.role == .officer }!
    static let otherOfficer = DemoHall.officers.filter { $0.role == .officer }[1]
    static let dutyLeader = DemoHall.officers.first { $0.role == .dutyLeader }!

    /// A database with the shipped calendar, and its calendar.
    static func calendar(_ db: Database) async throws -> WorkingDayCalendar {
        let calendars = CalendarRepository(database: db)
        try await calendars.installShipped(at: Date())
        return try await calendars.current()
    }

    /// The RULES example as a clock: accepted Thu 2026-02-12, promised 3 working days (due Tue 02-24), statutory 20.
    static func start(_ db: Database, calendar: WorkingDayCalendar, owner: Officer = owner) async throws -> DeadlineRecord {
        try await DeadlineRepository(database: db).start(
            subject: "张三 居住证",
            business: BusinessCode("residence-permit"),
            owner: owner.badge,
            acceptedOn: LocalDate("2026-02-12")!,
            statutoryLimit: 20,
            promisedLimit: 3,
            calendar: calendar,
            at: at("2026-02-12", 10)
        )
    }
}
