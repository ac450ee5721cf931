import ChuangkouCore
import Foundation
import SQLKit

/// The directory of competent bodies outside the unit (主管部门), kept by administrators and named to citizens
/// whose question the hall does not handle. Entries are retired, never deleted: inquiries keep what they were told.
public struct CompetentBodyDirectory: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public struct Entry: Sendable, Equatable {
        public let body: CompetentBody
        public let retired: Bool
    }

    /// The bodies in the directory, by name; retired ones only when asked.
    public func bodies(includeRetired: Bool = false) async throws -> [Entry] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT id, name, address, phone, handles, retired_at FROM competent_bodies
                \(unsafeRaw: includeRetired ? "" : "WHERE retired_at IS NULL ") ORDER BY name, id
                """
            ).all().map(Self.entry(row:))
        }
    }

    public func add(name: String, address: String, phone: String, handles: String, by admin: Badge, at now: Date) async throws -> CompetentBody {
        let body = try CompetentBody.make(id: .init(UUID()), name: name, address: address, phone: phone, handles: handles)
        return try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO competent_bodies (id, name, address, phone, handles, created_by, created_at)
                VALUES (\(bind: body.id.description), \(bind: body.name), \(bind: body.address), \(bind: body.phone.value),
                    \(bind: body.handles), \(bind: admin.value), \(bind: now.millisecondsSince1970))
                """
            ).run()
            try await AuditTrail.record(AuditEntry("competent-body.add", "competent-body:\(body.id)", detail: body.name), at: now, in: db)
            return body
        }
    }

    /// Retires an entry; false when unknown or already retired.
    public func retire(_ id: CompetentBody.ID, at now: Date) async throws -> Bool {
        try await database.transaction { db in
            let gone = try await db.raw(
                """
                UPDATE competent_bodies SET retired_at = \(bind: now.millisecondsSince1970)
                WHERE id = \(bind: id.description) AND retired_at IS NULL RETURNING id
                """
            ).first()
            guard gone != nil else { return false }
            try await AuditTrail.record(AuditEntry("competent-body.retire", "competent-body:\(id)"), at: now, in: db)
            return true
        }
    }

    static func body(_ id: CompetentBody.ID, in db: any SQLDatabase) async throws -> Entry? {
        try await db.raw(
            "SELECT id, name, address, phone, handles, retired_at FROM competent_bodies WHERE id = \(bind: id.description)"
        ).first().map(entry(row:))
    }

    static func entry(row: any SQLRow) throws -> Entry {
        let idText = try row.decode(column: "id", as: String.self)
        guard let id = CompetentBody.ID(idText),
            let body = try? CompetentBody.make(
                id: id,
                name: try row.decode(column: "name", as: String.self),
                address: try row.decode(column: "address", as: String.self),
                phone: try row.decode(column: "phone", as: String.self),
                handles: try row.decode(column: "handles", as: String.self)
            )
        else { throw StoreError.corruptRow(table: "competent_bodies", id: idText) }
        return Entry(body: body, retired: try row.decode(column: "retired_at", as: Int64?.self) != nil)
    }
}
