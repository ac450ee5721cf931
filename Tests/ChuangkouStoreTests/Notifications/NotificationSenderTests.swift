import ChuangkouCore
import ChuangkouStore
import Crypto
import Foundation
import Testing

@Suite("Notification senders and the data key")
struct NotificationSenderTests {
    final class RecordingTransport: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [(String, [(String, String)], Data)] = []
        let status: Int
        init(status: Int) { self.status = status }
        var requests: [(url: String, headers: [(String, String)], body: Data)] { lock.withLock { calls.map { ($0.0, $0.1, $0.2) } } }
        func post(url: String, headers: [(String, String)], body: Data) async throws -> Int {
            lock.withLock { calls.append((url, headers, body)) }
            return status
        }
    }

    static let message = OutgoingMessage(id: 7, kind: "case.result-ready", phone: MobileNumber("13812345678")!, text: "您的居住证已办结")

    @Test("the SMS gateway sender posts JSON with a timestamp and an HMAC-SHA256 signature over timestamp.body")
    func signed() async throws {
        let transport = RecordingTransport(status: 200)
        let sender = SMSGatewaySender(
            url: "https://sms.example/send",
            secret: "s3cret",
            transport: transport,
            now: { Date(timeIntervalSince1970: 1_800_000_000) }
        )
        try await sender.send(Self.message)
        let request = try #require(transport.requests.first)
        #expect(request.url == "https://sms.example/send")
        let headers = Dictionary(uniqueKeysWithValues: request.headers)
        #expect(headers["X-Chuangkou-Timestamp"] == "1800000000")
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(body == #"{"id":7,"key":"outbox:7","text":"您的居住证已办结","to":"+8613812345678"}"#)
        #expect(headers["Idempotency-Key"] == "outbox:7", "the gateway can drop a repeat")
        var signed = Data("1800000000.".utf8)
        signed.append(request.body)
        let expected = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data("s3cret".utf8)))
            .map { String(format: "%02x", $0) }.joined()
        #expect(headers["X-Chuangkou-Signature"] == expected)
    }

    @Test("a gateway error is an error, so the message stays in the outbox")
    func gatewayError() async throws {
        let sender = SMSGatewaySender(url: "https://sms.example/send", secret: "s", transport: RecordingTransport(status: 503))
        await #expect(throws: SMSGatewaySender.Failed(status: 503)) { try await sender.send(Self.message) }
    }

    @Test("the data key file is created once, atomically: processes starting together share one key")
    func keyFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("data-key").path
        let sealers = try await withThrowingTaskGroup(of: DataSealer.self) { group in
            for _ in 0..<8 { group.addTask { try DataSealer.loadOrCreate(keyFile: path) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let sealed = try sealers[0].seal("11010519491231002X")
        for sealer in sealers { #expect(try sealer.open(sealed) == "11010519491231002X") }
        #expect(try DataSealer.loadOrCreate(keyFile: path).open(sealed) == "11010519491231002X", "read back on the next start")
        #expect(try sealers[0].seal("x") != (try sealers[0].seal("x")), "a fresh nonce each time")
        #expect(DataSealer(base64: "c2hvcnQ=") == nil)
        try? FileManager.default.removeItem(at: directory)
    }
}
