import ChuangkouCore
import Foundation
import PropertyBased
import Testing

@Suite("Appointments")
struct AppointmentTests {
    let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())
    let policy = AppointmentPolicy()
    let zone = TimeZone(identifier: "Asia/Shanghai")!
    let slot = AppointmentSlot(day: LocalDate("2026-02-14")!, start: 10 * 60, minutes: 30)

    func booked() -> Appointment {
        Appointment(id: AppointmentID(UUID()), business: BusinessCode("id-card")!, slot: slot, bookedAt: Date(timeIntervalSince1970: 0))
    }

    func at(_ minutesFromStart: Double) -> Date { slot.startsAt(in: zone).addingTimeInterval(minutesFromStart * 60) }

    @Test("check-in window boundaries: 15 before opens, 15 after is still on time, a second later is late, earlier is refused")
    func checkInBoundaries() throws {
        var early = booked()
        #expect(throws: AppointmentError.tooEarly(opens: at(-15))) { try early.checkIn(
            ticket: TicketID(UUID()),
            policy: policy,
            now: at(-15.01),
            zone: zone
        ) }
        for minutes in [-15.0, 0, 15] {
            var a = booked()
            let outcome = try a.checkIn(ticket: TicketID(UUID()), policy: policy, now: at(minutes), zone: zone)
            #expect(outcome == .onTime(AppointmentPriority(from: at(0), until: at(30))), "\(minutes)")
            #expect(a.status == .checkedIn)
        }
        var late = booked()
        #expect(try late.checkIn(ticket: TicketID(UUID()), policy: policy, now: at(15).addingTimeInterval(1), zone: zone) == .late)
        #expect(late.status == .late)
        var nextDay = booked()
        #expect(throws: AppointmentError.expired) { try nextDay.checkIn(ticket: TicketID(UUID()), policy: policy, now: at(24 * 60), zone: zone) }
    }

    @Test("change and cancel are refused after the cut-off (two hours before the start)")
    func cutoff() throws {
        var a = booked()
        let other = AppointmentSlot(day: LocalDate("2026-02-24")!, start: 9 * 60, minutes: 30)
        #expect(throws: AppointmentError.pastCutoff) { try a.cancel(policy: policy, now: at(-120), zone: zone) }
        #expect(throws: AppointmentError.pastCutoff) {
            try a.change(to: other, policy: policy, calendar: calendar, now: at(-120), zone: zone)
        }
        try a.change(to: other, policy: policy, calendar: calendar, now: at(-121), zone: zone)
        #expect(a.slot == other && a.changes == 1)
        try a.cancel(policy: policy, now: at(-121), zone: zone)
        #expect(a.status == .cancelled)
        #expect(throws: AppointmentError.notBooked(.cancelled)) { try a.cancel(policy: policy, now: at(-200), zone: zone) }
    }

    @Test("a booking cannot be moved onto a holiday")
    func changeOntoHoliday() {
        var a = booked()
        let holiday = AppointmentSlot(day: LocalDate("2026-02-17")!, start: 9 * 60, minutes: 30)
        #expect(throws: AppointmentError.noSuchSlot) { try a.change(to: holiday, policy: policy, calendar: calendar, now: at(-3000), zone: zone) }
    }

    @Test("missed once the window closes without a check-in; marked only after the day")
    func missed() throws {
        var a = booked()
        #expect(!a.isMissed(policy: policy, now: at(15), zone: zone))
        #expect(a.isMissed(policy: policy, now: at(16), zone: zone))
        #expect(throws: AppointmentError.notOverYet) { try a.markMissed(policy: policy, now: at(60), zone: zone) }
        try a.markMissed(policy: policy, now: at(24 * 60), zone: zone)
        #expect(a.status == .missed)
    }

    @Test("3 no-shows within 30 days block booking for 30 days from the last; 2, or 3 spread wider, do not")
    func noShowBlocking() {
        let rule = NoShowRule()
        let day = 86_400.0
        let t0 = Date(timeIntervalSince1970: 1_780_000_000)
        let three = [t0, t0.addingTimeInterval(10 * day), t0.addingTimeInterval(29 * day)]
        #expect(rule.blockedUntil(missed: three, now: t0.addingTimeInterval(30 * day)) == t0.addingTimeInterval(59 * day))
        #expect(rule.blockedUntil(missed: three, now: t0.addingTimeInterval(59 * day)) == nil)
        #expect(rule.blockedUntil(missed: Array(three.prefix(2)), now: t0.addingTimeInterval(30 * day)) == nil)
        let spread = [t0, t0.addingTimeInterval(20 * day), t0.addingTimeInterval(31 * day)]
        #expect(rule.blockedUntil(missed: spread, now: t0.addingTimeInterval(32 * day)) == nil)
        #expect(rule.explanation.contains("30天内") && rule.explanation.contains("3次"))
    }

    @Test("no-show rule: blocked exactly when some 3 misses fall within 30 days and the last of them is under 30 days ago")
    func noShowProperty() async {
        await propertyCheck(input: Gen.int(in: 0...90).array(of: 0...8), Gen.int(in: 0...120)) { days, today in
            let rule = NoShowRule()
            let t0 = Date(timeIntervalSince1970: 1_780_000_000)
            let missed = days.map { t0.addingTimeInterval(Double($0) * 86_400) }
            let now = t0.addingTimeInterval(Double(today) * 86_400 + 1)
            let past = days.filter { $0 <= today }.sorted()
            var expected = false
            if past.count >= 3 {
                for end in 2..<past.count where past[end] - past[end - 2] <= 30 && Double(today) * 86_400 + 1 < Double(past[end] + 30) * 86_400 {
                    expected = true
                }
            }
            #expect((rule.blockedUntil(missed: missed, now: now) != nil) == expected)
        }
    }

    @Test("a phone code: five tries, used once, expires after ten minutes")
    func phoneCode() throws {
        let sent = Date(timeIntervalSince1970: 1_780_000_000)
        var c = PhoneCodeChallenge(sentAt: sent)
        for _ in 0..<4 { #expect(throws: AppointmentError.phoneCodeWrong) { try c.attempt(matches: false, now: sent) } }
        #expect(throws: AppointmentError.phoneCodeExhausted) { try c.attempt(matches: false, now: sent) }
        #expect(throws: AppointmentError.phoneCodeExhausted) { try c.attempt(matches: true, now: sent) }
        var d = PhoneCodeChallenge(sentAt: sent)
        try d.attempt(matches: true, now: sent.addingTimeInterval(599))
        #expect(throws: AppointmentError.phoneCodeMissing) { try d.attempt(matches: true, now: sent) }
        var e = PhoneCodeChallenge(sentAt: sent)
        #expect(throws: AppointmentError.phoneCodeMissing) { try e.attempt(matches: true, now: sent.addingTimeInterval(601)) }
        #expect(throws: AppointmentError.phoneCodeTooSoon) { try PhoneCodeChallenge.maySend(after: [sent], now: sent.addingTimeInterval(59)) }
        try PhoneCodeChallenge.maySend(after: [sent], now: sent.addingTimeInterval(60))
    }
}
