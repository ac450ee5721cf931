import Foundation
import SQLKit

/// The one in-transaction helper for `status_query_attempts`: the failed guesses at a citizen's code (case status,
/// complaint, appointment, the rater's fix link) per calling address, which every code lookup counts before it looks.
enum StatusQueryAttempts {
    /// How many failures `client` made within `window` before `now`.
    static func failures(of client: String, within window: Duration, before now: Date, in db: any SQLDatabase) async throws -> Int {
        let since = now.millisecondsSince1970 - Int64(window.components.seconds * 1000)
        return try await db.raw(
            "SELECT COUNT(*) AS n FROM status_query_attempts WHERE client = \(bind: client) AND at > \(bind: since)"
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Records one failure of `client`; `code` is what it tried, or a label where the guess itself is not kept.
    static func recordFailure(of client: String, code: String, at now: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            "INSERT INTO status_query_attempts (client, code, at) VALUES (\(bind: client), \(bind: code), \(bind: now.millisecondsSince1970))"
        ).run()
    }

    /// Forgets failures older than `cutoff`: the daily sweep keeps the table to the last day.
    static func forget(before cutoff: Date, in db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM status_query_attempts WHERE at < \(bind: cutoff.millisecondsSince1970)").run()
    }
}
