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

    public init(id: Int64, kind: String, phone: MobileNumber, text: String) {
        self.id = id
        self.kind = kind
        self.phone = phone
        self.text = text
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

/// Sends through an HTTP SMS gateway: `POST {url}` with `{"to":"+86…","text":"…","id":…}` and the headers
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
            let to: String
            let text: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(Body(id: message.id, to: message.phone.international, text: message.text))
        let timestamp = String(Int(now().timeIntervalSince1970))
        let mac = Self.signature(secret: secret, timestamp: timestamp, body: body)
        let status = try await transport.post(
            url: url,
            headers: [("Content-Type", "application/json"), ("X-Chuangkou-Timestamp", timestamp), ("X-Chuangkou-Signature", mac)],
            body: body
        )
        guard (200..<300).contains(status) else { throw Failed(status: status) }
    }
}

/// Drains the outbox's applicant messages through a sender, marking each sent once it went out. A failed message stays
/// unsent and is tried again next round.
public struct NotificationDelivery: Sendable {
    let outbox: NotificationOutbox
    let sealer: DataSealer
    let sender: any NotificationSender
    let logger: Logger

    public init(outbox: NotificationOutbox, sealer: DataSealer, sender: any NotificationSender, logger: Logger) {
        self.outbox = outbox
        self.sealer = sealer
        self.sender = sender
        self.logger = logger
    }

    /// Sends what is waiting; returns how many went out.
    @discardableResult
    public func deliver(at now: Date) async throws -> Int {
        var sent: [Int64] = []
        for message in try await outbox.unsentToApplicants() {
            guard let sealed = message.recipientPhoneSealed, let phone = MobileNumber(try sealer.open(sealed)) else { continue }
            do {
                try await sender.send(OutgoingMessage(id: message.id, kind: message.kind, phone: phone, text: message.subject))
                sent.append(message.id)
            } catch {
                logger.warning("notification not sent", metadata: ["id": "\(message.id)", "to": "\(phone.masked)", "error": "\(error)"])
            }
        }
        if !sent.isEmpty { try await outbox.markSent(sent, at: now) }
        return sent.count
    }
}
