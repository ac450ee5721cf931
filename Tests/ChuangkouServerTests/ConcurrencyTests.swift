import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Concurrent requests over HTTP")
struct ConcurrencyTests {
    /// Who called which ticket, as the call-next answers report it.
    actor Ledger {
        /// A ticket still waiting right after a window was told nothing was waiting for it.
        struct LeftWaiting {
            let ticket: TicketJSON
            let window: Int
            let answeredAt: ContinuousClock.Instant
        }

        private(set) var calledAt: [String: [Int]] = [:]
        /// When the call-next request that called each ticket was sent.
        private(set) var claimSentAt: [String: ContinuousClock.Instant] = [:]
        private(set) var leftWaiting: [LeftWaiting] = []
        private(set) var callNextRequests = 0
        private(set) var burstsWithDuplicates = 0

        func called(_ ticket: String, at window: Int, sentAt: ContinuousClock.Instant) {
            calledAt[ticket, default: []].append(window)
            claimSentAt[ticket] = sentAt
        }

        func stillWaiting(_ ticket: TicketJSON, window: Int, answeredAt: ContinuousClock.Instant) {
            leftWaiting.append(LeftWaiting(ticket: ticket, window: window, answeredAt: answeredAt))
        }

        func requested(_ count: Int) {
            callNextRequests += count
            if count > 1 { burstsWithDuplicates += 1 }
        }
    }

    static let ticketCount = 200

