import ChuangkouCore
import Foundation
import SQLKit

extension AppointmentRepository {
    /// One booking on the staff's list of a day: who (the name, the phone's last four), which business and slot, where
    /// it stands and the ticket it became. Never the booking code (it lets its holder cancel) nor an ID number.
    public struct DayEntry: Sendable, Equatable {
        public let appointment: Appointment
        public let businessName: String
        public let businessNameEnglish: String
        public let name: String
        public let phoneLast4: String
        public let ticket: TicketNumber?
    }

    /// The day's bookings in slot order, for the hall's staff; the read is audited (names of citizens). At most 2,000
    /// (a day's capacity is far below).
    public func day(_ day: LocalDate, readBy reader: Badge, at now: Date) async throws -> [DayEntry] {
        try await database.transaction { db in
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Appointment.columns(as: "a")), a.name, a.phone_last4, b.name AS business_name,
                    b.name_en AS business_name_en, t.prefix AS ticket_prefix, t.sequence AS ticket_sequence
                FROM appointments a JOIN businesses b ON b.code = a.business_code LEFT JOIN tickets t ON t.id = a.ticket_id
                WHERE a.slot_day = \(bind: day.description)
                ORDER BY a.slot_start, b.sort_order, a.booked_at, a.id LIMIT 2000
                """
            ).all()
            let entries = try rows.map { row in
                let prefix = try row.decode(column: "ticket_prefix", as: String?.self).flatMap(TicketPrefix.init)
                let sequence = try row.decode(column: "ticket_sequence", as: Int?.self)
                return DayEntry(
                    appointment: try Appointment(row: row),
                    businessName: try row.decode(column: "business_name", as: String.self),
                    businessNameEnglish: try row.decode(column: "business_name_en", as: String.self),
                    name: try row.decode(column: "name", as: String.self),
                    phoneLast4: try row.decode(column: "phone_last4", as: String.self),
                    ticket: prefix.flatMap { p in sequence.map { TicketNumber(prefix: p, sequence: $0) } }
                )
            }
            try await AuditTrail.record(
                AuditEntry("appointment.day-read", "appointments:\(day)", detail: "by \(reader) (\(entries.count))"),
                at: now,
                in: db
            )
            return entries
        }
    }
}
