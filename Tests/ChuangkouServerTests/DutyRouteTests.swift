import ChuangkouTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The duty roster over HTTP")
struct DutyRouteTests {
    static let planned = TestClock.shanghai(2026, 12, 1, 9, 0)

    func planBody(leader: String = Demo.dutyLeader, phone: String = "0571-87654321", officers: [String] = [Demo.officers[0]]) -> String {
        let team = officers.map { #"{"badge":"\#($0)","phone":"13900001111"}"# }.joined(separator: ",")
        return #"{"leader":{"badge":"\#(leader)","phone":"\#(phone)"},"officers":[\#(team)]}"#
    }

    @Test("the administrator plans tomorrow; at that hour the leader is on duty for anyone, and on the display")
    func planAndRead() async throws {
        let clock = TestClock(Self.planned, tick: 0)
        try await withHall(clock: clock) { client in
            let admin = try await client.token(Demo.admin, at: Self.planned)
            let planned = try await client.send(.put, "/api/v1/duty/roster/2026-12-02/afternoon", token: admin, raw: planBody())
            #expect(planned.status == .ok, "\(text(planned))")
            let shift = try decode(DutyShiftJSON.self, planned)
            #expect(shift.leader.name == "赵国强" && shift.officers.map(\.badge) == [Demo.officers[0]])

            clock.set(TestClock.shanghai(2026, 12, 2, 11, 59))
            #expect(try decode(DutyLeaderJSON.self, try await client.send(.get, "/api/v1/duty/leader")).leader == nil)
            let display = text(try await client.send(.get, "/display"))
            #expect(!display.contains("duty-leader"))

            clock.set(TestClock.shanghai(2026, 12, 2, 15, 0))
            let now = try decode(DutyLeaderJSON.self, try await client.send(.get, "/api/v1/duty/leader"))
            #expect(now.day == "2026-12-02" && now.half == "afternoon")
            #expect(now.leader?.badge == Demo.dutyLeader && now.leader?.phone == "0571-87654321")
            let shown = text(try await client.send(.get, "/display"))
            #expect(shown.contains("值班领导：<strong>赵国强</strong>") && shown.contains("010100") && shown.contains("0571-87654321"))

            let officer = try await client.token(Demo.officers[1])
            let roster = try await client.send(.get, "/api/v1/duty/roster?from=2026-12-01&through=2026-12-07", token: officer)
            #expect(try decode(DutyRosterJSON.self, roster).shifts.map(\.half) == ["afternoon"])
            expectError(
                try await client.send(.put, "/api/v1/duty/roster/2026-12-03/morning", token: officer, raw: planBody()),
                .forbidden,
                "auth.forbidden"
            )
        }
    }

    @Test("refusals name what to fix")
    func refusals() async throws {
        let clock = TestClock(Self.planned, tick: 0)
        try await withHall(clock: clock) { client in
            let admin = try await client.token(Demo.admin, at: Self.planned)
            let cases: [(String, String, HTTPResponse.Status, String)] = [
                ("/api/v1/duty/roster/2026-12-01/morning", planBody(), .conflict, "duty.slot-started"),
                ("/api/v1/duty/roster/2026-12-32/morning", planBody(), .badRequest, "duty.bad-slot"),
                ("/api/v1/duty/roster/2026-12-03/evening", planBody(), .badRequest, "duty.bad-slot"),
                ("/api/v1/duty/roster/2026-12-03/morning", planBody(leader: Demo.officers[0]), .unprocessableContent, "duty.not-a-duty-leader"),
                ("/api/v1/duty/roster/2026-12-03/morning", planBody(phone: "call me"), .unprocessableContent, "duty.bad-phone"),
                ("/api/v1/duty/roster/2026-12-03/morning", planBody(officers: [Demo.admin]), .unprocessableContent, "duty.does-not-serve"),
                ("/api/v1/duty/roster/2026-12-03/morning", planBody(officers: [Demo.dutyLeader]), .unprocessableContent, "duty.listed-twice"),
                ("/api/v1/duty/roster/2026-12-03/morning", planBody(officers: ["099999"]), .unprocessableContent, "duty.unknown-officer"),
                ("/api/v1/duty/roster/2026-12-03/morning", planBody(officers: ["12"]), .notFound, "officer.unknown"),
                ("/api/v1/duty/roster/2028-12-03/morning", planBody(), .unprocessableContent, "duty.too-far-ahead"),
            ]
            for (path, body, status, code) in cases {
                expectError(try await client.send(.put, path, token: admin, raw: body), status, code)
            }
            expectError(
                try await client.send(.get, "/api/v1/duty/roster?from=2026-12-01&through=2027-03-01", token: admin),
                .badRequest,
                "duty.bad-range"
            )
            expectError(try await client.send(.delete, "/api/v1/duty/roster/2026-12-05/morning", token: admin), .notFound, "duty.not-planned")
        }
    }

    @Test("leave refuses the roster and the roster refuses leave; cancelled leave frees the day")
    func leave() async throws {
        let clock = TestClock(Self.planned, tick: 0)
        try await withHall(clock: clock) { client in
            let admin = try await client.token(Demo.admin, at: Self.planned)
            let officer = Demo.officers[2]
            let away = try await client.send(
                .post,
                "/api/v1/duty/leave",
                token: admin,
                json: ["badge": officer, "from": "2026-12-03", "through": "2026-12-04", "reason": "年休假"]
            )
            #expect(away.status == .created, "\(text(away))")
            let id = try decode(DutyLeaveJSON.self, away).id
            expectError(
                try await client.send(.put, "/api/v1/duty/roster/2026-12-04/morning", token: admin, raw: planBody(officers: [officer])),
                .conflict,
                "duty.on-leave"
            )
            #expect(
                try await client.send(.put, "/api/v1/duty/roster/2026-12-07/morning", token: admin, raw: planBody(officers: [officer])).status == .ok
            )
            expectError(
                try await client.send(
                    .post,
                    "/api/v1/duty/leave",
                    token: admin,
                    json: ["badge": officer, "from": "2026-12-07", "through": "2026-12-07", "reason": "事假"]
                ),
                .conflict,
                "duty.rostered-during-leave"
            )
            let leader = try await client.token(Demo.dutyLeader)
            let list = try await client.send(.get, "/api/v1/duty/leave?from=2026-12-01&through=2026-12-31", token: leader)
            #expect(try decode(DutyLeaveListJSON.self, list).leave.map(\.id) == [id])
            #expect(try await client.send(.post, "/api/v1/duty/leave/\(id)/cancel", token: admin).status == .noContent)
            expectError(try await client.send(.post, "/api/v1/duty/leave/\(id)/cancel", token: admin), .notFound, "duty.unknown-leave")
            #expect(
                try await client.send(.put, "/api/v1/duty/roster/2026-12-04/morning", token: admin, raw: planBody(officers: [officer])).status == .ok
            )
            #expect(try await client.send(.delete, "/api/v1/duty/roster/2026-12-04/morning", token: admin).status == .noContent)
        }
    }
}

struct DutyPersonJSON: Decodable {
    let badge: String
    let name: String
    let phone: String
}

struct DutyShiftJSON: Decodable {
    let day: String
    let half: String
    let leader: DutyPersonJSON
    let officers: [DutyPersonJSON]
}

struct DutyRosterJSON: Decodable { let shifts: [DutyShiftJSON] }

struct DutyLeaderJSON: Decodable {
    let day: String
    let half: String
    let leader: DutyPersonJSON?
}

struct DutyLeaveJSON: Decodable { let id: String }
struct DutyLeaveListJSON: Decodable { let leave: [DutyLeaveJSON] }
