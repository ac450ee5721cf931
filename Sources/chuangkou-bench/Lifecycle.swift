import Foundation
import NIOCore
import NIOHTTP1

/// One staffed window: its officer's token, the businesses it serves, and the gate its clients share.
struct Desk: Sendable {
    let window: Int
    let badge: String
    let token: String
    let businesses: [String]
    /// Pre-encoded `POST /api/v1/tickets` bodies, one per business, so the loop does no JSON encoding.
    let issueBodies: [ByteBuffer]
    let gate = WindowGate()
}

struct SetupError: Error, CustomStringConvertible {
    let description: String
}

enum Setup {
    /// Fetch officers and windows, sign officer i into window i, clear anything a previous run left
    /// on a window's counter.
    static func prepareDesks(api: HallAPI, password: String) async throws -> [Desk] {
        let officers = try await get(api, "/api/v1/officers", as: OfficerList.self).officers
            .filter { $0.role == "officer" }
        let windows = try await get(api, "/api/v1/windows", as: WindowList.self).windows
            .filter { !$0.businesses.isEmpty }
            .sorted { $0.number < $1.number }
        let count = min(officers.count, windows.count)
        guard count > 0 else {
            throw SetupError(
                description: "need at least one officer and one window with businesses (got \(officers.count) officers, \(windows.count) windows)"
            )
        }

        var desks: [Desk] = []
        for (officer, window) in zip(officers.prefix(count), windows.prefix(count)) {
            // Re-runs against the same server find windows already staffed: keep whoever is there
            // rather than fail, since any signed-in officer can serve the window.
            let badge = window.officer?.badge ?? officer.badge
            let token = try await login(api, badge: badge, password: password)
            if window.officer == nil {
                let reply = try await api.send(.POST, "/api/v1/windows/\(window.number)/sign-in", token: token)
                guard reply.status == 200 else {
                    throw SetupError(description: "sign-in of \(badge) at window \(window.number): HTTP \(reply.status) \(reply.excerpt)")
                }
            }
            if let leftover = window.currentTicket {
                // A ticket still at the counter would make every call-next on this window conflict.
                print("  window \(window.number): clearing leftover ticket \(leftover.id) (\(leftover.status ?? "?"))")
                _ = try await api.send(.POST, "/api/v1/tickets/\(leftover.id)/start", token: token)
                _ = try await api.send(.POST, "/api/v1/tickets/\(leftover.id)/finish", token: token)
            }
            desks.append(
                Desk(
                    window: window.number,
                    badge: badge,
                    token: token,
                    businesses: window.businesses,
                    issueBodies: window.businesses.map { ByteBuffer(string: issueBody(business: $0)) }
                )
            )
        }
        return desks
    }

    private static func get<T: Decodable>(_ api: HallAPI, _ path: String, as type: T.Type) async throws -> T {
        let reply = try await api.send(.GET, path)
        guard reply.status == 200 else {
            throw SetupError(description: "GET \(path): HTTP \(reply.status) \(reply.excerpt)")
        }
        return try reply.decode(type)
    }

    static func login(_ api: HallAPI, badge: String, password: String) async throws -> String {
        let reply = try await api.sendJSON(.POST, "/api/v1/auth/token", json: Credentials(badge: badge, password: password))
        guard reply.status == 200 || reply.status == 201 else {
            throw SetupError(description: "login of \(badge): HTTP \(reply.status) \(reply.excerpt)")
        }
        return try reply.decode(TokenReply.self).token
    }

    /// `{"business":"A","greenChannel":null}` — spelled out because JSONEncoder drops nil keys.
    private static func issueBody(business: String) -> String {
        let quoted = (try? JSONEncoder().encode(business)).flatMap { String(data: $0, encoding: .utf8) } ?? "\"\(business)\""
        return #"{"business":\#(quoted),"greenChannel":null}"#
    }
}

/// FIFO async lock, one per window.
///
/// Why serialize inside the tool instead of letting clients race call-next and retry on 409: a window
/// serves one ticket at a time, which is how the hall works. Racing would make the server spend its time
/// answering doomed call-nexts (and the tool spin on retries), which measures the retry storm rather than
/// the service. Behind the gate the server sees at most one call-next/start/finish per window at a time,
/// while `issue` stays fully concurrent across all clients. Time spent waiting at the gate is not part
/// of any step's latency. A 409 can still happen (e.g. a second tool against the same server); it is
/// retried after a 1 ms pause and counted.
actor WindowGate {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if waiters.isEmpty {
            held = false
        } else {
            waiters.removeFirst().resume()  // hand over directly: `held` stays true
        }
    }
}

