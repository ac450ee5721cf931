extension Migration {
    /// The tamper-evident audit (RULES §11, 等级保护 level 3).
    ///
    /// - `audit_log`: append-only, hash-chained rows (`AuditTrail`); `seq` is the chain's order. Triggers refuse every
    ///   update, and a delete of any row not yet covered by an archive, so only the archiver removes rows (the hash
    ///   chain, not the triggers, is what proves integrity: whoever can drop a trigger is caught by `verify`).
    /// - `audit_anchors`: one row a day: the tail's seq and hash with an HMAC under the audit key, which is not in the
    ///   database, so a chain rewritten from an earlier row onwards no longer matches its anchor.
    /// - `audit_archives`: the rows moved to archive files after the retention period, with the last archived hash,
    ///   where the chain in the table goes on.
    static let v015AuditTrail = Migration(version: 15, name: "audit trail") { dialect in
        let seq = dialect == .sqlite ? "INTEGER PRIMARY KEY" : "BIGINT PRIMARY KEY"
        var statements = [
            """
            CREATE TABLE audit_log (
                seq \(seq),
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                role TEXT NOT NULL,
                address TEXT NOT NULL,
                action TEXT NOT NULL,
                object TEXT NOT NULL,
                outcome TEXT NOT NULL,
                detail TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_log_at ON audit_log (at)",
            """
            CREATE TABLE audit_anchors (
                day TEXT PRIMARY KEY,
                seq BIGINT NOT NULL,
                hash TEXT NOT NULL,
                written_at BIGINT NOT NULL,
                mac TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE audit_archives (
                through_seq BIGINT PRIMARY KEY,
                first_seq BIGINT NOT NULL,
                last_hash TEXT NOT NULL,
                row_count INTEGER NOT NULL,
                file TEXT NOT NULL,
                file_sha256 TEXT NOT NULL,
                archived_at BIGINT NOT NULL
            )
            """,
        ]
        switch dialect {
        case .sqlite:
            statements += [
                """
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END
                """,
                """
                CREATE TRIGGER audit_log_archived_only BEFORE DELETE ON audit_log
                WHEN NOT EXISTS (SELECT 1 FROM audit_archives a WHERE a.through_seq >= OLD.seq)
                BEGIN SELECT RAISE(ABORT, 'audit_log rows leave only through an archive'); END
                """,
            ]
        case .postgres:
            statements += [
                """
                CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN RAISE EXCEPTION 'audit_log is append-only'; END IF;
                    IF NOT EXISTS (SELECT 1 FROM audit_archives a WHERE a.through_seq >= OLD.seq) THEN
                        RAISE EXCEPTION 'audit_log rows leave only through an archive';
                    END IF;
                    RETURN OLD;
                END
                $$
                """,
                "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard()",
            ]
        }
        return statements
    }
}
