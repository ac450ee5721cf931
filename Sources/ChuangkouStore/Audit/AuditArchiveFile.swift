import Crypto
import Foundation
import SQLKit

/// A run of audit rows moved out of the table after the retention period.
public struct AuditArchive: Sendable, Equatable {
    public var firstSeq: Int64
    public var throughSeq: Int64
    /// The hash of the last row archived: where the chain in the table goes on.
    public var lastHash: String
    public var rowCount: Int
    /// The file's name inside the archive directory.
    public var file: String
    /// SHA-256 of the whole file.
    public var fileSHA256: String
    public var archivedAt: Int64
}

/// The archive file: one JSON object per line for each row (every column, hashes included), then a closing line
/// `{"closing":{…}}` with the range, the last hash, SHA-256 over every byte before the closing line and its HMAC
/// under the audit key. It can be checked alone (`verify`), and the chain runs on across files and into the table.
enum AuditArchiveFile {
    struct Closing: Codable, Equatable {
        var firstSeq: Int64
        var throughSeq: Int64
        var rows: Int
        var lastHash: String
        var sha256: String
        var mac: String?
    }

    static func name(first: Int64, through: Int64) -> String {
        "audit-\(String(format: "%012lld", first))-\(String(format: "%012lld", through)).jsonl"
    }

    /// The file's bytes for `rows` (in chain order).
    static func contents(_ rows: [AuditRecord], anchorKey: SymmetricKey?) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var body = Data()
        for row in rows {
            body.append(try encoder.encode(row))
            body.append(0x0A)
        }
        let digest = AuditHex.sha256(body)
        let closing = Closing(
            firstSeq: rows.first?.seq ?? 0,
            throughSeq: rows.last?.seq ?? 0,
            rows: rows.count,
            lastHash: rows.last?.hash ?? AuditRecord.genesis,
            sha256: digest,
            mac: anchorKey.map { AuditHex.hex(HMAC<SHA256>.authenticationCode(for: Data(digest.utf8), using: $0)) }
        )
        body.append(try encoder.encode(["closing": closing]))
        body.append(0x0A)
        return body
    }

    /// Reads a file back: its rows and its closing line, refusing a file whose closing hash does not match.
    static func read(_ url: URL) throws -> (rows: [AuditRecord], closing: Closing) {
        let data = try Data(contentsOf: url)
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
        guard let last = lines.popLast(), let closing = try? JSONDecoder().decode([String: Closing].self, from: Data(last))["closing"] else {
            throw ArchiveProblem("no closing line")
        }
        let body = data.prefix(data.count - last.count - 1)
        guard AuditHex.sha256(Data(body)) == closing.sha256 else { throw ArchiveProblem("its closing hash does not match its rows") }
        let rows = try lines.map { try JSONDecoder().decode(AuditRecord.self, from: Data($0)) }
        return (rows, closing)
    }

    struct ArchiveProblem: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// Checks every archive file against its record, its own closing hash and MAC, and the chain inside it and across
    /// files. Returns the problems found (empty when all hold).
    static func verify(_ archives: [AuditArchive], in directory: String, anchorKey: SymmetricKey?) -> [AuditBreak] {
        var previous = AuditRecord.genesis
        var expected: Int64 = 1
        for archive in archives {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(archive.file)
            func problem(_ text: String) -> [AuditBreak] { [.archive(file: archive.file, problem: text)] }
            guard let data = try? Data(contentsOf: url) else { return problem("missing") }
            guard AuditHex.sha256(data) == archive.fileSHA256 else { return problem("the file differs from the one archived") }
            let content: (rows: [AuditRecord], closing: Closing)
            do { content = try read(url) } catch let error as ArchiveProblem { return problem(error.text) } catch { return problem("\(error)") }
            if let key = anchorKey,
                content.closing.mac != AuditHex.hex(HMAC<SHA256>.authenticationCode(for: Data(content.closing.sha256.utf8), using: key))
            {
                return problem("its closing HMAC does not verify")
            }
            for row in content.rows {
                if row.seq != expected { return problem("row \(expected) is missing") }
                if row.computedHash() != row.hash { return problem("row \(row.seq): its content does not match its hash") }
                if row.previousHash != previous { return problem("row \(row.seq): its link to the row before is broken") }
                previous = row.hash
                expected += 1
            }
            guard content.rows.count == archive.rowCount, previous == archive.lastHash, expected - 1 == archive.throughSeq else {
                return problem("it does not end where its record says")
            }
        }
        return []
    }
}
