import ChuangkouCore
import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle

/// `GET /api/v1/events`: Server-Sent Events of calls, ticket changes, window changes, escalations and officers' alerts
/// (`alert`: something reached an inbox; it names nobody, consoles ask the inbox API).
///
/// Each message is `event: <kind>` with a JSON `data:` line; a comment line every 15 s keeps proxies from
/// closing an idle display. Browsers' `EventSource` reconnects by itself if the stream drops.
struct EventsController {
    let relay: EventRelay

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("events") { _, _ -> Response in
            let (id, events) = relay.subscribe()
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "retry: 2000\n: connected\n\n"))
                    // One stream per display, fed by the relay (events and keep-alives): no task of its own.
                    // A display's stream never ends by itself: end it when the server shuts down, so shutdown does
                    // not wait for every open display to go away.
                    try await withGracefulShutdownHandler {
                        for await bytes in events {
                            try await writer.write(bytes)
                        }
                    } onGracefulShutdown: {
                        relay.end(id)
                    }
                    try await writer.finish(nil)
                }
            )
        }
    }

    static let keepAlive = ByteBuffer(string: ": keep-alive\n\n")

    /// One event as its Server-Sent Events message: `event: <kind>` and a JSON `data:` line.
    static func message(_ event: HallEvent) -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(EventPayload(event))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return ByteBuffer(string: "event: \(event.kind.rawValue)\ndata: \(data)\n\n")
    }

    /// The event as sent to browsers, with the sentence the display speaks.
    struct EventPayload: Encodable {
        let kind: String
        let ticketNumber: String?
        let business: String?
        let window: WindowNumber?
        let action: String?
        let at: Date
        let announcement: String?

        init(_ e: HallEvent) {
            kind = e.kind.rawValue
            ticketNumber = e.ticketNumber
            business = e.business
            window = e.window
            action = e.action
            at = e.at
            announcement = e.announcement
        }
    }
}
