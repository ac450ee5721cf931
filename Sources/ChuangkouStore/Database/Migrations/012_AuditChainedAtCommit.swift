extension Migration {
    /// PostgreSQL only: audit rows are linked into the hash chain by the database while the transaction commits.
    ///
    /// Why: the chain serialises every write transaction on its tail. With the link made by `AuditTrail` (lock, read
    /// the tail, insert), every transaction held the tail through three client round trips and its commit, and all
    /// writers queued behind it (BENCHMARKS.md: 16 ms mean wait for the lock at 64 clients). Now a transaction writes
    /// its entries to `audit_pending` (unlogged: a pending row never outlives its transaction), and a deferred
    /// constraint trigger, at commit, takes the same advisory lock, reads the tail, computes the same SHA-256 link as
    /// `AuditRecord.computedHash` and moves the row into `audit_log`. The tail is held for the commit alone, still
    /// inside the transaction: the entry commits with its change or not at all, and the chain stays linear.
    /// SQLite keeps linking in `AuditTrail` (its one writer already serialises transactions).
    static let v012AuditChainedAtCommit = Migration(version: 12, name: "audit chained at commit") { dialect in
        guard dialect == .postgres else { return [] }
        return [
            """
            CREATE UNLOGGED TABLE audit_pending (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                role TEXT NOT NULL,
                address TEXT NOT NULL,
                action TEXT NOT NULL,
                object TEXT NOT NULL,
                outcome TEXT NOT NULL,
                detail TEXT NOT NULL
            )
            """,
            // The content is hashed exactly as AuditRecord.computedHash does: the previous hash, then every field as
            // `<utf8 length>:<text>`; a test checks rows chained here with `verify`.
            """
            CREATE FUNCTION audit_chain_pending() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                tail_seq BIGINT;
                tail_hash TEXT;
                content TEXT;
                field TEXT;
            BEGIN
                PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.audit_log'));
                SELECT seq, hash INTO tail_seq, tail_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
                IF NOT FOUND THEN
                    SELECT through_seq, last_hash INTO tail_seq, tail_hash FROM audit_archives ORDER BY through_seq DESC LIMIT 1;
                    IF NOT FOUND THEN
                        tail_seq := 0;
                        tail_hash := repeat('0', 64);
                    END IF;
                END IF;
                content := tail_hash;
                FOREACH field IN ARRAY ARRAY[(tail_seq + 1)::text, NEW.at::text, NEW.actor, NEW.role, NEW.address,
                                             NEW.action, NEW.object, NEW.outcome, NEW.detail] LOOP
                    content := content || octet_length(convert_to(field, 'UTF8'))::text || ':' || field;
                END LOOP;
                INSERT INTO audit_log (seq, at, actor, role, address, action, object, outcome, detail, prev_hash, hash)
                VALUES (tail_seq + 1, NEW.at, NEW.actor, NEW.role, NEW.address, NEW.action, NEW.object, NEW.outcome, NEW.detail,
                        tail_hash, encode(sha256(convert_to(content, 'UTF8')), 'hex'));
                DELETE FROM audit_pending WHERE id = NEW.id;
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE CONSTRAINT TRIGGER audit_pending_chain AFTER INSERT ON audit_pending
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_pending()
            """,
        ]
    }
}
