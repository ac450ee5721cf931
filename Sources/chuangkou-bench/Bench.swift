import ArgumentParser
import AsyncHTTPClient
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

    func validate() throws {
        guard clients >= 1 else { throw ValidationError("--clients must be at least 1") }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
        guard warmup >= 0 else { throw ValidationError("--warmup must not be negative") }
        guard timeout > 0, timeout < 60 else { throw ValidationError("--timeout must be in (0, 60) seconds") }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ValidationError("--url must start with http:// or https://")
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

        print("setting up against \(base) …")
        let desks = try await Setup.prepareDesks(api: api, password: password)
        for desk in desks {
            print("  window \(desk.window): officer \(desk.badge), businesses \(desk.businesses.joined(separator: ","))")
        }

        let warm = Duration.milliseconds(Int64(warmup * 1000))
        let measure = Duration.milliseconds(Int64(seconds * 1000))

        print("healthz phase: \(clients) clients, \(warmup)s warm-up + \(seconds)s …")
        let healthz = await Phase.run(clients: clients, warmup: warm, measure: measure) { _, recorder in
            await Load.healthzClient(api: api, recorder: recorder)
        }

        print("lifecycle phase: \(clients) clients on \(min(clients, desks.count)) windows, \(warmup)s warm-up + \(seconds)s …")
        let lifecycle = await Phase.run(clients: clients, warmup: warm, measure: measure) { k, recorder in
            await Load.lifecycleClient(k, desks: desks, api: api, recorder: recorder)
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
        return lifecycle.lifecycles > 0
    }
}
