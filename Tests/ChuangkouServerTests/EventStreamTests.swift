import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import Testing

/// The event stream never ends, so the router test client (which collects whole bodies) cannot read it.
/// These tests run the server on a real socket (`.live`) and read the stream with a raw NIO connection.
@Suite("Live events over Server-Sent Events")
struct EventStreamTests {
    /// One SSE message: its `event:` name and its `data:` JSON.
    struct Message {
        let event: String
        let data: [String: Any]
    }

    /// What an HTTP/1.1 response stream has delivered so far: the head, and the de-chunked body.
    struct StreamedResponse {
        var head = ""
        var body = ""

        var status: Int? { head.split(separator: " ").dropFirst().first.flatMap { Int($0) } }

        func header(_ name: String) -> String? {
            head.split(separator: "\r\n").dropFirst().first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
        }

        /// The complete messages in the body.
        var messages: [Message] {
            body.components(separatedBy: "\n\n").dropLast().compactMap { block in
                var event = "message"
                var data = ""
                for line in block.split(separator: "\n") {
                    if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data += line.dropFirst(6) }
                }
                guard !data.isEmpty, let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any] else { return nil }
                return Message(event: event, data: object)
            }
        }

        /// Splits raw bytes into head and body, undoing chunked transfer encoding for the complete chunks.
        static func parse(_ raw: [UInt8]) -> StreamedResponse {
            let separator: [UInt8] = Array("\r\n\r\n".utf8)
            guard let end = raw.firstRange(of: separator) else { return StreamedResponse(head: String(decoding: raw, as: UTF8.self)) }
            var result = StreamedResponse(head: String(decoding: raw[..<end.lowerBound], as: UTF8.self))
            var rest = raw[end.upperBound...]
            guard result.header("transfer-encoding")?.lowercased() == "chunked" else {
                result.body = String(decoding: rest, as: UTF8.self)
                return result
            }
            var body: [UInt8] = []
            while let lineEnd = rest.firstRange(of: Array("\r\n".utf8)),
                let size = Int(String(decoding: rest[rest.startIndex..<lineEnd.lowerBound], as: UTF8.self), radix: 16),
                rest.distance(from: lineEnd.upperBound, to: rest.endIndex) >= size + 2
            {
                let start = lineEnd.upperBound
                let stop = rest.index(start, offsetBy: size)
                body.append(contentsOf: rest[start..<stop])
                rest = rest[rest.index(stop, offsetBy: 2)...]
                if size == 0 { break }
            }
            result.body = String(decoding: body, as: UTF8.self)
            return result
        }
    }

    struct TimedOut: Error, CustomStringConvertible {
        let seen: String
        var description: String { "the event stream did not deliver in time; received so far:\n\(seen)" }
    }

    /// Opens `GET /api/v1/events` on the live server, runs `trigger` once the stream says it is connected,
    /// and reads until `done` is satisfied (or fails after `timeout`).
    static func stream(
        port: Int,
        timeout: Duration = .seconds(15),
        trigger: @escaping @Sendable () async throws -> Void,
        until done: @escaping @Sendable (StreamedResponse) -> Bool
    ) async throws -> StreamedResponse {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "localhost", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: "GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"))
            return try await withThrowingTaskGroup(of: StreamedResponse?.self) { group in
                group.addTask {
                    var raw: [UInt8] = []
                    var triggered = false
                    for try await chunk in inbound {
                        raw.append(contentsOf: chunk.readableBytesView)
                        let response = StreamedResponse.parse(raw)
                        if !triggered, response.body.contains(": connected") {
                            triggered = true
                            try await trigger()
                        }
                        if done(response) { return response }
                    }
                    return StreamedResponse.parse(raw)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw TimedOut(seen: "(nothing complete)")
                }
                return response
            }
        }
    }

    @Test("GET /api/v1/events streams text/event-stream and announces a call: event call, 请A001号到1号窗口办理")
    func callIsAnnounced() async throws {
        try await withHall(.live) { client in
            let port = try #require(client.port)
            let token = try await client.openWindow(1, badge: Demo.officers[0])
            let calledNumber = Mutex<String?>(nil)
            let response = try await Self.stream(port: port) {
                _ = try await client.issue("id-card")
                let ticket = try #require(try await client.callNext(1, token: token))
                calledNumber.withLock { $0 = ticket.number }
            } until: { response in
                response.messages.contains { $0.event == "call" }
            }
            #expect(response.status == 200)
            #expect(response.header("content-type")?.hasPrefix("text/event-stream") == true)
            #expect(response.header("cache-control") == "no-cache")
            let number = try #require(calledNumber.withLock { $0 })
            #expect(number == "A001")
            let call = try #require(response.messages.first { $0.event == "call" })
            #expect(call.data["announcement"] as? String == "请A001号到1号窗口办理")
            #expect(call.data["ticketNumber"] as? String == number)
            #expect(call.data["window"] as? Int == 1)
            #expect(call.data["business"] as? String == "id-card")
            #expect(call.data["action"] as? String == "call")
            // The issue before the call came as a ticket event, and carries no announcement.
            let issued = try #require(response.messages.first { $0.event == "ticket" })
            #expect(issued.data["action"] as? String == "issue")
            #expect(issued.data["announcement"] == nil || issued.data["announcement"] is NSNull)
        }
    }

    @Test("An escalation to the duty leader reaches the stream as an escalation event naming the window, nothing personal")
    func escalationIsStreamed() async throws {
        let clock = TestClock(IncidentRouteTests.planned, tick: 0)
        try await withHall(clock: clock, .live) { client in
            let port = try #require(client.port)
            try await IncidentRouteTests().plan(client)
            clock.set(TestClock.shanghai(2026, 12, 2, 10, 0))
            let officer = try await client.token(Demo.officers[0])
            let response = try await Self.stream(port: port) {
                let sent = try await client.send(.post, "/api/v1/incidents/escalations", token: officer, raw: IncidentRouteTests.escalation)
                #expect(sent.status == .created)
            } until: { response in
                response.messages.contains { $0.event == "escalation" }
            }
            let event = try #require(response.messages.first { $0.event == "escalation" })
            #expect(event.data["action"] as? String == "escalate" && event.data["window"] as? Int == 1)
            #expect(!String(decoding: try JSONSerialization.data(withJSONObject: event.data), as: UTF8.self).contains("护照"))
        }
    }

    @Test("Window changes and recalls reach the stream too")
    func windowAndRecallEvents() async throws {
        try await withHall(.live) { client in
            let port = try #require(client.port)
            let ticket = try await client.issue("residence-permit")
            let response = try await Self.stream(port: port) {
                let token = try await client.openWindow(2, badge: Demo.officers[1])
                _ = try await client.callNext(2, token: token)
                try await client.perform("recall", ticket.id, token: token)
                _ = try await client.send(.post, "/api/v1/windows/2/pause", token: token)
            } until: { response in
                response.messages.contains { $0.event == "window" && $0.data["action"] as? String == "pause" }
            }
            let messages = response.messages
            #expect(messages.contains { $0.event == "window" && $0.data["action"] as? String == "sign-in" && $0.data["window"] as? Int == 2 })
            let calls = messages.filter { message in message.event == "call" }
            let actions = calls.map { message in message.data["action"] as? String ?? "-" }
            let announcements = calls.map { message in message.data["announcement"] as? String ?? "-" }
            #expect(actions == ["call", "recall"], "parsed: \(messages.map { "\($0.event)=\($0.data["action"] ?? "-")" })")
            #expect(announcements == ["请\(ticket.number)号到2号窗口办理", "请\(ticket.number)号到2号窗口办理"])
        }
    }

    @Test("With polling all but off, every change still reaches the stream at once: the commit wakes the relay")
    func commitWakesTheRelay() async throws {
        try await HallPermits.shared.withPermit {
            // Ten minutes between polls: only the database's after-commit hook can deliver within the test.
            let app = try await makeHallApp(settings: ["chuangkou.events.poll-ms": .init(.int(600_000), isSecret: false)])
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let response = try await Self.stream(port: port) {
                    let token = try await client.openWindow(4, badge: Demo.officers[3])
                    let ticket = try await client.issue("passport")
                    _ = try await client.callNext(4, token: token)
                    try await client.perform("start", ticket.id, token: token)
                    try await client.perform("finish", ticket.id, token: token)
                } until: { response in
                    response.messages.contains { $0.data["action"] as? String == "finish" }
                }
                let actions = response.messages.map { $0.data["action"] as? String ?? "-" }
                #expect(actions == ["sign-in", "issue", "call", "start", "finish"])
            }
        }
    }

    /// A port nobody listens on right now.
    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close()
        return port
    }

    @Test("Graceful shutdown (SIGTERM) completes within seconds while a display stays connected to the event stream")
    func shutdownWithDisplayConnected() async throws {
        try await HallPermits.shared.withPermit { try await Self.shutDownWithDisplay() }
    }

    static func shutDownWithDisplay() async throws {
        let port = try await Self.freePort()
        let (running, runningContinuation) = AsyncStream.makeStream(of: Void.self)
        let app = try await makeHallApp(port: port, announce: { _ in runningContinuation.yield() })
        var logger = Logger(label: "shutdown-test")
        logger.logLevel = .error
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    try await services.run()
                } catch is CancellationError {}
                return true
            }
            _ = await running.first { _ in true }
            let display = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            try await display.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(string: "GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                var received = ""
                for try await chunk in inbound {
                    received += String(buffer: chunk)
                    if received.contains(": connected") { break }
                }
                #expect(received.contains("text/event-stream"))

                // The display stays connected while the server is asked to stop.
                await services.triggerGracefulShutdown()
                group.addTask {
                    try? await Task.sleep(for: .seconds(5))
                    return false
                }
                let stopped = try await group.next() ?? false
                #expect(stopped, "the server was still running 5 s after graceful shutdown began, held open by one connected display")
            }
            // The display has gone now: stop whatever still runs (the timer, or a server that did not stop).
            group.cancelAll()
            try await group.waitForAll()
        }
    }
}
