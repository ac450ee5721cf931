import AsyncHTTPClient
import ChuangkouCore
import ChuangkouStore
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// The case jobs of each server process: the sweep (deemed acceptance, the notice warning, 容缺 termination) every
/// `cases.check-minutes`, and delivery of applicant messages from the outbox every `notifications.interval-seconds`.
/// Both are safe with several processes: each change is a transaction on a locked case row that rechecks the stage,
/// and a message is marked sent by the process that sent it (a crash between sending and marking can send twice).
struct CaseJobsService: Service {
    let cases: CaseRepository
    let time: HallTime
    let checkEvery: Duration
    let deliverEvery: Duration
    let delivery: NotificationDelivery?
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown { await loop() }
    }

    private func loop() async {
        guard checkEvery > .zero || (deliverEvery > .zero && delivery != nil) else { return }
        let tick: Duration = [checkEvery, deliverEvery].filter { $0 > .zero }.min() ?? .seconds(60)
        var sinceCheck = checkEvery
        var sinceDelivery = deliverEvery
        while !Task.isCancelled {
            if checkEvery > .zero, sinceCheck >= checkEvery {
                sinceCheck = .zero
                do {
                    let report = try await cases.sweep(time.today)
                    if report != .init() {
                        logger.info(
                            "case sweep",
                            metadata: [
                                "deemed": "\(report.deemedAccepted.count)", "warned": "\(report.warned.count)",
                                "terminated": "\(report.terminated.count)",
                            ]
                        )
                    }
                } catch {
                    logger.error("case sweep failed", metadata: ["error": "\(error)"])
                }
            }
            if let delivery, deliverEvery > .zero, sinceDelivery >= deliverEvery {
                sinceDelivery = .zero
                do { try await delivery.deliver(at: time.now()) } catch {
                    logger.error("notification delivery failed", metadata: ["error": "\(error)"])
                }
            }
            try? await Task.sleep(for: tick)
            sinceCheck += tick
            sinceDelivery += tick
        }
    }
}

/// POSTs with AsyncHTTPClient, for the SMS-gateway sender.
struct HTTPClientTransport: HTTPTransport {
    func post(url: String, headers: [(String, String)], body: Data) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return Int(response.status.code)
    }
}

extension AppSettings {
    /// The configured sender: `http` needs `notifications.sms-url` and `notifications.sms-secret`.
    func makeNotificationSender(logger: Logger) throws -> any NotificationSender {
        switch notificationSender {
        case "log":
            return LogNotificationSender(logger: logger)
        case "http":
            guard let url = smsURL, let secret = smsSecret, !secret.isEmpty else { throw SetupError.smsGatewayIncomplete }
            return SMSGatewaySender(url: url, secret: secret, transport: HTTPClientTransport())
        default:
            throw SetupError.smsGatewayIncomplete
        }
    }
}
