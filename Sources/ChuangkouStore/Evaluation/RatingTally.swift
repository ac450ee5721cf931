import ChuangkouCore
import SQLKit

/// The `rating_tallies` table: counts per month, business, window and level, kept in the transaction of each rating
/// and each exclusion, so the public results read a few rows whatever the number of ratings.
enum RatingTally {
    /// Window 0 stands for a case rated online, which no window served.
    static func window(of rating: Rating) -> Int { rating.service.window?.value ?? 0 }

    static func count(_ rating: Rating, month: String, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO rating_tallies (month, business_code, window_number, level, counted, excluded)
            VALUES (\(bind: month), \(bind: rating.service.business.value), \(bind: window(of: rating)), \(bind: rating.level.rawValue), 1, 0)
            ON CONFLICT (month, business_code, window_number, level) DO UPDATE SET counted = rating_tallies.counted + 1
            """
        ).run()
    }

    /// Moves an excluded rating from the counted to the excluded column of its tally row.
    static func exclude(rating id: RatingID, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE rating_tallies SET counted = counted - 1, excluded = excluded + 1
            WHERE (month, business_code, window_number, level) IN (
                SELECT rated_month, business_code, COALESCE(window_number, 0), level FROM ratings WHERE id = \(bind: id.description))
            """
        ).run()
    }

    /// One row of a month's tallies.
    struct Row: Sendable {
        let business: BusinessCode
        let window: Int
        let level: Satisfaction
        let counted: Int
        let excluded: Int
    }

    static func rows(month: String, in db: any SQLDatabase) async throws -> [Row] {
        try await db.raw(
            """
            SELECT business_code, window_number, level, counted, excluded FROM rating_tallies
            WHERE month = \(bind: month) ORDER BY business_code, window_number, level
            """
        ).all().compactMap { row in
            guard let business = BusinessCode(try row.decode(column: "business_code", as: String.self)),
                let level = Satisfaction(rawValue: try row.decode(column: "level", as: Int.self))
            else { return nil }
            return Row(
                business: business,
                window: try row.decode(column: "window_number", as: Int.self),
                level: level,
                counted: try row.decode(column: "counted", as: Int.self),
                excluded: try row.decode(column: "excluded", as: Int.self)
            )
        }
    }
}
