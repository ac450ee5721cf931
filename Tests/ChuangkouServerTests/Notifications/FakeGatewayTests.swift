import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import ChuangkouServer

/// Keeps every log line, to check no full phone number reaches a log.
final class CapturedLog: Sendable {
    let lines = Mutex<[String]>([])
    func handler(label: String) -> any LogHandler { Handler(log: self) }
    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            log.lines.withLock { $0.append("\(event.message) \(all)") }
        }
    }
}

@Suite("The SMS gateway sender against a fake gateway that fails, hangs and answers slowly")
struct FakeGatewayTests {
    static let phone = MobileNumber("13812345678")!
    static let sealer = DataSealer(base64: DataSealer.newKeyText())!

    /// A gateway in this process: `/ok` accepts, `/fail` answers 503, `/hang` answers after 5 s, `/slow` after 0.3 s.
    static func withGateway(_ body: @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.post("ok") { _, _ -> HTTPResponse.Status in .accepted }
        router.post("fail") { _, _ -> HTTPResponse.Status in .serviceUnavailable }
        router.post("hang") { _, _ -> HTTPResponse.Status in
            try await Task.sleep(for: .seconds(5))
            return .ok
        }
        router.post("slow") { _, _ -> HTTPResponse.Status in
            try await Task.sleep(for: .milliseconds(300))
            return .ok
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(try #require(client.port)) }
    }

    static func sender(_ port: Int, _ path: String, timeout: Duration = .seconds(30)) -> SMSGatewaySender {
        SMSGatewaySender(url: "http://127.0.0.1:\(port)/\(path)", secret: "s", transport: HTTPClientTransport(timeout: timeout))
    }

    static func message(_ id: Int64 = 1) -> OutgoingMessage {
        OutgoingMessage(id: id, kind: "complaint.answer", phone: phone, text: "您的投诉已答复")
    }

    @Test("accepted, refused, timed out and slow-but-in-time answers each come back as what they are")
    func outcomes() async throws {
        try await Self.withGateway { port in
            try await Self.sender(port, "ok").send(Self.message())
            await #expect(throws: SMSGatewaySender.Failed(status: 503)) { try await Self.sender(port, "fail").send(Self.message()) }
            await #expect(throws: (any Error).self, "a hanging gateway is given up on at the timeout") {
                try await Self.sender(port, "hang", timeout: .seconds(1)).send(Self.message())
            }
            // Generous, so a loaded machine cannot turn "slow but in time" into a timeout.
            try await Self.sender(port, "slow", timeout: .seconds(30)).send(Self.message())
        }
    }

    @Test("through the outbox: a refusing or hanging gateway leaves the message to retry, and no log line holds the full number")
    func throughTheOutbox() async throws {
        let log = CapturedLog()
        let logger = Logger(label: "delivery", factory: log.handler(label:))
        try await Self.withGateway { port in
            try await TestDatabase.withDatabase { (database: Database) async throws in
                try await database.transaction { sql in
                    _ = try await NotificationOutbox.enqueue(
                        .complaintAnswer,
                        values: ["reply": "已处理", "queryCode": "ABCDEFGHJKMN"],
                        phoneSealed: try Self.sealer.seal(Self.phone.value),
                        key: "answer",
                        at: Date(),
                        in: sql
                    )
                }
                let outbox = NotificationOutbox(database: database)
                for path in ["fail", "hang"] {
                    let delivery = NotificationDelivery(
                        outbox: outbox,
                        sealer: Self.sealer,
                        sender: Self.sender(port, path, timeout: .seconds(1)),
                        fingerprint: PhoneFingerprint(key: .init(size: .bits256)),
                        policy: DeliveryPolicy(firstRetry: .seconds(1)),
                        logger: logger
                    )
                    #expect(try await delivery.deliverRound(at: Date().addingTimeInterval(path == "fail" ? 0 : 5)).retrying == 1)
                }
                let message = try #require(try await outbox.all().first)
                #expect(message.status == .pending && message.attempts == 2 && message.phoneMasked == "138****5678")
                let ok = NotificationDelivery(
                    outbox: outbox,
                    sealer: Self.sealer,
                    sender: Self.sender(port, "ok"),
                    fingerprint: PhoneFingerprint(key: .init(size: .bits256)),
                    logger: logger
                )
                #expect(try await ok.deliver(at: Date().addingTimeInterval(3600)) == 1)
            }
        }
        let lines = log.lines.withLock { $0 }
        #expect(lines.count >= 2)
        #expect(lines.allSatisfy { !$0.contains(Self.phone.value) && !$0.contains(Self.phone.international) })
    }
}
