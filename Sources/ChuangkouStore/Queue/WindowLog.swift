import ChuangkouCore
import Foundation
import SQLKit

/// The `window_log` table (migration 29): each sign-in, sign-out, pause and resume with its officer, written in the
/// window change's transaction; the workload view counts minutes at the window and breaks from it.
enum WindowLog {
    static func append(
        _ action: Workload.WindowChange.Action,
        window: WindowNumber,
        officer: Badge,
        at now: Date,
        in db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO window_log (window_number, officer_badge, action, at)
            VALUES (\(bind: window.value), \(bind: officer.value), \(bind: action.rawValue), \(bind: now.millisecondsSince1970))
            """
        ).run()
    }

    /// The changes from `start` until `end`, and for each officer the last one in the week before `start` (their state
    /// then; a window left signed in for longer is a forgotten sign-out, not a week's work), oldest first.
    static func changes(from start: Date, until end: Date, in db: any SQLDatabase) async throws -> [Workload.WindowChange] {
        let (from, until) = (start.millisecondsSince1970, end.millisecondsSince1970)
        let rows = try await db.raw(
            """
            SELECT officer_badge, action, at FROM window_log
            WHERE at >= \(bind: from - 7 * 86_400_000) AND at < \(bind: until) ORDER BY at, id
            """
        ).all()
        let all: [Workload.WindowChange] = try rows.compactMap { row in
            guard let officer = Badge(try row.decode(column: "officer_badge", as: String.self)),
                let action = Workload.WindowChange.Action(rawValue: try row.decode(column: "action", as: String.self))
            else { return nil }
            return .init(officer: officer, action: action, at: Date(milliseconds: try row.decode(column: "at", as: Int64.self)))
        }
        var before: [Badge: Workload.WindowChange] = [:]
        for change in all where change.at < start { before[change.officer] = change }
        return before.values.sorted { $0.at < $1.at } + all.filter { $0.at >= start }
    }
}
