import PostgresNIO

/// Recognises a lost race on a unique constraint by the database's own error code, never by the wording of a message
/// (which changes between versions and languages): SQLite's extended result codes `SQLITE_CONSTRAINT_UNIQUE` and
/// `SQLITE_CONSTRAINT_PRIMARYKEY`, PostgreSQL's SQLSTATE 23505 (`unique_violation`).
enum UniqueViolation {
    /// `SQLITE_CONSTRAINT | (8 << 8)` and `SQLITE_CONSTRAINT | (6 << 8)` (connections open with extended codes).
    static let sqliteCodes: Set<Int32> = [2067, 1555]
    /// PostgreSQL's `unique_violation`.
    static let postgresSQLState = "23505"

    static func matches(_ error: any Error) -> Bool {
        switch error {
        case let sqlite as SQLiteDirectError:
            return sqliteCodes.contains(sqlite.code)
        case let postgres as PSQLError:
            return postgres.serverInfo?[.sqlState] == postgresSQLState
        default:
            return false
        }
    }
}
