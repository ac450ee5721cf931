import ChuangkouCore
import ChuangkouServer
import ChuangkouStore
import ChuangkouTestSupport
import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing

// Shared by every HTTP test: a fresh hall per test (its own database), a movable clock, request helpers and
// the JSON shapes the API promises, decoded independently of the server's own types.

/// The demo hall's accounts, as `DemoHall` loads them, and the password the tests configure.
enum Demo {
    static let password = "test-pass"
    /// Window officers 010231…010236; `officers[i]` works window `i + 1` in the tests.
    static let officers = ["010231", "010232", "010233", "010234", "010235", "010236"]
    static let dutyLeader = "010100"
    /// The three separated administrators; they sign in with a TOTP code from `secondFactorSecret`.
    static let admin = "019900"
    static let securityAdmin = "019901"
    static let auditAdmin = "019902"
    static let administrators: Set<String> = [admin, securityAdmin, auditAdmin]
    static let secondFactorSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

    /// The administrators' codes around `date`, oldest first (a code is accepted once, for its step or one either side).
    static func secondFactorCodes(at date: Date) -> [String] {
        let totp = TOTP(secret: Base32.decode(secondFactorSecret)!)
        let step = totp.step(at: date)
        return [step - 1, step, step + 1].map { totp.code(step: $0) }
    }
}

/// A clock the test sets and moves; the server reads it through `buildApplication(now:)`.
///
/// Each reading moves it on by `tick` (1 ms unless frozen with 0), so two tickets issued one after the other never
/// share an instant and their calling order is the issuing order.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    private let tick: TimeInterval

    init(_ start: Date = Date(), tick: TimeInterval = 0.001) {
        current = Mutex(start)
        self.tick = tick
    }

    var now: Date {
        current.withLock { date in
            defer { date = date.addingTimeInterval(tick) }
            return date
        }
    }

    func set(_ date: Date) {
        current.withLock { $0 = date }
    }

    func advance(seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// An instant given as wall-clock time in the hall's zone, Asia/Shanghai.
    static func shanghai(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
    }
}

/// Real time, but never the same instant twice (the store keeps milliseconds), so back-to-back tickets keep their order.
final class RealClock: Sendable {
    private let last = Mutex(Date.distantPast)

    var now: Date {
        last.withLock { last in
            last = max(Date(), last.addingTimeInterval(0.001))
            return last
        }
    }
}

/// Builds the whole server on a fresh database, exactly as `chuangkou serve` does, with fast bcrypt and event polling.
/// `port` fixes the listening port (on 127.0.0.1) for tests that run the application themselves.
func makeHallApp(
    clock: TestClock? = nil,
    port: Int? = nil,
    database: DatabaseLocation? = nil,
    settings extra: [AbsoluteConfigKey: ConfigValue] = [:],
    announce: @escaping @Sendable (String) -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let chosen = if let database { database } else { try await TestDatabase.freshLocation() }
    let location: String =
        switch chosen {
        case .sqlite(let path): path
        case .postgres(let url): url
        }
    var values: [AbsoluteConfigKey: ConfigValue] = [
        "chuangkou.database": .init(.string(location), isSecret: false),
        "chuangkou.demo.password": .init(.string(Demo.password), isSecret: false),
        "chuangkou.demo.totp-secret": .init(.string(Demo.secondFactorSecret), isSecret: false),
        "chuangkou.bcrypt.cost": .init(.int(4), isSecret: false),
        "chuangkou.events.poll-ms": .init(.int(20), isSecret: false),
        // The suite issues hundreds of tickets from one address within a minute; the limit has its own test.
        "chuangkou.tickets.per-minute-per-address": .init(.int(1_000_000), isSecret: false),
        // Sixty-odd empty days rolled at each test hall's start would only slow the suite; DeskRollupServiceTests run it.
        "chuangkou.supervision.rollup-days": .init(.int(0), isSecret: false),
    ]
    if let port {
        values["http.host"] = .init(.string("127.0.0.1"), isSecret: false)
        values["http.port"] = .init(.int(port), isSecret: false)
    }
    values.merge(extra) { _, new in new }
    let reader = ConfigReader(provider: InMemoryProvider(values: values))
    var logger = Logger(label: "chuangkou-test")
    logger.logLevel = .error
    let settings = AppSettings(reader: reader)
    guard let clock else {
        let real = RealClock()
        return try await buildApplication(settings: settings, logger: logger, now: { real.now }, announce: announce)
    }
    return try await buildApplication(settings: settings, logger: logger, now: { clock.now }, announce: announce)
}

/// Runs `body` against a fresh hall. `.router` sends requests straight to the router; `.live` opens a real socket.
/// `database` gives the hall a location the test also opens itself, to read what no route shows.
func withHall<Value: Sendable>(
    clock: TestClock? = nil,
    database: DatabaseLocation? = nil,
    _ setup: TestingSetup = .router,
    _ body: @Sendable (any TestClientProtocol) async throws -> Value
) async throws -> Value {
    try await HallPermits.shared.withPermit {
        let app = try await describingErrors { try await makeHallApp(clock: clock, database: database) }
        return try await app.test(setup, body)
    }
}

