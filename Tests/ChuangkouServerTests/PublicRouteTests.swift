import ChuangkouCore
import ChuangkouStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Public read-only routes")
struct PublicRouteTests {
    @Test("GET /healthz answers 200 with status ok")
    func health() async throws {
        try await withHall { client in
            let response = try await client.send(.get, "/healthz")
            #expect(response.status == .ok)
            #expect(try jsonObject(response)["status"] as? String == "ok")
        }
    }

    @Test("GET /api/v1/businesses lists each business with code, name, prefix and today's waiting count")
    func businesses() async throws {
        try await withHall { client in
            let response = try await client.send(.get, "/api/v1/businesses")
            #expect(response.status == .ok)
            let raw = try #require(try jsonObject(response)["businesses"] as? [[String: Any]])
            for item in raw {
                for key in ["code", "name", "prefix", "waiting"] {
                    #expect(item[key] != nil, "business is missing \(key): \(item)")
                }
            }
            let list = try decode(BusinessesJSON.self, response).businesses
            let catalog = try CatalogFile.shipped()
            #expect(list.map(\.code) == catalog.map(\.code.value), "the shipped catalog, in prefix order")
            #expect(list.map(\.prefix) == ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K"])
            #expect(list.allSatisfy { $0.waiting == 0 })
            #expect(Set(list.map(\.prefix)).count == list.count, "prefixes are distinct")
        }
    }

    @Test("Waiting counts follow issuing and calling")
    func waitingCountsChange() async throws {
        try await withHall { client in
            _ = try await client.issue("id-card")
            _ = try await client.issue("id-card")
            _ = try await client.issue("seal-filing")
            var counts = Dictionary(uniqueKeysWithValues: try await client.businesses().map { ($0.code, $0.waiting) })
            #expect(counts.count == 10)
            #expect(counts.filter { $0.value > 0 } == ["id-card": 2, "seal-filing": 1])

            let token = try await client.openWindow(1, badge: Demo.officers[0])
            _ = try #require(try await client.callNext(1, token: token))
            counts = Dictionary(uniqueKeysWithValues: try await client.businesses().map { ($0.code, $0.waiting) })
            #expect(counts["id-card"] == 1)
            #expect(counts["seal-filing"] == 1)
        }
    }

    @Test("GET /api/v1/windows shows every window with officer and currentTicket as JSON null when empty")
    func windowsShape() async throws {
        try await withHall { client in
            let response = try await client.send(.get, "/api/v1/windows")
            #expect(response.status == .ok)
            let raw = try #require(try jsonObject(response)["windows"] as? [[String: Any]])
            #expect(raw.count == 6)
            for window in raw {
                for key in ["number", "status", "businesses", "officer", "currentTicket"] {
                    #expect(window.keys.contains(key), "window is missing \(key): \(window)")
                }
                #expect(window["officer"] is NSNull, "an empty window's officer is null")
                #expect(window["currentTicket"] is NSNull, "an empty window's current ticket is null")
            }
            let windows = try decode(WindowsJSON.self, response).windows
            #expect(windows.map(\.number) == [1, 2, 3, 4, 5, 6])
            #expect(windows.allSatisfy { $0.status == "closed" })
            #expect(Set(try #require(windows.first { $0.number == 4 }).businesses) == ["passport", "driving-licence"])
            // Every business code a window serves is a business the hall offers.
            let codes = Set(try await client.businesses().map(\.code))
            #expect(windows.allSatisfy { Set($0.businesses).isSubset(of: codes) })
        }
    }

    @Test("A window shows its officer's public card and its current ticket once in use")
    func windowsInUse() async throws {
        try await withHall { client in
            let ticket = try await client.issue("id-card")
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            _ = try await client.callNext(1, token: token)
            let window = try await client.window(1)
            #expect(window.status == "open")
            #expect(window.officer?.badge == Demo.officers[0])
            #expect(window.officer?.name.isEmpty == false)
            #expect(window.officer?.post.isEmpty == false)
            #expect(window.currentTicket?.id == ticket.id)
            #expect(window.currentTicket?.status == "called")
        }
    }

    @Test("GET /api/v1/officers lists the accounts' public cards without secrets")
    func officers() async throws {
        try await withHall { client in
            let response = try await client.send(.get, "/api/v1/officers")
            #expect(response.status == .ok)
            let officers = try decode(OfficersJSON.self, response).officers
            let badges = Set(officers.map(\.badge))
            #expect(badges.isSuperset(of: Set(Demo.officers + [Demo.dutyLeader, Demo.admin])))
            #expect(officers.first { $0.badge == Demo.admin }?.role == "admin")
            #expect(officers.first { $0.badge == Demo.dutyLeader }?.role == "dutyLeader")
            let body = text(response)
            #expect(!body.contains("password"))
            #expect(!body.contains("$2"), "no bcrypt hash in the public list")
        }
    }

    @Test("GET /api/v1/calls/latest is empty at first, then lists today's calls newest first")
    func latestCalls() async throws {
        let clock = TestClock()
        try await withHall(clock: clock) { client in
            let empty = try await client.send(.get, "/api/v1/calls/latest")
            #expect(empty.status == .ok)
            #expect(try decode(CallsJSON.self, empty).calls.isEmpty)

            _ = try await client.issue("id-card")
            clock.advance(seconds: 1)
            _ = try await client.issue("id-card")
            let one = try await client.openWindow(1, badge: Demo.officers[0])
            let two = try await client.openWindow(2, badge: Demo.officers[1])
            clock.advance(seconds: 1)
            let first = try #require(try await client.callNext(1, token: one))
            clock.advance(seconds: 1)
            let second = try #require(try await client.callNext(2, token: two))
            #expect([first.number, second.number] == ["A001", "A002"])
            let calls = try decode(CallsJSON.self, try await client.send(.get, "/api/v1/calls/latest")).calls
            #expect(calls.map(\.id) == [second.id, first.id])
            #expect(calls.map(\.window) == [2, 1])
        }
    }

    @Test("An unknown path under /api/v1 answers 404 (not-found); a known path with another method, TRACE included, 405 with Allow")
    func unknownAPIPath() async throws {
        try await withHall { client in
            expectError(try await client.send(.get, "/api/v1/nope"), .notFound, "not-found")
            let delete = try await client.send(.delete, "/api/v1/tickets")
            expectError(delete, .methodNotAllowed, "request.method-not-allowed")
            #expect(delete.headers[.allow] == "POST")
            let trace = try await client.send(.trace, "/api/v1/windows")
            expectError(trace, .methodNotAllowed, "request.method-not-allowed")
            #expect(trace.headers[.allow] == "GET, HEAD")
            #expect(try await client.send(.trace, "/kiosk").status == .methodNotAllowed)
        }
    }
}
