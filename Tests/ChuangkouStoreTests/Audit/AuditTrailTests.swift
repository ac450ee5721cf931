import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Logging
import SQLKit
import Testing

/// The audit's hash chain: one row per change in the change's transaction, linear under concurrency on SQLite and
/// PostgreSQL, and every tampering found by `verify`.
@Suite("Audit trail")
struct AuditTrailTests {
    static let officer = AuditActor(id: "P10001", role: "officer", address: "10.0.0.7")

    @Test("a change leaves one chained row with who, where, what and the outcome; a rolled-back change leaves none")
    func recordsWithTheChange() async throws {
        struct Boom: Error {}
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let before = try await AuditLog(database: db).tail()
            let ticket = try await Self.officer.acting {
                try await TicketRepository(database: db).issue(business: Demo.idCard, greenChannel: .elderly, hall: Demo.hall, at: Date())
            }
            let row = try #require(try await AuditLog(database: db).tail())
            #expect(row.seq == (before?.seq ?? 0) + 1)
            #expect(row.previousHash == (before?.hash ?? AuditRecord.genesis))
            #expect(row.hash == row.computedHash())
            #expect([row.actor, row.role, row.address] == ["P10001", "officer", "10.0.0.7"])
            #expect(row.action == "ticket.issue")
            #expect(row.object == "ticket:\(ticket.number)/\(ticket.id)")
            #expect(row.outcome == "ok")
            await #expect(throws: Boom.self) {
                try await db.transaction { sql in
                    try await AuditTrail.record(AuditEntry("test.boom", "thing:1"), at: Date(), in: sql)
                    throw Boom()
                }
            }
            #expect(try await AuditLog(database: db).tail() == row, "the rolled-back row is gone with its change")
        }
    }

    @Test("100 concurrent writers keep one linear chain, and each row names its own actor")
    func concurrentWriters() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Self.issueConcurrently(100, across: [db])
            try await Self.expectLinear(db, issued: 100)
        }
    }

    @Test("two store instances on one database (as two server processes) append to one linear chain")
    func twoProcesses() async throws {
        let location = try await TestDatabase.freshLocation()
        let first = try await Database.open(location, logger: Logger(label: "a"))
        let second = try await Database.open(location, logger: Logger(label: "b"))
        do {
            try await Migrator(database: first).migrate()
            try await DemoHall.loadIfEmpty(into: first, passwordHash: "x", at: Date())
            try await Self.issueConcurrently(120, across: [first, second])
            try await Self.expectLinear(second, issued: 120)
        } catch {
            await first.close()
            await second.close()
            throw error
        }
        await first.close()
        await second.close()
    }

    /// Issues tickets from `count` tasks at once, task i acting as badge `T<i>`.
    static func issueConcurrently(_ count: Int, across stores: [Database]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<count {
                group.addTask {
                    try await AuditActor(id: "T\(i)", role: "officer", address: "10.0.0.\(i % 250)").acting {
                        _ = try await TicketRepository(database: stores[i % stores.count])
                            .issue(business: i % 2 == 0 ? Demo.idCard : Demo.residence, greenChannel: nil, hall: Demo.hall, at: Date())
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// PostgreSQL links rows just after their commit (migration 41), so no writer holds the tail: a transaction that
    /// has recorded its entry but not yet committed does not stop another from committing first.
    /// (Linking in the transaction body, this test would never finish: the second writer waited for the first; the time
    /// limit turns that hang into a failure and is generous because the full PostgreSQL suite takes minutes.)
    @Test(
        "on PostgreSQL an open transaction's entry does not hold the tail: a later writer commits first, both end up chained",
        .enabled(if: TestDatabase.postgresURL != nil),
        .timeLimit(.minutes(10))
    )
    func tailHeldOnlyAtCommit() async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            let (recorded, firstRecorded) = AsyncStream.makeStream(of: Void.self)
            let (committed, secondCommitted) = AsyncStream.makeStream(of: Void.self)
            async let first: Void = db.transaction { sql in
                try await AuditTrail.record(AuditEntry("test.first", "thing:1", detail: "请A001号到1号窗口办理 ✓"), at: Date(), in: sql)
                firstRecorded.yield()
                for await _ in committed { break }
            }
            for await _ in recorded { break }
            try await db.transaction { sql in try await AuditTrail.record(AuditEntry("test.second", "thing:2"), at: Date(), in: sql) }
            secondCommitted.yield()
            try await first
            let rows = try await AuditLog(database: db).search(.init(limit: 10)).reversed().map(\.action)
            #expect(Set(rows.suffix(2)) == ["test.second", "test.first"])
            let result = try await AuditLog(database: db).verify(anchorKey: nil)
            #expect(result.isIntact, "the database's links (with a non-ASCII detail) verify as AuditRecord computes them")
        }
    }

    @Test(
        "on PostgreSQL a committed entry is linked without anyone reading the log, and one a dead process left pending is linked by the next",
        .enabled(if: TestDatabase.postgresURL != nil),
        .timeLimit(.minutes(10))
    )
    func pendingEntriesAreLinked() async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            let pending = { @Sendable in
                try await db.read { sql in
                    try await sql.raw("SELECT COUNT(*) AS n FROM audit_pending").first()?.decode(column: "n", as: Int.self) ?? -1
                }
            }
            try await db.transaction { sql in try await AuditTrail.record(AuditEntry("test.alone", "thing:1"), at: Date(), in: sql) }
            // The commit wakes the linker; nobody reads the log (the time limit turns "never" into a failure).
            while try await pending() > 0 { try await Task.sleep(for: .milliseconds(5)) }
            let linked = try await db.read { sql in
                try await sql.raw("SELECT action FROM audit_log").all().map { try $0.decode(column: "action", as: String.self) }
            }
            #expect(linked == ["test.alone"])
            // A row committed by a process that died before its linker ran.
            try await db.transaction { sql in
                try await sql.raw(
                    """
                    INSERT INTO audit_pending (at, actor, role, address, action, object, outcome, detail)
                    VALUES (1, 'P10001', 'officer', '10.0.0.7', 'test.orphan', 'thing:2', 'ok', '')
                    """
                ).run()
            }
            #expect(try await pending() == 1)
            let rows = try await AuditLog(database: db).search(.init(limit: 10)).reversed().map(\.action)
            #expect(rows == ["test.alone", "test.orphan"])
            #expect(try await pending() == 0)
            #expect(try await AuditLog(database: db).verify(anchorKey: nil).isIntact)
        }
    }

    static func expectLinear(_ db: Database, issued count: Int) async throws {
        let log = AuditLog(database: db)
        let rows = try await log.search(.init(limit: 100_000)).reversed()
        #expect(rows.map(\.seq) == Array(1...Int64(rows.count)), "no gap, no fork")
        for (previous, row) in zip(rows, rows.dropFirst()) { #expect(row.previousHash == previous.hash) }
        let issues = rows.filter { $0.action == "ticket.issue" }
        #expect(issues.count == count)
        #expect(Set(issues.map(\.actor)) == Set((0..<count).map { "T\($0)" }), "each row names the task that made the change")
        for row in issues { #expect(row.address == "10.0.0.\(Int(row.actor.dropFirst())! % 250)") }
        let result = try await log.verify(anchorKey: nil)
        #expect(result.isIntact, "\(String(describing: result.firstBreak))")
    }

    // MARK: - Tampering

    enum Tamper: String, CaseIterable, Sendable {
        case editDetail, editActor, deleteRow, deleteFirstRow, swapRows, rewriteChain, rewriteChainAndAnchor, truncateTail, forgeAnchor
    }

    @Test("verify reports the first broken link after an edit, a deletion or a reordering", arguments: Tamper.allCases)
    func tampering(_ tamper: Tamper) async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            let key = AuditKey.random()
            let log = AuditLog(database: db)
            try await Self.write(8, into: db)
            try await log.anchor(day: LocalDate("2026-12-01")!, key: key, at: Date())
            try await Self.write(4, into: db)
            #expect(try await log.verify(anchorKey: key).isIntact)
            try await Self.dropGuards(db)
            let expected: AuditBreak
            try await db.transaction { sql in
                switch tamper {
                case .editDetail:
                    try await sql.raw("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 5").run()
                case .editActor:
                    try await sql.raw("UPDATE audit_log SET actor = 'P99999' WHERE seq = 3").run()
                case .deleteRow:
                    try await sql.raw("DELETE FROM audit_log WHERE seq = 5").run()
                case .deleteFirstRow:
                    try await sql.raw("DELETE FROM audit_log WHERE seq = 1").run()
                case .swapRows:
                    try await sql.raw("UPDATE audit_log SET seq = -1 WHERE seq = 5").run()
                    try await sql.raw("UPDATE audit_log SET seq = 5 WHERE seq = 6").run()
                    try await sql.raw("UPDATE audit_log SET seq = 6 WHERE seq = -1").run()
                case .truncateTail:
                    try await sql.raw("DELETE FROM audit_log WHERE seq >= 7").run()
                case .forgeAnchor:
                    try await sql.raw("UPDATE audit_anchors SET seq = 3").run()
                case .rewriteChain, .rewriteChainAndAnchor:
                    break
                }
            }
            switch tamper {
            case .editDetail: expected = .contentChanged(seq: 5)
            case .editActor: expected = .contentChanged(seq: 3)
            case .deleteRow: expected = .missing(from: 5, through: 5)
            case .deleteFirstRow: expected = .missing(from: 1, through: 1)
            case .swapRows: expected = .contentChanged(seq: 5)
            case .truncateTail: expected = .truncated(day: "2026-12-01", seq: 8)
            case .forgeAnchor: expected = .anchorForged(day: "2026-12-01")
            case .rewriteChain:
                // Whoever edits row 4 and recomputes every hash after it keeps the chain consistent, but not the anchor.
                try await Self.rewrite(db, from: 4)
                expected = .anchorMismatch(day: "2026-12-01", seq: 8)
            case .rewriteChainAndAnchor:
                // Moving the anchor to the rewritten hash needs the audit key, which is not in the database.
                try await Self.rewrite(db, from: 4)
                let hash = try #require(try await log.search(.init(limit: 100)).first { $0.seq == 8 }).hash
                try await db.transaction { sql in try await sql.raw("UPDATE audit_anchors SET hash = \(bind: hash)").run() }
                expected = .anchorForged(day: "2026-12-01")
            }
            let result = try await log.verify(anchorKey: key)
            #expect(result.firstBreak == expected, "\(tamper): \(String(describing: result.firstBreak))")
        }
    }

    @Test("the table refuses updates, and deletes of rows no archive covers")
    func appendOnly() async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            try await Self.write(3, into: db)
            await #expect(throws: (any Error).self) {
                try await db.transaction { sql in try await sql.raw("UPDATE audit_log SET detail = 'x' WHERE seq = 2").run() }
            }
            await #expect(throws: (any Error).self) {
                try await db.transaction { sql in try await sql.raw("DELETE FROM audit_log WHERE seq = 1").run() }
            }
            #expect(try await AuditLog(database: db).verify(anchorKey: nil).rowsChecked == 3)
        }
    }

    @Test("no clear ID number or phone reaches the audit, in the detail or the actor")
    func masked() async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            try await AuditActor(id: "13812345678", role: "unknown", address: "local").acting {
                try await db.transaction { sql in
                    try await AuditTrail.record(
                        AuditEntry("test.reason", "thing:1", outcome: .refused, detail: "申请人 11010519491231002X 电话 138 1234 5678"),
                        at: Date(),
                        in: sql
                    )
                }
            }
            let row = try #require(try await AuditLog(database: db).tail())
            #expect(row.detail == "申请人 110***********002X 电话 138 **** 5678")
            #expect(row.actor == "138****5678")
            #expect(row.outcome == "refused")
            #expect(try await AuditLog(database: db).verify(anchorKey: nil).isIntact)
        }
    }

    @Test("search filters by time range, actor, action prefix, object and outcome, newest first, and pages by row")
    func search() async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            for i in 0..<10 {
                try await AuditActor(id: i % 2 == 0 ? "P1" : "P2", role: "officer", address: "local").acting {
                    try await db.transaction { sql in
                        try await AuditTrail.record(
                            AuditEntry(i < 5 ? "ticket.call" : "window.pause", "thing:\(i)_x", outcome: i == 9 ? .refused : .ok),
                            at: start.addingTimeInterval(Double(i) * 60),
                            in: sql
                        )
                    }
                }
            }
            let log = AuditLog(database: db)
            #expect(try await log.search(.init(actor: "P1")).map(\.seq) == [9, 7, 5, 3, 1])
            #expect(try await log.search(.init(action: "ticket.")).count == 5)
            #expect(try await log.search(.init(action: "ticket_")).isEmpty, "_ in a search is a character, not a wildcard")
            #expect(try await log.search(.init(object: "g:3_")).map(\.object) == ["thing:3_x"])
            #expect(try await log.search(.init(outcome: .refused)).map(\.seq) == [10])
            let range = try await log.search(.init(from: start.addingTimeInterval(120), through: start.addingTimeInterval(240)))
            #expect(range.map(\.seq) == [5, 4, 3])
            #expect(try await log.search(.init(beforeSeq: 4, limit: 2)).map(\.seq) == [3, 2])
        }
    }

    // MARK: - Helpers

    static func write(_ count: Int, into db: Database, at date: Date = Date()) async throws {
        for i in 0..<count {
            try await db.transaction { sql in try await AuditTrail.record(AuditEntry("test.step", "thing:\(i)"), at: date, in: sql) }
        }
        try await db.linkPendingAudit()  // PostgreSQL links entries just after their commit; the tests read the table
    }

    /// What an attacker with the database's own rights does first.
    static func dropGuards(_ db: Database) async throws {
        try await db.transaction { sql in
            switch db.dialect {
            case .sqlite:
                try await sql.raw("DROP TRIGGER audit_log_no_update").run()
                try await sql.raw("DROP TRIGGER audit_log_archived_only").run()
            case .postgres:
                try await sql.raw("DROP TRIGGER audit_log_append_only ON audit_log").run()
            }
        }
    }

    /// Edits row `seq` and recomputes the hashes of it and every row after it.
    static func rewrite(_ db: Database, from seq: Int64) async throws {
        var rows = Array(try await AuditLog(database: db).search(.init(limit: 100_000)).reversed())
        var previous = rows.first { $0.seq == seq - 1 }?.hash ?? AuditRecord.genesis
        for index in rows.indices where rows[index].seq >= seq {
            if rows[index].seq == seq { rows[index].detail = "rewritten" }
            rows[index].previousHash = previous
            rows[index].hash = rows[index].computedHash()
            previous = rows[index].hash
            let row = rows[index]
            try await db.transaction { sql in
                try await sql.raw(
                    """
                    UPDATE audit_log SET detail = \(bind: row.detail), prev_hash = \(bind: row.previousHash), hash = \(bind: row.hash)
                    WHERE seq = \(bind: row.seq)
                    """
                ).run()
            }
        }
    }
}
