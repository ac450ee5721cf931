extension Migration {
    /// A phone a ticket's holder gave for the "3 ahead of you" heads-up (issue 15): sealed like a case's, one per
    /// ticket, with the masked form for screens. Tickets themselves stay free of personal data.
    static let v031TicketContacts = Migration(version: 31, name: "ticket contacts") { _ in
        [
            """
            CREATE TABLE ticket_contacts (
                ticket_id TEXT PRIMARY KEY REFERENCES tickets (id),
                phone_sealed TEXT NOT NULL,
                phone_masked TEXT NOT NULL,
                language TEXT NOT NULL,
                given_at BIGINT NOT NULL
            )
            """
        ]
    }
}
