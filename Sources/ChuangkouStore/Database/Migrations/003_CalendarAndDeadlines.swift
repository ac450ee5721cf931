extension Migration {
    /// The working-day calendar as versioned data, deadline clocks, and the notification outbox.
    ///
    /// - `holiday_notices`: one row per published version of a year's notice; the newest version of each year is the
    ///   calendar in force. Older versions stay, so what was in force when is never lost.
    /// - `deadline_clocks`: the clock itself is the JSON of Core's `DeadlineClock`; the due dates and `open` are
    ///   copies kept for sorting and querying (refreshed on every change and by the deadline watch), and
    ///   `alert` is what the watch last announced, so each state change is announced once.
    /// - `notification_outbox`: messages to officers, written in the same transaction as the change they report;
    ///   whatever delivers them marks `sent_at`.
    static let v003CalendarAndDeadlines = Migration(version: 3, name: "calendar and deadlines") { dialect in
        [
            """
            CREATE TABLE holiday_notices (
                year INTEGER NOT NULL,
                version INTEGER NOT NULL,
                notice TEXT NOT NULL,
                published_at BIGINT NOT NULL,
                published_by TEXT REFERENCES officers (badge),
                note TEXT NOT NULL,
                PRIMARY KEY (year, version)
            )
            """,
            """
            CREATE TABLE deadline_clocks (
                id TEXT PRIMARY KEY,
                subject TEXT NOT NULL,
                business_code TEXT,
                owner_badge TEXT NOT NULL REFERENCES officers (badge),
                clock TEXT NOT NULL,
                accepted_on TEXT NOT NULL,
                promised_due TEXT NOT NULL,
                statutory_due TEXT NOT NULL,
                is_open INTEGER NOT NULL,
                alert TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX deadline_clocks_open ON deadline_clocks (is_open, promised_due)",
            """
            CREATE TABLE notification_outbox (
                id \(dialect.serialPrimaryKey),
                kind TEXT NOT NULL,
                recipient_badge TEXT NOT NULL REFERENCES officers (badge),
                subject TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                sent_at BIGINT
            )
            """,
            "CREATE INDEX notification_outbox_unsent ON notification_outbox (sent_at, id)",
        ]
    }
}
