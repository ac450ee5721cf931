import ChuangkouTestSupport
import Foundation
import PostgresKit
import SQLKit
import Testing

@testable import ChuangkouStore

/// PostgreSQL statements run prepared, one name per shape, and a failed statement never poisons a name.
@Suite("Prepared statements")
struct PreparedStatementsTests {
    struct Unusual: Encodable, Sendable { let x: Int }

    @Test("binds carry their PostgreSQL types; NULL is untyped; anything else goes the plain way")
    func encoding() throws {
        let absent: String? = nil
        let present: Int? = 7
        for value in ["a", 1, absent, present, true, 1.5] as [any Encodable & Sendable] {
            #expect(PreparingPostgresDatabase.encode([value]) != nil, "\(String(describing: value))")
        }
        let (bindings, types) = try #require(PreparingPostgresDatabase.encode(["a", 1, absent, present, true, 1.5]))
        #expect(types == [.text, .int8, .null, .int8, .bool, .float8])
        #expect(bindings.count == 6)
        #expect(PreparingPostgresDatabase.encode(["a", Unusual(x: 1)]) == nil)
    }

    @Test("a shape is named once, by its text and bind types; none before the schema settles or past the limit")
    func shapes() throws {
        let shapes = PreparedShapes()
        #expect(shapes.shape(sql: "SELECT $1", types: [.int8]) == nil)
        shapes.schemaSettled()
        let first = try #require(shapes.shape(sql: "SELECT $1", types: [.int8]))
        #expect(shapes.shape(sql: "SELECT $1", types: [.int8])?.name == first.name)
        #expect(shapes.shape(sql: "SELECT $1", types: [.null])?.name != first.name)
        #expect(shapes.shape(sql: "SELECT $1 + 1", types: [.int8])?.name != first.name)
        for n in 0..<PreparedShapes.limit { _ = shapes.shape(sql: "SELECT \(n)", types: []) }
        #expect(shapes.shape(sql: "SELECT 'new'", types: []) == nil)
        #expect(shapes.shape(sql: "SELECT $1", types: [.int8])?.name == first.name)
    }

    @Test("the same statements give the same answers prepared, again and again, after a failure and with NULL first")
    func roundTrips() async throws {
        try await TestDatabase.withDatabase(demo: false) { database in
            try await database.transaction { db in
                try await db.raw("CREATE TABLE prepared_probe (id BIGINT PRIMARY KEY, note TEXT)").run()
            }
            for round in 0..<8 {
                let note: String? = round == 0 ? nil : "note \(round)"
                try await database.transaction { db in
                    try await db.raw("INSERT INTO prepared_probe (id, note) VALUES (\(bind: round), \(bind: note))").run()
                }
                // A duplicate key fails the transaction; what follows on that connection must still work.
                await #expect(throws: (any Error).self) {
                    try await database.transaction { db in
                        try await db.raw("INSERT INTO prepared_probe (id, note) VALUES (\(bind: round), \(bind: note))").run()
                        try await db.raw("SELECT COUNT(*) AS n FROM prepared_probe WHERE id <= \(bind: round)").run()
                    }
                }
                let rows = try await database.read { db in
                    try await db.raw("SELECT id, note FROM prepared_probe WHERE id <= \(bind: round) ORDER BY id").all()
                }
                #expect(try rows.map { try $0.decode(column: "id", as: Int.self) } == Array(0...round))
                #expect(try rows.first?.decode(column: "note", as: String?.self) == nil)
                let count = try await database.read { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM prepared_probe WHERE id <= \(bind: round)").first()?
                        .decode(column: "n", as: Int.self)
                }
                #expect(count == round + 1)
            }
        }
    }
}