/// Limits how many halls run at once. Each hall on PostgreSQL has a pool of up to 16 connections, and the
/// server allows 100 in all: started together, the suite's halls would be refused connections.
actor HallPermits {
    static let shared = HallPermits(TestDatabase.postgresURL == nil ? 8 : 3)

    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ limit: Int) {
        available = limit
    }

    func withPermit<Value: Sendable>(_ body: () async throws -> Value) async throws -> Value {
        await acquire()
        do {
            let value = try await body()
            release()
            return value
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

// MARK: - The API's JSON, as a client sees it

struct TicketJSON: Decodable, Sendable, Equatable {
    let id: String
    let number: String
    let business: String
    let status: String
    let position: Int?
    let estimatedWaitMinutes: Int?
    let window: Int?
    let greenChannel: String?
    let greenChannelCheck: String?
    let issuedAt: Date
    let calledAt: Date?
    let recalls: Int
    let outOfOrder: Bool
    let officer: String?

    /// The sequence after the prefix: 7 for A007.
    var sequence: Int { Int(number.dropFirst()) ?? -1 }
    var prefix: String { String(number.prefix(1)) }
}

struct OfficerJSON: Decodable, Sendable, Equatable {
    let badge: String
    let name: String
    let role: String
    let post: String
}

struct WindowJSON: Decodable, Sendable {
    let number: Int
    let status: String
    let businesses: [String]
    let officer: OfficerJSON?
    let currentTicket: TicketJSON?
}

struct WindowsJSON: Decodable, Sendable {
    let windows: [WindowJSON]
}

struct BusinessJSON: Decodable, Sendable {
    let code: String
    let name: String
    let nameEnglish: String
    let prefix: String
    let waiting: Int
}

struct BusinessesJSON: Decodable, Sendable {
    let businesses: [BusinessJSON]
}

struct OfficersJSON: Decodable, Sendable {
    let officers: [OfficerJSON]
}

struct CallsJSON: Decodable, Sendable {
    let calls: [TicketJSON]
}

struct QueueJSON: Decodable, Sendable {
    let window: WindowJSON
    let waiting: [TicketJSON]
}

struct HistoryJSON: Decodable, Sendable {
    struct Item: Decodable, Sendable {
        let action: String
        let from: String
        let to: String
        let officer: String?
        let window: Int?
        let at: Date
        let detail: String?
    }
    let events: [Item]
}

struct TokenJSON: Decodable, Sendable {
    let token: String
    let officer: OfficerJSON
}

struct ErrorJSON: Decodable, Sendable {
    struct Detail: Decodable, Sendable {
        let code: String
        let message: String
        let messageEnglish: String
    }
    let error: Detail
}

/// The response body as text.
func text(_ response: TestResponse) -> String {
    String(buffer: response.body)
}

/// Decodes a JSON response body the way the server encodes it (ISO 8601 dates).
func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(T.self, from: Data(response.body.readableBytesView))
}

/// The body as an untyped JSON object, to check which keys are present (and which are `null`).
func jsonObject(_ response: TestResponse) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
}

/// Checks an API refusal: the status, a JSON content type and the stable `error.code`.
func expectError(
    _ response: TestResponse,
    _ status: HTTPResponse.Status,
    _ code: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        response.status == status,
        "expected \(status.code) \(code), got \(response.status.code): \(text(response))",
        sourceLocation: sourceLocation
    )
    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
    let body = try? decode(ErrorJSON.self, response)
    #expect(body?.error.code == code, "body: \(text(response))", sourceLocation: sourceLocation)
}

struct SetUpFailed: Error, CustomStringConvertible {
    let description: String
}

/// Runs set-up code, rethrowing any error with its full description (PostgresNIO hides the server's message otherwise).
func describingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw SetUpFailed(description: "could not build the hall: \(String(reflecting: error))")
    }
}

/// A failure with a readable message, for `#require` paths that need to stop the test.
struct UnexpectedResponse: Error, CustomStringConvertible {
    let description: String
    init(_ what: String, _ response: TestResponse) {
        description = "\(what): \(response.status.code) \(text(response))"
    }
}

// MARK: - Requests

