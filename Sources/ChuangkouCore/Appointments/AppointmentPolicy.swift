import Foundation

/// The hall's appointment rules (预约): when slots run, how many each holds, how far ahead one may book, when a booking
/// may still be changed, when one checks in, and when repeated no-shows block booking. Every number is a setting
/// (`chuangkou.appointments.*`); the defaults are the issue's.
public struct AppointmentPolicy: Sendable, Equatable {
    /// Minutes after midnight, hall time, when the first slot starts (9:00).
    public var opensAt: Int
    /// When the last slot must have ended (17:30, the office's closing).
    public var closesAt: Int
    /// The midday break, with no slots in it (12:00–13:30); nil when the hall works through lunch (中午不打烊).
    public var lunchBreak: Range<Int>?
    public var slotMinutes: Int
    /// Bookings one business takes per slot.
    public var perBusiness: Int
    /// Bookings each window of a window group takes per slot, over all the businesses the group serves.
    public var perWindow: Int
    /// Calendar days ahead one may book (14): today's later slots up to today + horizon.
    public var horizonDays: Int
    /// A booking is changed or cancelled at least this long before its slot starts; booking closes then too.
    public var changeCutoffMinutes: Int
    /// Check-in opens this long before the slot starts (15) …
    public var checkInBeforeMinutes: Int
    /// … and an arrival up to this long after the start is on time (15); later it is a walk-in.
    public var checkInAfterMinutes: Int
    public var noShows: NoShowRule

    public init(
        opensAt: Int = 9 * 60,
        closesAt: Int = 17 * 60 + 30,
        lunchBreak: Range<Int>? = (12 * 60)..<(13 * 60 + 30),
        slotMinutes: Int = 30,
        perBusiness: Int = 4,
        perWindow: Int = 2,
        horizonDays: Int = 14,
        changeCutoffMinutes: Int = 120,
        checkInBeforeMinutes: Int = 15,
        checkInAfterMinutes: Int = 15,
        noShows: NoShowRule = NoShowRule()
    ) {
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.lunchBreak = lunchBreak
        self.slotMinutes = slotMinutes
        self.perBusiness = perBusiness
        self.perWindow = perWindow
        self.horizonDays = horizonDays
        self.changeCutoffMinutes = changeCutoffMinutes
        self.checkInBeforeMinutes = checkInBeforeMinutes
        self.checkInAfterMinutes = checkInAfterMinutes
        self.noShows = noShows
    }

    /// The slots of one day: none on a day off (weekend or holiday), the usual ones on a make-up working day (调休).
    public func slots(on day: LocalDate, calendar: WorkingDayCalendar) -> [AppointmentSlot] {
        guard calendar.isWorkingDay(day).value, slotMinutes > 0 else { return [] }
        var slots: [AppointmentSlot] = []
        var start = opensAt
        while start + slotMinutes <= closesAt {
            let slot = AppointmentSlot(day: day, start: start, minutes: slotMinutes)
            if let lunchBreak, lunchBreak.overlaps(start..<(start + slotMinutes)) {
                start = max(start + slotMinutes, lunchBreak.upperBound)
                continue
            }
            slots.append(slot)
            start += slotMinutes
        }
        return slots
    }

    /// The days one may book on now: today through today + horizon (slots already closed are refused one by one).
    public func bookableDays(today: LocalDate) -> [LocalDate] {
        (0...max(0, horizonDays)).compactMap { try? today.adding(days: $0) }
    }

    /// Checks that a slot can be booked now: a real slot of that day, within the horizon, not yet closed for booking.
    public func checkBookable(_ slot: AppointmentSlot, calendar: WorkingDayCalendar, now: Date, zone: TimeZone) throws(AppointmentError) {
        guard slots(on: slot.day, calendar: calendar).contains(slot) else { throw .noSuchSlot }
        let today = LocalDate(now, in: zone)
        guard let last = try? today.adding(days: horizonDays), slot.day <= last else { throw .beyondHorizon(days: horizonDays) }
        guard now < cutoff(of: slot, zone: zone) else { throw .bookingClosed }
    }

    /// The last instant a booking of `slot` may be made, changed or cancelled.
    public func cutoff(of slot: AppointmentSlot, zone: TimeZone) -> Date {
        slot.startsAt(in: zone).addingTimeInterval(-Double(changeCutoffMinutes * 60))
    }

    /// The check-in window: from `checkInBefore` before the start to `checkInAfter` after it.
    public func checkInWindow(of slot: AppointmentSlot, zone: TimeZone) -> ClosedRange<Date> {
        let start = slot.startsAt(in: zone)
        return start.addingTimeInterval(-Double(checkInBeforeMinutes * 60))...start.addingTimeInterval(Double(checkInAfterMinutes * 60))
    }
}