    @Test("200 concurrent tickets get distinct, gapless numbers per prefix; six windows calling concurrently serve each exactly once")
    func issueAndCallConcurrently() async throws {
        try await withHall { client in
            var tokens: [Int: String] = [:]
            for (index, badge) in Demo.officers.enumerated() {
                tokens[index + 1] = try await client.openWindow(index + 1, badge: badge)
            }
            let serves = Dictionary(uniqueKeysWithValues: try await client.windows().map { ($0.number, Set($0.businesses)) })
            let codes = try await client.businesses().map(\.code)

            // Phase 1: 200 tickets at once, spread over the businesses.
            let issued = try await withThrowingTaskGroup(of: TicketJSON.self) { group in
                for i in 0..<Self.ticketCount {
                    group.addTask { try await client.issue(codes[i % codes.count]) }
                }
                var tickets: [TicketJSON] = []
                for try await ticket in group { tickets.append(ticket) }
                return tickets
            }
            #expect(issued.count == Self.ticketCount)
            #expect(Set(issued.map(\.id)).count == Self.ticketCount, "every ticket has its own id")
            #expect(Set(issued.map(\.number)).count == Self.ticketCount, "no number is handed out twice")
            let byPrefix = Dictionary(grouping: issued, by: \.prefix)
            for (prefix, tickets) in byPrefix {
                let sequences = tickets.map(\.sequence).sorted()
                #expect(sequences == Array(1...tickets.count), "prefix \(prefix) has gaps or repeats: \(sequences)")
                #expect(Set(tickets.map(\.business)).count == 1, "one prefix, one business")
            }
            #expect(byPrefix.count == codes.count)
            let waiting = try await client.businesses().reduce(0) { $0 + $1.waiting }
            #expect(waiting == Self.ticketCount)

            // Phase 2: every window calls, starts and finishes as fast as it can; every other round it fires
            // three call-next requests at once, of which exactly one may win.
            let ledger = Ledger()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for window in 1...6 {
                    let token = try #require(tokens[window])
                    let serving = try #require(serves[window])
                    group.addTask {
                        try await Self.work(window: window, token: token, serves: serving, issued: issued, client: client, ledger: ledger)
                    }
                }
                try await group.waitForAll()
            }

            // Every issued ticket was called exactly once, at one window that serves its business, and finished.
            let calledAt = await ledger.calledAt
            #expect(calledAt.count == Self.ticketCount, "called \(calledAt.count) of \(Self.ticketCount)")
            let twice = calledAt.filter { $0.value.count > 1 }
            #expect(twice.isEmpty, "tickets called more than once: \(twice)")
            #expect(await ledger.callNextRequests >= 50)
            #expect(await ledger.burstsWithDuplicates > 0)
            // A 204 is right only if every ticket the window serves was already being claimed by another window.
            // A ticket seen waiting after the 204 whose claim was sent only after the 204 came back was free then.
            let claimSentAt = await ledger.claimSentAt
            for left in await ledger.leftWaiting {
                let sent = try #require(claimSentAt[left.ticket.id], "\(left.ticket.number) was never called")
                #expect(
                    sent < left.answeredAt,
                    "window \(left.window) answered 204 while \(left.ticket.number) (\(left.ticket.business)) waited unclaimed"
                )
            }
            let audit = try await client.token(Demo.dutyLeader)
            for ticket in issued {
                let windows = calledAt[ticket.id] ?? []
                #expect(windows.count == 1, "\(ticket.number) was called at \(windows)")
                if let window = windows.first {
                    #expect(serves[window]?.contains(ticket.business) == true, "\(ticket.number) (\(ticket.business)) was called to window \(window)")
                }
                let now = try await client.ticket(ticket.id)
                #expect(now.status == "finished", "\(ticket.number) ended \(now.status)")
                #expect(now.window == windows.first)
                let calls = try await client.history(ticket.id, token: audit).filter { $0.action == "call" }
                #expect(calls.count == 1, "\(ticket.number) has \(calls.count) call transitions")
                #expect(calls.first?.window == windows.first)
            }
            #expect(try await client.businesses().allSatisfy { $0.waiting == 0 })
            #expect(try await client.windows().allSatisfy { $0.currentTicket == nil })
        }
    }

    /// One window's loop: call (alone or in a burst of three), start, finish; stop at the first 204, noting any ticket it
    /// serves that is still waiting then. No ticket is issued in this phase, so the waiting set only shrinks: such a
    /// ticket was waiting when the 204 was given, which is right only if another window's call-next had it locked.
    static func work(
        window: Int,
        token: String,
        serves: Set<String>,
        issued: [TicketJSON],
        client: any TestClientProtocol,
        ledger: Ledger
    ) async throws {
        var round = 0
        while true {
            round += 1
            let burst = round.isMultiple(of: 2) ? 3 : 1
            let sentAt = ContinuousClock.now
            let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for _ in 0..<burst {
                    group.addTask { try await client.send(.post, "/api/v1/windows/\(window)/call-next", token: token) }
                }
                var responses: [TestResponse] = []
                for try await response in group { responses.append(response) }
                return responses
            }
            await ledger.requested(burst)
            let winners = responses.filter { $0.status == .ok }
            let losers = responses.filter { $0.status != .ok }
            #expect(winners.count <= 1, "window \(window): \(winners.count) concurrent call-next requests all succeeded")
            guard let winner = winners.first else {
                #expect(responses.allSatisfy { $0.status == .noContent }, "window \(window): \(responses.map { "\($0.status.code) \(text($0))" })")
                let answeredAt = ContinuousClock.now
                let counts = try await client.businesses().filter { serves.contains($0.code) && $0.waiting > 0 }
                if !counts.isEmpty {
                    // Some are still waiting: which? (Each must be under claim by another window right now.)
                    for ticket in issued where serves.contains(ticket.business) {
                        if try await client.ticket(ticket.id).status == "waiting" {
                            await ledger.stillWaiting(ticket, window: window, answeredAt: answeredAt)
                        }
                    }
                }
                return
            }
            for loser in losers {
                expectError(loser, .conflict, "window.busy")
            }
            let ticket = try decode(TicketJSON.self, winner)
            await ledger.called(ticket.id, at: window, sentAt: sentAt)
            #expect(ticket.window == window)
            #expect(serves.contains(ticket.business), "window \(window) called \(ticket.number) of \(ticket.business)")
            try await client.perform("start", ticket.id, token: token)
            try await client.perform("finish", ticket.id, token: token)
        }
    }

    @Test("Concurrent sign-ins to one free window: exactly one officer gets it, the others 409 window.taken")
    func concurrentSignIns() async throws {
        try await withHall { client in
            var tokens: [String: String] = [:]
            for badge in Demo.officers { tokens[badge] = try await client.token(badge) }
            let snapshot = tokens
            let results = try await withThrowingTaskGroup(of: (String, TestResponse).self) { group in
                for (badge, token) in snapshot {
                    group.addTask { (badge, try await client.send(.post, "/api/v1/windows/4/sign-in", token: token)) }
                }
                var results: [(String, TestResponse)] = []
                for try await result in group { results.append(result) }
                return results
            }
            let winners = results.filter { $0.1.status == .ok }
            #expect(winners.count == 1)
            for (_, response) in results where response.status != .ok {
                expectError(response, .conflict, "window.taken")
            }
            #expect(try await client.window(4).officer?.badge == winners.first?.0)
        }
    }
}
