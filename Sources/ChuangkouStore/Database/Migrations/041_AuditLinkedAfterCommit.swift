extension Migration {
    /// PostgreSQL only: audit rows are linked into the hash chain just *after* their transaction commits, not inside it.
    ///
    /// Why: linked at commit (migration 12), every write transaction took the chain's tail for its commit, and a
    /// transaction's locks are released only after its commit record is flushed, so no two commits could share an
    /// fsync: one node was held to one fsync per transaction (BENCHMARKS.md, issue 16). Now a transaction writes its
    /// entries to `audit_pending`, made durable here (LOGGED), committed with its change or rolled back with it, and
    /// holds no shared lock at all; `audit_link_pending` then takes the tail once for many rows, links them in the
    /// order they were written (the same SHA-256 link as `AuditRecord.computedHash`) and moves them into `audit_log`.
    /// Every node runs it right after each commit that wrote an entry (`AuditLinker`) and before every read of the log
    /// (`AuditLog`), so the chain stays linear and the log the audit admin reads is complete.
    static let v041AuditLinkedAfterCommit = Migration(version: 41, name: "audit linked after commit") { dialect in
        guard dialect == .postgres else { return [] }
        return [
            "DROP TRIGGER audit_pending_chain ON audit_pending",
            "DROP FUNCTION audit_chain_pending()",
            "ALTER TABLE audit_pending SET LOGGED",
            // The content is hashed exactly as AuditRecord.computedHash does: the previous hash, then every field as
            // `<utf8 length>:<text>`; a test checks rows chained here with `verify`.
            """
            CREATE FUNCTION audit_link_pending(max_rows INTEGER) RETURNS INTEGER LANGUAGE plpgsql AS $$
            DECLARE
                tail_seq BIGINT;
                tail_hash TEXT;
                next_hash TEXT;
                content TEXT;
                field TEXT;
                pending RECORD;
                linked INTEGER := 0;
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
                FOR pending IN SELECT * FROM audit_pending ORDER BY id LIMIT max_rows LOOP
                    content := tail_hash;
                    FOREACH field IN ARRAY ARRAY[(tail_seq + 1)::text, pending.at::text, pending.actor, pending.role,
                                                 pending.address, pending.action, pending.object, pending.outcome,
                                                 pending.detail] LOOP
                        content := content || octet_length(convert_to(field, 'UTF8'))::text || ':' || field;
                    END LOOP;
                    next_hash := encode(sha256(convert_to(content, 'UTF8')), 'hex');
                    INSERT INTO audit_log (seq, at, actor, role, address, action, object, outcome, detail, prev_hash, hash)
                    VALUES (tail_seq + 1, pending.at, pending.actor, pending.role, pending.address, pending.action,
                            pending.object, pending.outcome, pending.detail, tail_hash, next_hash);
                    DELETE FROM audit_pending WHERE id = pending.id;
                    tail_seq := tail_seq + 1;
                    tail_hash := next_hash;
                    linked := linked + 1;
                END LOOP;
                RETURN linked;
            END
            $$
            """,
        ]
    }
}
