extension Migration {
    /// A green channel claimed from the citizen's own phone (issue 9): the reason claimed and where its check stands.
    /// `green_channel` stays the priority in force (the calling order reads only it); a decline clears it and keeps
    /// the claim here.
    static let v032DeclaredGreenChannel = Migration(version: 32, name: "declared green channel") { _ in
        [
            "ALTER TABLE tickets ADD COLUMN green_channel_declared TEXT",
            """
            ALTER TABLE tickets ADD COLUMN green_channel_check TEXT
                CHECK (green_channel_check IN ('declared', 'confirmed', 'declined'))
            """,
        ]
    }
}