extension TestClientProtocol {
    /// Sends a request with an optional bearer token and an optional raw JSON body.
    func send(
        _ method: HTTPRequest.Method,
        _ uri: String,
        token: String? = nil,
        raw: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let raw {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: raw)
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body)
    }

    /// Sends a JSON object built from `json`.
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: [String: String]) async throws -> TestResponse {
        let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        return try await send(method, uri, token: token, raw: String(decoding: data, as: UTF8.self))
    }

    /// Signs an officer in through `POST /api/v1/auth/token` and returns the bearer token. Administrators also send
    /// a TOTP code for the server's time `at` (now unless the test moved the clock), trying the codes of the steps
    /// around it in turn, since each is accepted only once.
    func token(_ badge: String, password: String = Demo.password, at date: Date? = nil) async throws -> String {
        guard Demo.administrators.contains(badge) else {
            let response = try await send(.post, "/api/v1/auth/token", json: ["badge": badge, "password": password])
            guard response.status == .ok else { throw UnexpectedResponse("sign-in of \(badge)", response) }
            return try decode(TokenJSON.self, response).token
        }
        var last: TestResponse?
        for code in Demo.secondFactorCodes(at: date ?? Date()) {
            let response = try await send(.post, "/api/v1/auth/token", json: ["badge": badge, "password": password, "code": code])
            if response.status == .ok { return try decode(TokenJSON.self, response).token }
            last = response
        }
        throw UnexpectedResponse("sign-in of \(badge)", last!)
    }

    /// Signs `badge` in and seats them at `window`; returns their token.
    func openWindow(_ window: Int, badge: String) async throws -> String {
        let token = try await token(badge)
        let response = try await send(.post, "/api/v1/windows/\(window)/sign-in", token: token)
        guard response.status == .ok else { throw UnexpectedResponse("window \(window) sign-in of \(badge)", response) }
        return token
    }

    /// Takes a ticket as a citizen's phone does (no kiosk token, no officer): a green channel is then declared.
    func issue(_ business: String, green: String? = nil) async throws -> TicketJSON {
        var body = ["business": business]
        if let green { body["greenChannel"] = green }
        let response = try await send(.post, "/api/v1/tickets", json: body)
        guard response.status == .created else { throw UnexpectedResponse("issue \(business)", response) }
        return try decode(TicketJSON.self, response)
    }

    /// Calls the next ticket to a window: the ticket on 200, nil on 204, an error otherwise.
    func callNext(_ window: Int, token: String) async throws -> TicketJSON? {
        let response = try await send(.post, "/api/v1/windows/\(window)/call-next", token: token)
        switch response.status {
        case .ok: return try decode(TicketJSON.self, response)
        case .noContent: return nil
        default: throw UnexpectedResponse("call-next at window \(window)", response)
        }
    }

    /// Calls, starts and finishes tickets at a window until call-next answers 204; returns them in calling order.
    /// A declared green channel is confirmed first, as the officer would.
    func drainWindow(_ window: Int, token: String) async throws -> [TicketJSON] {
        var called: [TicketJSON] = []
        while let ticket = try await callNext(window, token: token) {
            called.append(ticket)
            if ticket.greenChannelCheck == "declared" { try await perform("green-channel/confirm", ticket.id, token: token) }
            try await perform("start", ticket.id, token: token)
            try await perform("finish", ticket.id, token: token)
        }
        return called
    }

    /// `POST /api/v1/tickets/{id}/{action}` (start, finish, recall, no-show, cancel).
    func act(_ action: String, _ ticket: String, token: String) async throws -> TestResponse {
        try await send(.post, "/api/v1/tickets/\(ticket)/\(action)", token: token)
    }

    /// Like `act`, but the action must succeed; returns the ticket afterwards.
    @discardableResult
    func perform(_ action: String, _ ticket: String, token: String) async throws -> TicketJSON {
        let response = try await act(action, ticket, token: token)
        guard response.status == .ok else { throw UnexpectedResponse("\(action) of \(ticket)", response) }
        return try decode(TicketJSON.self, response)
    }

    func ticket(_ id: String) async throws -> TicketJSON {
        let response = try await send(.get, "/api/v1/tickets/\(id)")
        guard response.status == .ok else { throw UnexpectedResponse("ticket \(id)", response) }
        return try decode(TicketJSON.self, response)
    }

    func windows() async throws -> [WindowJSON] {
        try decode(WindowsJSON.self, try await send(.get, "/api/v1/windows")).windows
    }

    func window(_ number: Int) async throws -> WindowJSON {
        try #require(try await windows().first { $0.number == number })
    }

    func businesses() async throws -> [BusinessJSON] {
        try decode(BusinessesJSON.self, try await send(.get, "/api/v1/businesses")).businesses
    }

    func queue(_ window: Int) async throws -> QueueJSON {
        let response = try await send(.get, "/api/v1/windows/\(window)/queue")
        guard response.status == .ok else { throw UnexpectedResponse("queue of window \(window)", response) }
        return try decode(QueueJSON.self, response)
    }

    func history(_ ticket: String, token: String) async throws -> [HistoryJSON.Item] {
        let response = try await send(.get, "/api/v1/tickets/\(ticket)/history", token: token)
        guard response.status == .ok else { throw UnexpectedResponse("history of \(ticket)", response) }
        return try decode(HistoryJSON.self, response).events
    }
}