enum Load {
    /// The ceiling: GET /healthz as fast as one client's loop allows.
    static func healthzClient(api: HallAPI, recorder: Recorder) async {
        while ContinuousClock.now < recorder.window.end {
            _ = await expect(.healthz, 200, api: api, recorder: recorder, .GET, "/healthz")
        }
    }

    /// Client k serves window k mod W: issue a ticket for one of its businesses (rotating), then, holding
    /// the window's gate, call-next and start + finish whatever ticket came back.
    static func lifecycleClient(_ k: Int, desks: [Desk], api: HallAPI, recorder: Recorder, acknowledged: Acknowledged? = nil) async {
        let desk = desks[k % desks.count]
        var turn = k / desks.count  // clients sharing a window start on different businesses
        while ContinuousClock.now < recorder.window.end {
            let body = desk.issueBodies[turn % desk.issueBodies.count]
            turn += 1
            // As the window's officer (issuing for a citizen at the desk): kiosks and addresses are rate-limited (issue 9).
            guard let issued = await expect(.issue, 201, api: api, recorder: recorder, .POST, "/api/v1/tickets", token: desk.token, body: body)
            else { continue }
            if let acknowledged, let ticket = try? issued.decode(TicketRef.self) { acknowledged.add(ticket.id) }
            await desk.gate.lock()
            // Past the end nothing is measured any more; stop rather than queue behind the gate, where a
            // dead server would make each waiting client sit out a full timeout in turn. (The ticket just
            // issued stays waiting — harmless: a later run simply serves it first.)
            if ContinuousClock.now < recorder.window.end {
                await serveNext(desk: desk, api: api, recorder: recorder)
            }
            await desk.gate.unlock()
        }
    }

    private static func serveNext(desk: Desk, api: HallAPI, recorder: Recorder) async {
        guard let id = await callNext(desk: desk, api: api, recorder: recorder) else { return }
        let start = await expect(.start, 200, api: api, recorder: recorder, .POST, "/api/v1/tickets/\(id)/start", token: desk.token)
        // Finish even if start failed, so the window isn't left holding the ticket.
        let finish = await expect(.finish, 200, api: api, recorder: recorder, .POST, "/api/v1/tickets/\(id)/finish", token: desk.token)
        if start != nil, let finish {
            recorder.lifecycleDone(finish)
        }
    }

    /// The called ticket's id, or nil for an empty call (204) or a failure.
    private static func callNext(desk: Desk, api: HallAPI, recorder: Recorder) async -> String? {
        let path = "/api/v1/windows/\(desk.window)/call-next"
        while true {
            guard let reply = await send(.callNext, api: api, recorder: recorder, .POST, path, token: desk.token) else {
                return nil
            }
            switch reply.status {
            case 200:
                recorder.success(.callNext, reply)
                guard let ticket = try? reply.decode(TicketRef.self) else {
                    recorder.failure(.callNext, "200 without a ticket id")
                    return nil
                }
                return ticket.id
            case 204:
                recorder.success(.callNext, reply)
                recorder.emptyCall(reply)
                return nil
            case 409:
                recorder.conflict(reply)
                guard ContinuousClock.now < recorder.window.end else {
                    recorder.failure(.callNext, "409 still at end of run")
                    return nil
                }
                try? await Task.sleep(for: .milliseconds(1))
            default:
                recorder.failure(.callNext, status: reply.status)
                return nil
            }
        }
    }

    /// Send and require `status`; counts the latency on success, the error otherwise.
    private static func expect(
        _ step: Step,
        _ status: UInt,
        api: HallAPI,
        recorder: Recorder,
        _ method: HTTPMethod,
        _ path: String,
        token: String? = nil,
        body: ByteBuffer? = nil
    ) async -> Reply? {
        guard let reply = await send(step, api: api, recorder: recorder, method, path, token: token, body: body) else {
            return nil
        }
        guard reply.status == status else {
            recorder.failure(step, status: reply.status)
            return nil
        }
        recorder.success(step, reply)
        return reply
    }

    /// Send, turning a transport error into a counted failure (and a short pause so a dead server
    /// isn't hammered in a tight loop).
    private static func send(
        _ step: Step,
        api: HallAPI,
        recorder: Recorder,
        _ method: HTTPMethod,
        _ path: String,
        token: String? = nil,
        body: ByteBuffer? = nil
    ) async -> Reply? {
        do {
            return try await api.send(method, path, token: token, body: body)
        } catch {
            recorder.failure(step, error: error)
            try? await Task.sleep(for: .milliseconds(10))
            return nil
        }
    }
}
