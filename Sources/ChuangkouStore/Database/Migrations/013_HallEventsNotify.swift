extension Migration {
    /// PostgreSQL only: every transaction that writes hall events notifies `hall_events.<schema>` at commit (notifications
    /// are per database, so the channel names the schema), so the event relay of every process hears of it at once
    /// (`HallEventListener`) instead of at its next poll. One notification per transaction (a statement trigger, and
    /// PostgreSQL folds identical notifications of one transaction into one), sent only if it commits. SQLite polls.
    static let v013HallEventsNotify = Migration(version: 13, name: "hall events notify") { dialect in
        guard dialect == .postgres else { return [] }
        return [
            """
            CREATE FUNCTION hall_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify(left('hall_events.' || current_schema(), 63), '');
                RETURN NULL;
            END
            $$
            """,
            "CREATE TRIGGER hall_events_notify AFTER INSERT ON hall_events FOR EACH STATEMENT EXECUTE FUNCTION hall_events_notify()",
        ]
    }
}
