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
        try await db.raw(try appending(event, in: db)).run()
    }

    /// The statement that appends `event`, for the caller to run in its transaction (alone or `runTogether`).
    static func appending(_ event: HallEvent, in db: any SQLDatabase) throws -> SQLQueryString {
        let payload = try HallEventPayload.encode(event)
        // After the commit the database wakes the event relay (`Database.whenHallEventsCommit`).
        (db as? NotingDatabase)?.notes.noteHallEvent()
        return "INSERT INTO hall_events (payload, at) VALUES (\(bind: payload), \(bind: event.at.millisecondsSince1970))"
    }

    /// Events with an id above `cursor`, plus any of the `missing` ids that have appeared since, oldest first.
    ///
    /// On PostgreSQL ids are handed out before commit, so a smaller id can become visible after a larger one:
    /// the reader remembers the ids it skipped over for a few seconds and asks for them again.
    public func events(after cursor: Int64, orMissing missing: [Int64] = [], limit: Int = 500) async throws -> [(id: Int64, event: HallEvent)] {
        try await database.read { db in
            let query: SQLQueryString =
                missing.isEmpty
                ? "SELECT id, payload FROM hall_events WHERE id > \(bind: cursor) ORDER BY id LIMIT \(bind: limit)"
                : "SELECT id, payload FROM hall_events WHERE id > \(bind: cursor) OR id IN (\(binds: missing)) ORDER BY id LIMIT \(bind: limit)"
            return try await db.raw(query).all().map { row in
                let payload = try row.decode(column: "payload", as: String.self)
                return (try row.decode(column: "id", as: Int64.self), try HallEventPayload.decode(payload))
            }
        }
    }

    /// The newest event id, where a reader that starts now begins.
    public func lastID() async throws -> Int64 {
        try await database.read { db in
            try await db.raw("SELECT MAX(id) AS last FROM hall_events").first()?.decode(column: "last", as: Int64?.self) ?? 0
        }
    }

    /// Removes the events up to and including `id`; displays only ever need the last few seconds.
    /// By id, the table's key, so the log needs no index on time: one index fewer to write on every commit.
    public func prune(throughID id: Int64) async throws {
        try await database.transaction { db in
            try await db.raw("DELETE FROM hall_events WHERE id <= \(bind: id)").run()
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
