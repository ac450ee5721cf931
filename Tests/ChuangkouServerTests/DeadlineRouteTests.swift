import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A deadline clock as the API shows it.
struct DeadlineJSON: Decodable {
    struct Pause: Decodable {
        let kind: String
        let reason: String
        let pausedOn: String
        let resumedOn: String?
    }
    struct Extension: Decodable {
        let workingDays: Int
        let approvedBy: String
    }
    let id: String
    let subject: String
    let business: String?
    let owner: String
    let state: String
    let promisedDue: String
    let statutoryDue: String
    let promisedDueAt: Date
    let workingDaysUsed: Int
    let workingDaysLeft: Int
    let provisional: Bool
    let pauses: [Pause]
    let `extension`: Extension?
    let stoppedOn: String?
}

struct DeadlinesJSON: Decodable {
    let deadlines: [DeadlineJSON]
}

extension TestClientProtocol {
    /// Starts a clock through the API; the RULES example by default (promised 3, statutory 20 working days).
    func startDeadline(
        token: String,
        subject: String = "张三 居住证",
        promised: Int = 3,
        statutory: Int = 20,
        acceptedOn: String? = nil
    ) async throws -> DeadlineJSON {
        var body = #"{"subject":"\#(subject)","business":"residence-permit","statutoryLimit":\#(statutory),"promisedLimit":\#(promised)"#
        if let acceptedOn { body += #","acceptedOn":"\#(acceptedOn)""# }
        let response = try await send(.post, "/api/v1/deadlines", token: token, raw: body + "}")
        guard response.status == .created else { throw UnexpectedResponse("start deadline", response) }
        return try decode(DeadlineJSON.self, response)
    }
}

@Suite("Deadline API")
struct DeadlineRouteTests {
    /// Thursday 2026-02-12, 10:00 in the hall: the RULES example's day of acceptance.
    static func clock() -> TestClock { TestClock(TestClock.shanghai(2026, 2, 12, 10, 0)) }

    @Test("a clock started today keeps both due dates: promised 2026-02-24 (17:30), statutory 2026-03-18")
    func start() async throws {
        try await withHall(clock: Self.clock()) { client in
            let token = try await client.token(Demo.officers[0])
            let clock = try await client.startDeadline(token: token)
            #expect(clock.state == "onTrack" && clock.owner == Demo.officers[0] && clock.business == "residence-permit")
            #expect(clock.promisedDue == "2026-02-24" && clock.statutoryDue == "2026-03-18")
            #expect(clock.promisedDueAt == TestClock.shanghai(2026, 2, 24, 17, 30))
            #expect(clock.workingDaysUsed == 0 && clock.workingDaysLeft == 3 && !clock.provisional)
            let fetched = try decode(DeadlineJSON.self, try await client.send(.get, "/api/v1/deadlines/\(clock.id)", token: token))
            #expect(fetched.id == clock.id)
        }
    }

