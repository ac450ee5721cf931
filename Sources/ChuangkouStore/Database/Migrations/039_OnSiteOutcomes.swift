extension Migration {
    /// How each visit went, in the clear (`done`, `partly`, `notPossible`; null until recorded, and for visits whose
    /// result was recorded before this migration, which only the sealed visit holds): the supervisor's desk counts
    /// visits by outcome without unsealing a visit.
    static let v039OnSiteOutcomes = Migration(version: 39, name: "on-site outcomes") { _ in
        [
            """
            ALTER TABLE onsite_visits ADD COLUMN outcome TEXT
                CHECK (outcome IS NULL OR outcome IN ('done', 'partly', 'notPossible'))
            """
        ]
    }
}
