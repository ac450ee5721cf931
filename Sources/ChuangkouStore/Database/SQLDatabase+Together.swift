import SQLKit

extension SQLDatabase {
    /// Runs data-changing statements that do not read each other's effects, inside the caller's transaction.
    ///
    /// PostgreSQL: as one statement, every statement but the last a data-modifying `WITH` clause, so a transition's
    /// update, log row, display event and audit entry cost one round trip instead of four (each round trip is a hop
    /// between two processes, and the row locks taken earlier in the transaction are held through all of them).
    /// SQLite runs in this process and has no round trips: one by one, in order.
    func runTogether(_ statements: [SQLQueryString]) async throws {
        guard dialect.name == "postgresql", statements.count > 1, let last = statements.last else {
            for statement in statements { try await raw(statement).run() }
            return
        }
        var query: SQLQueryString = "WITH "
        for (index, statement) in statements.dropLast().enumerated() {
            query = query + (index == 0 ? "" : ", ") + "s\(unsafeRaw: String(index)) AS (" + statement + ")"
        }
        try await raw(query + " " + last).run()
    }
}
