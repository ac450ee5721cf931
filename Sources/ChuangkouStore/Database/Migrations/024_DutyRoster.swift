extension Migration {
    /// The duty roster (值班表, issue 14): per day and half-day one duty leader (`duty_shifts`, one row per slot by its
    /// key) and the officers on duty (`duty_officers`), each with the phone they answer on duty; leave by whole days
    /// (`officer_leave`).
    ///
    /// Each shift keeps the instants it covers (`starts_at`, `ends_at`), computed from the hall's zone and the
    /// half-day setting when it was planned, so "who leads now" is one indexed lookup, right across midnight and
    /// noon, and a later change of the setting leaves past shifts as they were.
    static let v024DutyRoster = Migration(version: 24, name: "duty roster and leave") { _ in
        [
            """
            CREATE TABLE duty_shifts (
                day TEXT NOT NULL,
                half TEXT NOT NULL CHECK (half IN ('morning', 'afternoon')),
                starts_at BIGINT NOT NULL,
                ends_at BIGINT NOT NULL,
                leader_badge TEXT NOT NULL REFERENCES officers (badge),
                leader_phone TEXT NOT NULL,
                planned_by TEXT NOT NULL,
                planned_at BIGINT NOT NULL,
                PRIMARY KEY (day, half),
                CHECK (starts_at < ends_at)
            )
            """,
            "CREATE INDEX duty_shifts_time ON duty_shifts (starts_at, ends_at)",
            "CREATE INDEX duty_shifts_leader ON duty_shifts (leader_badge, day)",
            """
            CREATE TABLE duty_officers (
                day TEXT NOT NULL,
                half TEXT NOT NULL,
                badge TEXT NOT NULL REFERENCES officers (badge),
                phone TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (day, half, badge),
                FOREIGN KEY (day, half) REFERENCES duty_shifts (day, half)
            )
            """,
            "CREATE INDEX duty_officers_badge ON duty_officers (badge, day)",
            """
            CREATE TABLE officer_leave (
                id TEXT PRIMARY KEY,
                badge TEXT NOT NULL REFERENCES officers (badge),
                from_day TEXT NOT NULL,
                through_day TEXT NOT NULL,
                reason TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                recorded_at BIGINT NOT NULL,
                cancelled_at BIGINT,
                CHECK (from_day <= through_day)
            )
            """,
            "CREATE INDEX officer_leave_badge ON officer_leave (badge, through_day)",
        ]
    }
}
