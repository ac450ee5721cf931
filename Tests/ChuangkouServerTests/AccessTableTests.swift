import ChuangkouCore
import ChuangkouStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ChuangkouServer

/// The route × role table, walked in full: for every operation in the OpenAPI document and every kind of caller
/// (a visitor, each staff role, each device role), the table's answer is what the server does.
@Suite("Who may call what: the route × role table")
struct AccessTableTests {
    static let signOut = "POST /api/v1/auth/sign-out"

    /// A caller and the token it sends (nil for a visitor).
    struct Caller: Sendable {
        let name: String
        let token: String?
        let roles: Roles?
        let device: DeviceRole?
    }

    /// Signs in one person per staff role and issues one token per device role (desk officer and supervisor are
    /// created through the accounts API, and choose their own password first).
    static func callers(_ client: any TestClientProtocol) async throws -> [Caller] {
        let security = try await client.token(Demo.securityAdmin)
        let system = try await client.token(Demo.admin)
        var callers = [
            Caller(name: "visitor", token: nil, roles: nil, device: nil),
            Caller(name: "windowOfficer", token: try await client.token(Demo.officers[0]), roles: .only(.windowOfficer), device: nil),
            Caller(name: "dutyLeader", token: try await client.token(Demo.dutyLeader), roles: .only(.dutyLeader), device: nil),
            Caller(name: "systemAdmin", token: system, roles: .only(.systemAdmin), device: nil),
            Caller(name: "securityAdmin", token: security, roles: .only(.securityAdmin), device: nil),
            Caller(name: "auditAdmin", token: try await client.token(Demo.auditAdmin), roles: .only(.auditAdmin), device: nil),
        ]
        for (badge, role) in [("020001", StaffRole.deskOfficer), ("020002", .supervisor)] {
            let created = try await client.send(
                .post,
                "/api/v1/accounts",
                token: security,
                raw: #"{"badge":"\#(badge)","name":"测试","post":"测试","roles":["\#(role.rawValue)"],"password":"First-Pass-2026"}"#
            )
            guard created.status == .created else { throw UnexpectedResponse("create \(badge)", created) }
            let first = try await client.token(badge, password: "First-Pass-2026")
            let changed = try await client.send(
                .post,
                "/api/v1/account/password",
                token: first,
                raw: #"{"currentPassword":"First-Pass-2026","newPassword":"Second-Pass-2026"}"#
            )
            guard changed.status == .ok else { throw UnexpectedResponse("password of \(badge)", changed) }
            callers.append(Caller(name: role.rawValue, token: first, roles: .only(role), device: nil))
        }
        for role in DeviceRole.allCases {
            let issued = try await client.send(
                .post,
                "/api/v1/devices",
                token: system,
                // A rating pad is issued for a window: window 1, the one the walk's paths name.
                raw: #"{"id":"\#(role.rawValue)-1","role":"\#(role.rawValue)","name":"测试设备"\#(role == .ratingPad ? #","window":1"# : "")}"#
            )
            guard issued.status == .created else { throw UnexpectedResponse("device \(role)", issued) }
            let token = try #require(try jsonObject(issued)["token"] as? String)
            callers.append(Caller(name: role.rawValue, token: token, roles: nil, device: role))
        }
        return callers
    }

    /// A concrete path for a documented one: `{id}` a fresh UUID, `{number}` window 1, and so on.
    static func concrete(_ path: String) -> String {
        path.replacingOccurrences(of: "{id}", with: UUID().uuidString.lowercased())
            .replacingOccurrences(of: "{number}", with: "1").replacingOccurrences(of: "{badge}", with: "000000")
            .replacingOccurrences(of: "{code}", with: "id-card").replacingOccurrences(of: "{version}", with: "1")
            .replacingOccurrences(of: "{year}", with: "2026").replacingOccurrences(of: "{date}", with: "2026-02-12")
            .replacingOccurrences(of: "{position}", with: "1")
    }

