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
func descriptionRoundTrip() {
    var day = LocalDate(year: 1900, month: 1, day: 1)!
    let end = LocalDate(year: 2300, month: 1, day: 1)!
    while day < end {
        let text = day.description
        #expect(text.count == 10 && text == String(format: "%04d-%02d-%02d", day.year, day.month, day.day))
        #expect(LocalDate(text) == day)
        day = day.adding(days: 1)
    }
    #expect(LocalDate(year: 7, month: 3, day: 9)?.description == "0007-03-09")
}
