import ChuangkouCore
import Crypto
import Foundation
import SQLKit

/// A daily anchor: the chain's tail on that day, with an HMAC under the audit key (kept outside the database).
///
/// The hash chain alone proves that nothing changed *unless* someone rewrote it whole, recomputing every hash after
/// an edit; the anchor's HMAC cannot be recomputed without the key, so such a rewrite is caught at the first anchor
/// after the edit.
public struct AuditAnchor: Sendable, Equatable {
    public var day: String
    public var seq: Int64
    public var hash: String
    public var writtenAt: Int64
    public var mac: String

    static func mac(day: String, seq: Int64, hash: String, key: SymmetricKey) -> String {
        AuditHex.hex(HMAC<SHA256>.authenticationCode(for: Data("chuangkou-audit-anchor|\(day)|\(seq)|\(hash)".utf8), using: key))
    }

    func verifies(_ key: SymmetricKey) -> Bool {
        Self.mac(day: day, seq: seq, hash: hash, key: key) == mac
    }
}

extension AuditLog {
    /// Writes the anchor of `day` for the chain's tail now, unless that day has one (several servers may try).
    /// Returns the anchor written, nil when the day already had one or the log is empty.
    @discardableResult
    public func anchor(day: LocalDate, key: AuditKey, at now: Date) async throws -> AuditAnchor? {
        try await database.linkPendingAudit()
        return try await database.transaction { db in
            let tail = try await AuditTrail.lockTail(in: db)
            guard tail.seq > 0 else { return nil }
            let anchor = AuditAnchor(
                day: day.description,
                seq: tail.seq,
                hash: tail.hash,
                writtenAt: now.millisecondsSince1970,
                mac: AuditAnchor.mac(day: day.description, seq: tail.seq, hash: tail.hash, key: key.key)
            )
            let written = try await db.raw(
                """
                INSERT INTO audit_anchors (day, seq, hash, written_at, mac)
                VALUES (\(bind: anchor.day), \(bind: anchor.seq), \(bind: anchor.hash), \(bind: anchor.writtenAt), \(bind: anchor.mac))
                ON CONFLICT (day) DO NOTHING RETURNING day
                """
            ).first()
            return written == nil ? nil : anchor
        }
    }

    /// Every anchor, oldest first.
    public func anchors() async throws -> [AuditAnchor] {
        try await database.read { db in
            try await db.raw("SELECT day, seq, hash, written_at, mac FROM audit_anchors ORDER BY seq, day").all().map { row in
                AuditAnchor(
                    day: try row.decode(column: "day", as: String.self),
                    seq: try row.decode(column: "seq", as: Int64.self),
                    hash: try row.decode(column: "hash", as: String.self),
                    writtenAt: try row.decode(column: "written_at", as: Int64.self),
                    mac: try row.decode(column: "mac", as: String.self)
                )
            }
        }
    }
}

/// The key of the daily anchors and of archive files' closing lines: the setting `chuangkou.audit.key` (base64 of
/// 32 bytes) or the key file beside the data key (`audit-key`, mode 600), created on first start. Separate from the
/// data key: rotating that one must not orphan years of anchors.
public struct AuditKey: Sendable {
    let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    public static func from(base64 text: String) -> AuditKey? {
        DataSealer.keys([text]).map { AuditKey(key: $0[0]) }
    }

    public static func loadOrCreate(keyFile path: String) throws -> AuditKey {
        let lines = try KeyFile.loadOrCreate(path) { [DataSealer.newKeyText()] }
        guard let key = DataSealer.keys(Array(lines.prefix(1)))?.first else { throw DataSealerError.badKeyFile(path) }
        return AuditKey(key: key)
    }

    /// A fresh random key (tests).
    public static func random() -> AuditKey { AuditKey(key: SymmetricKey(size: .bits256)) }
}
