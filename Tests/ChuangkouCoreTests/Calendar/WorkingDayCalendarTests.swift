import ChuangkouCore
import Foundation
import PropertyBased
import Testing

@Suite("Working-day calendar")
struct WorkingDayCalendarTests {
    let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())

    func day(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test("the shipped notices cover 2025 and 2026")
    func shipped() {
        #expect(calendar.isPublished(2025) && calendar.isPublished(2026) && !calendar.isPublished(2027))
    }

    @Test(
        "adding working days across holiday boundaries (counting starts the next day)",
        arguments: [
            ("2026-02-12", 3, "2026-02-24"),  // RULES §3: Fri 13 (1), Sat 14 make-up (2), 15–23 off, Tue 24 (3)
            ("2026-02-12", 1, "2026-02-13"),
            ("2026-02-13", 1, "2026-02-14"),  // a Saturday, but a make-up working day
            ("2026-02-14", 1, "2026-02-24"),
            ("2026-09-30", 1, "2026-10-08"),  // 国庆节 1–7 off
            ("2026-10-08", 2, "2026-10-10"),  // Fri 9, then Sat 10 make-up
            ("2025-12-31", 1, "2026-01-04"),  // 元旦 1–3 off, Sun 4 make-up
            ("2025-01-27", 1, "2025-02-05"),  // 春节 2025: 28 Jan – 4 Feb off
            ("2025-09-30", 1, "2025-10-09"),  // 国庆节、中秋节 2025: 1–8 off
            ("2026-05-08", 1, "2026-05-09"),  // Sat 9 May make-up
            ("2026-06-18", 1, "2026-06-22"),  // 端午节 19–21 off
            ("2026-03-02", 0, "2026-03-02"),
        ]
    )
    func adding(from: String, count: Int, expected: String) throws {
        let result = try calendar.adding(workingDays: count, to: day(from))
        #expect(result.value == day(expected))
        #expect(!result.provisional)
    }

    @Test(
        "weekends, days off and make-up days",
        arguments: [
            ("2026-02-14", true), ("2026-02-15", false), ("2026-02-16", false), ("2026-02-21", false), ("2026-02-24", true),
            ("2026-03-07", false), ("2026-03-09", true), ("2026-10-01", false), ("2026-10-10", true), ("2025-01-26", true),
        ]
    )
    func workingDay(text: String, expected: Bool) {
        #expect(calendar.isWorkingDay(day(text)) == .init(value: expected, provisional: false))
    }

    @Test("a year with no published notice is counted by weekdays and marked provisional")
    func provisional() throws {
        let result = try calendar.adding(workingDays: 3, to: day("2026-12-30"))
        #expect(result.value == day("2027-01-04") && result.provisional)
        #expect(calendar.isWorkingDay(day("2027-01-01")) == .init(value: true, provisional: true))
    }

    @Test("a negative count is refused")
    func negative() {
        #expect(throws: CalendarError.negativeCount(-1)) { try calendar.adding(workingDays: -1, to: day("2026-01-05")) }
    }

    @Test("adding N working days, then counting back, gives N; the result is always a working day")
    func roundTrip() async {
        await propertyCheck(input: Gen.int(in: 0...729), Gen.int(in: 0...40)) { offset, count in
            let start = try LocalDate("2025-01-01")!.adding(days: offset)
            guard let due = try? calendar.adding(workingDays: count, to: start) else { return }
            #expect(calendar.workingDays(after: start, through: due.value).value == count)
            if count > 0 { #expect(calendar.isWorkingDay(due.value).value) }
        }
    }

    @Test(
        "day arithmetic agrees with the weekday of known dates and round-trips",
        arguments: [
            ("1970-01-01", 4), ("2026-02-12", 4), ("2026-02-14", 6), ("2000-02-29", 2), ("2026-11-29", 7),
        ]
    )
    func weekday(text: String, weekday: Int) throws {
        #expect(day(text).isoWeekday == weekday)
        #expect(LocalDate(daysSinceEpoch: day(text).daysSinceEpoch) == day(text))
        #expect(try day(text).adding(days: 1).adding(days: -1) == day(text))
    }
}

@Suite("Holiday notices")
struct HolidayNoticeTests {
    func notice(_ json: String) throws -> [HolidayArrangement] { try HolidayArrangement.parseNotice(Data(json.utf8)) }

    @Test("a notice with overlapping days off is refused")
    func overlap() {
        #expect(throws: CalendarError.overlapping("A", "B")) {
            try notice(
                #"{"years":{"2027":{"off":[{"name":"A","from":"2027-02-01","to":"2027-02-05"}"#
                    + #",{"name":"B","from":"2027-02-05","to":"2027-02-06"}],"work":[]}}}"#
            )
        }
    }

    @Test("a make-up working day that is also a day off is refused")
    func makeUpIsOff() {
        #expect(throws: CalendarError.makeUpDayIsDayOff(LocalDate("2027-02-02")!, name: "春节")) {
            try notice(#"{"years":{"2027":{"off":[{"name":"春节","from":"2027-02-01","to":"2027-02-05"}],"work":["2027-02-02"]}}}"#)
        }
    }

    @Test("dates outside the notice's year are refused")
    func outsideYear() {
        #expect(throws: CalendarError.outsideYear(year: 2027, day: LocalDate("2028-01-01")!)) {
            try notice(#"{"years":{"2027":{"off":[],"work":["2028-01-01"]}}}"#)
        }
    }

    @Test("malformed dates and reversed ranges are refused")
    func malformed() {
        #expect(throws: DecodingError.self) { try notice(#"{"years":{"2027":{"off":[],"work":["2027-13-01"]}}}"#) }
        #expect(throws: CalendarError.reversedRange(name: "X")) {
            try notice(#"{"years":{"2027":{"off":[{"name":"X","from":"2027-05-05","to":"2027-05-01"}],"work":[]}}}"#)
        }
    }
}
