import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Testing

@Suite("Ticket repository")
struct TicketRepositoryTests {
    @Test("tickets are numbered per prefix per day, and numbering restarts on the hall's next day")
    func dailyNumbering() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            // 23:59 in Shanghai on 2026-05-28, then just after midnight.
            let late = ISO8601DateFormatter().date(from: "2026-05-28T15:59:00Z")!
            let a1 = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: late)
            let a2 = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: late)
            let b1 = try await tickets.issue(business: Demo.residence, greenChannel: nil, hall: Demo.hall, at: late)
            let next = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: late.addingTimeInterval(120))
            #expect([a1, a2, b1, next].map(\.number.description) == ["A001", "A002", "B001", "A001"])
            #expect(a1.serviceDay == LocalDate("2026-05-28") && next.serviceDay == LocalDate("2026-05-29"))
        }
    }

    @Test("yesterday's waiting tickets are not called today")
    func yesterdayNotCalled() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            let yesterday = Date().addingTimeInterval(-86_400)
            _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: yesterday)
            try await Demo.openWindows(1, in: db)
            #expect(try await tickets.callNext(window: 1, by: Demo.officers[0], hall: Demo.hall, at: Date()) == nil)
        }
    }

    @Test("unknown businesses are refused and nothing is written")
    func unknownBusiness() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            await #expect(throws: QueueError.unknownBusiness("marriage-registration")) {
                _ = try await tickets.issue(business: BusinessCode("marriage-registration")!, greenChannel: nil, hall: Demo.hall, at: Date())
            }
            // The counter was not bumped by the failed attempt: the next real ticket is still 001.
            let first = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: Date())
            #expect(first.number.description == "A001")
        }
    }

    @Test("the stored call-next order matches the Core queue policy")
    func orderMatchesCore() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            let base = Date()
            var issued: [Ticket] = []
            let plan: [(BusinessCode, GreenChannel?)] = [
                (Demo.idCard, nil), (Demo.residence, nil), (Demo.seal, .elderly), (Demo.idCard, .pregnancy),
                (Demo.residence, nil), (Demo.idCard, nil), (Demo.residence, .military), (Demo.seal, nil),
            ]
            for (i, (business, green)) in plan.enumerated() {
                issued.append(
                    try await tickets.issue(business: business, greenChannel: green, hall: Demo.hall, at: base.addingTimeInterval(Double(i)))
                )
            }
            try await Demo.openWindows(1, in: db)  // window 1 serves id-card and residence-permit
            var expected = issued
            var called: [String] = []
            var wanted: [String] = []
            while let next = QueuePolicy.next(for: [Demo.idCard, Demo.residence], among: expected, at: Date()) {
                wanted.append(next.number.description)
                expected.removeAll { $0.id == next.id }
                let got = try #require(try await tickets.callNext(window: 1, by: Demo.officers[0], hall: Demo.hall, at: base.addingTimeInterval(60)))
                called.append(got.number.description)
                _ = try await tickets.start(got.id, by: Demo.officers[0], at: base.addingTimeInterval(61))
                _ = try await tickets.finish(got.id, by: Demo.officers[0], at: base.addingTimeInterval(62))
            }
            #expect(called == wanted)
            #expect(called.count == 6)
            #expect(try await tickets.callNext(window: 1, by: Demo.officers[0], hall: Demo.hall, at: base.addingTimeInterval(90)) == nil)
        }
    }

    @Test("every transition is logged with officer, window and time")
    func history() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            let now = Date()
            let t = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: now)
            try await Demo.openWindows(2, in: db)
            let called = try #require(try await tickets.callNext(window: 2, by: Demo.officers[1], hall: Demo.hall, at: now))
            #expect(called.id == t.id && called.window == 2)
            _ = try await tickets.recall(t.id, by: Demo.officers[1], at: now)
            _ = try await tickets.transfer(t.id, to: Demo.seal, by: Demo.officers[1], at: now)
            let log = try await tickets.history(of: t.id)
            #expect(log.map(\.action) == [.call, .recall, .transfer])
            #expect(log[0].officer == Demo.officers[1] && log[0].window == 2)
            #expect(log[2].to == .waiting && log[2].detail == "id-card→seal-filing")
        }
    }

    @Test("only the officer at the ticket's window may act on a called ticket")
    func onlyWindowOfficer() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: Date())
            try await Demo.openWindows(2, in: db)
            let t = try #require(try await tickets.callNext(window: 1, by: Demo.officers[0], hall: Demo.hall, at: Date()))
            await #expect(throws: QueueError.notSignedIn(window: 1)) { _ = try await tickets.start(t.id, by: Demo.officers[1], at: Date()) }
            await #expect(throws: QueueError.notSignedIn(window: 1)) { _ = try await tickets.cancel(t.id, by: Demo.officers[1], at: Date()) }
            #expect(try await tickets.find(t.id)?.status == .called)
        }
    }

    @Test("a window holds one open ticket at a time")
    func windowBusy() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            for _ in 0..<2 { _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: Date()) }
            try await Demo.openWindows(1, in: db)
            _ = try await tickets.callNext(window: 1, by: Demo.officers[0], hall: Demo.hall, at: Date())
            await #expect(throws: QueueError.windowBusy(window: 1, ticket: "A001")) {
                _ = try await tickets.callNext(window: 1, by: Demo.officers[0], hall: Demo.hall, at: Date())
            }
        }
    }

    @Test("an out-of-order call needs a reason and a window that serves the business")
    func outOfOrder() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: Date())
            let toxic = try await tickets.issue(business: Demo.toxic, greenChannel: nil, hall: Demo.hall, at: Date())
            let late = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: Date())
            try await Demo.openWindows(1, in: db)
            await #expect(throws: QueueError.outOfOrderNeedsReason) {
                _ = try await tickets.call(late.id, window: 1, by: Demo.officers[0], reason: "  ", at: Date())
            }
            await #expect(throws: QueueError.windowNotServing(window: 1, business: "toxic-chemical-permit")) {
                _ = try await tickets.call(toxic.id, window: 1, by: Demo.officers[0], reason: "急事", at: Date())
            }
            let called = try await tickets.call(late.id, window: 1, by: Demo.officers[0], reason: "孕妇不适", at: Date())
            #expect(called.outOfOrderReason == "孕妇不适" && called.status == .called)
        }
    }
}

