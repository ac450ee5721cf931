import ChuangkouStore
import ChuangkouTestSupport
import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import ChuangkouServer

@Suite("The OpenAPI document matches the server")
struct OpenAPITests {
    /// The document as the server serves it.
    static func document(_ client: any TestClientProtocol) async throws -> [String: Any] {
        let response = try await client.send(.get, "/openapi.json")
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        return try jsonObject(response)
    }

    /// Every documented operation under /api/v1 as "METHOD /path", with its documented response statuses.
    static func operations(_ document: [String: Any]) throws -> [String: Set<Int>] {
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var result: [String: Set<Int>] = [:]
        for (path, item) in paths where path.hasPrefix("/api/v1/") {
            for (method, operation) in item {
                guard ["get", "put", "post", "delete", "patch", "head", "options"].contains(method) else { continue }
                let responses = ((operation as? [String: Any])?["responses"] as? [String: Any]) ?? [:]
                result["\(method.uppercased()) \(path)"] = Set(responses.keys.compactMap { Int($0) })
            }
        }
        return result
    }

    /// The routes the server registers under /api/v1, read from the router `buildApplication` builds
    /// (`buildRouter`, reached with `@testable`: the built application only exposes its responder, which cannot list routes).
    static func registeredRoutes() async throws -> Set<String> {
        try await allRegisteredRoutes().filter { $0.contains(" /api/v1/") }
    }

    /// Every route the router registers, API and pages, as "METHOD /path".
    static func allRegisteredRoutes() async throws -> Set<String> {
        let logger = Logger(label: "openapi-test")
        let database = try await Database.open(try await TestDatabase.freshLocation(), logger: logger)
        do {
            let settings = AppSettings(reader: ConfigReader(provider: InMemoryProvider(values: [:])))
            let services = HallServices(
                hall: DemoHall.hall,
                database: database,
                events: EventRelay(log: HallEventLog(database: database), pollInterval: .seconds(1), logger: logger),
                settings: settings,
                now: { Date() },
                sealer: DataSealer(base64: DataSealer.newKeyText())!
            )
            let router = try await buildRouter(services: services, metrics: nil)
            await database.close()
            return Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
        } catch {
            await database.close()
            throw error
        }
    }

    @Test("GET /openapi.json is a JSON OpenAPI 3.1 document")
    func servesDocument() async throws {
        try await withHall { client in
            let document = try await Self.document(client)
            let version = try #require(document["openapi"] as? String)
            #expect(version.hasPrefix("3.1"))
            #expect((document["info"] as? [String: Any])?["title"] != nil)
            #expect(try !Self.operations(document).isEmpty)
        }
    }

    @Test("The documented operations under /api/v1 are exactly the router's routes under /api/v1")
    func documentedEqualsRouted() async throws {
        let documented = try await withHall { client in Set(try Self.operations(try await Self.document(client)).keys) }
        let routed = try await Self.registeredRoutes()
        #expect(routed.count > 10, "the router lists its routes: \(routed)")
        let undocumented = routed.subtracting(documented).sorted()
        let unrouted = documented.subtracting(routed).sorted()
        #expect(undocumented.isEmpty, "routes missing from openapi.json: \(undocumented)")
        #expect(unrouted.isEmpty, "documented operations the router does not have: \(unrouted)")
    }

