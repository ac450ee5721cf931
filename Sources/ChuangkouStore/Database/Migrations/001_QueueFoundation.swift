extension Migration {
    /// The hall, its businesses, windows, officers and sessions; tickets with their daily counters and
    /// transition log; and the event stream for displays.
    ///
    /// Two constraints carry the queue's promises: `UNIQUE (service_day, prefix, sequence)` (no number twice)
    /// and the partial unique index on active tickets per window (no window holds two calls at once).
    static let v001QueueFoundation = Migration(version: 1, name: "queue foundation") { dialect in
        [
            """
            CREATE TABLE hall (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                address TEXT NOT NULL,
                supervision_phone TEXT NOT NULL,
                time_zone TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE businesses (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                name_en TEXT NOT NULL,
                prefix TEXT NOT NULL UNIQUE,
                typical_service_minutes INTEGER NOT NULL,
                sort_order INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE officers (
                badge TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                post TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                failed_logins INTEGER NOT NULL DEFAULT 0,
                locked_until BIGINT
            )
            """,
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                badge TEXT NOT NULL REFERENCES officers (badge),
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE windows (
                number INTEGER PRIMARY KEY,
                status TEXT NOT NULL,
                officer_badge TEXT UNIQUE REFERENCES officers (badge),
                changed_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE window_businesses (
                window_number INTEGER NOT NULL REFERENCES windows (number),
                business_code TEXT NOT NULL REFERENCES businesses (code),
                PRIMARY KEY (window_number, business_code)
            )
            """,
            """
            CREATE TABLE ticket_counters (
                service_day TEXT NOT NULL,
                prefix TEXT NOT NULL,
                last_sequence INTEGER NOT NULL,
                PRIMARY KEY (service_day, prefix)
            )
            """,
            """
            CREATE TABLE tickets (
                id TEXT PRIMARY KEY,
                service_day TEXT NOT NULL,
                prefix TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                business_code TEXT NOT NULL REFERENCES businesses (code),
                status TEXT NOT NULL,
                green_channel TEXT,
                issued_at BIGINT NOT NULL,
                window_number INTEGER REFERENCES windows (number),
                officer_badge TEXT,
                called_at BIGINT,
                started_at BIGINT,
                finished_at BIGINT,
                recalls INTEGER NOT NULL DEFAULT 0,
                out_of_order_reason TEXT,
                UNIQUE (service_day, prefix, sequence)
            )
            """,
            "CREATE INDEX tickets_waiting ON tickets (service_day, status, business_code, issued_at)",
            "CREATE INDEX tickets_finished ON tickets (service_day, business_code, status, finished_at)",
            "CREATE UNIQUE INDEX tickets_one_active_per_window ON tickets (window_number) WHERE status IN ('called', 'serving')",
            """
            CREATE TABLE ticket_events (
                id \(dialect.serialPrimaryKey),
                ticket_id TEXT NOT NULL REFERENCES tickets (id),
                action TEXT NOT NULL,
                from_status TEXT NOT NULL,
                to_status TEXT NOT NULL,
                officer_badge TEXT,
                window_number INTEGER,
                at BIGINT NOT NULL,
                detail TEXT
            )
            """,
            "CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id)",
            """
            CREATE TABLE hall_events (
                id \(dialect.serialPrimaryKey),
                payload TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX hall_events_at ON hall_events (at)",
        ]
    }
}
