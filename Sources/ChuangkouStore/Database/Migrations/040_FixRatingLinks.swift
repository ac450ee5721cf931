extension Migration {
    /// The rater's link to rate the fix (对整改结果评价, issue 12): the outcome message carries a random code that
    /// opens one item's page; only its SHA-256 digest is kept, so the table cannot be read back into links. One link per
    /// item (an item has one outcome); wrong codes count against the caller's address in `status_query_attempts`.
    static let v040FixRatingLinks = Migration(version: 40, name: "fix rating links") { _ in
        [
            """
            CREATE TABLE rectification_fix_links (
                code_hash TEXT PRIMARY KEY,
                rectification_id TEXT NOT NULL UNIQUE REFERENCES rectifications (id),
                created_at BIGINT NOT NULL
            )
            """
        ]
    }
}
