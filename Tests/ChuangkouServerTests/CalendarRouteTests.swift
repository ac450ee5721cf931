import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The calendar API's JSON, as a client sees it.
struct AddJSON: Decodable, Equatable {
    let from: String
    let workingDays: Int
    let due: String
    let provisional: Bool
}

struct DayJSON: Decodable, Equatable {
    let date: String
    let workingDay: Bool
    let provisional: Bool
    let holiday: String?
    let makeUpWorkday: Bool
    let weekday: Int
}

struct NoticesJSON: Decodable {
    struct Year: Decodable {
        let year: Int
        let currentVersion: Int
    }
    let years: [Year]
}

struct YearNoticeJSON: Decodable {
    struct Current: Decodable {
        struct Notice: Decodable {
            let off: [[String: String]]
            let work: [String]
        }
        let version: Int
        let publishedBy: String?
        let note: String
        let notice: Notice
    }
    struct Version: Decodable {
        let version: Int
    }
    let year: Int
    let current: Current
    let versions: [Version]
}

/// A 2027 notice for the tests (the real one is not published when this is written).
enum Notice2027 {
    static let good =
        #"{"off":[{"name":"元旦","from":"2027-01-01","to":"2027-01-03"}"#
        + #",{"name":"春节","from":"2027-02-06","to":"2027-02-14"}],"work":["2027-02-20"],"note":"test"}"#
    /// Overlapping ranges, a make-up day inside them, a day in 2028 and a date that does not exist.
    static let bad =
        #"{"off":[{"name":"A","from":"2027-05-01","to":"2027-05-05"}"#
        + #",{"name":"B","from":"2027-05-05","to":"2027-05-06"}],"work":["2027-05-02","2028-01-02","2027-02-30"]}"#
}

@Suite("Calendar API")
struct CalendarRouteTests {
    @Test("the RULES example: accepted Thu 2026-02-12 + 3 working days is due Tue 2026-02-24, not provisional")
    func rulesExample() async throws {
        try await withHall { client in
            let response = try await client.send(.get, "/api/v1/calendar/add?from=2026-02-12&workingDays=3")
            #expect(response.status == .ok)
            #expect(try decode(AddJSON.self, response) == AddJSON(from: "2026-02-12", workingDays: 3, due: "2026-02-24", provisional: false))
            let zero = try decode(AddJSON.self, try await client.send(.get, "/api/v1/calendar/add?from=2026-02-15&workingDays=0"))
            #expect(zero.due == "2026-02-15")
        }
    }

    @Test("a computation that reaches an unpublished year (2027) is marked provisional")
    func provisional() async throws {
        try await withHall { client in
            let inside = try decode(AddJSON.self, try await client.send(.get, "/api/v1/calendar/add?from=2027-03-01&workingDays=5"))
            #expect(inside == AddJSON(from: "2027-03-01", workingDays: 5, due: "2027-03-08", provisional: true))
            let across = try decode(AddJSON.self, try await client.send(.get, "/api/v1/calendar/add?from=2026-12-30&workingDays=3"))
            #expect(across.due == "2027-01-04" && across.provisional)
            let day = try decode(DayJSON.self, try await client.send(.get, "/api/v1/calendar/days/2027-01-01"))
            #expect(day.provisional && day.workingDay && day.holiday == nil, "weekdays only, and it says so")
        }
    }

    @Test("malformed dates, missing parameters and negative or oversized counts are 400s with their codes")
    func badRequests() async throws {
        try await withHall { client in
            let cases: [(String, String)] = [
                ("/api/v1/calendar/add?from=2026-02-30&workingDays=3", "calendar.bad-date"),
                ("/api/v1/calendar/add?from=12/02/2026&workingDays=3", "calendar.bad-date"),
                ("/api/v1/calendar/add?workingDays=3", "request.missing-parameter"),
                ("/api/v1/calendar/add?from=2026-02-12", "request.missing-parameter"),
                ("/api/v1/calendar/add?from=2026-02-12&workingDays=-1", "calendar.negative-count"),
                ("/api/v1/calendar/add?from=2026-02-12&workingDays=three", "calendar.bad-count"),
                ("/api/v1/calendar/add?from=2026-02-12&workingDays=99999", "calendar.count-too-large"),
                ("/api/v1/calendar/days/2026-13-01", "calendar.bad-date"),
                ("/api/v1/calendar/days/yesterday", "calendar.bad-date"),
                ("/api/v1/calendar/between?from=2026-02-12", "request.missing-parameter"),
                ("/api/v1/calendar/between?from=2026-02-12&through=2026-2-24", "calendar.bad-date"),
                ("/api/v1/calendar/next?after=", "request.missing-parameter"),
                ("/api/v1/calendar/next?after=0000-01-01", "calendar.bad-date"),
                ("/api/v1/calendar/notices/27", "calendar.bad-year"),
            ]
            for (uri, code) in cases {
                expectError(try await client.send(.get, uri), .badRequest, code)
            }
        }
    }