    /// What the table says for a caller: nil when allowed, else the status it must refuse with.
    static func refusal(_ rule: AccessRule, _ caller: Caller, anonymousTickets: Bool) -> HTTPResponse.Status? {
        let open = rule.people.isEmpty && rule.devices.isEmpty && rule.visitors == .allowed
        if open { return nil }
        if let roles = caller.roles { return rule.allows(roles) ? nil : .forbidden }
        if let device = caller.device {
            let anonymous = rule.visitors == .whileAnonymousTicketsAllowed && anonymousTickets
            return rule.devices.contains(device) || anonymous ? nil : .forbidden
        }
        switch rule.visitors {
        case .allowed: return nil
        case .whileAnonymousTicketsAllowed: return anonymousTickets ? nil : .unauthorized
        case .refused: return .unauthorized
        }
    }

    @Test("405's Allow names the methods of the most literal match, as the router routes: /complaints/query is POST only")
    func allowPrefersLiteralSegments() {
        #expect(AccessTable.methods(for: "/api/v1/complaints/query") == [.post])
        #expect(AccessTable.methods(for: "/api/v1/complaints/0f6b7c1e-0000-0000-0000-000000000001").contains(.get))
        #expect(AccessTable.methods(for: "/api/v1/nowhere").isEmpty)
        #expect(AccessTable.rule(.get, "/api/v1/complaints/query") == nil, "a GET there is the router's 405")
    }

