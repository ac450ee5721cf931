extension Migration {
    /// Complaints (投诉) and the findings on officers' records.
    ///
    /// - `complaints`: the complaint is the JSON of Core's `Complaint`; stage, handler, the two due dates and the
    ///   subject are copies for listing and counting; `alert` is what the watch last announced. The complainant's
    ///   phone is sealed, with its last four digits (for the query) and masked form beside it; `query_code` is NULL when anonymous.
    /// - `complaint_concerned`: the officers a complaint concerns, one row each, so every list leaves out the
    ///   complaints about whoever asks in SQL (`NOT EXISTS`), never in a loop that could be forgotten.
    /// - `complaint_events`: the history.
    /// - `officer_findings`: one finding per complaint and officer (a review's finding replaces the first), the
    ///   officer's record of complaints found against them.
    static let v020Complaints = Migration(version: 20, name: "complaints") { dialect in
        [
            """
            CREATE TABLE complaints (
                id TEXT PRIMARY KEY,
                query_code TEXT UNIQUE,
                phone_sealed TEXT,
                phone_last4 TEXT,
                phone_masked TEXT,
                channel TEXT NOT NULL,
                subject_kind TEXT NOT NULL,
                subject_ref TEXT,
                ticket_id TEXT REFERENCES tickets (id),
                case_id TEXT REFERENCES cases (id),
                stage TEXT NOT NULL,
                handler_badge TEXT,
                complaint TEXT NOT NULL,
                received_on TEXT NOT NULL,
                acknowledge_due TEXT NOT NULL,
                answer_due TEXT NOT NULL,
                alert TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                CHECK ((query_code IS NULL) = (phone_sealed IS NULL))
            )
            """,
            "CREATE INDEX complaints_open ON complaints (stage, answer_due)",
            "CREATE INDEX complaints_received ON complaints (received_on)",
            """
            CREATE TABLE complaint_concerned (
                complaint_id TEXT NOT NULL REFERENCES complaints (id),
                badge TEXT NOT NULL,
                PRIMARY KEY (complaint_id, badge)
            )
            """,
            "CREATE INDEX complaint_concerned_badge ON complaint_concerned (badge, complaint_id)",
            """
            CREATE TABLE complaint_events (
                id \(dialect.serialPrimaryKey),
                complaint_id TEXT NOT NULL REFERENCES complaints (id),
                code TEXT NOT NULL,
                label TEXT NOT NULL,
                label_english TEXT NOT NULL,
                by_badge TEXT,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, id)",
            """
            CREATE TABLE officer_findings (
                complaint_id TEXT NOT NULL REFERENCES complaints (id),
                officer_badge TEXT NOT NULL,
                finding TEXT NOT NULL,
                counts INTEGER NOT NULL,
                recorded_by TEXT NOT NULL,
                recorded_at BIGINT NOT NULL,
                PRIMARY KEY (complaint_id, officer_badge)
            )
            """,
            "CREATE INDEX officer_findings_officer ON officer_findings (officer_badge, recorded_at)",
        ]
    }
}
