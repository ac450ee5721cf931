import ChuangkouCore
import Crypto
import Foundation
import Logging

/// A text message to an applicant's phone.
public struct OutgoingMessage: Sendable, Equatable {
    public let id: Int64
    public let kind: String
    /// The full number: only senders see it, never logs.
    public let phone: MobileNumber
    public let text: String
    /// The message's idempotency key: a gateway that keeps the keys it accepted never delivers one message twice,
    /// even when its answer to the first attempt was lost.
    public let key: String

    public init(id: Int64, kind: String, phone: MobileNumber, text: String, key: String? = nil) {
        self.id = id
        self.kind = kind
        self.phone = phone
        self.text = text
        self.key = key ?? "outbox:\(id)"
    }
}

/// Delivers messages to applicants. Pluggable: the log sender by default, an SMS gateway when configured.
public protocol NotificationSender: Sendable {
    func send(_ message: OutgoingMessage) async throws
}

/// Writes each message to the log, with the phone masked (RULES §11): for halls without an SMS gateway, and for tests.
public struct LogNotificationSender: NotificationSender {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func send(_ message: OutgoingMessage) async throws {
        logger.info(
            "notification",
            metadata: [
                "kind": "\(message.kind)", "to": "\(message.phone.masked)", "text": "\(Masking.maskPersonalNumbers(in: message.text))",
            ]
        )
    }
}

/// One HTTP POST; injected so the SMS sender is tested without a network.
public protocol HTTPTransport: Sendable {
    /// Returns the response status code.
    func post(url: String, headers: [(String, String)], body: Data) async throws -> Int
}

/// Sends through an HTTP SMS gateway: `POST {url}` with `{"id":…,"key":"…","text":"…","to":"+86…"}` and the headers
/// `Idempotency-Key` (the message's key),
/// `X-Chuangkou-Timestamp` (Unix seconds) and `X-Chuangkou-Signature` = hex HMAC-SHA256 over `timestamp + "." + body`
/// with the shared secret, so the gateway can check the sender and refuse replays.
public struct SMSGatewaySender: NotificationSender {
    let url: String
    let secret: String
    let transport: any HTTPTransport
    let now: @Sendable () -> Date

    public init(url: String, secret: String, transport: any HTTPTransport, now: @escaping @Sendable () -> Date = { Date() }) {
        self.url = url
        self.secret = secret
        self.transport = transport
        self.now = now
    }

    public struct Failed: Error, Equatable {
        public let status: Int
        public init(status: Int) { self.status = status }
    }

    public static func signature(secret: String, timestamp: String, body: Data) -> String {
        var signed = Data((timestamp + ".").utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    public func send(_ message: OutgoingMessage) async throws {
        struct Body: Encodable {
            let id: Int64
            let key: String
            let to: String
            let text: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(Body(id: message.id, key: message.key, to: message.phone.international, text: message.text))
        let timestamp = String(Int(now().timeIntervalSince1970))
        let mac = Self.signature(secret: secret, timestamp: timestamp, body: body)
        let status = try await transport.post(
            url: url,
            headers: [
                ("Content-Type", "application/json"), ("Idempotency-Key", message.key), ("X-Chuangkou-Timestamp", timestamp),
                ("X-Chuangkou-Signature", mac),
            ],
            body: body
        )
        guard (200..<300).contains(status) else { throw Failed(status: status) }
    }
}
