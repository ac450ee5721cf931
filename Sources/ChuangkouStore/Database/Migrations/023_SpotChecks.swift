extension Migration {
    /// Random case spot-checks (抽查): the draw with its seed, the number of candidates and a digest of them, so anyone
    /// can draw again and see the same cases; one row per case drawn, with the reviewer's finding once reviewed.
    static let v023SpotChecks = Migration(version: 23, name: "spot checks") { _ in
        [
            """
            CREATE TABLE spot_checks (
                id TEXT PRIMARY KEY,
                period_from TEXT NOT NULL,
                period_through TEXT NOT NULL,
                requested INTEGER NOT NULL,
                seed TEXT NOT NULL,
                population INTEGER NOT NULL,
                candidates_digest TEXT NOT NULL,
                drawn_by TEXT NOT NULL,
                drawn_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX spot_checks_period ON spot_checks (period_from, drawn_at)",
            """
            CREATE TABLE spot_check_cases (
                spot_check_id TEXT NOT NULL REFERENCES spot_checks (id),
                position INTEGER NOT NULL,
                case_id TEXT NOT NULL REFERENCES cases (id),
                finding TEXT,
                note TEXT,
                reviewed_by TEXT,
                reviewed_at BIGINT,
                PRIMARY KEY (spot_check_id, position)
            )
            """,
        ]
    }
}
