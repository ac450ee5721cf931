import ChuangkouCore
import Foundation
import Testing

@Suite("Deadline clocks read at an instant")
struct DeadlineClockOfficeHoursTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    func at(_ day: String, _ hour: Int, _ minute: Int = 0) -> Date {
        OfficeHours(closingHour: hour, closingMinute: minute)!.closing(on: LocalDate(day)!, in: shanghai)
    }

    @Test("on its due date a clock is a warning until closing time, then overdue")
    func closingTime() throws {
        let calendar = try WorkingDayCalendar(try HolidayArrangement.shipped())
        let clock = try DeadlineClock(acceptedOn: LocalDate("2026-02-12")!, statutoryLimit: 3, promisedLimit: 3)
        func state(_ instant: Date, closes: OfficeHours = OfficeHours()) -> DeadlineClock.State {
            clock.status(at: instant, in: shanghai, officeHours: closes, calendar: calendar).state
        }
        #expect(state(at("2026-02-24", 9)) == .warning)
        #expect(state(at("2026-02-24", 17, 29)) == .warning)
        #expect(state(at("2026-02-24", 17, 30)) == .overdue)
        #expect(clock.status(at: at("2026-02-24", 17, 30), in: shanghai, officeHours: OfficeHours(), calendar: calendar).statutoryOverdue)
        #expect(state(at("2026-02-24", 17, 45), closes: OfficeHours(closingHour: 18)!) == .warning, "the hall's own closing time")
        #expect(state(at("2026-02-25", 8)) == .overdue)
    }

    @Test("alerts: entering warning or overdue is news, going back on track is not")
    func alerts() {
        #expect(DeadlineAlert(.onTrack) == DeadlineAlert.none)
        #expect(DeadlineAlert(.paused) == nil && DeadlineAlert(.stopped) == nil)
        #expect(DeadlineAlert.none.announces(.warning) && DeadlineAlert.warning.announces(.overdue) && DeadlineAlert.none.announces(.overdue))
        #expect(!DeadlineAlert.warning.announces(.warning) && !DeadlineAlert.overdue.announces(.none))
        #expect(DeadlineAlert.overdue.announces(.warning), "an extension that brings an overdue clock to its last day warns again")
    }
}
