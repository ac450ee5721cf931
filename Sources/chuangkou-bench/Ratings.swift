import Foundation
import Histogram
import NIOCore
import NIOHTTP1
import Synchronization

/// The evaluation modes (issue 12).
///
/// - `ratings`: first serves `pool` tickets to the end at the staffed windows (not measured), then `clients` citizens
///   rate them at once through `POST /api/v1/tickets/{id}/rating`, one rating per ticket, until the pool or the time
///   runs out. One in `badEvery` is a 差评 with a contact, which opens its rectification item in the same transaction.
/// - `results`: `clients` readers load the public results page (`GET /results?month=`) for the time given.
enum EvaluationLoad {
    struct Outcome: Sendable {
        var done = 0
        var errors: [String: Int] = [:]
        var latency = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var seconds = 0.0
    }

    /// What the clients of one phase share: the next ticket to rate and what they measured.
    final class Shared: Sendable {
        let next = Atomic<Int>(0)
        let outcome = Mutex(Outcome())
    }

    /// Serves `count` tickets across the desks, each desk one at a time (a window serves one citizen at a time).
    static func servedTickets(_ count: Int, desks: [Desk], api: HallAPI) async throws -> [String] {
        let perDesk = (count + desks.count - 1) / desks.count
        return try await withThrowingTaskGroup(of: [String].self) { group in
            for desk in desks {
                group.addTask {
                    var ids: [String] = []
                    // Windows share businesses, so another window may call the ticket just issued here: then this
                    // call is empty (204) and the loop issues again; that window served one more.
                    var turn = 0
                    while ids.count < perDesk, turn < perDesk * 4 {
                        turn += 1
                        let issued = try await api.send(.POST, "/api/v1/tickets", body: desk.issueBodies[turn % desk.issueBodies.count])
                        guard issued.status == 201 else { throw SetupError(description: "issue: HTTP \(issued.status) \(issued.excerpt)") }
                        let called = try await api.send(.POST, "/api/v1/windows/\(desk.window)/call-next", token: desk.token)
                        if called.status == 204 { continue }
                        guard called.status == 200, let id = try? called.decode(TicketRef.self).id else {
                            throw SetupError(description: "call-next: HTTP \(called.status) \(called.excerpt)")
                        }
                        _ = try await api.send(.POST, "/api/v1/tickets/\(id)/start", token: desk.token)
                        let finished = try await api.send(.POST, "/api/v1/tickets/\(id)/finish", token: desk.token)
                        guard finished.status == 200 else { throw SetupError(description: "finish: HTTP \(finished.status) \(finished.excerpt)") }
                        ids.append(id)
                    }
                    return ids
                }
            }
            var all: [String] = []
            for try await ids in group { all += ids }
            return Array(all.prefix(count))
        }
    }

    static func rate(_ tickets: [String], clients: Int, seconds: Double, badEvery: Int, api: HallAPI) async -> Outcome {
        let shared = Shared()
        let good = ByteBuffer(string: #"{"level":5,"indicators":{"attitude":5,"efficiency":4}}"#)
        let bad = ByteBuffer(string: #"{"level":1,"comment":"等候太久","contact":"13900000000","indicators":{"efficiency":1}}"#)
        let start = ContinuousClock.now
        let end = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    while ContinuousClock.now < end {
                        let index = shared.next.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard index < tickets.count else { return }
                        let body = badEvery > 0 && index % badEvery == 0 ? bad : good
                        do {
                            let reply = try await api.send(.POST, "/api/v1/tickets/\(tickets[index])/rating", body: body)
                            shared.outcome.withLock { o in
                                if reply.status == 201 {
                                    o.done += 1
                                    _ = o.latency.record(reply.micros)
                                } else {
                                    o.errors["HTTP \(reply.status)", default: 0] += 1
                                }
                            }
                        } catch {
                            shared.outcome.withLock { $0.errors["\(type(of: error))", default: 0] += 1 }
                        }
                    }
                }
            }
        }
        var result = shared.outcome.withLock { $0 }
        let (s, atto) = start.duration(to: .now).components
        result.seconds = Double(s) + Double(atto) / 1e18
        return result
    }

    static func readResults(month: String, clients: Int, seconds: Double, warmup: Double, api: HallAPI) async -> Outcome {
        await read("/results?month=\(month)", token: nil, clients: clients, seconds: seconds, warmup: warmup, api: api)
    }

    /// GETs `path` from `clients` clients for `seconds` after `warmup`, as the token's holder when given.
    static func read(_ path: String, token: String?, clients: Int, seconds: Double, warmup: Double, api: HallAPI) async -> Outcome {
        let shared = Shared()
        let begin = ContinuousClock.now
        let start = begin.advanced(by: .milliseconds(Int64(warmup * 1000)))
        let end = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    while ContinuousClock.now < end {
                        do {
                            let reply = try await api.send(.GET, path, token: token)
                            guard reply.started >= start, reply.ended < end else { continue }
                            shared.outcome.withLock { o in
                                if reply.status == 200 {
                                    o.done += 1
                                    _ = o.latency.record(reply.micros)
                                } else {
                                    o.errors["HTTP \(reply.status)", default: 0] += 1
                                }
                            }
                        } catch {
                            shared.outcome.withLock { $0.errors["\(type(of: error))", default: 0] += 1 }
                        }
                    }
                }
            }
        }
        var result = shared.outcome.withLock { $0 }
        result.seconds = seconds
        return result
    }

    /// One line for people and one `SUMMARY {json}` line for scripts.
    static func report(_ mode: String, _ o: Outcome, clients: Int) -> String {
        func ms(_ percentile: Double) -> Double { Double(o.latency.valueAtPercentile(percentile)) / 1000 }
        let rate = Double(o.done) / max(o.seconds, 0.001)
        let errors = o.errors.map { "\"\($0.key)\":\($0.value)" }.sorted().joined(separator: ",")
        return """
            \(mode): \(o.done) in \(String(format: "%.1f", o.seconds)) s = \(String(format: "%.1f", rate))/s at \(clients) clients; \
            p50 \(ms(50)) ms, p90 \(ms(90)) ms, p99 \(ms(99)) ms, max \(Double(o.latency.max) / 1000) ms; errors \(o.errors)
            SUMMARY {"mode":"\(mode)","clients":\(clients),"done":\(o.done),"perSecond":\(String(format: "%.1f", rate)),\
            "p50Ms":\(ms(50)),"p99Ms":\(ms(99)),"errors":{\(errors)}}
            """
    }
}