    @Test("officers only: 401 without a token; bad bodies, limits and dates are 400s; unknown ids and businesses 404s")
    func refusals() async throws {
        let clock = Self.clock()
        try await withHall(clock: clock) { client in
            expectError(try await client.send(.get, "/api/v1/deadlines"), .unauthorized, "auth.required")
            expectError(try await client.send(.post, "/api/v1/deadlines", raw: "{}"), .unauthorized, "auth.required")
            let token = try await client.token(Demo.officers[0])
            expectError(try await client.send(.post, "/api/v1/deadlines", token: token, raw: "{}"), .badRequest, "request.malformed")
            let cases: [(String, HTTPResponse.Status, String)] = [
                (#"{"subject":"x","statutoryLimit":2,"promisedLimit":3}"#, .badRequest, "deadline.promised-exceeds-statutory"),
                (#"{"subject":"x","statutoryLimit":-1,"promisedLimit":-1}"#, .badRequest, "deadline.negative-limit"),
                (#"{"subject":" ","statutoryLimit":3,"promisedLimit":3}"#, .badRequest, "deadline.subject-required"),
                (#"{"subject":"x","statutoryLimit":3,"promisedLimit":3,"acceptedOn":"2026-02-13"}"#, .badRequest, "deadline.accepted-in-future"),
                (#"{"subject":"x","statutoryLimit":3,"promisedLimit":3,"acceptedOn":"12 Feb"}"#, .badRequest, "calendar.bad-date"),
                (#"{"subject":"x","business":"nothing","statutoryLimit":3,"promisedLimit":3}"#, .notFound, "business.unknown"),
            ]
            for (body, status, code) in cases {
                expectError(try await client.send(.post, "/api/v1/deadlines", token: token, raw: body), status, code)
            }
            expectError(try await client.send(.get, "/api/v1/deadlines/\(UUID().uuidString)", token: token), .notFound, "deadline.unknown")
            expectError(try await client.send(.post, "/api/v1/deadlines/garbage/stop", token: token), .notFound, "deadline.unknown")
            let admin = try await client.token(Demo.admin, at: clock.now)
            expectError(
                try await client.send(.post, "/api/v1/deadlines", token: admin, raw: #"{"subject":"x","statutoryLimit":3,"promisedLimit":3}"#),
                .forbidden,
                "auth.forbidden"
            )
        }
    }

    @Test("pause needs a reason and the written notice; resume moves the due dates; only the owner or a duty leader may")
    func pauseResume() async throws {
        let clock = Self.clock()
        try await withHall(clock: clock) { client in
            let first = try await client.token(Demo.officers[0])
            let other = try await client.token(Demo.officers[1])
            let started = try await client.startDeadline(token: first)
            let uri = "/api/v1/deadlines/\(started.id)"
            expectError(
                try await client.send(
                    .post,
                    "\(uri)/pause",
                    token: first,
                    raw: #"{"kind":"supplement","reason":"缺居住证明","applicantNotifiedInWriting":false}"#
                ),
                .badRequest,
                "deadline.applicant-not-notified"
            )
            expectError(
                try await client.send(.post, "\(uri)/pause", token: first, raw: #"{"kind":"nap","reason":"x","applicantNotifiedInWriting":true}"#),
                .badRequest,
                "deadline.unknown-pause-kind"
            )
            expectError(
                try await client.send(
                    .post,
                    "\(uri)/pause",
                    token: first,
                    raw: #"{"kind":"supplement","reason":" ","applicantNotifiedInWriting":true}"#
                ),
                .badRequest,
                "deadline.reason-required"
            )
            expectError(
                try await client.send(
                    .post,
                    "\(uri)/pause",
                    token: other,
                    raw: #"{"kind":"supplement","reason":"x","applicantNotifiedInWriting":true}"#
                ),
                .forbidden,
                "deadline.not-owner"
            )

            // Sessions last 8 hours: sign in again after moving the clock a day on.
            clock.set(TestClock.shanghai(2026, 2, 13, 9, 0))
            var owner = try await client.token(Demo.officers[0])
            let paused = try decode(
                DeadlineJSON.self,
                try await client.send(
                    .post,
                    "\(uri)/pause",
                    token: owner,
                    raw: #"{"kind":"supplement","reason":"缺居住证明","applicantNotifiedInWriting":true}"#
                )
            )
            #expect(paused.state == "paused" && paused.pauses.first?.reason == "缺居住证明" && paused.pauses.first?.pausedOn == "2026-02-13")
            expectError(
                try await client.send(
                    .post,
                    "\(uri)/pause",
                    token: owner,
                    raw: #"{"kind":"testing","reason":"x","applicantNotifiedInWriting":true}"#
                ),
                .conflict,
                "deadline.already-paused"
            )

            clock.set(TestClock.shanghai(2026, 2, 25, 9, 0))
            owner = try await client.token(Demo.officers[0])
            let resumed = try decode(DeadlineJSON.self, try await client.send(.post, "\(uri)/resume", token: owner))
            #expect(resumed.promisedDue == "2026-02-27" && resumed.workingDaysUsed == 1 && resumed.state == "onTrack")
            expectError(try await client.send(.post, "\(uri)/resume", token: owner), .conflict, "deadline.not-paused")
        }
    }

    @Test("only the duty leader extends, once, by at most 10 working days; a stopped clock leaves the list")
    func extendAndStop() async throws {
        try await withHall(clock: Self.clock()) { client in
            let owner = try await client.token(Demo.officers[0])
            let leader = try await client.token(Demo.dutyLeader)
            let started = try await client.startDeadline(token: owner)
            let uri = "/api/v1/deadlines/\(started.id)"
            expectError(
                try await client.send(.post, "\(uri)/extend", token: owner, raw: #"{"workingDays":5,"reason":"需会商"}"#),
                .forbidden,
                "auth.forbidden"
            )
            expectError(
                try await client.send(.post, "\(uri)/extend", token: leader, raw: #"{"workingDays":11,"reason":"需会商"}"#),
                .badRequest,
                "deadline.extension-too-long"
            )
            let extended = try decode(
                DeadlineJSON.self,
                try await client.send(.post, "\(uri)/extend", token: leader, raw: #"{"workingDays":5,"reason":"需会商"}"#)
            )
            #expect(extended.promisedDue == "2026-03-02" && extended.extension?.approvedBy == Demo.dutyLeader)
            expectError(
                try await client.send(.post, "\(uri)/extend", token: leader, raw: #"{"workingDays":1,"reason":"again"}"#),
                .conflict,
                "deadline.extension-already-granted"
            )

            let stopped = try decode(DeadlineJSON.self, try await client.send(.post, "\(uri)/stop", token: owner))
            #expect(stopped.state == "stopped" && stopped.stoppedOn == "2026-02-12")
            expectError(try await client.send(.post, "\(uri)/stop", token: owner), .conflict, "deadline.stopped")
            let list = try decode(DeadlinesJSON.self, try await client.send(.get, "/api/v1/deadlines", token: owner))
            #expect(list.deadlines.isEmpty)
        }
    }

    @Test("the list is sorted by working days left; states and the provisional mark show")
    func sortedList() async throws {
        let clock = TestClock(TestClock.shanghai(2026, 12, 28, 10, 0))
        try await withHall(clock: clock) { client in
            let token = try await client.token(Demo.officers[0])
            let later = try await client.startDeadline(token: token, subject: "later", promised: 10, statutory: 20)
            let sooner = try await client.startDeadline(token: token, subject: "sooner", promised: 1, statutory: 20)
            let middle = try await client.startDeadline(token: token, subject: "middle", promised: 5, statutory: 20, acceptedOn: "2026-12-21")
            let list = try decode(DeadlinesJSON.self, try await client.send(.get, "/api/v1/deadlines", token: token)).deadlines
            #expect(list.map(\.id) == [middle.id, sooner.id, later.id])
            #expect(list[0].workingDaysUsed == 5 && list[0].workingDaysLeft == 0 && list[0].state == "warning", "due today")
            #expect(list[1].state == "warning" && list[2].state == "onTrack")
            #expect(later.provisional && later.promisedDue == "2027-01-11", "reaches 2027, which has no notice")
            clock.set(TestClock.shanghai(2026, 12, 28, 17, 30))
            let after = try decode(DeadlinesJSON.self, try await client.send(.get, "/api/v1/deadlines", token: token)).deadlines
            #expect(after.first { $0.id == middle.id }?.state == "overdue", "past closing time on its due date")
        }
    }
}
