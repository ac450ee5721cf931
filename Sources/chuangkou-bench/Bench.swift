import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore

/// `swift run -c release chuangkou-bench --url http://127.0.0.1:8080 --clients 32 --seconds 10`
///
/// Two phases against one running server, with the same HTTP client, client count and durations:
///   1. `GET /healthz` — the no-op ceiling: what this client + the HTTP stack can do at most.
///   2. the ticket lifecycle — issue → call-next → start → finish.
/// Each phase warms up first (not counted), then measures for `--seconds`.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chuangkou-bench",
        abstract: "Drive whole ticket lifecycles against a running Chuangkou server and report throughput and latency."
    )

    @Option(help: "Base URL of the running server.")
    var url = "http://127.0.0.1:8080"

    @Option(help: "Concurrent clients; client k is bound to window k mod W.")
    var clients = 16

    @Option(help: "Measured seconds per phase.")
    var seconds = 10.0

    @Option(help: "Password shared by the demo officer accounts.")
    var password = "demo-pass"

    @Option(help: "Warm-up seconds before each phase's measurement (not counted).")
    var warmup = 2.0

    @Option(help: "Per-request timeout in seconds.")
    var timeout = 10.0

    @Option(
        help: "lifecycle (healthz, then ticket lifecycles), displays (event fan-out), ratings (citizens rating), results (/results) or desk."
    )
    var mode = "lifecycle"

    @Option(help: "displays mode: event-stream connections to open.")
    var displays = 2000

    @Option(help: "displays mode: calls to make, one at a time.")
    var calls = 30

    @Option(help: "displays mode: pause after each call, in milliseconds.")
    var callGapMs = 300

    @Option(help: "displays mode: the server's process id, to read its resident memory before and with the displays.")
    var serverPid: Int?

    @Option(help: "ratings mode: tickets served first (not measured), each rated once.")
    var pool = 5_000

    @Option(help: "ratings mode: one rating in this many is a bad review with a contact (0: none).")
    var badEvery = 25

    @Option(help: "desk mode: the supervisor who reads the desk.")
    var supervisor = "010300"

    @Option(help: "results and desk modes: the month to read, YYYY-MM.")
    var month = "2026-12"

    @Option(help: "lifecycle mode: more server processes on the same database (comma-separated URLs); client k uses node k mod N.")
    var nodes: String?

    @Option(help: "lifecycle mode: the PostgreSQL URL (with ?schema=) the nodes use; afterwards, check exactly-once there.")
    var checkDatabase: String?

    func validate() throws {
        guard clients >= 1 else { throw ValidationError("--clients must be at least 1") }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
        guard warmup >= 0 else { throw ValidationError("--warmup must not be negative") }
        guard timeout > 0, timeout < 60 else { throw ValidationError("--timeout must be in (0, 60) seconds") }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ValidationError("--url must start with http:// or https://")
        }
        guard ["lifecycle", "displays", "ratings", "results", "desk"].contains(mode) else {
            throw ValidationError("--mode is lifecycle, displays, ratings, results or desk")
        }
        guard (1...1_000_000).contains(pool), badEvery >= 0, month.count == 7 else {
            throw ValidationError("--pool 1…1000000, --bad-every ≥ 0, --month YYYY-MM")
        }
        guard (1...20_000).contains(displays), (1...10_000).contains(calls), (50...10_000).contains(callGapMs) else {
            throw ValidationError("--displays 1…20000, --calls 1…10000, --call-gap-ms 50…10000")
        }
    }

    func run() async throws {
        var http = HTTPClient.Configuration()
        // HTTP/1.1 keep-alive, one pooled connection per client (plus slack for setup), so the pool never
        // queues requests inside the tool and what we measure is the server.
        http.httpVersion = .http1Only
        http.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: clients + 4
        )
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)

        // Shut the client down on every path, including setup failures, then surface the outcome.
        let outcome: Result<Bool, any Error>
        do {
            outcome = .success(try await benchmark(client))
        } catch {
            outcome = .failure(error)
        }
        try await client.shutdown()
        guard try outcome.get() else { throw ExitCode.failure }
    }

    /// Returns false when not a single lifecycle completed (so scripts can tell a broken run).
    private func benchmark(_ client: HTTPClient) async throws -> Bool {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        let api = HallAPI(client: client, base: base, timeout: .milliseconds(Int64(timeout * 1000)))

        if mode == "results" {
            print("results phase: \(clients) clients, GET /results?month=\(month), \(warmup)s warm-up + \(seconds)s …")
            let outcome = await EvaluationLoad.readResults(month: month, clients: clients, seconds: seconds, warmup: warmup, api: api)
            print(EvaluationLoad.report("results", outcome, clients: clients))
            return outcome.done > 0
        }
        if mode == "desk" {
            // The supervisor's desk for the month of --month, every officer's row and the hall's in one reply.
            let token = try await Setup.login(api, badge: supervisor, password: password)
            let path = "/api/v1/supervision/desk?period=month&date=\(month)-15"
            print("desk phase: \(clients) clients, GET \(path), \(warmup)s warm-up + \(seconds)s …")
            let outcome = await EvaluationLoad.read(path, token: token, clients: clients, seconds: seconds, warmup: warmup, api: api)
            print(EvaluationLoad.report("desk", outcome, clients: clients))
            return outcome.done > 0
        }
        print("setting up against \(base) …")
        let desks = try await Setup.prepareDesks(api: api, password: password)
        for desk in desks {
            print("  window \(desk.window): officer \(desk.badge), businesses \(desk.businesses.joined(separator: ","))")
        }

        if mode == "ratings" {
            print("serving \(pool) tickets to rate (not measured) …")
            let tickets = try await EvaluationLoad.servedTickets(pool, desks: desks, api: api)
            print("ratings phase: \(clients) clients, \(tickets.count) tickets, at most \(seconds)s …")
            let outcome = await EvaluationLoad.rate(tickets, clients: clients, seconds: seconds, badEvery: badEvery, api: api)
            print(EvaluationLoad.report("ratings", outcome, clients: clients))
            return outcome.done > 0
        }
        if mode == "displays" {
            guard let endpoint = URLComponents(string: base), let host = endpoint.host, let desk = desks.first else {
                throw SetupError(description: "displays mode needs a host in --url and one staffed window")
            }
            print("displays phase: \(displays) connections, \(calls) calls at window \(desk.window) …")
            let result = try await DisplayLoad.run(
                api: api,
                desk: desk,
                host: host,
                port: endpoint.port ?? 80,
                displays: displays,
                calls: calls,
                gap: .milliseconds(callGapMs),
                serverPID: serverPid
            )
            print(DisplayLoad.report(result, displays: displays, calls: calls))
            return result.received > 0
        }

        let warm = Duration.milliseconds(Int64(warmup * 1000))
        let measure = Duration.milliseconds(Int64(seconds * 1000))

        print("healthz phase: \(clients) clients, \(warmup)s warm-up + \(seconds)s …")
        let healthz = await Phase.run(clients: clients, warmup: warm, measure: measure) { _, recorder in
            await Load.healthzClient(api: api, recorder: recorder)
        }

        var apis = [api]
        for node in (nodes ?? "").split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) where !node.isEmpty {
            apis.append(HallAPI(client: client, base: node.hasSuffix("/") ? String(node.dropLast()) : node, timeout: api.timeout))
        }
        let acknowledged = checkDatabase == nil ? nil : Acknowledged()
        print(
            "lifecycle phase: \(clients) clients on \(min(clients, desks.count)) windows, \(apis.count) node(s), \(warmup)s warm-up + \(seconds)s …"
        )
        let lifecycle = await Phase.run(clients: clients, warmup: warm, measure: measure) { [apis] k, recorder in
            await Load.lifecycleClient(k, desks: desks, api: apis[k % apis.count], recorder: recorder, acknowledged: acknowledged)
        }

        let report = Report(
            url: base,
            clients: clients,
            windows: min(clients, desks.count),
            warmupSeconds: warmup,
            measuredSeconds: seconds,
            lifecycle: lifecycle,
            healthz: healthz
        )
        print(report.table())
        print(report.summaryLine())
        if let url = checkDatabase, let acknowledged {
            let check = try await ExactlyOnce.check(url: url, acknowledged: acknowledged.all)
            let json = try JSONEncoder().encode(check)
            print("CHECK " + String(decoding: json, as: UTF8.self))
            guard check.holds else {
                print("exactly-once violated")
                return false
            }
        }
        return lifecycle.lifecycles > 0
    }
}
