import ChuangkouCore
import Foundation
import SQLKit

/// Out-of-turn calls on the supervisor's desk: every call made with a reason stays listed until a supervisor reviews
/// it; the review row's primary key (the call's history row) lets each call be reviewed exactly once.
public struct OutOfTurnReviewRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Calls not yet reviewed, oldest first. Nothing the calling officer does removes one: only a review does.
    public func pending(limit: Int = 500) async throws -> [OutOfTurnCall] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT e.id, e.ticket_id, e.officer_badge, e.window_number, e.detail, e.at, t.prefix, t.sequence FROM ticket_events e
                JOIN tickets t ON t.id = e.ticket_id
                WHERE e.action = 'call' AND e.detail IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM out_of_turn_reviews r WHERE r.event_id = e.id)
                ORDER BY e.id LIMIT \(bind: limit)
                """
            ).all().compactMap(Self.call(_:))
        }
    }

    /// Reviews one call. - Throws: `SupervisionError.unknownCall`, `.alreadyReviewed`, `.ownCall`, `.noteRequired`.
    public func review(
        event: Int64,
        _ verdict: OutOfTurnReview.Verdict,
        note: String,
        by reviewer: Badge,
        at instant: Date
    ) async throws -> OutOfTurnReview {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        do {
            return try await database.transaction { db in
                guard
                    let row = try await db.raw(
                        """
                        SELECT e.id, e.ticket_id, e.officer_badge, e.window_number, e.detail, e.at, t.prefix, t.sequence FROM ticket_events e
                        JOIN tickets t ON t.id = e.ticket_id
                        WHERE e.id = \(bind: event) AND e.action = 'call' AND e.detail IS NOT NULL
                        """
                    ).first(),
                    let call = try Self.call(row)
                else { throw SupervisionError.unknownCall }
                if try await db.raw("SELECT event_id FROM out_of_turn_reviews WHERE event_id = \(bind: event)").first() != nil {
                    throw SupervisionError.alreadyReviewed
                }
                let review = try OutOfTurnReview.review(call, verdict, note: note, by: reviewer, at: now)
                try await db.raw(
                    """
                    INSERT INTO out_of_turn_reviews (event_id, ticket_id, officer_badge, verdict, note, reviewed_by, reviewed_at)
                    VALUES (\(bind: event), \(bind: call.ticket.description), \(bind: call.officer.value), \(bind: verdict.rawValue),
                        \(bind: review.note), \(bind: reviewer.value), \(bind: now.millisecondsSince1970))
                    """
                ).run()
                try await AuditTrail.record(
                    AuditEntry("supervision.out-of-turn-review", "ticket:\(call.number)/\(call.ticket)", detail: verdict.rawValue),
                    at: now,
                    in: db
                )
                return review
            }
        } catch let error where UniqueViolation.matches(error) {
            throw SupervisionError.alreadyReviewed
        }
    }

    /// Flagged calls per officer (all time): what counts against them.
    public func flaggedCounts() async throws -> [Badge: Int] {
        try await database.read { db in
            let rows = try await db.raw(
                "SELECT officer_badge, COUNT(*) AS n FROM out_of_turn_reviews WHERE verdict = 'flagged' GROUP BY officer_badge"
            ).all()
            var counts: [Badge: Int] = [:]
            for row in rows {
                if let badge = Badge(try row.decode(column: "officer_badge", as: String.self)) {
                    counts[badge] = try row.decode(column: "n", as: Int.self)
                }
            }
            return counts
        }
    }

    static func call(_ row: any SQLRow) throws -> OutOfTurnCall? {
        guard let ticket = TicketID(try row.decode(column: "ticket_id", as: String.self)),
            let officer = try row.decode(column: "officer_badge", as: String?.self).flatMap(Badge.init),
            let prefix = TicketPrefix(try row.decode(column: "prefix", as: String.self))
        else { return nil }
        return OutOfTurnCall(
            event: try row.decode(column: "id", as: Int64.self),
            ticket: ticket,
            number: TicketNumber(prefix: prefix, sequence: try row.decode(column: "sequence", as: Int.self)).description,
            officer: officer,
            window: try row.decode(column: "window_number", as: Int?.self),
            reason: try row.decode(column: "detail", as: String.self),
            at: Date(milliseconds: try row.decode(column: "at", as: Int64.self))
        )
    }
}
