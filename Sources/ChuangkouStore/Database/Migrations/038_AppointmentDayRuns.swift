extension Migration {
    /// The appointments' day run (issue 15): once per service day, yesterday's bookings nobody checked in are recorded
    /// as missed and tomorrow's get their reminder. `appointment_day_runs` has one row per day, inserted in the run's
    /// own transaction, so however many server processes try, one does the day's work and a failed run leaves no row.
    static let v038AppointmentDayRuns = Migration(version: 38, name: "appointment day runs") { _ in
        [
            """
            CREATE TABLE appointment_day_runs (
                day TEXT PRIMARY KEY,
                run_by TEXT NOT NULL,
                run_at BIGINT NOT NULL,
                missed INTEGER NOT NULL DEFAULT 0,
                reminded INTEGER NOT NULL DEFAULT 0
            )
            """
        ]
    }
}
