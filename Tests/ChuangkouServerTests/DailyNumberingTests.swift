import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Daily numbering across midnight in Asia/Shanghai")
struct DailyNumberingTests {
    @Test("Numbers restart at A001 at midnight in Asia/Shanghai, though the UTC date has not changed")
    func restartAtShanghaiMidnight() async throws {
        // 23:59 in Shanghai is 15:59 UTC; midnight in Shanghai is 16:00 UTC on the same UTC day.
        let clock = TestClock(TestClock.shanghai(2026, 3, 10, 23, 59, 0))
        try await withHall(clock: clock) { client in
            var yesterday: [TicketJSON] = []
            for _ in 1...4 {
                yesterday.append(try await client.issue("id-card"))
                clock.advance(seconds: 10)
            }
            _ = try await client.issue("residence-permit")
            #expect(yesterday.map(\.sequence) == [1, 2, 3, 4])
            clock.set(TestClock.shanghai(2026, 3, 10, 23, 59, 59))
            let last = try await client.issue("id-card")
            #expect(last.number == "A005")

            clock.set(TestClock.shanghai(2026, 3, 11, 0, 0, 0))
            let first = try await client.issue("id-card")
            #expect(first.number == "A001")
            #expect(first.position == 1, "yesterday's waiting tickets are not ahead of today's")
            #expect(try await client.issue("id-card").number == "A002")
            #expect(try await client.issue("residence-permit").number == "B001")
            #expect(first.id != yesterday[0].id)
        }
    }

    @Test("Yesterday's waiting tickets are not called today, nor counted as waiting")
    func yesterdaysTicketsStayBehind() async throws {
        let clock = TestClock(TestClock.shanghai(2026, 3, 10, 23, 58, 0))
        try await withHall(clock: clock) { client in
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            var yesterday: [TicketJSON] = []
            for _ in 1...3 {
                yesterday.append(try await client.issue("id-card"))
                clock.advance(seconds: 5)
            }
            #expect(try await client.businesses().first { $0.code == "id-card" }?.waiting == 3)

            clock.set(TestClock.shanghai(2026, 3, 11, 7, 30, 0))  // within the 8-hour session
            #expect(try await client.businesses().first { $0.code == "id-card" }?.waiting == 0)
            let queue = try await client.send(.get, "/api/v1/windows/1/queue")
            #expect(queue.status == .ok, "\(text(queue))")
            #expect((try? decode(QueueJSON.self, queue))?.waiting.isEmpty == true)
            #expect(try await client.callNext(1, token: token) == nil, "nothing from today is waiting")

            let today = try await client.issue("id-card")
            #expect(today.number == "A001")
            #expect(try await client.callNext(1, token: token)?.id == today.id)
            try await client.perform("start", today.id, token: token)
            try await client.perform("finish", today.id, token: token)
            #expect(try await client.callNext(1, token: token) == nil)
            for ticket in yesterday {
                #expect(try await client.ticket(ticket.id).status == "waiting")
            }
            // The display's latest calls are today's only.
            let calls = try decode(CallsJSON.self, try await client.send(.get, "/api/v1/calls/latest")).calls
            #expect(calls.map(\.id) == [today.id])
        }
    }
}
