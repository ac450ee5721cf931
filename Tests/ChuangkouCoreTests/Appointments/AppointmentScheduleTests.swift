import ChuangkouCore
import Foundation
import PropertyBased
import Testing

@Suite("Appointment slots")
struct AppointmentScheduleTests {
    let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())
    let policy = AppointmentPolicy()
    let zone = TimeZone(identifier: "Asia/Shanghai")!

    @Test("a working day has 9:00–12:00 and 13:30–17:30 in half hours, none in the lunch break")
    func ordinaryDay() {
        let slots = policy.slots(on: LocalDate("2026-02-12")!, calendar: calendar)
        #expect(slots.count == 14)
        #expect(slots.first?.label == "09:00–09:30")
        #expect(slots.last?.label == "17:00–17:30")
        #expect(!slots.contains { $0.start < 13 * 60 + 30 && $0.end > 12 * 60 })
    }

    @Test("the 调休 Saturday 2026-02-14 has slots; the Spring Festival and an ordinary weekend have none")
    func makeUpAndHoliday() {
        #expect(policy.slots(on: LocalDate("2026-02-14")!, calendar: calendar).count == 14)
        for day in ["2026-02-15", "2026-02-17", "2026-02-23", "2026-03-07"] {
            #expect(policy.slots(on: LocalDate(day)!, calendar: calendar).isEmpty, "\(day)")
        }
        #expect(policy.slots(on: LocalDate("2026-02-24")!, calendar: calendar).count == 14)
    }

    @Test("over any day of 2026, a day has slots exactly when the calendar says it is a working day, and they never overlap")
    func slotsFollowTheCalendar() async {
        await propertyCheck(input: Gen.int(in: 0...364)) { offset in
            let day = try! LocalDate("2026-01-01")!.adding(days: offset)
            let slots = policy.slots(on: day, calendar: calendar)
            #expect(slots.isEmpty == !calendar.isWorkingDay(day).value)
            for (a, b) in zip(slots, slots.dropFirst()) { #expect(a.end <= b.start) }
            #expect(slots.allSatisfy { $0.start >= policy.opensAt && $0.end <= policy.closesAt })
        }
    }

    @Test("booking: a day off is no slot, beyond 14 days is refused, within the cut-off is closed")
    func bookable() throws {
        let now = AppointmentSlot(day: LocalDate("2026-02-12")!, start: 8 * 60, minutes: 30).startsAt(in: zone)
        let holiday = AppointmentSlot(day: LocalDate("2026-02-16")!, start: 9 * 60, minutes: 30)
        #expect(throws: AppointmentError.noSuchSlot) { try policy.checkBookable(holiday, calendar: calendar, now: now, zone: zone) }
        let makeUp = AppointmentSlot(day: LocalDate("2026-02-14")!, start: 9 * 60, minutes: 30)
        try policy.checkBookable(makeUp, calendar: calendar, now: now, zone: zone)
        let far = AppointmentSlot(day: LocalDate("2026-02-27")!, start: 9 * 60, minutes: 30)
        #expect(throws: AppointmentError.beyondHorizon(days: 14)) { try policy.checkBookable(far, calendar: calendar, now: now, zone: zone) }
        let soon = AppointmentSlot(day: LocalDate("2026-02-12")!, start: 9 * 60 + 30, minutes: 30)
        #expect(throws: AppointmentError.bookingClosed) { try policy.checkBookable(soon, calendar: calendar, now: now, zone: zone) }
        let offGrid = AppointmentSlot(day: LocalDate("2026-02-13")!, start: 9 * 60 + 10, minutes: 30)
        #expect(throws: AppointmentError.noSuchSlot) { try policy.checkBookable(offGrid, calendar: calendar, now: now, zone: zone) }
    }

    @Test("slot names read back", arguments: ["2026-02-14T09:00", "2026-12-31T17:00"])
    func slotText(_ text: String) {
        #expect(AppointmentSlot(text, minutes: 30)?.description == text)
    }

    @Test("malformed slot names are refused", arguments: ["2026-02-14 09:00", "2026-02-14T24:00", "2026-02-30T09:00", "2026-02-14T9:00", ""])
    func badSlotText(_ text: String) {
        #expect(AppointmentSlot(text, minutes: 30) == nil)
    }
}
