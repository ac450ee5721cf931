import ChuangkouCore
import Foundation
import SQLKit

/// The hall's own record: name, address, supervision phone, time zone.
public struct HallRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The hall, or nil on a database that has not been set up.
    public func load() async throws -> Hall? {
        try await database.read { db in
            guard let row = try await db.raw("SELECT name, address, supervision_phone, time_zone, office_hours FROM hall WHERE id = 1").first() else {
                return nil
            }
            let zone = try row.decode(column: "time_zone", as: String.self)
            return Hall(
                name: try row.decode(column: "name", as: String.self),
                address: try row.decode(column: "address", as: String.self),
                supervisionPhone: try row.decode(column: "supervision_phone", as: String.self),
                timeZone: TimeZone(identifier: zone) ?? TimeZone(identifier: "Asia/Shanghai")!,
                officeHours: try row.decode(column: "office_hours", as: String.self)
            )
        }
    }

    /// Inserts the hall row unless there is one; returns whether it did.
    static func insertIfAbsent(_ hall: Hall, in db: any SQLDatabase) async throws -> Bool {
        try await db.raw(
            """
            INSERT INTO hall (id, name, address, supervision_phone, time_zone, office_hours)
            VALUES (1, \(bind: hall.name), \(bind: hall.address), \(bind: hall.supervisionPhone), \(bind: hall.timeZone.identifier),
                    \(bind: hall.officeHours))
            ON CONFLICT (id) DO NOTHING RETURNING id
            """
        ).first() != nil
    }
}
