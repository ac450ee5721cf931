extension Migration {
    /// First-inquiry responsibility (首问负责, issue 14): each inquiry as one JSON column with copies of what lists and
    /// sweeps ask for (owner, the colleague asked, status, day), the contact sealed beside its masked form; and the
    /// directory of competent bodies outside the unit (主管部门) that administrators keep.
    static let v026Inquiries = Migration(version: 26, name: "inquiries and competent bodies") { _ in
        [
            """
            CREATE TABLE competent_bodies (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                address TEXT NOT NULL,
                phone TEXT NOT NULL,
                handles TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                retired_at BIGINT
            )
            """,
            """
            CREATE TABLE inquiries (
                id TEXT PRIMARY KEY,
                owner_badge TEXT NOT NULL REFERENCES officers (badge),
                first_badge TEXT NOT NULL REFERENCES officers (badge),
                handover_badge TEXT REFERENCES officers (badge),
                status TEXT NOT NULL CHECK (status IN ('open', 'handover', 'closed')),
                outcome_kind TEXT,
                business_code TEXT,
                window_number INTEGER,
                service_day TEXT NOT NULL,
                recorded_at BIGINT NOT NULL,
                closed_at BIGINT,
                day_end_at BIGINT,
                contact_sealed TEXT,
                contact_masked TEXT,
                ticket_id TEXT,
                case_id TEXT,
                inquiry TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX inquiries_owner ON inquiries (owner_badge, status)",
            "CREATE INDEX inquiries_handover ON inquiries (handover_badge, status)",
            "CREATE INDEX inquiries_open ON inquiries (status, recorded_at)",
            "CREATE INDEX inquiries_day ON inquiries (service_day, first_badge)",
        ]
    }
}
