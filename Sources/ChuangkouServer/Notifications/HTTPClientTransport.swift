import AsyncHTTPClient
import ChuangkouStore
import Foundation
import NIOCore
import NIOHTTP1

/// POSTs with AsyncHTTPClient, for the SMS-gateway sender.
///
/// Every request is bounded by `timeout` (connecting, sending and the answer's head together), and the answer's body
/// is read only up to 64 KiB: a gateway that hangs or answers slowly costs one worker round at most, and the message
/// is retried under the outbox's backoff.
struct HTTPClientTransport: HTTPTransport {
    let timeout: Duration
    let client: HTTPClient

    init(timeout: Duration = .seconds(10), client: HTTPClient = .shared) {
        self.timeout = timeout
        self.client = client
    }

    func post(url: String, headers: [(String, String)], body: Data) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .milliseconds(timeout.milliseconds))
        _ = try? await response.body.collect(upTo: 64 * 1024)
        return Int(response.status.code)
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
