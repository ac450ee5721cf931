import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Appointments over HTTP")
struct AppointmentRouteTests {
    /// Thursday 2026-02-12, 09:00 in the hall: the 调休 Saturday 02-14 and the Spring Festival lie ahead.
    static let thursday = Date(timeIntervalSince1970: 1_770_858_000)

    @Test("slots: the 调休 Saturday has them, a Spring Festival day has none, the bookable days skip the holiday")
    func slots() async throws {
        try await withHall(clock: TestClock(Self.thursday)) { client in
            let saturday = try jsonObject(try await client.send(.get, "/api/v1/appointments/slots?business=id-card&day=2026-02-14"))
            let list = try #require(saturday["slots"] as? [[String: Any]])
            #expect(list.count == 14 && list.first?["slot"] as? String == "2026-02-14T09:00" && list.first?["left"] as? Int == 4)
            let holiday = try jsonObject(try await client.send(.get, "/api/v1/appointments/slots?business=id-card&day=2026-02-17"))
            #expect((holiday["slots"] as? [Any])?.isEmpty == true)
            let days = try #require(saturday["days"] as? [String])
            #expect(days.contains("2026-02-14") && !days.contains("2026-02-17") && !days.contains("2026-02-15") && days.contains("2026-02-24"))
            expectError(try await client.send(.get, "/api/v1/appointments/slots?business=nope"), .notFound, "appointment.unknown-business")
        }
    }

    @Test("a booking without a code sent is refused; bad input says what to fix")
    func bookingNeedsCode() async throws {
        try await withHall(clock: TestClock(Self.thursday)) { client in
            let booking = #"{"business":"passport","slot":"2026-02-14T09:00","name":"张三","phone":"13912345678","#
                + #""idNumber":"11010519491231002X","phoneCode":"123456"}"#
            expectError(try await client.send(.post, "/api/v1/appointments", raw: booking), .conflict, "appointment.phone-code-missing")
            let sent = try await client.send(.post, "/api/v1/appointments/phone-codes", raw: #"{"phone":"13912345678"}"#)
            #expect(sent.status == .accepted)
            expectError(
                try await client.send(.post, "/api/v1/appointments/phone-codes", raw: #"{"phone":"13912345678"}"#),
                .tooManyRequests,
                "appointment.phone-code-too-soon"
            )
            expectError(try await client.send(.post, "/api/v1/appointments", raw: booking), .badRequest, "appointment.phone-code-wrong")
            let noID = #"{"business":"passport","slot":"2026-02-14T09:00","name":"张三","phone":"13912345678","phoneCode":"1"}"#
            expectError(try await client.send(.post, "/api/v1/appointments", raw: noID), .badRequest, "appointment.id-number-required")
            let holiday = #"{"business":"seal-filing","slot":"2026-02-17T09:00","name":"张三","phone":"13912345678","phoneCode":"1"}"#
            expectError(try await client.send(.post, "/api/v1/appointments", raw: holiday), .badRequest, "appointment.no-such-slot")
            let badPhone = #"{"business":"seal-filing","slot":"2026-02-13T09:00","name":"张三","phone":"12345","phoneCode":"1"}"#
            expectError(try await client.send(.post, "/api/v1/appointments", raw: badPhone), .badRequest, "appointment.bad-phone")
            let noName = #"{"business":"seal-filing","slot":"2026-02-13T09:00","name":" ","phone":"13912345678","phoneCode":"1"}"#
            expectError(try await client.send(.post, "/api/v1/appointments", raw: noName), .badRequest, "appointment.bad-name")
        }
    }

    @Test("booking codes cannot be enumerated: one answer for every wrong code, then 429 from that address")
    func enumeration() async throws {
        try await withHall(clock: TestClock(Self.thursday)) { client in
            for i in 0..<5 {
                expectError(
                    try await client.send(.post, "/api/v1/appointments/query", raw: #"{"code":"ABCDEFGHJK\#(i)2"}"#),
                    .notFound,
                    "appointment.not-found"
                )
            }
            expectError(
                try await client.send(.post, "/api/v1/appointments/check-in", raw: #"{"code":"ABCDEFGHJKM2"}"#),
                .tooManyRequests,
                "appointment.rate-limited"
            )
            expectError(
                try await client.send(.post, "/api/v1/appointments/cancel", raw: #"{"code":"ABCDEFGHJKM2"}"#),
                .tooManyRequests,
                "appointment.rate-limited"
            )
        }
    }

    @Test("the guide page links to booking, the kiosk to check-in; the three pages render in both languages")
    func pages() async throws {
        try await withHall(clock: TestClock(Self.thursday)) { client in
            #expect(text(try await client.send(.get, "/guides/passport")).contains("/appointments/new?business=passport"))
            let kiosk = text(try await client.send(.get, "/kiosk"))
            #expect(kiosk.contains("/kiosk/check-in") && kiosk.contains("今日预约余"))
            let booking = text(try await client.send(.get, "/appointments/new?business=passport&day=2026-02-14"))
            #expect(booking.contains("2026-02-14T09:00") && booking.contains("name=\"idNumber\"") && booking.contains("获取验证码"))
            #expect(!text(try await client.send(.get, "/appointments/new?business=seal-filing&day=2026-02-14")).contains("name=\"idNumber\""))
            #expect(text(try await client.send(.get, "/appointments/new?business=passport&lang=en")).contains("Send me a code"))
            #expect(try await client.send(.get, "/appointments/manage").status == .ok)
            #expect(try await client.send(.get, "/kiosk/check-in").status == .ok)
            #expect(try await client.send(.get, "/appointments/new?business=nope").status == .notFound)
        }
    }

    @Test("the day's bookings: for desk and window officers and the duty leader, counts by status, a bad day is a 400; the page renders")
    func staffDay() async throws {
        try await withHall(clock: TestClock(Self.thursday)) { client in
            expectError(try await client.send(.get, "/api/v1/appointments/day"), .unauthorized, "auth.required")
            let leader = try await client.token(Demo.dutyLeader)
            let day = try jsonObject(try await client.send(.get, "/api/v1/appointments/day?day=2026-02-14", token: leader))
            #expect(day["day"] as? String == "2026-02-14" && (day["appointments"] as? [Any])?.isEmpty == true)
            let counts = try #require(day["counts"] as? [String: Int])
            #expect(counts.count == 5 && counts.values.allSatisfy { $0 == 0 })
            let officer = try await client.token(Demo.officers[0])
            #expect(try await client.send(.get, "/api/v1/appointments/day", token: officer).status == .ok)
            expectError(try await client.send(.get, "/api/v1/appointments/day?day=2026-2-14", token: officer), .badRequest, "appointment.bad-request")
            expectError(
                try await client.send(.get, "/api/v1/appointments/day?day=2030-01-01", token: officer),
                .badRequest,
                "appointment.bad-request"
            )
            let supervisor = try await client.token("010300")
            expectError(try await client.send(.get, "/api/v1/appointments/day", token: supervisor), .forbidden, "auth.forbidden")
            let page = try await client.send(.get, "/appointments/day?day=2026-02-14", token: leader)
            #expect(page.status == .ok && text(page).contains("当日没有预约") && text(page).contains("appointment-counts"))
            let english = try await client.send(.get, "/appointments/day?lang=en", token: leader)
            #expect(text(english).contains("No bookings on this day"))
        }
    }
}
