extension Migration {
    /// Cases (办件): intake, the one-time notice, acceptance, approval steps, numbered documents, the citizen's status
    /// query and notifications to applicants.
    ///
    /// - `cases`: one row per application. The applicant (with ID numbers and phones) is sealed with AES-GCM
    ///   (`applicant_sealed`); the name, the masked identifier, the masked phone and its last four digits stay in clear
    ///   for lookup and display. The checklist in force, the one-time-notice ledger (Core's event history), the 容缺
    ///   deferral, the delivery preference (sealed: a proxy's ID number) and the decision are JSON.
    /// - `case_checklists`: every version of the checklist, never changed, so a re-check never hides the first.
    /// - `case_steps`: the pinned guide's approval steps, each with its assignee, opinion and time.
    /// - `case_events`: the case's history in order (who did what, when).
    /// - `document_counters` / `documents`: numbers per (unit, year) from a counter row bumped in the same transaction
    ///   as the document insert, so a rolled-back issue leaves no gap; unique on (unit, year, sequence).
    /// - `document_reprints`: every copy printed after the first.
    /// - `status_query_attempts`: failed public status queries, for rate limiting by client and by code.
    /// - `notification_outbox` gains the case and the sealed phone of an applicant message.
    static let v004Cases = Migration(version: 4, name: "cases") { dialect in
        [
            """
            CREATE TABLE cases (
                id TEXT PRIMARY KEY,
                query_code TEXT NOT NULL UNIQUE,
                business_code TEXT NOT NULL REFERENCES businesses (code),
                guide_version INTEGER NOT NULL,
                ticket_id TEXT REFERENCES tickets (id),
                window_number INTEGER,
                officer_badge TEXT NOT NULL REFERENCES officers (badge),
                applicant_kind TEXT NOT NULL,
                applicant_name TEXT NOT NULL,
                applicant_identifier_masked TEXT NOT NULL,
                applicant_sealed TEXT NOT NULL,
                phone_last4 TEXT NOT NULL,
                phone_masked TEXT NOT NULL,
                fields TEXT NOT NULL,
                stage TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                received_on TEXT NOT NULL,
                accepted_on TEXT,
                deemed INTEGER NOT NULL DEFAULT 0,
                commitment_signed INTEGER NOT NULL DEFAULT 0,
                checklist TEXT NOT NULL,
                checklist_version INTEGER NOT NULL,
                ledger TEXT NOT NULL,
                deferral TEXT,
                supplement_due TEXT,
                clock_id TEXT REFERENCES deadline_clocks (id),
                delivery TEXT,
                decision TEXT,
                notice_warned INTEGER NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX cases_stage ON cases (stage, received_on)",
            "CREATE INDEX cases_ticket ON cases (ticket_id)",
            """
            CREATE TABLE case_checklists (
                case_id TEXT NOT NULL REFERENCES cases (id),
                version INTEGER NOT NULL,
                checklist TEXT NOT NULL,
                recorded_by TEXT NOT NULL REFERENCES officers (badge),
                recorded_at BIGINT NOT NULL,
                PRIMARY KEY (case_id, version)
            )
            """,
            """
            CREATE TABLE case_steps (
                case_id TEXT NOT NULL REFERENCES cases (id),
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                actor TEXT NOT NULL,
                assignee_badge TEXT REFERENCES officers (badge),
                opinion TEXT,
                approve INTEGER,
                decided_at BIGINT,
                PRIMARY KEY (case_id, position)
            )
            """,
            """
            CREATE TABLE case_events (
                id \(dialect.serialPrimaryKey),
                case_id TEXT NOT NULL REFERENCES cases (id),
                action TEXT NOT NULL,
                officer_badge TEXT,
                at BIGINT NOT NULL,
                detail TEXT
            )
            """,
            "CREATE INDEX case_events_case ON case_events (case_id, id)",
            """
            CREATE TABLE document_counters (
                unit_code TEXT NOT NULL,
                year INTEGER NOT NULL,
                last_sequence INTEGER NOT NULL,
                PRIMARY KEY (unit_code, year)
            )
            """,
            """
            CREATE TABLE documents (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases (id),
                kind TEXT NOT NULL,
                unit_code TEXT NOT NULL,
                year INTEGER NOT NULL,
                sequence INTEGER NOT NULL,
                number TEXT NOT NULL UNIQUE,
                issued_at BIGINT NOT NULL,
                issued_by TEXT NOT NULL REFERENCES officers (badge),
                facts TEXT NOT NULL,
                reprints INTEGER NOT NULL DEFAULT 0,
                UNIQUE (unit_code, year, sequence)
            )
            """,
            "CREATE INDEX documents_case ON documents (case_id, issued_at)",
            """
            CREATE TABLE document_reprints (
                id \(dialect.serialPrimaryKey),
                document_id TEXT NOT NULL REFERENCES documents (id),
                printed_by TEXT REFERENCES officers (badge),
                printed_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE status_query_attempts (
                id \(dialect.serialPrimaryKey),
                client TEXT NOT NULL,
                code TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX status_query_attempts_client ON status_query_attempts (client, at)",
            "CREATE INDEX status_query_attempts_code ON status_query_attempts (code, at)",
            "ALTER TABLE notification_outbox ADD COLUMN case_id TEXT",
            "ALTER TABLE notification_outbox ADD COLUMN recipient_phone_sealed TEXT",
        ]
    }
}
