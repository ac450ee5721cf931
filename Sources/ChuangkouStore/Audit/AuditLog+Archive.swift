import Crypto
import Foundation
import SQLKit

extension AuditLog {
    /// Moves the rows older than `cutoff` out of the table into archive files, at most `batch` rows a file, oldest
    /// first. Returns the archives written.
    ///
    /// Each file is written and synced before its rows leave the table, in the transaction that deletes them and
    /// records the archive (the table's triggers refuse deleting rows no archive covers): a crash leaves either the
    /// rows in the table (and at worst a stray file, rewritten by the next run) or the rows in a complete file.
    /// Only a prefix of the chain is archived, so the chain in the table always goes on from the last archive.
    @discardableResult
    public func archive(
        olderThan cutoff: Date,
        into directory: String,
        batch: Int = 10_000,
        anchorKey: AuditKey?,
        at now: Date
    ) async throws -> [AuditArchive] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try await database.linkPendingAudit()
        var written: [AuditArchive] = []
        while let archive = try await archiveBatch(olderThan: cutoff, into: directory, batch: batch, anchorKey: anchorKey, at: now) {
            written.append(archive)
        }
        return written
    }

    private func archiveBatch(
        olderThan cutoff: Date,
        into directory: String,
        batch: Int,
        anchorKey: AuditKey?,
        at now: Date
    ) async throws -> AuditArchive? {
        try await database.transaction { db in
            if db.dialect.name == "postgresql" {
                try await db.raw("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.audit_archives'))").run()
            }
            let firstInTable =
                try await db.raw("SELECT through_seq FROM audit_archives ORDER BY through_seq DESC LIMIT 1").first()?
                .decode(column: "through_seq", as: Int64.self) ?? 0
            let limit = cutoff.millisecondsSince1970
            let rows = Array(try await Self.rows(after: firstInTable, limit: max(1, batch), in: db).prefix { $0.at < limit })
            guard let first = rows.first, let last = rows.last else { return nil }
            let name = AuditArchiveFile.name(first: first.seq, through: last.seq)
            let data = try AuditArchiveFile.contents(rows, anchorKey: anchorKey?.key)
            try Self.writeSynced(data, to: URL(fileURLWithPath: directory).appendingPathComponent(name))
            let archive = AuditArchive(
                firstSeq: first.seq,
                throughSeq: last.seq,
                lastHash: last.hash,
                rowCount: rows.count,
                file: name,
                fileSHA256: AuditHex.sha256(data),
                archivedAt: now.millisecondsSince1970
            )
            try await db.raw(
                """
                INSERT INTO audit_archives (through_seq, first_seq, last_hash, row_count, file, file_sha256, archived_at)
                VALUES (\(bind: archive.throughSeq), \(bind: archive.firstSeq), \(bind: archive.lastHash), \(bind: archive.rowCount),
                        \(bind: archive.file), \(bind: archive.fileSHA256), \(bind: archive.archivedAt))
                """
            ).run()
            try await db.raw("DELETE FROM audit_log WHERE seq <= \(bind: archive.throughSeq)").run()
            return archive
        }
    }

    /// Every archive, oldest first.
    public func archives() async throws -> [AuditArchive] {
        try await database.read { db in
            try await db.raw(
                "SELECT through_seq, first_seq, last_hash, row_count, file, file_sha256, archived_at FROM audit_archives ORDER BY through_seq"
            ).all().map { row in
                AuditArchive(
                    firstSeq: try row.decode(column: "first_seq", as: Int64.self),
                    throughSeq: try row.decode(column: "through_seq", as: Int64.self),
                    lastHash: try row.decode(column: "last_hash", as: String.self),
                    rowCount: try row.decode(column: "row_count", as: Int.self),
                    file: try row.decode(column: "file", as: String.self),
                    fileSHA256: try row.decode(column: "file_sha256", as: String.self),
                    archivedAt: try row.decode(column: "archived_at", as: Int64.self)
                )
            }
        }
    }

    /// Writes the file under a temporary name at mode 600, syncs it, then renames it into place.
    static func writeSynced(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        _ = FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600])
        let handle = try FileHandle(forWritingTo: temporary)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: data)
        try handle.synchronize()
        try handle.close()
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.moveItem(at: temporary, to: url)
    }
}
