extension Migration {
    /// Versioned service guides (办事指南), the officers' public photos and the hall's office hours (四公开).
    ///
    /// A guide version is stored whole, as the JSON of `Guide`: versions are written once and read whole, and
    /// what a guide holds will keep growing. `businesses` keeps the columns the queue reads on every request and
    /// the number of the version in force.
    static let v002GuideCatalog = Migration(version: 2, name: "guide catalog") { _ in
        [
            """
            CREATE TABLE guide_versions (
                business_code TEXT NOT NULL REFERENCES businesses (code),
                version INTEGER NOT NULL,
                guide TEXT NOT NULL,
                published_at BIGINT NOT NULL,
                published_by TEXT,
                note TEXT NOT NULL,
                PRIMARY KEY (business_code, version)
            )
            """,
            "ALTER TABLE businesses ADD COLUMN guide_version INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE businesses ADD COLUMN category TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE businesses ADD COLUMN kind TEXT NOT NULL DEFAULT 'promised'",
            """
            CREATE TABLE officer_photos (
                badge TEXT PRIMARY KEY REFERENCES officers (badge),
                content_type TEXT NOT NULL,
                data_base64 TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "ALTER TABLE hall ADD COLUMN office_hours TEXT NOT NULL DEFAULT ''",
        ]
    }
}
