import ChuangkouStore
import ChuangkouTestSupport
import Logging
import NIOCore
import Testing

@testable import ChuangkouServer

/// Each display's stream is bounded: a display that falls a whole buffer behind is dropped, not buffered without limit.
@Suite("Event relay: bounded buffer per display")
struct EventRelayBufferTests {
    @Test("a display that reads nothing keeps its buffer's worth, then is dropped; one that keeps up stays")
    func slowDisplayIsDropped() async throws {
        try await TestDatabase.withDatabase(demo: false) { (db: Database) async throws in
            let relay = EventRelay(log: HallEventLog(database: db), pollInterval: .seconds(3600), logger: Logger(label: "relay"))
            let slow = relay.subscribe(bufferSize: 3)
            let keepingUp = relay.subscribe(bufferSize: 3)
            var reader = keepingUp.messages.makeAsyncIterator()
            for n in 1...5 {
                relay.broadcast(ByteBuffer(string: "message \(n)\n\n"))
                #expect(await reader.next().map { String(buffer: $0) } == "message \(n)\n\n")
            }
            #expect(relay.subscriberCount == 1, "the slow display is gone, the other stays")
            var kept: [String] = []
            for await message in slow.messages { kept.append(String(buffer: message)) }
            #expect(kept == ["message 1\n\n", "message 2\n\n", "message 3\n\n"], "what it had buffered, then the end of its stream")
            relay.end(keepingUp.id)
            #expect(await reader.next() == nil)
            #expect(relay.subscriberCount == 0)
        }
    }
}
