import Crypto
import Foundation
import SQLKit

/// Where the chain first breaks, and how.
public enum AuditBreak: Sendable, Equatable, CustomStringConvertible {
    /// The row's content no longer gives its stored hash: edited, or moved to another place (reordered).
    case contentChanged(seq: Int64)
    /// The row does not point at the row before it: a row before it was removed and the rest renumbered, or rows
    /// were swapped with their hashes.
    case linkBroken(seq: Int64)
    /// Rows are missing from the chain (deleted), `from` through `through`.
    case missing(from: Int64, through: Int64)
    /// A daily anchor's HMAC does not verify under the audit key: the anchor was forged or edited.
    case anchorForged(day: String)
    /// A daily anchor names a row whose hash differs: the chain was rewritten (every hash recomputed) before it.
    case anchorMismatch(day: String, seq: Int64)
    /// A daily anchor names a row past the end of the log: rows at the end were deleted.
    case truncated(day: String, seq: Int64)
    /// The archives do not join up, or an archive file does not match its record or its own closing hash.
    case archive(file: String, problem: String)

    public var description: String {
        switch self {
        case .contentChanged(let seq): "row \(seq): its content does not match its hash (edited or moved)"
        case .linkBroken(let seq): "row \(seq): its link to row \(seq - 1) is broken (rows removed, renumbered or swapped)"
        case .missing(let from, let through): from == through ? "row \(from) is missing (deleted)" : "rows \(from)–\(through) are missing (deleted)"
        case .anchorForged(let day): "anchor of \(day): its HMAC does not verify (forged or edited)"
        case .anchorMismatch(let day, let seq): "anchor of \(day): row \(seq) has another hash (the chain was rewritten)"
        case .truncated(let day, let seq): "anchor of \(day): row \(seq) is gone (rows at the end were deleted)"
        case .archive(let file, let problem): "archive \(file): \(problem)"
        }
    }

    /// The row where it breaks, for ordering (anchors and archives by the row they name).
    var seq: Int64 {
        switch self {
        case .contentChanged(let seq), .linkBroken(let seq), .anchorMismatch(_, let seq), .truncated(_, let seq): seq
        case .missing(let from, _): from
        case .anchorForged, .archive: 0
        }
    }
}

/// What `verify` found.
public struct AuditVerification: Sendable, Equatable {
    public var rowsChecked = 0
    public var firstSeq: Int64?
    public var lastSeq: Int64?
    public var anchorsChecked = 0
    public var archivesChecked = 0
    /// The first broken link, nil when the whole chain holds.
    public var firstBreak: AuditBreak?

    public var isIntact: Bool { firstBreak == nil }
}

extension AuditLog {
    /// Walks the chain from its first row (or from the last archive's end) and checks every link, then every daily
    /// anchor against the row it names and against the audit key, and the archive files when `archiveDirectory` is
    /// given. Returns the first break found in chain order.
    public func verify(anchorKey: AuditKey?, archiveDirectory: String? = nil) async throws -> AuditVerification {
        try await database.linkPendingAudit()
        var result = AuditVerification()
        var breaks: [AuditBreak] = []
        let archives = try await archives()
        // The archive records alone must join up: each starts where the one before ended.
        for (previous, next) in zip([nil] + archives.map(Optional.some), archives) where next.firstSeq != (previous?.throughSeq ?? 0) + 1 {
            breaks.append(.archive(file: next.file, problem: "it starts at row \(next.firstSeq), not where the archive before it ended"))
        }
        if let directory = archiveDirectory {
            breaks += AuditArchiveFile.verify(archives, in: directory, anchorKey: anchorKey?.key)
            result.archivesChecked = archives.count
        }
        var expected = (archives.last?.throughSeq ?? 0) + 1
        var previous = archives.last?.lastHash ?? AuditRecord.genesis
        var hashes: [Int64: String] = [:]
        let anchors = try await self.anchors()
        let anchored = Set(anchors.map(\.seq))
        while breaks.first(where: { $0.seq > 0 }) == nil {
            let page = try await database.read { [expected] db in try await Self.rows(after: expected - 1, limit: 5_000, in: db) }
            if page.isEmpty { break }
            for row in page {
                result.firstSeq = result.firstSeq ?? row.seq
                result.lastSeq = row.seq
                result.rowsChecked += 1
                if row.seq != expected {
                    breaks.append(.missing(from: expected, through: row.seq - 1))
                    break
                }
                if row.computedHash() != row.hash {
                    breaks.append(.contentChanged(seq: row.seq))
                    break
                }
                if row.previousHash != previous {
                    breaks.append(.linkBroken(seq: row.seq))
                    break
                }
                if anchored.contains(row.seq) { hashes[row.seq] = row.hash }
                previous = row.hash
                expected = row.seq + 1
            }
        }
        let firstInTable = (archives.last?.throughSeq ?? 0) + 1
        for anchor in anchors {
            result.anchorsChecked += 1
            if let key = anchorKey, !anchor.verifies(key.key) {
                breaks.append(.anchorForged(day: anchor.day))
            } else if anchor.seq >= firstInTable, breaks.isEmpty {
                if let hash = hashes[anchor.seq] {
                    if hash != anchor.hash { breaks.append(.anchorMismatch(day: anchor.day, seq: anchor.seq)) }
                } else if anchor.seq >= expected {
                    breaks.append(.truncated(day: anchor.day, seq: anchor.seq))
                }
            }
        }
        result.firstBreak = breaks.filter { $0.seq == 0 }.first ?? breaks.min { $0.seq < $1.seq }
        return result
    }
}
