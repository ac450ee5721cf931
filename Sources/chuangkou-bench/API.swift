import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP exchange, timed from just before sending until the whole body has arrived.
struct Reply: Sendable {
    let status: UInt
    let body: ByteBuffer
    let started: ContinuousClock.Instant
    let ended: ContinuousClock.Instant

    var micros: UInt64 {
        let (seconds, attoseconds) = started.duration(to: ended).components
        return UInt64(max(seconds, 0)) * 1_000_000 + UInt64(max(attoseconds, 0) / 1_000_000_000_000)
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(body.readableBytesView))
    }

    /// A short excerpt of the body, for setup error messages.
    var excerpt: String { String(String(buffer: body).prefix(200)) }
}

/// Thin wrapper over the one shared `HTTPClient`; knows only the base URL and the timeout.
struct HallAPI: Sendable {
    let client: HTTPClient
    let base: String
    let timeout: TimeAmount

    /// Throws only on transport failures; any HTTP status comes back as a `Reply`.
    func send(_ method: HTTPMethod, _ path: String, token: String? = nil, body: ByteBuffer? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let token {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        let clock = ContinuousClock()
        let started = clock.now
        let response = try await client.execute(request, timeout: timeout)
        // Drain the body inside the timing: the step isn't done until the client has the whole answer,
        // and a drained body lets the keep-alive connection go back to the pool.
        let bytes = try await response.body.collect(upTo: 4 << 20)
        return Reply(status: response.status.code, body: bytes, started: started, ended: clock.now)
    }

    func sendJSON(_ method: HTTPMethod, _ path: String, token: String? = nil, json: some Encodable) async throws -> Reply {
        let data = try JSONEncoder().encode(json)
        return try await send(method, path, token: token, body: ByteBuffer(bytes: data))
    }
}

// MARK: - The slices of the server's JSON the tool reads (unknown fields are ignored).

struct OfficerList: Decodable {
    struct Officer: Decodable {
        let badge: String
        let role: String
    }
    let officers: [Officer]
}

struct WindowList: Decodable {
    struct Window: Decodable {
        struct Officer: Decodable { let badge: String }
        let number: Int
        let businesses: [String]
        let officer: Officer?
        let currentTicket: TicketRef?
    }
    let windows: [Window]
}

struct TicketRef: Decodable {
    let id: String
    let status: String?
}

struct TokenReply: Decodable {
    let token: String
}

struct Credentials: Encodable {
    let badge: String
    let password: String
}
