import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

/// Transactions stay all-or-nothing and answer their own callers when many run at once.
@Suite("Transactions under concurrency")
struct TransactionTests {
    struct Refused: Error, Equatable {
        let n: Int
    }

    @Test("of 200 concurrent transactions, the ones that throw leave nothing and the others all commit")
    func failuresAreIsolated() async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            try await db.transaction { sql in
                try await sql.raw("CREATE TABLE scratch (n INTEGER PRIMARY KEY, note TEXT NOT NULL)").run()
            }
            let outcomes = try await withThrowingTaskGroup(of: (Int, Result<Int, Refused>).self) { group in
                for n in 1...200 {
                    group.addTask {
                        do {
                            let echoed = try await db.transaction { sql -> Int in
                                try await sql.raw("INSERT INTO scratch (n, note) VALUES (\(bind: n), 'first')").run()
                                try await sql.raw("UPDATE scratch SET note = 'second' WHERE n = \(bind: n)").run()
                                // Every third one changes its mind after writing.
                                if n % 3 == 0 { throw Refused(n: n) }
                                return n * 10
                            }
                            return (n, .success(echoed))
                        } catch let refused as Refused {
                            return (n, .failure(refused))
                        }
                    }
                }
                var all: [Int: Result<Int, Refused>] = [:]
                for try await (n, outcome) in group { all[n] = outcome }
                return all
            }
            #expect(outcomes.count == 200)
            for (n, outcome) in outcomes {
                if n % 3 == 0 {
                    #expect(outcome == .failure(Refused(n: n)), "transaction \(n) gets its own error")
                } else {
                    #expect(outcome == .success(n * 10), "transaction \(n) gets its own result")
                }
            }
            let rows = try await db.read { sql in
                try await sql.raw("SELECT n, note FROM scratch ORDER BY n").all().map {
                    (try $0.decode(column: "n", as: Int.self), try $0.decode(column: "note", as: String.self))
                }
            }
            #expect(rows.map(\.0) == (1...200).filter { $0 % 3 != 0 })
            #expect(rows.allSatisfy { $0.1 == "second" }, "each committed transaction is whole")
        }
    }

    @Test("a failing statement (a constraint) rolls back only its own transaction")
    func constraintFailure() async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            try await db.transaction { sql in
                try await sql.raw("CREATE TABLE scratch (n INTEGER PRIMARY KEY)").run()
            }
            // Pairs of transactions insert the same key: one of each pair wins, the other fails on the primary key.
            let results = await withTaskGroup(of: Bool.self) { group in
                for n in 0..<100 {
                    group.addTask {
                        (try? await db.transaction { sql in
                            try await sql.raw("INSERT INTO scratch (n) VALUES (\(bind: n / 2))").run()
                        }) != nil
                    }
                }
                var committed = 0
                for await ok in group where ok { committed += 1 }
                return committed
            }
            #expect(results == 50)
            let count = try await db.read { sql in
                try await sql.raw("SELECT COUNT(*) AS c FROM scratch").first().map { try $0.decode(column: "c", as: Int.self) } ?? -1
            }
            #expect(count == 50)
        }
    }
}
