extension Migration {
    /// The supervisor's desk over millions of tickets (issue 13).
    ///
    /// - `desk_rolled_days`: the service days whose queue figures are rolled up, one row per day. Only days that are
    ///   over (two days back and older) are rolled, the first time the desk reads them; a change to one of that day's
    ///   tickets deletes its row in the change's own transaction, and the next read rolls the day again.
    /// - `desk_queue_days`: per rolled day and officer (`''`: tickets no officer touched), the counts and the
    ///   whole-second histograms of waits and services (`SecondsHistogram.encoded`) with their exact sums, so a month's
    ///   averages and p90 are the same as from its tickets. Rows of a day without a `desk_rolled_days` row are stale.
    /// - Indexes for the figures that stay live queries (states that change after their day): out-of-turn calls and
    ///   one-time-notice breaches by instant, clocks by due day, bad reviews by day.
    static let v036DeskRollups = Migration(version: 36, name: "desk rollups") { _ in
        [
            """
            CREATE TABLE desk_rolled_days (
                service_day TEXT PRIMARY KEY,
                tickets INTEGER NOT NULL,
                rolled_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE desk_queue_days (
                service_day TEXT NOT NULL,
                officer_badge TEXT NOT NULL,
                served INTEGER NOT NULL,
                no_shows INTEGER NOT NULL,
                wait_ms BIGINT NOT NULL,
                wait_seconds TEXT NOT NULL,
                service_ms BIGINT NOT NULL,
                service_seconds TEXT NOT NULL,
                PRIMARY KEY (service_day, officer_badge)
            )
            """,
            "CREATE INDEX ticket_events_out_of_turn_at ON ticket_events (at) WHERE action = 'call' AND detail IS NOT NULL",
            "CREATE INDEX case_events_breach_at ON case_events (at) WHERE action = 'breach'",
            "CREATE INDEX deadline_clocks_due ON deadline_clocks (promised_due)",
            "CREATE INDEX ratings_bad_day ON ratings (rated_day) WHERE level <= 2",
        ]
    }
}
