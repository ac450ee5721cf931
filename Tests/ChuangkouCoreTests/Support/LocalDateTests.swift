import ChuangkouCore
import Foundation
import Testing

@Suite("Calendar days")
struct LocalDateTests {
    @Test(
        "strict YYYY-MM-DD parsing accepts real dates only",
        arguments: [
            ("2026-02-12", true), ("2024-02-29", true), ("2026-02-29", false), ("2026-13-01", false), ("2026-2-12", false),
            ("26-02-12", false), ("2026-02-12T00:00", false), ("", false), ("2026-04-31", false), ("2000-02-29", true), ("1900-02-29", false),
        ]
    )
    func parse(text: String, valid: Bool) {
        #expect((LocalDate(text) != nil) == valid)
        if valid { #expect(LocalDate(text)?.description == text) }
    }

    @Test("the service day follows the hall's time zone across midnight")
    func serviceDayAcrossMidnight() throws {
        let hall = Hall(name: "h", address: "a", supervisionPhone: "1", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        // 2026-05-28 15:59:59 UTC is 23:59:59 in Shanghai; one second later it is the next day there.
        let before = try #require(ISO8601DateFormatter().date(from: "2026-05-28T15:59:59Z"))
        #expect(hall.serviceDay(at: before) == LocalDate("2026-05-28"))
        #expect(hall.serviceDay(at: before.addingTimeInterval(1)) == LocalDate("2026-05-29"))
    }

    @Test("days order chronologically")
    func order() {
        #expect(LocalDate("2025-12-31")! < LocalDate("2026-01-01")!)
        #expect(LocalDate("2026-01-31")! < LocalDate("2026-02-01")!)
    }
}

@Test("description is zero-padded YYYY-MM-DD for every day of four centuries, and parses back")
func descriptionRoundTrip() throws {
    var day = LocalDate(year: 1900, month: 1, day: 1)!
    let end = LocalDate(year: 2300, month: 1, day: 1)!
    while day < end {
        let text = day.description
        #expect(text.count == 10 && text == String(format: "%04d-%02d-%02d", day.year, day.month, day.day))
        #expect(LocalDate(text) == day)
        day = try day.adding(days: 1)
    }
    #expect(LocalDate(year: 7, month: 3, day: 9)?.description == "0007-03-09")
}

@Test("day arithmetic is total: past 9999-12-31, before year 1 or with an overflowing count it throws, never traps")
func arithmeticIsTotal() throws {
    #expect(try LocalDate.latest.adding(days: 0) == LocalDate.latest)
    #expect(throws: CalendarError.outOfRange(from: .latest, days: 1)) { try LocalDate.latest.adding(days: 1) }
    #expect(throws: CalendarError.outOfRange(from: .earliest, days: -1)) { try LocalDate.earliest.adding(days: -1) }
    let today = LocalDate(year: 2026, month: 2, day: 12)!
    for days in [Int.max, Int.min, Int.max / 2, 3_000_000, -3_000_000] {
        #expect(throws: CalendarError.outOfRange(from: today, days: days)) { try today.adding(days: days) }
    }
    #expect(LocalDate(daysSinceEpoch: Int.max) == nil && LocalDate(daysSinceEpoch: Int.min) == nil)
    #expect(LocalDate(daysSinceEpoch: LocalDate.latest.daysSinceEpoch) == .latest)
    // Working days past the end of what can be counted: an error, not a crash.
    let calendar = try WorkingDayCalendar([])
    #expect(throws: CalendarError.self) { try calendar.adding(workingDays: 10, to: LocalDate(year: 9999, month: 12, day: 25)!) }
    #expect(throws: CalendarError.self) { try calendar.nextWorkingDay(after: .latest) }
}

@Test("a deadline clock refuses limits beyond 1000 working days, and one whose due date would pass 9999-12-31 still reads")
func deadlineLimitsAreBounded() throws {
    let accepted = LocalDate(year: 2026, month: 2, day: 12)!
    #expect(throws: DeadlineError.limitTooLong(max: DeadlineClock.maxLimit)) {
        try DeadlineClock(acceptedOn: accepted, statutoryLimit: 2_000_000_000, promisedLimit: 1)
    }
    #expect(throws: DeadlineError.limitTooLong(max: DeadlineClock.maxLimit)) {
        try DeadlineClock(acceptedOn: accepted, statutoryLimit: Int.max, promisedLimit: Int.max)
    }
    let late = try DeadlineClock(acceptedOn: LocalDate(year: 9999, month: 11, day: 1)!, statutoryLimit: 1000, promisedLimit: 1000)
    let status = late.status(on: LocalDate(year: 9999, month: 11, day: 2)!, calendar: try WorkingDayCalendar([]))
    #expect(status.promisedDue == .latest && status.provisional)
}
