import ChuangkouCore
import Foundation
import SQLKit

extension AppointmentRepository {
    /// What one day's run did; nil from `runDay` when the day had its run already (here or in another process).
    public struct DayRun: Sendable, Equatable {
        public let missed: Int
        public let reminded: Int

        public init(missed: Int, reminded: Int) {
            self.missed = missed
            self.reminded = reminded
        }
    }

    /// A booking made this recently has just had its code by text: the reminder the day before would repeat it.
    public static let remindOnlyBookedBefore: Duration = .seconds(12 * 3600)

    /// The service day's run, once per day across every server process: yesterday's (and any older) bookings nobody
    /// checked in become missed, and tomorrow's bookings get their reminder (`MessageKind.bookingReminder`, through
    /// the outbox). One transaction claims the day in `appointment_day_runs` and does the work, so a second process
    /// waits on the claim and then finds it taken, and a run that fails claims nothing and is retried.
    public func runDay(hall: Hall, by worker: String, at now: Date) async throws -> DayRun? {
        let today = hall.serviceDay(at: now)
        let tomorrow = try today.adding(days: 1)
        let bookedBefore = now.millisecondsSince1970 - Int64(Self.remindOnlyBookedBefore.components.seconds) * 1000
        return try await database.transaction { [policy, dialect = database.dialect] db -> DayRun? in
            guard
                try await db.raw(
                    """
                    INSERT INTO appointment_day_runs (day, run_by, run_at) VALUES (\(bind: today.description), \(bind: worker),
                        \(bind: now.millisecondsSince1970))
                    ON CONFLICT (day) DO NOTHING RETURNING day
                    """
                ).first() != nil
            else { return nil }
            let missed = try await Self.markMissed(policy: policy, hall: hall, dialect: dialect, at: now, in: db)
            let due = try await db.raw(
                """
                SELECT a.id, a.code, a.slot_day, a.slot_start, a.slot_minutes, a.phone_sealed, b.name, b.name_en
                FROM appointments a JOIN businesses b ON b.code = a.business_code
                WHERE a.slot_day = \(bind: tomorrow.description) AND a.status = 'booked' AND a.booked_at < \(bind: bookedBefore)
                ORDER BY a.starts_at, a.id
                """
            ).all()
            let hallName = try await db.raw("SELECT name FROM hall LIMIT 1").first()?.decode(column: "name", as: String.self) ?? ""
            var reminded = 0
            for row in due {
                let id = try row.decode(column: "id", as: String.self)
                let slot = AppointmentSlot(
                    day: tomorrow,
                    start: try row.decode(column: "slot_start", as: Int.self),
                    minutes: try row.decode(column: "slot_minutes", as: Int.self)
                )
                // The key names the booking and its day: a booking moved to another day is reminded of that one.
                if try await NotificationOutbox.enqueue(
                    .bookingReminder,
                    values: [
                        "hall": hallName, "business": try row.decode(column: "name", as: String.self),
                        "business@en": try row.decode(column: "name_en", as: String.self), "date": tomorrow.description,
                        "time": slot.label, "bookingCode": try row.decode(column: "code", as: String.self),
                        "place": "大厅取号机或本人手机", "place@en": "a kiosk in the hall or on your phone",
                    ],
                    phoneSealed: try row.decode(column: "phone_sealed", as: String.self),
                    payload: #"{"appointment":"\#(id)"}"#,
                    key: "booking:\(id):reminder:\(tomorrow)",
                    at: now,
                    in: db
                ) {
                    reminded += 1
                }
            }
            try await db.raw(
                "UPDATE appointment_day_runs SET missed = \(bind: missed), reminded = \(bind: reminded) WHERE day = \(bind: today.description)"
            ).run()
            try await AuditTrail.record(
                AuditEntry("appointment.day-run", "appointments:\(today)", detail: "missed \(missed), reminded \(reminded), by \(worker)"),
                at: now,
                in: db
            )
            return DayRun(missed: missed, reminded: reminded)
        }
    }
}
