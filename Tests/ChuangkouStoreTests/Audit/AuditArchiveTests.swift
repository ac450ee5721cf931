import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

/// Retention: rows past the retention period leave the table for archive files with their own closing hash, and the
/// chain still verifies across the cut.
@Suite("Audit archives")
struct AuditArchiveTests {
    static let old = Date().addingTimeInterval(-200 * 86_400)

    static func directory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("chuangkou-tests/archive-\(UUID().uuidString)").path
    }

    @Test("old rows move to archive files; verify holds across the cut, with the files, and after new rows")
    func archiveAndVerify() async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            let key = AuditKey.random()
            let log = AuditLog(database: db)
            let directory = Self.directory()
            try await AuditTrailTests.write(25, into: db, at: Self.old)
            try await AuditTrailTests.write(5, into: db)
            let archives = try await log.archive(
                olderThan: Date().addingTimeInterval(-180 * 86_400),
                into: directory,
                batch: 10,
                anchorKey: key,
                at: Date()
            )
            #expect(archives.map(\.firstSeq) == [1, 11, 21])
            #expect(archives.map(\.throughSeq) == [10, 20, 25])
            let remaining = try await log.search(.init(limit: 1_000))
            #expect(remaining.map(\.seq) == [30, 29, 28, 27, 26], "only the rows inside the retention period stay")
            let file = URL(fileURLWithPath: directory).appendingPathComponent(archives[0].file)
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 11, "ten rows and the closing line")
            #expect(lines.last?.hasPrefix("{\"closing\":") == true)

            try await AuditTrailTests.write(3, into: db)
            let result = try await log.verify(anchorKey: key, archiveDirectory: directory)
            #expect(result.isIntact, "\(String(describing: result.firstBreak))")
            #expect(result.firstSeq == 26)
            #expect(result.lastSeq == 33)
            #expect(result.archivesChecked == 3)
            #expect(try await log.verify(anchorKey: key).isIntact, "the cut verifies from the archive records alone")
        }
    }

    @Test("an archive that empties the table: the chain goes on from the archive's last hash")
    func archiveEverything() async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            let log = AuditLog(database: db)
            try await AuditTrailTests.write(4, into: db, at: Self.old)
            let archives = try await log.archive(olderThan: Date(), into: Self.directory(), anchorKey: nil, at: Date())
            #expect(try await log.tail() == nil)
            try await AuditTrailTests.write(1, into: db)
            let row = try #require(try await log.tail())
            #expect(row.seq == 5)
            #expect(row.previousHash == archives.last?.lastHash)
            #expect(try await log.verify(anchorKey: nil).isIntact)
        }
    }

    @Test("an edited archive file or a broken cut is caught", arguments: ["edit-file", "drop-first-row-after-cut"])
    func tamperedArchive(_ tamper: String) async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            let log = AuditLog(database: db)
            let directory = Self.directory()
            try await AuditTrailTests.write(6, into: db, at: Self.old)
            try await AuditTrailTests.write(3, into: db)
            let archives = try await log.archive(olderThan: Date().addingTimeInterval(-86_400), into: directory, anchorKey: nil, at: Date())
            let file = URL(fileURLWithPath: directory).appendingPathComponent(archives[0].file)
            if tamper == "edit-file" {
                let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "thing:2", with: "thing:9")
                try Data(text.utf8).write(to: file)
                let result = try await log.verify(anchorKey: nil, archiveDirectory: directory)
                #expect(result.firstBreak == .archive(file: archives[0].file, problem: "the file differs from the one archived"))
            } else {
                try await AuditTrailTests.dropGuards(db)
                try await db.transaction { sql in try await sql.raw("DELETE FROM audit_log WHERE seq = 7").run() }
                #expect(try await log.verify(anchorKey: nil).firstBreak == .missing(from: 7, through: 7))
            }
        }
    }
}
