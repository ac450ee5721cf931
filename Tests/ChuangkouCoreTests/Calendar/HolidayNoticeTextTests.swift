import ChuangkouCore
import Foundation
import Testing

@Suite("Holiday notices as pasted text")
struct HolidayNoticeTextTests {
    func day(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test("every problem of a pasted notice is listed at once, bad dates included")
    func everyProblem() {
        let notice = HolidayNotice(
            off: [
                .init(name: "A", from: "2027-05-01", to: "2027-05-05"), .init(name: "B", from: "2027-05-04", to: "2027-05-06"),
                .init(name: " ", from: "2027-10-01", to: "2027-10-07"), .init(name: "C", from: "2027-13-01", to: "2027-12-31"),
            ],
            work: ["2027-05-02", "2028-01-01", "someday"]
        )
        #expect(
            throws: NoticeRejected(
                year: 2027,
                problems: [
                    .unnamedDaysOff(from: "2027-10-01"),
                    .notADate("2027-13-01"),
                    .notADate("someday"),
                    .overlapping("A", "B"),
                    .makeUpDayIsDayOff(day("2027-05-02"), name: "A"),
                    .outsideYear(year: 2027, day: day("2028-01-01")),
                ]
            )
        ) { try notice.arrangement(for: 2027) }
    }

    @Test("a sound notice reads into its arrangement and back into the same text")
    func roundTrip() throws {
        let notice = HolidayNotice(off: [.init(name: "春节", from: "2027-02-06", to: "2027-02-14")], work: ["2027-02-20"])
        let arrangement = try notice.arrangement(for: 2027)
        #expect(
            arrangement
                == HolidayArrangement(
                    year: 2027,
                    daysOff: [.init(name: "春节", from: day("2027-02-06"), to: day("2027-02-14"))],
                    makeUpWorkdays: [day("2027-02-20")]
                )
        )
        #expect(HolidayNotice(arrangement) == notice)
    }

    @Test("a file of years reads by year; a year key that is not a number is malformed")
    func fileOfYears() throws {
        let years = try HolidayNotice.years(in: Data(#"{"years":{"2027":{"off":[],"work":["2027-02-20"]},"2028":{"off":[],"work":[]}}}"#.utf8))
        #expect(years.keys.sorted() == [2027, 2028])
        #expect(years[2027]?.work == ["2027-02-20"])
        #expect(throws: DecodingError.self) { try HolidayNotice.years(in: Data(#"{"years":{"next":{"off":[],"work":[]}}}"#.utf8)) }
        #expect(throws: DecodingError.self) { try HolidayNotice.years(in: Data(#"{"off":[],"work":[]}"#.utf8)) }
    }

    @Test("all problems of the shipped notices: none; problems() and validate() agree on the first")
    func shippedAreSound() throws {
        for arrangement in try HolidayArrangement.shipped() {
            #expect(arrangement.problems().isEmpty)
        }
        let reversed = HolidayArrangement(year: 2027, daysOff: [.init(name: "X", from: day("2027-05-05"), to: day("2027-05-01"))], makeUpWorkdays: [])
        #expect(reversed.problems() == [.reversedRange(name: "X")])
        #expect(throws: CalendarError.reversedRange(name: "X")) { try reversed.validate() }
    }

    @Test("the calendar names the holiday a day belongs to and its make-up working days")
    func lookup() throws {
        let calendar = try WorkingDayCalendar(try HolidayArrangement.shipped())
        #expect(calendar.holiday(on: day("2026-02-17")) == "春节")
        #expect(calendar.holiday(on: day("2026-02-24")) == nil)
        #expect(calendar.isMakeUpWorkday(day("2026-02-14")))
        #expect(!calendar.isMakeUpWorkday(day("2026-02-15")))
        #expect(calendar.holiday(on: day("2027-01-01")) == nil, "an unpublished year names no holiday")
        #expect(calendar.publishedYears == [2025, 2026])
    }
}
