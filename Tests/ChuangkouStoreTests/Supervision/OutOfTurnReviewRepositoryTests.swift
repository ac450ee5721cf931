import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Testing

@Suite("Out-of-turn calls on the desk")
struct OutOfTurnReviewRepositoryTests {
    let supervisor = Badge("010300")!

    /// Issues three tickets and calls the third out of turn at window 1, then finishes it and calls the second out of
    /// turn too: two calls with reasons, and one in turn that never shows.
    func twoOutOfTurnCalls(in db: Database, at now: Date) async throws -> [TicketID] {
        let tickets = TicketRepository(database: db)
        try await Demo.openWindows(1, in: db, at: now)
        var issued: [Ticket] = []
        for _ in 0..<3 { issued.append(try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: now)) }
        _ = try await tickets.call(issued[2].id, window: 1, by: Demo.officers[0], reason: "老人行动不便", at: now)
        _ = try await tickets.start(issued[2].id, by: Demo.officers[0], at: now)
        _ = try await tickets.finish(issued[2].id, by: Demo.officers[0], at: now)
        _ = try await tickets.call(issued[1].id, window: 1, by: Demo.officers[0], reason: "孕妇", at: now)
        return [issued[2].id, issued[1].id]
    }

    @Test("each out-of-turn call is listed exactly once until reviewed; a call is reviewed once, even by two supervisors at once")
    func exactlyOnce() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let ids = try await twoOutOfTurnCalls(in: db, at: now)
            let reviews = OutOfTurnReviewRepository(database: db)
            let pending = try await reviews.pending()
            #expect(pending.map(\.ticket) == ids && pending.map(\.reason) == ["老人行动不便", "孕妇"])
            await #expect(throws: SupervisionError.ownCall) {
                _ = try await reviews.review(event: pending[0].event, .justified, note: "", by: Demo.officers[0], at: now)
            }
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<6 {
                    group.addTask { (try? await reviews.review(event: pending[0].event, .flagged, note: "无正当理由", by: supervisor, at: now)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await reviews.pending().map(\.ticket) == [ids[1]])
            await #expect(throws: SupervisionError.alreadyReviewed) {
                _ = try await reviews.review(event: pending[0].event, .justified, note: "", by: supervisor, at: now)
            }
            await #expect(throws: SupervisionError.unknownCall) {
                _ = try await reviews.review(event: 999_999, .justified, note: "", by: supervisor, at: now)
            }
            _ = try await reviews.review(event: pending[1].event, .justified, note: "", by: supervisor, at: now)
            #expect(try await reviews.pending().isEmpty)
            #expect(try await reviews.flaggedCounts() == [Demo.officers[0]: 1])
        }
    }
}
