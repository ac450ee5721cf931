import ChuangkouCore
import Foundation
import SQLKit

extension RatingRepository {
    /// The one ticket a rating pad may rate: the latest ticket its window finished today, finished in the last
    /// `policy.padMinutes` (`chuangkou.ratings.pad-window-minutes`, 15 by default), not yet rated and still in its
    /// rating days. Nil otherwise — a pad never sees any other ticket, so a pad's token neither rates other windows'
    /// services nor walks through old tickets. Later the citizen rates from their own ticket page.
    public func padTicket(window: WindowNumber, hall: Hall, at now: Date) async throws -> Ticket? {
        let policy = policy
        return try await database.read { db in
            let since = now.addingTimeInterval(-Double(policy.padMinutes) * 60).millisecondsSince1970
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
