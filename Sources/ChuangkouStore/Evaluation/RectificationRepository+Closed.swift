import ChuangkouCore
import SQLKit

extension RectificationRepository {
    /// Closed items, most recently closed first, at most `limit` (the pages' "closed" filter; the month's figures are
    /// `RatingRepository.results`).
    public func closed(limit: Int = 100) async throws -> [Record] {
        let limit = min(max(limit, 1), 500)
        return try await database.read { db in
            let ids = try await db.raw(
                "SELECT id FROM rectifications WHERE stage = 'closed' ORDER BY updated_at DESC, id LIMIT \(bind: limit)"
            ).all().compactMap { RectificationID(try $0.decode(column: "id", as: String.self)) }
            var records: [Record] = []
            for id in ids { if let record = try await Self.record(id, in: db) { records.append(record) } }
            return records
        }
    }
}
