extension Migration {
    /// Tickets handed to a colleague's window at a stall (避免僵局: 另请一名民警, issue 14): the receipt both consoles show,
    /// with the incident it belongs to. The move itself is the ticket's row (one window column, the partial unique
    /// index of migration 001); this table only remembers it, looked up by the day and either window.
    static let v034TicketHandovers = Migration(version: 34, name: "ticket handovers to a colleague") { _ in
        [
            """
            CREATE TABLE ticket_handovers (
                id TEXT PRIMARY KEY,
                ticket_id TEXT NOT NULL REFERENCES tickets (id),
                ticket_number TEXT NOT NULL,
                business_code TEXT NOT NULL,
                from_window INTEGER NOT NULL,
                from_badge TEXT NOT NULL REFERENCES officers (badge),
                to_window INTEGER NOT NULL,
                to_badge TEXT NOT NULL REFERENCES officers (badge),
                incident_id TEXT NOT NULL REFERENCES incidents (id),
                service_day TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX ticket_handovers_from ON ticket_handovers (service_day, from_window)",
            "CREATE INDEX ticket_handovers_to ON ticket_handovers (service_day, to_window)",
        ]
    }
}