    @Test("Every documented operation (but the endless event stream) answers with one of its documented statuses, never a bare 404")
    func documentedOperationsAnswer() async throws {
        try await withHall { client in
            let operations = try Self.operations(try await Self.document(client))
            let ticket = try await client.issue("id-card")
            for (operation, statuses) in operations.sorted(by: { $0.key < $1.key }) where operation != "GET /api/v1/events" {
                let parts = operation.split(separator: " ", maxSplits: 1)
                let method = try #require(HTTPRequest.Method(String(parts[0])))
                let uri = parts[1].replacingOccurrences(of: "{id}", with: ticket.id).replacingOccurrences(of: "{number}", with: "1")
                // A fresh session per operation, so sign-out does not end the next one's.
                let token = try await client.token(Demo.officers[0])
                let response = try await client.send(method, uri, token: token, raw: method == .post ? "{}" : nil)
                #expect(
                    statuses.contains(Int(response.status.code)),
                    "\(operation) answered \(response.status.code), documented \(statuses.sorted()): \(text(response))"
                )
                if response.status == .notFound {
                    let code = try? decode(ErrorJSON.self, response).error.code
                    #expect(code != nil && code != "not-found", "\(operation) is not routed: \(text(response))")
                }
            }
        }
    }

    @Test("Every operation with a path parameter documents 400: control characters in a path are refused before routing")
    func pathParametersDocumentMalformedPath() async throws {
        let operations = try await withHall { client in try Self.operations(try await Self.document(client)) }
        let undocumented = operations.filter { $0.key.contains("{") && !$0.value.contains(400) }.keys.sorted()
        #expect(undocumented.isEmpty, "operations that can answer request.control-characters without documenting 400: \(undocumented)")
        try await withHall { client in
            let token = try await client.token(Demo.officers[0])
            let response = try await client.send(.get, "/api/v1/windows/%08/handovers", token: token)
            #expect(response.status == .badRequest)
            #expect(try decode(ErrorJSON.self, response).error.code == "request.control-characters")
        }
    }

    @Test("Ticket, Window and Business responses carry exactly the documented properties, required ones included")
    func schemasMatchResponses() async throws {
        try await withHall { client in
            let document = try await Self.document(client)
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            func check(_ name: String, _ object: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) throws {
                let schema = try #require(schemas[name], sourceLocation: sourceLocation)
                let properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
                let required = Set(schema["required"] as? [String] ?? [])
                let keys = Set(object.keys)
                #expect(required.isSubset(of: keys), "\(name) lacks required \(required.subtracting(keys).sorted())", sourceLocation: sourceLocation)
                #expect(
                    keys.isSubset(of: properties),
                    "\(name) has undocumented \(keys.subtracting(properties).sorted())",
                    sourceLocation: sourceLocation
                )
            }
            let issued = try jsonObject(try await client.send(.post, "/api/v1/tickets", json: ["business": "id-card"]))
            try check("Ticket", issued)
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            _ = try await client.callNext(1, token: token)
            let windows = try #require(try jsonObject(try await client.send(.get, "/api/v1/windows"))["windows"] as? [[String: Any]])
            for window in windows { try check("Window", window) }
            let current = try #require(windows.first?["currentTicket"] as? [String: Any])
            try check("Ticket", current)
            let businesses = try #require(try jsonObject(try await client.send(.get, "/api/v1/businesses"))["businesses"] as? [[String: Any]])
            for business in businesses { try check("Business", business) }
            let officers = try #require(try jsonObject(try await client.send(.get, "/api/v1/officers"))["officers"] as? [[String: Any]])
            for officer in officers { try check("Officer", officer) }
            let error = try jsonObject(try await client.send(.get, "/api/v1/tickets/garbage"))
            try check("Error", error)
        }
    }

    @Test("Every green-channel reason the document lists is accepted by the server")
    func greenChannelEnum() async throws {
        try await withHall { client in
            let document = try await Self.document(client)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let post = try #require(paths["/api/v1/tickets"]?["post"] as? [String: Any])
            let schema = try #require(
                (((post["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                    as? [String: Any]
            )
            let green = try #require((schema["properties"] as? [String: Any])?["greenChannel"] as? [String: Any])
            let reasons = (green["enum"] as? [Any] ?? []).compactMap { $0 as? String }
            #expect(!reasons.isEmpty)
            for reason in reasons {
                #expect(try await client.issue("id-card", green: reason).greenChannel == reason)
            }
        }
    }
}
