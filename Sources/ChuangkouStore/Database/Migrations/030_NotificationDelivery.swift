extension Migration {
    /// The outbox as a delivery subsystem (issue 15).
    ///
    /// - `notification_outbox` is rebuilt with a nullable officer and gains a unique `idempotency_key` (one message per key however often or wherever
    ///   it is enqueued; the gateway gets it too), a `status` (pending, sent, failed, suppressed), the attempts and when the next is due, the lease
    ///   of the process sending it (`lease_owner`, `lease_until`: claimed in one transaction, so two processes never send one message), the last
    ///   error, the language, the masked phone for the delivery log and a keyed fingerprint of the phone (rate limits and opt-outs without the number
    ///   in clear), and `read_at` for an officer's console. Rows already sent are marked sent; older rows get `outbox:<id>` as key.
    /// - `notification_templates`: the wording administrators saved per kind and language (the shipped wording
    ///   applies until then).
    /// - `notification_preferences`: a citizen's opt-in or opt-out by phone fingerprint, with who recorded it.
    static let v030NotificationDelivery = Migration(version: 30, name: "notification delivery") { dialect in
        // Rebuilt rather than altered: a message to a citizen about no case (a booking code, a ticket's heads-up) has
        // no answering officer, and SQLite cannot drop a NOT NULL.
        [
            """
            CREATE TABLE notification_messages (
                id \(dialect.serialPrimaryKey),
                idempotency_key TEXT NOT NULL,
                kind TEXT NOT NULL,
                recipient_badge TEXT REFERENCES officers (badge),
                subject TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                sent_at BIGINT,
                case_id TEXT,
                recipient_phone_sealed TEXT,
                language TEXT NOT NULL DEFAULT 'zh-CN',
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'suppressed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL DEFAULT 0,
                lease_owner TEXT,
                lease_until BIGINT,
                last_error TEXT,
                phone_masked TEXT,
                phone_fingerprint TEXT,
                read_at BIGINT
            )
            """,
            """
            INSERT INTO notification_messages (id, idempotency_key, kind, recipient_badge, subject, payload, created_at, sent_at,
                case_id, recipient_phone_sealed, status, next_attempt_at)
            SELECT id, 'outbox:' || id, kind, recipient_badge, subject, payload, created_at, sent_at, case_id, recipient_phone_sealed,
                CASE WHEN sent_at IS NULL THEN 'pending' ELSE 'sent' END, created_at
            FROM notification_outbox
            """,
            "DROP TABLE notification_outbox",
            "ALTER TABLE notification_messages RENAME TO notification_outbox",
        ] + (dialect == .postgres
            ? [
                """
                SELECT setval(pg_get_serial_sequence('notification_outbox', 'id'), COALESCE((SELECT MAX(id) FROM notification_outbox), 0) + 1,
                    false)
                """
            ] : []) + [
            "CREATE UNIQUE INDEX notification_outbox_key ON notification_outbox (idempotency_key)",
            "CREATE INDEX notification_outbox_due ON notification_outbox (status, next_attempt_at, id)",
            "CREATE INDEX notification_outbox_phone ON notification_outbox (phone_fingerprint, sent_at)",
            "CREATE INDEX notification_outbox_recipient ON notification_outbox (recipient_badge, id)",
            """
            CREATE TABLE notification_templates (
                kind TEXT NOT NULL,
                language TEXT NOT NULL,
                body TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (kind, language)
            )
            """,
            """
            CREATE TABLE notification_preferences (
                phone_fingerprint TEXT PRIMARY KEY,
                opted_in INTEGER NOT NULL,
                phone_masked TEXT NOT NULL,
                changed_by TEXT NOT NULL,
                changed_at BIGINT NOT NULL
            )
            """,
        ]
    }
}