@Suite("Ticket standing")
struct TicketStandingTests {
    @Test("the stored position of every waiting ticket equals the Core queue policy's, green channel and ties included")
    func positionMatchesCore() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            let base = Date()
            var issued: [Ticket] = []
            // Several tickets share an issue instant, some are green, two businesses are mixed.
            let plan: [(BusinessCode, GreenChannel?, Double)] = [
                (Demo.idCard, nil, 0), (Demo.idCard, .elderly, 5), (Demo.residence, nil, 1), (Demo.idCard, nil, 5),
                (Demo.idCard, nil, 5), (Demo.idCard, .disability, 2), (Demo.idCard, nil, 9), (Demo.idCard, .elderly, 5),
            ]
            for (business, green, offset) in plan {
                issued.append(try await tickets.issue(business: business, greenChannel: green, hall: Demo.hall, at: base.addingTimeInterval(offset)))
            }
            for ticket in issued {
                let stored = try await tickets.standing(of: ticket, at: Date())?.position
                #expect(stored == QueuePolicy.position(of: ticket, among: issued, at: Date()), "\(ticket.number)")
            }
        }
    }

    @Test("the wait estimate uses the last service times of the business and its open windows, or the typical minutes")
    func estimateFromRecentServices() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let tickets = TicketRepository(database: db)
            let officer = Demo.officers[0]
            // 10:00 in Beijing on a Tuesday: the twenty minutes served below stay within one service day.
            let base = Date(timeIntervalSince1970: 1_773_108_000)
            let typical = try #require(try await BusinessRepository(database: db).find(Demo.idCard)).typicalServiceMinutes
            // No window open: no estimate. One open, nobody served yet: the typical minutes for the one ahead.
            _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: base)
            let second = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: base.addingTimeInterval(1))
            let closed = try #require(try await tickets.standing(of: second, at: base.addingTimeInterval(2)))
            #expect(closed.position == 2 && closed.estimatedWaitMinutes == nil)
            try await Demo.openWindows(1, in: db, at: base)
            let before = try #require(try await tickets.standing(of: second, at: base.addingTimeInterval(2)))
            #expect(before.position == 2 && before.estimatedWaitMinutes == typical)
            // Serve four tickets of 2, 4, 6 and 8 minutes at window 1: the estimate follows their average (5 minutes).
            var clock = base.addingTimeInterval(10)
            for minutes in [2.0, 4, 6, 8] {
                _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: clock)
                let called = try #require(try await tickets.callNext(window: 1, by: officer, hall: Demo.hall, at: clock))
                _ = try await tickets.start(called.id, by: officer, at: clock)
                clock = clock.addingTimeInterval(minutes * 60)
                _ = try await tickets.finish(called.id, by: officer, at: clock)
            }
            let last = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: clock)
            let after = try #require(try await tickets.standing(of: last, at: clock))
            let average = WaitEstimate.averageServiceMinutes(recentSeconds: [120, 240, 360, 480], typicalMinutes: typical, policy: QueuePolicy())
            #expect(average == 5)
            // Six issued, four served: two ahead of the last, 5 minutes each at one window.
            #expect(after.position == 3 && after.estimatedWaitMinutes == 10)
        }
    }
}
