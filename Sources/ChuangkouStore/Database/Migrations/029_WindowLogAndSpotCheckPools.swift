extension Migration {
    /// Workload (issue 13, 避免厌烦): every sign-in, sign-out, pause and resume of a window with the officer and the
    /// instant, written in the change's own transaction, so the minutes at the window and the breaks can be counted per
    /// officer and day. Officers signed in when this runs get a sign-in (and a pause, for a paused window) at the window's
    /// last change, so their day is not lost.
    ///
    /// Spot-checks (抽查): every candidate case of a draw, frozen with it, so a recheck proves what was drawn from (the
    /// pool's digest is the draw's, the seed gives the same cases from it) even after later cases change the period's.
    static let v029WindowLogAndSpotCheckPools = Migration(version: 29, name: "window log and spot-check pools") { dialect in
        [
            """
            CREATE TABLE window_log (
                id \(dialect.serialPrimaryKey),
                window_number INTEGER NOT NULL,
                officer_badge TEXT NOT NULL,
                action TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX window_log_at ON window_log (at)",
            "CREATE INDEX window_log_officer ON window_log (officer_badge, at)",
            """
            INSERT INTO window_log (window_number, officer_badge, action, at)
            SELECT number, officer_badge, 'sign-in', changed_at FROM windows WHERE officer_badge IS NOT NULL
            """,
            """
            INSERT INTO window_log (window_number, officer_badge, action, at)
            SELECT number, officer_badge, 'pause', changed_at FROM windows WHERE officer_badge IS NOT NULL AND status = 'paused'
            """,
            """
            CREATE TABLE spot_check_candidates (
                spot_check_id TEXT NOT NULL REFERENCES spot_checks (id),
                case_id TEXT NOT NULL REFERENCES cases (id),
                PRIMARY KEY (spot_check_id, case_id)
            )
            """,
        ]
    }
}
