import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Testing

@Suite("The supervisor's desk read from the store")
struct DeskRepositoryTests {
    let supervisor = Badge("010300")!

    @Test("a day of tickets, an out-of-turn call, a bad review and a complaint add up on the desk; the subject's own view leaves the complaint out")
    func day() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let start = Date()
            let tickets = TicketRepository(database: db)
            try await Demo.openWindows(1, in: db, at: start)
            let officer = Demo.officers[0]
            let first = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: start)
            let second = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: start)
            // The second is called out of turn 4 minutes after issue and served for 10; the first is called 20 minutes
            // after issue and never shows.
            _ = try await tickets.call(second.id, window: 1, by: officer, reason: "军人优先", at: start.addingTimeInterval(240))
            _ = try await tickets.start(second.id, by: officer, at: start.addingTimeInterval(300))
            _ = try await tickets.finish(second.id, by: officer, at: start.addingTimeInterval(900))
            _ = try await tickets.callNext(window: 1, by: officer, hall: Demo.hall, at: start.addingTimeInterval(1_200))
            for i in 0..<2 { _ = try await tickets.recall(first.id, by: officer, at: start.addingTimeInterval(1_300 + Double(i))) }
            _ = try await tickets.markNoShow(first.id, by: officer, at: start.addingTimeInterval(1_400))
            let sealer = DataSealer(base64: DataSealer.newKeyText())!
            _ = try await RatingRepository(database: db, sealer: sealer)
                .rate(ticket: second.id, .init(level: .dissatisfied, channel: .ticketLink), hall: Demo.hall, at: start.addingTimeInterval(1_000))
            _ = try await ComplaintRepository(database: db, sealer: sealer).file(
                .init(channel: .online, subject: .officer(officer), text: "插号给熟人", ticket: second.id, hasContact: false),
                phone: nil,
                hall: Demo.hall,
                at: start
            )
            let today = Demo.hall.serviceDay(at: start)
            let desk = DeskRepository(database: db)
            let rows = try await desk.rows(try DeskPeriod(.day, containing: today), hall: Demo.hall, viewer: supervisor, at: start)
            let hall = rows[0]
            let own = try #require(rows.first { $0.officer == officer })
            #expect(hall.officer == nil && hall.queue.served == 1 && hall.queue.noShows == 1)
            #expect(own.queue.averageWaitSeconds == (240 + 1_200) / 2 && own.queue.p90WaitSeconds == 1_200)
            #expect(own.queue.averageServiceSeconds == 600)
            #expect((own.outOfTurnOpen, own.outOfTurnReviewed) == (1, 0))
            #expect((own.badReviews, own.badReviewsOpen) == (1, 1))
            #expect((own.complaintsOpen, hall.complaintsOpen) == (1, 1))
            let asSubject = try await desk.rows(try DeskPeriod(.day, containing: today), hall: Demo.hall, viewer: officer, at: start)
            #expect(asSubject[0].complaintsOpen == 0)
            let yesterday = try await desk.rows(
                try DeskPeriod(.day, containing: try today.adding(days: -1)),
                hall: Demo.hall,
                viewer: supervisor,
                at: start
            )
            #expect(yesterday.count == 1 && yesterday[0].queue.served == 0)
        }
    }
}
