import Foundation
import SQLKit

/// Re-seals every sealed field under the sealing key, in small batches, while the hall runs (`chuangkou keys
/// rotate`, and each server at start, which finishes a rotation a crash interrupted).
///
/// Each batch is one transaction that reads values not under the sealing key, opens each with the key ring (old
/// and new keys both open), seals it again and writes it back only if it is still the value read (a concurrent change
/// wins and is picked up by a later batch). A crash after any batch leaves every value readable: each is either
/// under the old key or the new one, and both stay in the ring until `retire` finds no value under the old one.
public struct DataKeyRotation: Sendable {
    /// A sealed column and the key of its table.
    public struct SealedColumn: Sendable, Equatable {
        public let table: String
        public let key: String
        public let keyIsInteger: Bool
        public let column: String
    }

    /// Every column holding sealed personal data.
    public static let sealedColumns: [SealedColumn] = [
        SealedColumn(table: "cases", key: "id", keyIsInteger: false, column: "applicant_sealed"),
        SealedColumn(table: "cases", key: "id", keyIsInteger: false, column: "delivery"),
        SealedColumn(table: "notification_outbox", key: "id", keyIsInteger: true, column: "recipient_phone_sealed"),
        SealedColumn(table: "rating_contacts", key: "rating_id", keyIsInteger: false, column: "phone_sealed"),
        SealedColumn(table: "complaints", key: "id", keyIsInteger: false, column: "phone_sealed"),
        SealedColumn(table: "ticket_contacts", key: "ticket_id", keyIsInteger: false, column: "phone_sealed"),
        SealedColumn(table: "inquiries", key: "id", keyIsInteger: false, column: "contact_sealed"),
        SealedColumn(table: "onsite_visits", key: "id", keyIsInteger: false, column: "phone_sealed"),
        SealedColumn(table: "onsite_visits", key: "id", keyIsInteger: false, column: "visit_sealed"),
    ]

    let database: Database
    let sealer: DataSealer

    public init(database: Database, sealer: DataSealer) {
        self.database = database
        self.sealer = sealer
    }

    /// Re-seals in batches of `batchSize` until nothing is left under another key, or `maxBatches` batches ran (the
    /// tests' crash halfway). Returns how many values were re-sealed.
    @discardableResult
    public func run(batchSize: Int = 200, maxBatches: Int? = nil, at now: @Sendable () -> Date = { Date() }) async throws -> Int {
        var total = 0
        var batches = 0
        for column in Self.sealedColumns {
            while maxBatches.map({ batches < $0 }) ?? true {
                let done = try await resealBatch(column, limit: batchSize, at: now())
                if done == 0 { break }
                total += done
                batches += 1
            }
        }
        return total
    }

    /// How many values each key id seals now (`legacy`: values from before key ids), for `keys status` and `retire`.
    public func census() async throws -> [String: Int] {
        try await database.read { db in
            var counts: [String: Int] = [:]
            for column in Self.sealedColumns {
                let rows = try await db.raw(
                    """
                    SELECT substr(\(ident: column.column), 1, 10) AS prefix, COUNT(*) AS n FROM \(ident: column.table)
                    WHERE \(ident: column.column) IS NOT NULL GROUP BY substr(\(ident: column.column), 1, 10)
                    """
                ).all()
                for row in rows {
                    let prefix = try row.decode(column: "prefix", as: String.self)
                    let id = DataSealer.keyID(of: prefix + "x") ?? "legacy"
                    counts[id, default: 0] += try row.decode(column: "n", as: Int.self)
                }
            }
            return counts
        }
    }

    private func resealBatch(_ column: SealedColumn, limit: Int, at now: Date) async throws -> Int {
        let current = "k\(sealer.sealingKeyID):%"
        return try await database.transaction { [sealer] db in
            let rows = try await db.raw(
                """
                SELECT \(ident: column.key) AS k, \(ident: column.column) AS v FROM \(ident: column.table)
                WHERE \(ident: column.column) IS NOT NULL AND \(ident: column.column) NOT LIKE \(bind: current)
                ORDER BY \(ident: column.key) LIMIT \(bind: limit)
                """
            ).all()
            var changed = 0
            for row in rows {
                let old = try row.decode(column: "v", as: String.self)
                let fresh = try sealer.seal(try sealer.open(old))
                let key: any Encodable & Sendable =
                    column.keyIsInteger ? try row.decode(column: "k", as: Int64.self) : try row.decode(column: "k", as: String.self)
                try await db.raw(
                    """
                    UPDATE \(ident: column.table) SET \(ident: column.column) = \(bind: fresh)
                    WHERE \(ident: column.key) = \(bind: key) AND \(ident: column.column) = \(bind: old)
                    """
                ).run()
                changed += 1
            }
            if changed > 0 {
                try await AuditTrail.record(
                    AuditEntry("keys.reseal", "\(column.table).\(column.column)", detail: "\(changed) → k\(sealer.sealingKeyID)"),
                    at: now,
                    in: db
                )
            }
            return changed
        }
    }
}
