extension Migration {
    /// On-site visits (现场办公).
    ///
    /// - `onsite_visits`: the visit is the JSON of Core's `OnSiteVisit`, sealed whole (it holds the applicant, an
    ///   address and what they said); stage and slot are plain copies for listing and the day's route list. The
    ///   applicant's phone is sealed with its last four digits (for the query) and masked form beside it.
    /// - `onsite_team`: who goes, one row per officer, so an officer's schedule is one indexed read.
    /// - `onsite_events`: the history.
    static let v033OnSiteVisits = Migration(version: 33, name: "on-site visits") { dialect in
        [
            """
            CREATE TABLE onsite_visits (
                id TEXT PRIMARY KEY,
                query_code TEXT UNIQUE,
                phone_sealed TEXT NOT NULL,
                phone_last4 TEXT NOT NULL,
                phone_masked TEXT NOT NULL,
                channel TEXT NOT NULL CHECK (channel IN ('online', 'staff')),
                stage TEXT NOT NULL CHECK (stage IN ('requested', 'approved', 'declined', 'visited')),
                slot_day TEXT,
                slot_half TEXT CHECK (slot_half IN ('morning', 'afternoon')),
                visit_sealed TEXT NOT NULL,
                requested_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX onsite_visits_stage ON onsite_visits (stage, requested_at)",
            "CREATE INDEX onsite_visits_day ON onsite_visits (slot_day, slot_half)",
            """
            CREATE TABLE onsite_team (
                visit_id TEXT NOT NULL REFERENCES onsite_visits (id),
                badge TEXT NOT NULL,
                position INTEGER NOT NULL,
                slot_day TEXT NOT NULL,
                PRIMARY KEY (visit_id, badge)
            )
            """,
            "CREATE INDEX onsite_team_badge ON onsite_team (badge, slot_day)",
            """
            CREATE TABLE onsite_events (
                id \(dialect.serialPrimaryKey),
                visit_id TEXT NOT NULL REFERENCES onsite_visits (id),
                code TEXT NOT NULL,
                by_badge TEXT,
                detail TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX onsite_events_visit ON onsite_events (visit_id, id)",
        ]
    }
}
