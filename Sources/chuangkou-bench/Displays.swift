import Foundation
import Histogram
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// `--mode displays`: opens many display connections on `GET /api/v1/events`, then calls tickets one at a time at
/// one window and timestamps when each connection receives each call.
///
/// A call's latency on one display is from just before its `call-next` request is sent to the arrival of the
/// `event: call` message on that display's socket. Calls are spaced (`--call-gap-ms`) so that the n-th call message a
/// display receives is the n-th call made.
enum DisplayLoad {
    struct Result {
        var connected = 0
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        /// Call messages expected (connections × calls) and received.
        var expected = 0
        var received = 0
        var rssBeforeKB: Int?
        var rssAfterKB: Int?
    }

    /// Arrival times of `event: call` messages, per connection, in the order received.
    final class Arrivals: Sendable {
        private let times: Mutex<[[ContinuousClock.Instant]]>
        init(connections: Int) { times = Mutex(Array(repeating: [], count: connections)) }
        func record(_ connection: Int, _ instant: ContinuousClock.Instant) { times.withLock { $0[connection].append(instant) } }
        var all: [[ContinuousClock.Instant]] { times.withLock { $0 } }
        var connectedCount: Int { connected.withLock { $0 } }
        private let connected = Mutex(0)
        func noteConnected() { connected.withLock { $0 += 1 } }
    }

    /// Counts `event: call` lines in one connection's bytes (the pattern may straddle two reads).
    final class CallWatcher: ChannelInboundHandler, @unchecked Sendable {
        // @unchecked: touched only on the channel's event loop.
        typealias InboundIn = ByteBuffer
        private static let pattern = Array("event: call\n".utf8)
        private static let connectedMark = Array(": connected".utf8)
        private let index: Int
        private let arrivals: Arrivals
        private var tail: [UInt8] = []
        private var connected = false

        init(index: Int, arrivals: Arrivals) {
            self.index = index
            self.arrivals = arrivals
        }

        func channelActive(context: ChannelHandlerContext) {
            let request = "GET /api/v1/events HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n"
            context.writeAndFlush(NIOAny(ByteBuffer(string: request)), promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let now = ContinuousClock.now
            let buffer = unwrapInboundIn(data)
            let bytes = tail + Array(buffer.readableBytesView)
            if !connected, bytes.firstRange(of: Self.connectedMark) != nil {
                connected = true
                arrivals.noteConnected()
            }
            var searchFrom = bytes.startIndex
            while let found = bytes[searchFrom...].firstRange(of: Self.pattern) {
                arrivals.record(index, now)
                searchFrom = found.upperBound
            }
            tail = Array(bytes[max(searchFrom, bytes.count - Self.pattern.count + 1)...])
        }
    }

    static func run(
        api: HallAPI,
        desk: Desk,
        host: String,
        port: Int,
        displays: Int,
        calls: Int,
        gap: Duration,
        serverPID: Int?
    ) async throws -> Result {
        var result = Result()
        result.rssBeforeKB = serverPID.flatMap(rssKB)
        let arrivals = Arrivals(connections: displays)
        let group = MultiThreadedEventLoopGroup.singleton
        var channels: [any Channel] = []
        // Opened a few at a time, so the server's accept queue is not the thing measured.
        for index in 0..<displays {
            let channel = try await ClientBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(CallWatcher(index: index, arrivals: arrivals))
                    }
                }
                .connect(host: host, port: port).get()
            channels.append(channel)
            if index % 100 == 99 { try await Task.sleep(for: .milliseconds(20)) }
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while arrivals.connectedCount < displays, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        result.connected = arrivals.connectedCount
        print("  \(result.connected) of \(displays) displays connected")
        try await Task.sleep(for: .milliseconds(500))
        result.rssAfterKB = serverPID.flatMap(rssKB)

        var sent: [ContinuousClock.Instant] = []
        for _ in 0..<calls {
            let issued = try await api.send(.POST, "/api/v1/tickets", token: desk.token, body: desk.issueBodies[0])
            guard issued.status == 201 else { throw SetupError(description: "issue: HTTP \(issued.status) \(issued.excerpt)") }
            let started = ContinuousClock.now
            let called = try await api.send(.POST, "/api/v1/windows/\(desk.window)/call-next", token: desk.token)
            guard called.status == 200, let ticket = try? called.decode(TicketRef.self) else {
                throw SetupError(description: "call-next: HTTP \(called.status) \(called.excerpt)")
            }
            sent.append(started)
            try await Task.sleep(for: gap)
            _ = try await api.send(.POST, "/api/v1/tickets/\(ticket.id)/start", token: desk.token)
            _ = try await api.send(.POST, "/api/v1/tickets/\(ticket.id)/finish", token: desk.token)
        }
        try await Task.sleep(for: .seconds(1))
        for channel in channels { try? await channel.close() }

        result.expected = result.connected * calls
        for times in arrivals.all {
            for (n, arrived) in times.prefix(sent.count).enumerated() {
                let (seconds, atto) = sent[n].duration(to: arrived).components
                result.histogram.record(UInt64(max(0, seconds)) * 1_000_000 + UInt64(max(0, atto) / 1_000_000_000_000))
                result.received += 1
            }
        }
        return result
    }

    /// The server's resident memory in KB, from `/proc/<pid>/status`.
    static func rssKB(_ pid: Int) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    static func report(_ r: Result, displays: Int, calls: Int) -> String {
        let h = r.histogram
        func ms(_ us: UInt64) -> String { String(format: "%.1f", Double(us) / 1000) }
        var lines = [
            "",
            "displays \(displays) (connected \(r.connected)), calls \(calls)",
            "call messages received \(r.received) of \(r.expected)",
        ]
        if h.totalCount > 0 {
            lines.append(
                "call → display ms  p50 \(ms(h.valueAtPercentile(50)))  p90 \(ms(h.valueAtPercentile(90)))  "
                    + "p99 \(ms(h.valueAtPercentile(99)))  max \(ms(h.maxRecorded))"
            )
        }
        if let before = r.rssBeforeKB, let after = r.rssAfterKB {
            let per = r.connected > 0 ? Double(after - before) / Double(r.connected) : 0
            lines.append("server RSS \(before / 1024) MB before, \(after / 1024) MB with the displays (≈ \(String(format: "%.1f", per)) KB each)")
        }
        let p99 = h.totalCount > 0 ? h.valueAtPercentile(99) : 0
        lines.append(
            "SUMMARY_DISPLAYS {\"displays\":\(displays),\"connected\":\(r.connected),\"calls\":\(calls),\"received\":\(r.received),"
                + "\"expected\":\(r.expected),\"p99Us\":\(p99),\"rssBeforeKB\":\(r.rssBeforeKB ?? 0),\"rssAfterKB\":\(r.rssAfterKB ?? 0)}"
        )
        return lines.joined(separator: "\n")
    }
}
