extension Migration {
    /// The waiting and finished indexes hold only the tickets they are for. Before, both held every ticket with its
    /// status as a key column, so each transition (waiting → called → serving → finished) moved entries in both —
    /// pages written to the WAL on every commit (BENCHMARKS.md). Every query that uses them names the status as a
    /// literal (`status = 'waiting'`), which both SQLite and PostgreSQL need to choose a partial index.
    static let v005PartialTicketIndexes = Migration(version: 5, name: "partial ticket indexes") { _ in
        [
            "DROP INDEX tickets_waiting",
            "CREATE INDEX tickets_waiting ON tickets (service_day, business_code, issued_at) WHERE status = 'waiting'",
            "DROP INDEX tickets_finished",
            "CREATE INDEX tickets_finished ON tickets (service_day, business_code, finished_at) WHERE status = 'finished'",
        ]
    }
}
