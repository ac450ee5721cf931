extension Migration {
    /// Wording the administrators keep for their hall (issue 14): for now the suggested wording for a refusal
    /// (避免争执) shown beside the 告知单 and escalation forms. One row per kind of wording; no row means the shipped
    /// wording applies, so a fresh hall needs nothing here.
    static let v035HallWordings = Migration(version: 35, name: "hall wordings") { _ in
        [
            """
            CREATE TABLE hall_wordings (
                kind TEXT PRIMARY KEY,
                chinese TEXT NOT NULL,
                english TEXT NOT NULL,
                updated_by TEXT NOT NULL REFERENCES officers (badge),
                updated_at BIGINT NOT NULL
            )
            """
        ]
    }
}
