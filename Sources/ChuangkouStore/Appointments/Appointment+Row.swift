import ChuangkouCore
import Foundation
import SQLKit

extension Appointment {
    static let columnNames = ["id", "business_code", "slot_day", "slot_start", "slot_minutes", "status", "booked_at", "ticket_id", "changes"]

    /// The columns `init(row:)` reads.
    static let columns = columnNames.joined(separator: ", ")

    /// The same, qualified by a table alias, for joins.
    static func columns(as alias: String) -> String { columnNames.map { "\(alias).\($0)" }.joined(separator: ", ") }

    init(row: any SQLRow) throws {
        let id = try row.decode(column: "id", as: String.self)
        guard let appointmentID = AppointmentID(id),
            let business = BusinessCode(try row.decode(column: "business_code", as: String.self)),
            let day = LocalDate(try row.decode(column: "slot_day", as: String.self)),
            let status = Status(rawValue: try row.decode(column: "status", as: String.self))
        else { throw StoreError.corruptRow(table: "appointments", id: id) }
        self.init(
            id: appointmentID,
            business: business,
            slot: AppointmentSlot(
                day: day,
                start: try row.decode(column: "slot_start", as: Int.self),
                minutes: try row.decode(column: "slot_minutes", as: Int.self)
            ),
            status: status,
            bookedAt: Date(milliseconds: try row.decode(column: "booked_at", as: Int64.self)),
            ticket: try row.decode(column: "ticket_id", as: String?.self).flatMap(TicketID.init),
            changes: try row.decode(column: "changes", as: Int.self)
        )
    }
}
