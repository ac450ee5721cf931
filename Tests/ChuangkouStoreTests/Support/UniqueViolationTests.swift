import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@testable import ChuangkouStore

/// A lost race on a unique constraint is told from other failures by the database's error code (SQLite's extended
/// code, PostgreSQL's SQLSTATE 23505), on whichever database the suite runs.
@Suite("Unique-constraint violations")
struct UniqueViolationTests {
    static func failure(_ statements: [String]) async throws -> (any Error)? {
        try await TestDatabase.withDatabase(demo: false) { db in
            try await db.transaction { sql in
                try await sql.raw("CREATE TABLE scratch (n INTEGER PRIMARY KEY, tag TEXT NOT NULL UNIQUE, parent INTEGER REFERENCES scratch (n))")
                    .run()
            }
            do {
                try await db.transaction { sql in
                    for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
                }
                return nil
            } catch {
                return error
            }
        }
    }

    @Test(
        "a second row with the same unique value or key is a unique violation",
        arguments: [
            ["INSERT INTO scratch (n, tag) VALUES (1, 'a')", "INSERT INTO scratch (n, tag) VALUES (2, 'a')"],
            ["INSERT INTO scratch (n, tag) VALUES (1, 'a')", "INSERT INTO scratch (n, tag) VALUES (1, 'b')"],
        ]
    )
    func duplicates(statements: [String]) async throws {
        let error = try #require(try await Self.failure(statements))
        #expect(UniqueViolation.matches(error), "\(error)")
    }

    @Test(
        "other failures are not",
        arguments: [
            ["INSERT INTO scratch (n, tag) VALUES (1, NULL)"],
            ["INSERT INTO scratch (n, tag, parent) VALUES (1, 'a', 99)"],
            ["INSERT INTO nowhere (n) VALUES (1)"],
        ]
    )
    func others(statements: [String]) async throws {
        let error = try #require(try await Self.failure(statements))
        #expect(!UniqueViolation.matches(error), "\(error)")
        #expect(!UniqueViolation.matches(CancellationError()))
    }
}
