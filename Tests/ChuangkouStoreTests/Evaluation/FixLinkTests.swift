import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

/// The rater's link to rate the fix (对整改结果评价): a random code in the outcome message, stored as a digest,
/// opening one item's outcome without a login; wrong codes count against the caller's address.
@Suite("The rater's link to rate the fix")
struct FixLinkTests {
    let leader = RatingStoreFixture.leader

    /// The code of the `/rate-fix/{code}` link in a message.
    static func code(in text: String) throws -> String {
        let range = try #require(text.range(of: #"/rate-fix/[a-z0-9]+"#, options: .regularExpression))
        return String(text[range].dropFirst("/rate-fix/".count))
    }

    /// A 差评 with a phone, called back and closed with `outcome`; the code its outcome message carries.
    func closedItem(in db: Database, _ outcome: Rectification.Outcome, at now: Date) async throws -> (Rectification, String) {
        let ticket = try await RatingStoreFixture.servedTicket(in: db, at: now)
        let given = try await RatingRepository(database: db, sealer: RatingStoreFixture.sealer)
            .rate(ticket: ticket.id, .init(level: .dissatisfied, contact: MobileNumber("13912345678"), channel: .pad), hall: Demo.hall, at: now)
        let item = try #require(given.rectification)
        let items = RectificationRepository(database: db)
        _ = try await items.recordReturnVisit(item.id, .contacted, attempts: 1, note: "已联系", by: leader, at: now)
        _ = try await items.resolve(item.id, outcome, by: leader, at: now, linkBase: "https://hall.example")
        let message = try #require(try await NotificationOutbox(database: db).all().last { $0.kind == "rectification.outcome" })
        return (item, try Self.code(in: message.subject))
    }

    static func limit(_ client: String = "198.51.100.7", max: Int = 5) -> RectificationRepository.LinkLimit {
        .init(client: client, maxFailures: max, window: .seconds(900))
    }

    @Test("the link shows the review and the outcome, takes one rating of the fix, and only its digest is stored")
    func opensOnce() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let fixBy = try Demo.hall.serviceDay(at: now).adding(days: 10)
            let (item, code) = try await closedItem(in: db, .fixedBy(fixBy, description: "调整叫号规则"), at: now)
            #expect(code.count == 20)
            let items = RectificationRepository(database: db)
            let view = try await items.fixLink(code.uppercased(), limit: Self.limit(), at: now)
            #expect(view.item == item.id && view.level == .dissatisfied && view.business == Demo.idCard)
            #expect(view.outcome == .fixedBy(fixBy, description: "调整叫号规则") && view.fixRating == nil)
            let stored = try await db.read { sql in
                try await sql.raw("SELECT code_hash FROM rectification_fix_links").all().map { try $0.decode(column: "code_hash", as: String.self) }
            }
            #expect(stored.count == 1 && stored[0].count == 64 && !stored[0].contains(code))
            let rated = try await items.rateFix(code: code, .verySatisfied, limit: Self.limit(), at: now)
            #expect(rated.fixRating == .verySatisfied)
            await #expect(throws: RatingError.fixNotRateable) { _ = try await items.rateFix(code: code, .dissatisfied, limit: Self.limit(), at: now) }
            #expect(try await items.fixLink(code, limit: Self.limit(), at: now).fixRating == .verySatisfied, "the rating cannot be changed")
        }
    }

    @Test("wrong codes count against the address: past the limit even the right code is refused there, not elsewhere")
    func limited() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let (_, code) = try await closedItem(in: db, .explained(description: "按规定须本人到场"), at: now)
            let items = RectificationRepository(database: db)
            for guess in ["", String(repeating: "a", count: 20), String(code.reversed())] where guess != code {
                await #expect(throws: FixLinkError.notFound) { _ = try await items.fixLink(guess, limit: Self.limit(max: 3), at: now) }
            }
            await #expect(throws: FixLinkError.limited) { _ = try await items.fixLink(code, limit: Self.limit(max: 3), at: now) }
            await #expect(throws: FixLinkError.limited) {
                _ = try await items.rateFix(code: code, .satisfied, limit: Self.limit(max: 3), at: now)
            }
            #expect(try await items.fixLink(code, limit: Self.limit("203.0.113.9", max: 3), at: now).fixRating == nil)
            try await db.linkPendingAudit()  // PostgreSQL links entries just after their commit
            let refused = try await db.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'rectification.fix-link' AND outcome = 'refused'").first()!
                    .decode(column: "n", as: Int.self)
            }
            #expect(refused >= 5)
        }
    }
}
