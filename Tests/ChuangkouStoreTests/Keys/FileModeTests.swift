import ChuangkouStore
import Foundation
import Logging
import Testing

/// The SQLite file with its -wal and -shm, the data key file and the audit key file hold secrets or personal data:
/// owner only (mode 600), from the moment they exist.
@Suite("Files are created mode 600")
struct FileModeTests {
    static func mode(_ path: String) throws -> Int {
        try #require((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue)
    }

    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chuangkou-tests/modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a new SQLite database, its -wal and its -shm are mode 600")
    func newDatabase() async throws {
        let path = try Self.directory().appendingPathComponent("hall.sqlite").path
        let database = try await Database.open(.sqlite(path: path), logger: Logger(label: "test"))
        try await Migrator(database: database).migrate()
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(try Self.mode(file) == 0o600, "\(file)")
        }
        await database.close()
    }

    @Test("a database file left world-readable by an older version is made mode 600 at open")
    func existingDatabase() async throws {
        let path = try Self.directory().appendingPathComponent("hall.sqlite").path
        let first = try await Database.open(.sqlite(path: path), logger: Logger(label: "test"))
        try await Migrator(database: first).migrate()
        await first.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let second = try await Database.open(.sqlite(path: path), logger: Logger(label: "test"))
        #expect(try Self.mode(path) == 0o600)
        await second.close()
    }

    @Test("the data key file and the audit key file are created mode 600, and stay so through a rotation")
    func keyFiles() throws {
        let directory = try Self.directory()
        let dataKey = directory.appendingPathComponent("data-key").path
        let auditKey = directory.appendingPathComponent("audit-key").path
        _ = try DataSealer.loadOrCreate(keyFile: dataKey)
        _ = try AuditKey.loadOrCreate(keyFile: auditKey)
        #expect(try Self.mode(dataKey) == 0o600)
        #expect(try Self.mode(auditKey) == 0o600)
        _ = try DataSealer.addSealingKey(toKeyFile: dataKey)
        #expect(try Self.mode(dataKey) == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary key file left behind")
    }
}
