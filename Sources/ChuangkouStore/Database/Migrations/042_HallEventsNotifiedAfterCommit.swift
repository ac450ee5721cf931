extension Migration {
    /// PostgreSQL only: hall events are announced to other processes just *after* the commit that wrote them
    /// (`HallEventNotifier`), no longer by a trigger inside it (migration 13).
    ///
    /// Why: a transaction that has called NOTIFY takes one lock for the whole database while it commits and keeps it
    /// until its commit is flushed, so every transition (each writes a hall event) committed one after another, one
    /// fsync each (issue 16: seen in `pg_locks` as `object AccessExclusiveLock` on `pg_database` behind `COMMIT`). Now
    /// one notification follows a burst of commits; the channel and the listeners are unchanged, and a process that
    /// dies between its commit and the notification is covered by the relays' poll.
    static let v042HallEventsNotifiedAfterCommit = Migration(version: 42, name: "hall events notified after commit") { dialect in
        guard dialect == .postgres else { return [] }
        return [
            "DROP TRIGGER hall_events_notify ON hall_events",
            "DROP FUNCTION hall_events_notify()",
        ]
    }
}
