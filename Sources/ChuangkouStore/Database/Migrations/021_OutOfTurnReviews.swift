extension Migration {
    /// Supervisors' reviews of out-of-turn calls: one row per call (its `ticket_events` row), so a call is reviewed
    /// exactly once however many supervisors press at once, and the desk lists the calls without a row.
    static let v021OutOfTurnReviews = Migration(version: 21, name: "out-of-turn reviews") { _ in
        [
            """
            CREATE TABLE out_of_turn_reviews (
                event_id BIGINT PRIMARY KEY REFERENCES ticket_events (id),
                ticket_id TEXT NOT NULL REFERENCES tickets (id),
                officer_badge TEXT NOT NULL,
                verdict TEXT NOT NULL CHECK (verdict IN ('justified', 'flagged')),
                note TEXT NOT NULL,
                reviewed_by TEXT NOT NULL,
                reviewed_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX out_of_turn_reviews_officer ON out_of_turn_reviews (officer_badge, verdict)",
            "CREATE INDEX ticket_events_out_of_turn ON ticket_events (action, id) WHERE detail IS NOT NULL",
        ]
    }
}
