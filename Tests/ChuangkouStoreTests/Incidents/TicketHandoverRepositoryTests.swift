import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

/// Windows 1–3 serve the 居民身份证 line, window 4 passports and driving licences; officer i sits at window i+1.
@Suite("Handing a ticket to a colleague's window, in the store (另请一名民警)")
struct TicketHandoverRepositoryTests {
    static let filing = Incident.Filing(kind: .deadlock, asked: "要求换一位民警办理", answered: "已解释办理规定")
    static var me: Badge { Demo.officers[0] }

    /// Opens `count` windows and calls one 居民身份证 ticket to window 1.
    static func calledAtWindowOne(_ db: Database, windows count: Int = 4) async throws -> Ticket {
        try await Demo.openWindows(count, in: db)
        let tickets = TicketRepository(database: db)
        _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: Date())
        return try #require(try await tickets.callNext(window: WindowNumber(1), by: me, hall: Demo.hall, at: Date()))
    }

    static func active(at window: Int, _ db: Database) async throws -> [String] {
        try await db.read { sql in
            try await sql.raw("SELECT id FROM tickets WHERE window_number = \(bind: window) AND status IN ('called', 'serving')").all()
                .map { try $0.decode(column: "id", as: String.self) }
        }
    }

    @Test("the ticket is called at the colleague's window, with its receipt on both windows, the incident and a line on the display")
    func handsOver() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let ticket = try await Self.calledAtWindowOne(db)
            let tickets = TicketRepository(database: db)
            _ = try await tickets.start(ticket.id, by: Self.me, at: Date())
            let lastEvent = try await HallEventLog(database: db).lastID()
            let handovers = TicketHandoverRepository(database: db)
            let receipt = try await handovers.handOver(
                ticket.id,
                to: Demo.officers[1],
                filing: Self.filing,
                by: Self.me,
                hall: Demo.hall,
                at: Date()
            )
            #expect(receipt.toName == "李秀英" && receipt.fromName == "王建国")
            let moved = try #require(try await tickets.find(ticket.id))
            #expect(moved.status == .called && moved.window == WindowNumber(2) && moved.officer == Demo.officers[1])
            let day = Demo.hall.serviceDay(at: Date())
            #expect(try await handovers.receipts(window: WindowNumber(1), on: day).map(\.handover.id) == [receipt.handover.id])
            #expect(try await handovers.receipts(window: WindowNumber(2), on: day).map(\.handover.id) == [receipt.handover.id])
            #expect(try await handovers.receipts(window: WindowNumber(3), on: day).isEmpty)
            let incident = try #require(try await IncidentRepository(database: db).find(receipt.handover.incident))
            #expect(!incident.isOpen && incident.takenOverBy == Demo.officers[1] && incident.window == 1 && incident.ticket == ticket.id)
            let events = try await HallEventLog(database: db).events(after: lastEvent).map(\.event)
            #expect(events.contains { $0.kind == .call && $0.action == "handOver" && $0.announcement == "请\(ticket.number)号到2号窗口办理" })
            #expect(try await tickets.history(of: ticket.id).map(\.action) == [.call, .start, .handOver])
            // The colleague serves it now; the first officer no longer can.
            await #expect(throws: QueueError.notSignedIn(window: WindowNumber(2))) { try await tickets.start(ticket.id, by: Self.me, at: Date()) }
            _ = try await tickets.start(ticket.id, by: Demo.officers[1], at: Date())
        }
    }

    @Test("a colleague who is busy, on a break, off duty, not serving the business, or unknown is refused, and nothing moves")
    func refusals() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let ticket = try await Self.calledAtWindowOne(db)
            let tickets = TicketRepository(database: db)
            let windows = WindowRepository(database: db)
            _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: Date())
            let busy = try #require(try await tickets.callNext(window: WindowNumber(2), by: Demo.officers[1], hall: Demo.hall, at: Date()))
            _ = try await windows.pause(WindowNumber(3), officer: Demo.officers[2], at: Date())
            let handovers = TicketHandoverRepository(database: db)
            let cases: [(Badge, TicketHandoverError)] = [
                (Demo.officers[1], .colleagueBusy(window: WindowNumber(2), ticket: busy.number.description)),
                (Demo.officers[2], .colleagueNotOnDuty(.onBreak)),
                (Demo.officers[4], .colleagueNotOnDuty(.offDuty)),
                (Demo.officers[3], .colleagueNotServing(window: WindowNumber(4))),
                (Badge("099999")!, .unknownColleague),
                (Self.me, .toSelf),
            ]
            for (colleague, expected) in cases {
                await #expect(throws: expected) {
                    try await handovers.handOver(ticket.id, to: colleague, filing: Self.filing, by: Self.me, hall: Demo.hall, at: Date())
                }
            }
            // Someone else's ticket is not one's own to hand over.
            await #expect(throws: TicketHandoverError.notYourTicket) {
                try await handovers.handOver(busy.id, to: Demo.officers[0], filing: Self.filing, by: Self.me, hall: Demo.hall, at: Date())
            }
            #expect(try await tickets.find(ticket.id)?.window == WindowNumber(1))
            let day = Demo.hall.serviceDay(at: Date())
            #expect(try await IncidentRepository(database: db).counts(from: day, through: day).isEmpty, "no incident without a handover")
        }
    }

    @Test("the candidates list those on duty who serve the business, the other sex first when asked")
    func candidates() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let ticket = try await Self.calledAtWindowOne(db)
            let handovers = TicketHandoverRepository(database: db)
            let me = try #require(try await OfficerRepository(database: db).find(Self.me))
            let (_, plain) = try await handovers.candidates(for: ticket.id, asking: me, otherSexFirst: false)
            // Window 4 serves passports only: 刘洋 is on duty but not listed for a 居民身份证 ticket.
            #expect(plain.map(\.badge) == [Demo.officers[1], Demo.officers[2]])
            #expect(plain.allSatisfy { $0.isFree })
            let (_, preferred) = try await handovers.candidates(for: ticket.id, asking: me, otherSexFirst: true)
            #expect(preferred.map(\.sex) == [.female, .male])
        }
    }

    /// Every round: window 1 holds a ticket; its officer presses 转交 to windows 2 and 3 at once, twice each, while
    /// window 2 presses call-next and window 1 presses 办结. Whatever wins, the ticket is at one window, each window
    /// holds at most one ticket, and the ticket's history has at most one handover.
    @Test("concurrent handovers, calls and finishes never put a ticket at two windows nor two tickets at one window")
    func exactlyOnce() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Demo.openWindows(3, in: db)
            let tickets = TicketRepository(database: db)
            let handovers = TicketHandoverRepository(database: db)
            for round in 0..<12 {
                // Clear the windows, then put one ticket at window 1 and leave one waiting for window 2's call-next.
                for w in 1...3 {
                    for id in try await Self.active(at: w, db) {
                        let held = try #require(try await tickets.find(TicketID(id)!))
                        let officer = try #require(held.officer)
                        if held.status == .called { _ = try await tickets.start(held.id, by: officer, at: Date()) }
                        _ = try await tickets.finish(held.id, by: officer, at: Date())
                    }
                }
                _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: Date())
                let ticket = try #require(try await tickets.callNext(window: WindowNumber(1), by: Self.me, hall: Demo.hall, at: Date()))
                _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: Date())
                // Every third round the ticket is being served, and 办结 races the handovers.
                if round.isMultiple(of: 3) { _ = try await tickets.start(ticket.id, by: Self.me, at: Date()) }
                let outcomes = await withTaskGroup(of: String.self) { group in
                    for target in [1, 2, 1, 2] {
                        group.addTask {
                            do {
                                let r = try await handovers.handOver(
                                    ticket.id,
                                    to: Demo.officers[target],
                                    filing: Self.filing,
                                    by: Self.me,
                                    hall: Demo.hall,
                                    at: Date()
                                )
                                return "handover:\(r.handover.toWindow)"
                            } catch is TicketHandoverError {
                                return "refused"
                            } catch { return "error:\(error)" }
                        }
                    }
                    group.addTask {
                        do {
                            let called = try await tickets.callNext(window: WindowNumber(2), by: Demo.officers[1], hall: Demo.hall, at: Date())
                            return called == nil ? "none" : "called"
                        } catch QueueError.windowBusy { return "refused" } catch { return "error:\(error)" }
                    }
                    if round.isMultiple(of: 3) {
                        group.addTask {
                            do {
                                _ = try await tickets.finish(ticket.id, by: Self.me, at: Date())
                                return "finished"
                            } catch is QueueError { return "refused" } catch { return "error:\(error)" }
                        }
                    }
                    return await group.reduce(into: [String]()) { $0.append($1) }
                }
                #expect(!outcomes.contains { $0.hasPrefix("error") }, "round \(round): \(outcomes)")
                let moves = outcomes.filter { $0.hasPrefix("handover") }
                #expect(moves.count <= 1, "round \(round): the ticket moved \(moves.count) times: \(outcomes)")
                for w in 1...3 {
                    #expect(try await Self.active(at: w, db).count <= 1, "round \(round): window \(w) holds two tickets")
                }
                let now = try #require(try await tickets.find(ticket.id))
                var holding: [Int] = []
                for w in 1...3 where try await Self.active(at: w, db).contains(ticket.id.description) { holding.append(w) }
                #expect(holding.count == (now.status.isActiveAtWindow ? 1 : 0), "round \(round): held by windows \(holding)")
                if let move = moves.first { #expect(move == "handover:\(now.window?.value ?? 0)" || now.status == .finished) }
                let history = try await tickets.history(of: ticket.id).map(\.action)
                #expect(history.filter { $0 == .handOver }.count == moves.count)
                #expect(!(history.contains(.finish) && history.contains(.handOver)), "round \(round): finished and handed over: \(history)")
            }
        }
    }

    @Test("two windows handing a ticket each to the same free window at once: one gets it, the other is told it is busy")
    func twoIntoOne() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Demo.openWindows(3, in: db)
            let tickets = TicketRepository(database: db)
            let handovers = TicketHandoverRepository(database: db)
            for _ in 0..<2 { _ = try await tickets.issue(business: Demo.idCard, greenChannel: nil, hall: Demo.hall, at: Date()) }
            let first = try #require(try await tickets.callNext(window: WindowNumber(1), by: Demo.officers[0], hall: Demo.hall, at: Date()))
            let second = try #require(try await tickets.callNext(window: WindowNumber(2), by: Demo.officers[1], hall: Demo.hall, at: Date()))
            let target = Demo.officers[2]
            async let a = try? await handovers.handOver(first.id, to: target, filing: Self.filing, by: Demo.officers[0], hall: Demo.hall, at: Date())
            async let b = try? await handovers.handOver(second.id, to: target, filing: Self.filing, by: Demo.officers[1], hall: Demo.hall, at: Date())
            let results = await [a, b]
            #expect(results.compactMap { $0 }.count == 1)
            #expect(try await Self.active(at: 3, db).count == 1)
            #expect(try await Self.active(at: 1, db).count + (try await Self.active(at: 2, db).count) == 1)
        }
    }
}
