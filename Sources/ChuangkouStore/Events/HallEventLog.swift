import ChuangkouCore
import Foundation
import SQLKit

/// The durable stream of hall events that feeds every display, whichever process serves it.
public struct HallEventLog: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Appends an event inside the caller's transaction, so it exists exactly when the change it reports does.
    static func append(_ event: HallEvent, in db: any SQLDatabase) async throws {
        let payload = String(decoding: try JSONEncoder.events.encode(event), as: UTF8.self)
        try await db.raw("INSERT INTO hall_events (payload, at) VALUES (\(bind: payload), \(bind: event.at.millisecondsSince1970))").run()
    }

    /// Events recorded at or after `since`, oldest first, with their ids (for de-duplication by the reader).
    ///
    /// Readers ask by time, not by "id greater than the last one": on PostgreSQL ids are handed out
    /// before commit, so a smaller id can become visible after a larger one.
    public func events(since: Date, limit: Int = 500) async throws -> [(id: Int64, event: HallEvent)] {
        try await database.read { db in
            try await db.raw("""
                SELECT id, payload FROM hall_events WHERE at >= \(bind: since.millisecondsSince1970) ORDER BY id LIMIT \(bind: limit)
                """).all().map { row in
                let payload = try row.decode(column: "payload", as: String.self)
                return (try row.decode(column: "id", as: Int64.self), try JSONDecoder.events.decode(HallEvent.self, from: Data(payload.utf8)))
            }
        }
    }

    /// Removes events older than `before`; displays only ever need the last few seconds.
    public func prune(before: Date) async throws {
        try await database.transaction { db in
            try await db.raw("DELETE FROM hall_events WHERE at < \(bind: before.millisecondsSince1970)").run()
        }
    }
}

extension JSONEncoder {
    static var events: JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .millisecondsSince1970
        return e
    }
}

extension JSONDecoder {
    static var events: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .millisecondsSince1970
        return d
    }
}
