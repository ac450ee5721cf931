import ChuangkouCore
import Foundation
import SQLKit

extension Ticket {
    /// The columns every ticket query selects, in the order `init(row:)` reads them.
    static let columns = """
        id, service_day, prefix, sequence, business_code, status, green_channel, issued_at, window_number, \
        officer_badge, called_at, started_at, finished_at, recalls, out_of_order_reason, green_channel_declared, \
        green_channel_check, appointment_from, appointment_until
        """
    /// The same columns of `tickets t`, for queries that join another table with columns of the same names.
    static let columnsOfT = columns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")

    init(row: any SQLRow) throws {
        let id = try row.decode(column: "id", as: String.self)
        let day = try row.decode(column: "service_day", as: String.self)
        let prefix = try row.decode(column: "prefix", as: String.self)
        let status = try row.decode(column: "status", as: String.self)
        let business = try row.decode(column: "business_code", as: String.self)
        guard let ticketID = TicketID(id), let serviceDay = LocalDate(day), let ticketPrefix = TicketPrefix(prefix),
            let ticketStatus = TicketStatus(rawValue: status), let code = BusinessCode(business)
        else { throw StoreError.corruptRow(table: "tickets", id: id) }
        var declaration: GreenChannelDeclaration?
        if let claimed = try row.decode(column: "green_channel_declared", as: String?.self) {
            guard let reason = GreenChannel(rawValue: claimed),
                let state = GreenChannelDeclaration.State(rawValue: try row.decode(column: "green_channel_check", as: String?.self) ?? "")
            else { throw StoreError.corruptRow(table: "tickets", id: id) }
            declaration = GreenChannelDeclaration(reason: reason, state: state)
        }
        self.init(
            id: ticketID,
            number: TicketNumber(prefix: ticketPrefix, sequence: try row.decode(column: "sequence", as: Int.self)),
            serviceDay: serviceDay,
            issuedAt: Date(milliseconds: try row.decode(column: "issued_at", as: Int64.self)),
            business: code,
            status: ticketStatus,
            greenChannel: try row.decode(column: "green_channel", as: String?.self).flatMap(GreenChannel.init(rawValue:)),
            declaration: declaration,
            appointment: try Self.appointment(row),
            window: try row.decodeWindow(column: "window_number"),
            officer: try row.decode(column: "officer_badge", as: String?.self).flatMap(Badge.init),
            calledAt: try row.decode(column: "called_at", as: Int64?.self).map(Date.init(milliseconds:)),
            startedAt: try row.decode(column: "started_at", as: Int64?.self).map(Date.init(milliseconds:)),
            finishedAt: try row.decode(column: "finished_at", as: Int64?.self).map(Date.init(milliseconds:)),
            recalls: try row.decode(column: "recalls", as: Int.self),
            outOfOrderReason: try row.decode(column: "out_of_order_reason", as: String?.self)
        )
    }

    /// Both bounds or none: a half-written priority is no priority.
    private static func appointment(_ row: any SQLRow) throws -> AppointmentPriority? {
        guard let from = try row.decode(column: "appointment_from", as: Int64?.self),
            let until = try row.decode(column: "appointment_until", as: Int64?.self)
        else { return nil }
        return AppointmentPriority(from: Date(milliseconds: from), until: Date(milliseconds: until))
    }
}
