import ChuangkouCore
import ChuangkouStore
import Foundation

/// The hall, the working-day calendar in force and the time source, read together into one `Today` for every event,
/// and the deadline settings that turn a clock into its state now.
struct HallTime: Sendable {
    let hall: Hall
    let calendar: CalendarCache
    /// The time source; tests pass a fixed or moving clock to cross midnight.
    let now: @Sendable () -> Date
    let officeHours: OfficeHours
    let warningWithin: Int

    /// Now, in the hall, against the calendar in force.
    var today: Today { Today(hall: hall, calendar: calendar.calendar, now: now()) }

    /// The service day now.
    var date: LocalDate { hall.serviceDay(at: now()) }

    /// A clock read now, against the calendar in force, the hall's zone and closing time.
    func status(of record: DeadlineRecord) -> DeadlineClock.Status {
        record.clock.status(at: now(), in: hall.timeZone, officeHours: officeHours, calendar: calendar.calendar, warningWithin: warningWithin)
    }

    /// When a due date falls due: the end of the office day on it.
    func dueAt(_ day: LocalDate) -> Date { officeHours.closing(on: day, in: hall.timeZone) }
}
