import ChuangkouCore
import Foundation
import SQLKit

/// Kiosks, displays and rating pads, each with a token an administrator issued (stored as a SHA-256 digest).
public struct DeviceRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public enum Problem: Error, Equatable, Sendable {
        case idTaken(String)
        case unknownDevice(String)
    }

    /// A device as the administrator's list shows it.
    public struct Entry: Sendable, Equatable {
        public let device: Device
        public let issuedBy: Badge
        public let issuedAt: Date
        public let revokedAt: Date?
    }

    /// Registers a device and returns its secret token (shown once).
    public func issue(_ device: Device, by admin: Badge, at now: Date) async throws -> String {
        let token = "dev_" + OfficerRepository.newToken()
        try await database.transaction { db in
            guard try await db.raw("SELECT id FROM devices WHERE id = \(bind: device.id)").first() == nil else { throw Problem.idTaken(device.id) }
            try await db.raw(
                """
                INSERT INTO devices (id, role, name, window_number, token_hash, issued_by, issued_at)
                VALUES (\(bind: device.id), \(bind: device.role.rawValue), \(bind: device.name), \(bind: device.window?.value),
                    \(bind: OfficerRepository.digest(token)), \(bind: admin.value), \(bind: now.millisecondsSince1970))
                """
            ).run()
            try await AuditTrail.record(AuditEntry("device.issue", "device:\(device.id)", detail: device.role.rawValue), at: now, in: db)
        }
        return token
    }

    /// Revokes a device's token at once (a stolen kiosk stops issuing).
    public func revoke(_ id: String, at now: Date) async throws {
        try await database.transaction { db in
            guard
                try await db.raw(
                    "UPDATE devices SET revoked_at = \(bind: now.millisecondsSince1970) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id"
                ).first() != nil
            else { throw Problem.unknownDevice(id) }
            try await AuditTrail.record(AuditEntry("device.revoke", "device:\(id)"), at: now, in: db)
        }
    }

    public func all() async throws -> [Entry] {
        try await database.read { db in
            try await db.raw("SELECT id, role, name, window_number, issued_by, issued_at, revoked_at FROM devices ORDER BY id").all().map { row in
                let id = try row.decode(column: "id", as: String.self)
                guard let device = try Self.device(row), let issuer = Badge(try row.decode(column: "issued_by", as: String.self)) else {
                    throw StoreError.corruptRow(table: "devices", id: id)
                }
                return Entry(
                    device: device,
                    issuedBy: issuer,
                    issuedAt: Date(milliseconds: try row.decode(column: "issued_at", as: Int64.self)),
                    revokedAt: try row.decode(column: "revoked_at", as: Int64?.self).map(Date.init(milliseconds:))
                )
            }
        }
    }

    /// The device a live (not revoked) token belongs to.
    public func device(forToken token: String) async throws -> Device? {
        try await database.read { db in
            try await db.raw(
                """
                SELECT id, role, name, window_number FROM devices
                WHERE token_hash = \(bind: OfficerRepository.digest(token)) AND revoked_at IS NULL
                """
            ).first().flatMap(Self.device)
        }
    }

    static func device(_ row: any SQLRow) throws -> Device? {
        guard let role = DeviceRole(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
        return Device(
            id: try row.decode(column: "id", as: String.self),
            role: role,
            name: try row.decode(column: "name", as: String.self),
            window: try row.decodeWindow(column: "window_number")
        )
    }
}
