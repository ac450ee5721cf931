extension Migration {
    /// Inspections (监督检查): the record is the JSON of Core's `Inspection`; each finding is a follow-up row with its
    /// owner and due day, closed when put right, so the desk counts the open ones without reading the JSON.
    static let v022Inspections = Migration(version: 22, name: "inspections") { _ in
        [
            """
            CREATE TABLE inspections (
                id TEXT PRIMARY KEY,
                day TEXT NOT NULL,
                inspection TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                recorded_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX inspections_day ON inspections (day)",
            """
            CREATE TABLE inspection_follow_ups (
                inspection_id TEXT NOT NULL REFERENCES inspections (id),
                position INTEGER NOT NULL,
                item TEXT NOT NULL,
                owner_badge TEXT NOT NULL,
                due TEXT NOT NULL,
                closed_at BIGINT,
                PRIMARY KEY (inspection_id, position)
            )
            """,
            "CREATE INDEX inspection_follow_ups_open ON inspection_follow_ups (closed_at, due)",
        ]
    }
}
