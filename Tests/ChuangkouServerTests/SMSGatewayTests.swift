import ChuangkouCore
import ChuangkouStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import ChuangkouServer

@Suite("SMS gateway sender over real HTTP")
struct SMSGatewayTests {
    /// What the fake gateway received.
    final class Inbox: Sendable {
        let received = Mutex<[(timestamp: String, signature: String, body: Data)]>([])
    }

    @Test("the sender posts to a local gateway through AsyncHTTPClient; the gateway can verify the signature")
    func liveGateway() async throws {
        let inbox = Inbox()
        let router = Router()
        router.post("sms") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 16_384)
            let timestamp = request.headers[HTTPField.Name("X-Chuangkou-Timestamp")!] ?? ""
            let signature = request.headers[HTTPField.Name("X-Chuangkou-Signature")!] ?? ""
            inbox.received.withLock { $0.append((timestamp, signature, Data(body.readableBytesView))) }
            return .accepted
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let sender = SMSGatewaySender(url: "http://127.0.0.1:\(port)/sms", secret: "gateway-secret", transport: HTTPClientTransport())
            try await sender.send(
                OutgoingMessage(
                    id: 1,
                    kind: "case.result-ready",
                    phone: MobileNumber("13812345678")!,
                    text: "您的居住证已办结"
                )
            )
            let failing = SMSGatewaySender(url: "http://127.0.0.1:\(port)/nowhere", secret: "gateway-secret", transport: HTTPClientTransport())
            await #expect(throws: SMSGatewaySender.Failed(status: 404)) {
                try await failing.send(OutgoingMessage(id: 2, kind: "x", phone: MobileNumber("13812345678")!, text: "x"))
            }
        }
        let received = inbox.received.withLock { $0 }
        #expect(received.count == 1)
        let first = try #require(received.first)
        #expect(first.signature == SMSGatewaySender.signature(secret: "gateway-secret", timestamp: first.timestamp, body: first.body))
        #expect(String(decoding: first.body, as: UTF8.self).contains(#""to":"+8613812345678""#))
    }
}
