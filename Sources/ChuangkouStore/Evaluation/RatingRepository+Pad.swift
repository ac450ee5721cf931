import ChuangkouCore
import Foundation
import SQLKit

extension RatingRepository {
    /// How long after a ticket is finished the rating pad at its window offers it: the citizen rates on the spot,
    /// standing at the window. Later they rate from their own ticket page.
    public static let padMinutes = 15

    /// The one ticket a rating pad may rate: the latest ticket its window finished today, finished in the last
    /// `padMinutes`, not yet rated and still in its rating days. Nil otherwise — a pad never sees any other ticket,
    /// so a pad's token neither rates other windows' services nor walks through old tickets.
    public func padTicket(window: WindowNumber, hall: Hall, at now: Date) async throws -> Ticket? {
        let policy = policy
        return try await database.read { db in
            let since = now.addingTimeInterval(-Double(Self.padMinutes) * 60).millisecondsSince1970
            guard
                let ticket = try await db.raw(
                    """
                    SELECT \(unsafeRaw: Ticket.columns) FROM tickets
                    WHERE service_day = \(bind: hall.serviceDay(at: now).description) AND window_number = \(bind: window.value)
                        AND finished_at IS NOT NULL
                    ORDER BY finished_at DESC LIMIT 1
                    """
                ).first().map(Ticket.init(row:)),
                ticket.status == .finished, let finishedAt = ticket.finishedAt, finishedAt.millisecondsSince1970 >= since
            else { return nil }
            let rated = try await db.raw("SELECT 1 AS one FROM ratings WHERE ticket_id = \(bind: ticket.id.description)").first() != nil
            guard case .open = policy.offer(servedAt: finishedAt, rated: rated, at: now) else { return nil }
            return ticket
        }
    }
}
