extension Migration {
    /// Incident records at the windows (避免争执、纠缠、僵局, issue 14): each as one JSON column with copies of what lists
    /// and counts ask for (the officer, the leader escalated to, open or closed, the day).
    static let v027Incidents = Migration(version: 27, name: "incident records and escalations") { _ in
        [
            """
            CREATE TABLE incidents (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                officer_badge TEXT NOT NULL REFERENCES officers (badge),
                leader_badge TEXT REFERENCES officers (badge),
                window_number INTEGER,
                ticket_id TEXT,
                open INTEGER NOT NULL,
                service_day TEXT NOT NULL,
                recorded_at BIGINT NOT NULL,
                closed_at BIGINT,
                incident TEXT NOT NULL
            )
            """,
            "CREATE INDEX incidents_open ON incidents (open, leader_badge)",
            "CREATE INDEX incidents_day ON incidents (service_day, officer_badge)",
        ]
    }
}
