import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

/// A ticket served to the end at window 1 by the demo hall's first officer.
enum RatingStoreFixture {
    static let sealer = DataSealer(base64: DataSealer.newKeyText())!
    static let leader = Badge("010100")!

    static func servedTicket(in db: Database, at now: Date) async throws -> Ticket {
        let tickets = TicketRepository(database: db)
        try await Demo.openWindows(1, in: db, at: now)
        let issued = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: now)
        let called = try #require(try await tickets.callNext(window: 1, by: Demo.officers[0], hall: Demo.hall, at: now))
        #expect(called.id == issued.id)
        _ = try await tickets.start(issued.id, by: Demo.officers[0], at: now)
        return try await tickets.finish(issued.id, by: Demo.officers[0], at: now)
    }
}

@Suite("Ratings in the store")
struct RatingRepositoryTests {
    let sealer = RatingStoreFixture.sealer

    @Test("a served ticket is rated once, tied to its officer and window; a second rating is refused")
    func oncePerTicket() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let ticket = try await RatingStoreFixture.servedTicket(in: db, at: now)
            let ratings = RatingRepository(database: db, sealer: sealer)
            let given = try await ratings.rate(
                ticket: ticket.id,
                .init(level: .verySatisfied, channel: .pad),
                fromWindow: 1,
                hall: Demo.hall,
                at: now
            )
            #expect(given.rating.service.officer == Demo.officers[0] && given.rating.service.window == 1 && given.rectification == nil)
            #expect(try await ratings.isRated(ticket: ticket.id))
            await #expect(throws: RatingError.alreadyRated) {
                _ = try await ratings.rate(ticket: ticket.id, .init(level: .dissatisfied, channel: .ticketLink), hall: Demo.hall, at: now)
            }
        }
    }

    @Test("50 concurrent ratings of one ticket store exactly one; the others are told it is rated already")
    func concurrentRatings() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let ticket = try await RatingStoreFixture.servedTicket(in: db, at: now)
            let ratings = RatingRepository(database: db, sealer: sealer)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        do {
                            _ = try await ratings.rate(
                                ticket: ticket.id,
                                .init(level: i.isMultiple(of: 2) ? .veryDissatisfied : .satisfied, channel: .ticketLink),
                                hall: Demo.hall,
                                at: now
                            )
                            return true
                        } catch RatingError.alreadyRated {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let rows = try await db.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM ratings").first()!.decode(column: "n", as: Int.self) }
            let items = try await db.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM rectifications").first()!.decode(column: "n", as: Int.self)
            }
            #expect(rows == 1 && items <= 1)
        }
    }

    @Test("a ticket not served to the end, or another window's pad, cannot rate")
    func notRateable() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let ratings = RatingRepository(database: db, sealer: sealer)
            let served = try await RatingStoreFixture.servedTicket(in: db, at: now)
            let waiting = try await TicketRepository(database: db).issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: now)
            await #expect(throws: RatingError.serviceNotEnded) {
                _ = try await ratings.rate(ticket: waiting.id, .init(level: .satisfied, channel: .ticketLink), hall: Demo.hall, at: now)
            }
            await #expect(throws: RatingError.notThisWindow) {
                _ = try await ratings.rate(ticket: served.id, .init(level: .satisfied, channel: .pad), fromWindow: 2, hall: Demo.hall, at: now)
            }
            await #expect {
                _ = try await ratings.rate(
                    ticket: served.id,
                    .init(level: .satisfied, channel: .ticketLink),
                    hall: Demo.hall,
                    at: now.addingTimeInterval(8 * 86_400)
                )
            } throws: { error in
                guard case .tooLate(let last) = error as? RatingError else { return false }
                return abs(last.timeIntervalSince(served.finishedAt!.addingTimeInterval(7 * 86_400))) < 0.001
            }
            #expect(try await !ratings.isRated(ticket: served.id))
        }
    }

    @Test("the database refuses to change or delete a stored rating, whatever asks")
    func appendOnly() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let ticket = try await RatingStoreFixture.servedTicket(in: db, at: now)
            let given = try await RatingRepository(database: db, sealer: sealer)
                .rate(ticket: ticket.id, .init(level: .veryDissatisfied, channel: .pad), hall: Demo.hall, at: now)
            let id = given.rating.id.description
            await #expect(throws: (any Error).self) {
                try await db.transaction { sql in try await sql.raw("UPDATE ratings SET level = 5 WHERE id = \(bind: id)").run() }
            }
            await #expect(throws: (any Error).self) {
                try await db.transaction { sql in try await sql.raw("DELETE FROM ratings WHERE id = \(bind: id)").run() }
            }
            let level = try await db.read { sql in
                try await sql.raw("SELECT level FROM ratings WHERE id = \(bind: id)").first()!.decode(column: "level", as: Int.self)
            }
            #expect(level == 1)
        }
    }

    @Test("a bad review opens its item for the duty leader, with a message, and the rater's phone stays sealed")
    func badReviewOpensItem() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let now = Date()
            let ticket = try await RatingStoreFixture.servedTicket(in: db, at: now)
            let given = try await RatingRepository(database: db, sealer: sealer).rate(
                ticket: ticket.id,
                .init(level: .dissatisfied, comment: "等了很久，我的电话13812345678", contact: MobileNumber("13912345678"), channel: .pad),
                hall: Demo.hall,
                at: now
            )
            let item = try #require(given.rectification)
            #expect(item.handler == RatingStoreFixture.leader && item.ratedOfficer == Demo.officers[0] && item.raterHasContact)
            #expect(given.rating.comment == "等了很久，我的电话138****5678")
            let messages = try await NotificationOutbox(database: db).all()
            #expect(messages.contains { $0.kind == "rectification.assigned" && $0.recipient == RatingStoreFixture.leader })
            let sealed = try await db.read { sql in
                try await sql.raw("SELECT phone_sealed FROM rating_contacts").first()!.decode(column: "phone_sealed", as: String.self)
            }
            #expect(!sealed.contains("13912345678"))
            #expect(try sealer.open(sealed) == "13912345678")
            let record = try #require(try await RectificationRepository(database: db).find(item.id))
            #expect(record.history.map(\.code) == ["opened"] && record.level == .dissatisfied)
        }
    }
}