    @Test("a day: working or not, its holiday, make-up days; between and next follow the 2026 Spring Festival")
    func dayBetweenNext() async throws {
        try await withHall { client in
            let makeUp = try decode(DayJSON.self, try await client.send(.get, "/api/v1/calendar/days/2026-02-14"))
            #expect(makeUp == DayJSON(date: "2026-02-14", workingDay: true, provisional: false, holiday: nil, makeUpWorkday: true, weekday: 6))
            let festival = try decode(DayJSON.self, try await client.send(.get, "/api/v1/calendar/days/2026-02-17"))
            #expect(!festival.workingDay && festival.holiday == "春节" && !festival.provisional)

            let between = try jsonObject(try await client.send(.get, "/api/v1/calendar/between?from=2026-02-12&through=2026-02-24"))
            #expect(between["workingDays"] as? Int == 3 && between["provisional"] as? Bool == false)
            let next = try jsonObject(try await client.send(.get, "/api/v1/calendar/next?after=2026-02-14"))
            #expect(next["next"] as? String == "2026-02-24")
        }
    }

    @Test("the shipped notices are listed as version 1 of 2025 and 2026; an unpublished year is a 404")
    func notices() async throws {
        try await withHall { client in
            let list = try decode(NoticesJSON.self, try await client.send(.get, "/api/v1/calendar/notices"))
            #expect(list.years.map(\.year) == [2025, 2026] && list.years.allSatisfy { $0.currentVersion == 1 })
            let year = try decode(YearNoticeJSON.self, try await client.send(.get, "/api/v1/calendar/notices/2026"))
            #expect(year.current.version == 1 && year.current.notice.off.count == 7 && year.current.publishedBy == nil)
            #expect(year.current.notice.work.contains("2026-02-14"))
            expectError(try await client.send(.get, "/api/v1/calendar/notices/2027"), .notFound, "calendar.unknown-year")
        }
    }

    @Test("publishing is for administrators: 401 without a token, 403 for an officer and the duty leader")
    func adminOnly() async throws {
        try await withHall { client in
            expectError(try await client.send(.put, "/api/v1/calendar/notices/2027", raw: Notice2027.good), .unauthorized, "auth.required")
            for badge in [Demo.officers[0], Demo.dutyLeader] {
                let token = try await client.token(badge)
                expectError(
                    try await client.send(.put, "/api/v1/calendar/notices/2027", token: token, raw: Notice2027.good),
                    .forbidden,
                    "auth.forbidden"
                )
            }
            expectError(try await client.send(.get, "/api/v1/calendar/notices/2027"), .notFound, "calendar.unknown-year")
        }
    }

    @Test("a bad notice is a 422 listing every problem, malformed JSON a 400; nothing is published")
    func refusals() async throws {
        try await withHall { client in
            let admin = try await client.token(Demo.admin)
            let bad = try await client.send(.put, "/api/v1/calendar/notices/2027", token: admin, raw: Notice2027.bad)
            expectError(bad, .unprocessableContent, "calendar.invalid-notice")
            let problems = try decode(ProblemsJSON.self, bad).error.problems
            #expect(problems.count == 4, "\(problems.map(\.messageEnglish))")
            #expect(problems.contains { $0.messageEnglish.contains("2027-02-30") })
            #expect(problems.contains { $0.messageChinese.contains("重叠") })
            #expect(problems.contains { $0.messageEnglish.contains("2028-01-02 is not in 2027") })
            #expect(problems.contains { $0.messageEnglish.contains("make-up working day 2027-05-02") })

            expectError(
                try await client.send(.put, "/api/v1/calendar/notices/2027", token: admin, raw: "{\"off\": ["),
                .badRequest,
                "request.malformed"
            )
            expectError(
                try await client.send(.put, "/api/v1/calendar/notices/2027", token: admin, raw: #"{"off": "none"}"#),
                .badRequest,
                "request.malformed"
            )
            expectError(try await client.send(.get, "/api/v1/calendar/notices/2027"), .notFound, "calendar.unknown-year")
        }
    }

    @Test("an admin publishes 2027: version 1 is in force at once (no longer provisional); publishing again makes version 2")
    func publish() async throws {
        try await withHall { client in
            let admin = try await client.token(Demo.admin)
            let first = try await client.send(.put, "/api/v1/calendar/notices/2027", token: admin, raw: Notice2027.good)
            #expect(first.status == .created, "\(text(first))")
            let year = try decode(YearNoticeJSON.self, first)
            #expect(year.current.version == 1 && year.current.publishedBy == Demo.admin && year.current.note == "test")

            let due = try decode(AddJSON.self, try await client.send(.get, "/api/v1/calendar/add?from=2027-02-05&workingDays=1"))
            #expect(due == AddJSON(from: "2027-02-05", workingDays: 1, due: "2027-02-15", provisional: false))

            let second = try decode(
                YearNoticeJSON.self,
                try await client.send(.put, "/api/v1/calendar/notices/2027", token: admin, raw: Notice2027.good)
            )
            #expect(second.current.version == 2 && second.versions.map(\.version) == [1, 2])
            let list = try decode(NoticesJSON.self, try await client.send(.get, "/api/v1/calendar/notices"))
            #expect(list.years.first { $0.year == 2027 }?.currentVersion == 2)
        }
    }
}
