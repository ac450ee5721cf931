import ChuangkouCore
import Foundation
import SQLKit

/// The businesses (事项) the hall queues for, with today's waiting counts.
public struct BusinessRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Every business in display order, with how many of today's tickets are waiting for it.
    public func all(serviceDay: LocalDate) async throws -> [(business: Business, waiting: Int)] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT b.code, b.name, b.name_en, b.prefix, b.typical_service_minutes,
                       (SELECT COUNT(*) FROM tickets t
                        WHERE t.business_code = b.code AND t.service_day = \(bind: serviceDay.description) AND t.status = 'waiting') AS waiting
                FROM businesses b ORDER BY b.sort_order, b.code
                """
            ).all().map { row in (try Business(row: row), try row.decode(column: "waiting", as: Int.self)) }
        }
    }

    public func find(_ code: BusinessCode) async throws -> Business? {
        try await database.read { db in try await Self.find(code, in: db) }
    }

    static func find(_ code: BusinessCode, in db: any SQLDatabase) async throws -> Business? {
        try await db.raw(
            """
            SELECT code, name, name_en, prefix, typical_service_minutes FROM businesses WHERE code = \(bind: code.value)
            """
        ).first().map { try Business(row: $0) }
    }
}

extension Business {
    init(row: any SQLRow) throws {
        let code = try row.decode(column: "code", as: String.self)
        guard let businessCode = BusinessCode(code), let prefix = TicketPrefix(try row.decode(column: "prefix", as: String.self)) else {
            throw StoreError.corruptRow(table: "businesses", id: code)
        }
        self.init(
            code: businessCode,
            name: try row.decode(column: "name", as: String.self),
            nameEnglish: try row.decode(column: "name_en", as: String.self),
            prefix: prefix,
            typicalServiceMinutes: try row.decode(column: "typical_service_minutes", as: Int.self)
        )
    }
}