    @Test("the pattern tree finds, for every rule's path and method, the rule (and the Allow methods) a scan of the whole table finds")
    func lookupMatchesAFullScan() {
        // The scan the index replaced: every rule, the most literal path first, then the first with the method.
        func scanned(_ method: HTTPRequest.Method, _ path: String) -> String? {
            let segments = path.split(separator: "/")
            let matching = AccessTable.rules.filter { $0.matches($0.method, segments) }
            guard let most = matching.map(\.literalCount).max() else { return nil }
            return matching.first { $0.literalCount == most && $0.matches(method, segments) }.map { "\($0.method) \($0.pattern)" }
        }
        let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .patch]
        for rule in AccessTable.rules {
            for path in [rule.pattern, Self.concrete(rule.pattern), Self.concrete(rule.pattern) + "/extra"] {
                for method in methods {
                    #expect(AccessTable.rule(method, path).map { "\($0.method) \($0.pattern)" } == scanned(method, path), "\(method) \(path)")
                }
                let allowed = methods.filter { method in method != .head && scanned(method, path) != nil }
                #expect(Set(AccessTable.methods(for: path)) == Set(allowed), "\(path)")
            }
        }
        #expect(AccessTable.rule(.get, "/api/v1/nowhere/at/all") == nil && scanned(.get, "/api/v1/nowhere/at/all") == nil)
    }

    @Test("every operation in the OpenAPI document has a rule, and every API rule is a documented operation")
    func tableCoversDocument() async throws {
        let documented = try await withHall { client in Set(try OpenAPITests.operations(try await OpenAPITests.document(client)).keys) }
        for operation in documented {
            let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
            let rule = AccessTable.rule(HTTPRequest.Method(parts[0])!, parts[1])
            #expect(rule?.pattern == parts[1], "\(operation) is not in AccessTable")
        }
        let apiRules = Set(AccessTable.rules.filter { $0.pattern.hasPrefix("/api/") }.map { "\($0.method.rawValue) \($0.pattern)" })
        #expect(apiRules.subtracting(documented).isEmpty, "rules for undocumented routes: \(apiRules.subtracting(documented).sorted())")
    }

    @Test("every router route (API and pages) has a rule")
    func tableCoversRouter() async throws {
        let routes = try await OpenAPITests.allRegisteredRoutes()
        let missing = routes.filter { route in
            let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
            return AccessTable.rule(HTTPRequest.Method(parts[0])!, parts[1]) == nil
        }
        #expect(missing.isEmpty, "routes without a rule: \(missing.sorted())")
    }

    @Test("for every documented operation and every caller: allowed → neither 401 nor a role refusal, refused → 403 (401 for visitors)")
    func walk() async throws {
        try await withHall { client in
            let operations = try OpenAPITests.operations(try await OpenAPITests.document(client)).keys
                .filter { $0 != "GET /api/v1/events" }
                // Signing out ends the caller's session: walked last.
                .sorted { a, b in (a == Self.signOut ? 1 : 0, a) < (b == Self.signOut ? 1 : 0, b) }
            let callers = try await Self.callers(client)
            var checked = 0
            for operation in operations {
                let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
                let method = HTTPRequest.Method(parts[0])!
                let rule = try #require(AccessTable.rule(method, parts[1]))
                for caller in callers {
                    let body: String? = [.post, .put].contains(method) ? "{}" : nil
                    let response = try await client.send(method, Self.concrete(parts[1]), token: caller.token, raw: body)
                    let code = (try? decode(ErrorJSON.self, response))?.error.code
                    if let refusal = Self.refusal(rule, caller, anonymousTickets: true) {
                        #expect(response.status == refusal, "\(caller.name) \(operation): \(response.status.code) \(code ?? "")")
                        if refusal == .forbidden { #expect(code == "auth.forbidden", "\(caller.name) \(operation)") }
                    } else {
                        let roleRefusal = ["auth.required", "auth.forbidden", "auth.set-up-first", "case.role", "window.role"]
                        #expect(
                            response.status != .unauthorized && !(code.map(roleRefusal.contains) ?? false),
                            "\(caller.name) \(operation) allowed by the table, but: \(response.status.code) \(code ?? "")"
                        )
                    }
                    checked += 1
                }
            }
            #expect(checked >= operations.count * 10)
        }
    }

    @Test("the three administrator roles are never held together; a new account must choose its password before anything else")
    func separationAndSetUp() async throws {
        try await withHall { client in
            let security = try await client.token(Demo.securityAdmin)
            let combined = #"{"badge":"020010","name":"甲","post":"乙","roles":["systemAdmin","auditAdmin"],"password":"First-Pass-2026"}"#
            expectError(try await client.send(.post, "/api/v1/accounts", token: security, raw: combined), .badRequest, "account.admin-roles-combined")
            let weak = #"{"badge":"020010","name":"甲","post":"乙","roles":["windowOfficer"],"password":"password"}"#
            expectError(try await client.send(.post, "/api/v1/accounts", token: security, raw: weak), .badRequest, "account.weak-password")
            let good = #"{"badge":"020010","name":"甲","post":"乙","roles":["windowOfficer"],"windows":[3],"password":"First-Pass-2026"}"#
            #expect(try await client.send(.post, "/api/v1/accounts", token: security, raw: good).status == .created)
            let system = try await client.token(Demo.admin)
            expectError(try await client.send(.post, "/api/v1/accounts", token: system, raw: good), .forbidden, "auth.forbidden")

            let first = try decode(
                TokenJSON.self,
                try await client.send(.post, "/api/v1/auth/token", json: ["badge": "020010", "password": "First-Pass-2026"])
            )
            expectError(try await client.send(.post, "/api/v1/windows/3/sign-in", token: first.token), .forbidden, "auth.set-up-first")
            let reuse = #"{"currentPassword":"First-Pass-2026","newPassword":"First-Pass-2026"}"#
            expectError(
                try await client.send(.post, "/api/v1/account/password", token: first.token, raw: reuse),
                .badRequest,
                "account.weak-password"
            )
            let badgeInside = #"{"currentPassword":"First-Pass-2026","newPassword":"Pass-020010-x"}"#
            expectError(
                try await client.send(.post, "/api/v1/account/password", token: first.token, raw: badgeInside),
                .badRequest,
                "account.weak-password"
            )
            let change = #"{"currentPassword":"First-Pass-2026","newPassword":"Second-Pass-2026"}"#
            #expect(try await client.send(.post, "/api/v1/account/password", token: first.token, raw: change).status == .ok)
            #expect(try await client.send(.post, "/api/v1/windows/3/sign-in", token: first.token).status == .ok)

            // Disabled: the session ends at once and sign-in is refused like a wrong password.
            #expect(try await client.send(.post, "/api/v1/accounts/020010/disable", token: security).status == .ok)
            expectError(try await client.send(.post, "/api/v1/windows/3/pause", token: first.token), .unauthorized, "auth.required")
            expectError(
                try await client.send(.post, "/api/v1/auth/token", json: ["badge": "020010", "password": "Second-Pass-2026"]),
                .unauthorized,
                "auth.bad-credentials"
            )
            #expect(try await client.window(3).officer == nil, "disabling frees the window")
            #expect(try await client.send(.post, "/api/v1/accounts/020010/enable", token: security).status == .ok)
            _ = try await client.token("020010", password: "Second-Pass-2026")
            expectError(try await client.send(.post, "/api/v1/accounts/019901/disable", token: security), .conflict, "account.own")
        }
    }

    @Test("an administrator signs in only with a TOTP code, each code once; a revoked device token stops working")
    func secondFactorAndDevices() async throws {
        try await withHall { client in
            expectError(
                try await client.send(.post, "/api/v1/auth/token", json: ["badge": Demo.admin, "password": Demo.password]),
                .unauthorized,
                "auth.second-factor-required"
            )
            let codes = Demo.secondFactorCodes(at: Date())
            let body = ["badge": Demo.admin, "password": Demo.password, "code": codes[1]]
            let admin = try decode(TokenJSON.self, try await client.send(.post, "/api/v1/auth/token", json: body)).token
            expectError(try await client.send(.post, "/api/v1/auth/token", json: body), .unauthorized, "auth.second-factor-wrong")
            expectError(
                try await client.send(.post, "/api/v1/auth/token", json: ["badge": Demo.admin, "password": Demo.password, "code": "000000x"]),
                .unauthorized,
                "auth.second-factor-wrong"
            )
            let issued = try await client.send(.post, "/api/v1/devices", token: admin, raw: #"{"id":"kiosk-a","role":"kiosk","name":"一楼取号机"}"#)
            let token = try #require(try jsonObject(issued)["token"] as? String)
            #expect(try await client.send(.post, "/api/v1/tickets", token: token, raw: #"{"business":"id-card"}"#).status == .created)
            expectError(try await client.send(.post, "/api/v1/windows/1/call-next", token: token), .forbidden, "auth.forbidden")
            #expect(try await client.send(.post, "/api/v1/devices/kiosk-a/revoke", token: admin).status == .noContent)
            let after = try await client.send(.post, "/api/v1/windows/1/call-next", token: token)
            expectError(after, .unauthorized, "auth.required")
        }
    }

    @Test(
        "RFC 6238 appendix B test vectors (SHA-1, SHA-256, SHA-512, 8 digits)",
        arguments: [
            (59, "94287082", "46119246", "90693936"), (1_111_111_109, "07081804", "68084774", "25091201"),
            (1_111_111_111, "14050471", "67062674", "99943326"), (1_234_567_890, "89005924", "91819424", "93441116"),
            (2_000_000_000, "69279037", "90698825", "38618901"), (20_000_000_000, "65353130", "77737706", "47863826"),
        ] as [(Int64, String, String, String)]
    )
    func totpVectors(time: Int64, sha1: String, sha256: String, sha512: String) {
        let seed = Array("12345678901234567890".utf8)
        let step = time / 30
        #expect(TOTP(secret: seed, digits: 8).code(step: step) == sha1)
        #expect(TOTP(secret: Array("12345678901234567890123456789012".utf8), digits: 8, algorithm: .sha256).code(step: step) == sha256)
        #expect(
            TOTP(secret: Array("1234567890123456789012345678901234567890123456789012345678901234".utf8), digits: 8, algorithm: .sha512)
                .code(step: step) == sha512
        )
    }
}
