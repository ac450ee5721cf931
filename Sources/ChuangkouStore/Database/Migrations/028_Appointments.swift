extension Migration {
    /// Appointments (预约, issue 15):
    /// - `appointments`: one row per booking, found by its booking code (`code`, unique); the phone and any ID number
    ///   sealed with the data key, the phone's last four digits kept plain to find a phone's earlier bookings without
    ///   opening every row; `starts_at` is the slot's start instant, for the no-show count and the day's sweep.
    /// - `appointment_capacity`: per slot, one row per pool (`business:<code>` and `windows:<1,2>`, the group of windows
    ///   serving it) with its capacity and what is booked. A booking takes one place in each with a single conditional
    ///   upsert, and `CHECK (booked <= capacity)` backs it, so the database, not the process, keeps the limit.
    /// - `appointment_phone_codes`: one-time codes sent before a booking holds, as salted hashes.
    /// - `tickets` gain the slot's span for a ticket from an on-time check-in (the calling order's appointment rank).
    static let v028Appointments = Migration(version: 28, name: "appointments") { _ in
        [
            """
            CREATE TABLE appointments (
                id TEXT PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                business_code TEXT NOT NULL REFERENCES businesses (code),
                slot_day TEXT NOT NULL,
                slot_start INTEGER NOT NULL,
                slot_minutes INTEGER NOT NULL,
                starts_at BIGINT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('booked', 'checkedIn', 'late', 'cancelled', 'missed')),
                name TEXT NOT NULL,
                phone_sealed TEXT NOT NULL,
                phone_last4 TEXT NOT NULL,
                id_number_sealed TEXT,
                booked_at BIGINT NOT NULL,
                changes INTEGER NOT NULL DEFAULT 0,
                ticket_id TEXT REFERENCES tickets (id),
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX appointments_phone ON appointments (phone_last4, starts_at)",
            "CREATE INDEX appointments_day ON appointments (slot_day, business_code, status)",
            """
            CREATE TABLE appointment_capacity (
                slot_day TEXT NOT NULL,
                slot_start INTEGER NOT NULL,
                pool TEXT NOT NULL,
                capacity INTEGER NOT NULL,
                booked INTEGER NOT NULL,
                PRIMARY KEY (slot_day, slot_start, pool),
                CHECK (booked >= 0 AND booked <= capacity)
            )
            """,
            """
            CREATE TABLE appointment_phone_codes (
                id TEXT PRIMARY KEY,
                phone_sealed TEXT NOT NULL,
                phone_last4 TEXT NOT NULL,
                code_hash TEXT NOT NULL,
                sent_at BIGINT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                used_at BIGINT
            )
            """,
            "CREATE INDEX appointment_phone_codes_phone ON appointment_phone_codes (phone_last4, sent_at)",
            "ALTER TABLE tickets ADD COLUMN appointment_from BIGINT",
            "ALTER TABLE tickets ADD COLUMN appointment_until BIGINT",
        ]
    }
}
