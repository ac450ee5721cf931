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
/// and a message is claimed under a lease in one transaction, so two processes never send one (see `NotificationDelivery`).
struct CaseJobsService: Service {
    let cases: CaseRepository
    let time: HallTime
    let checkEvery: Duration
    let deliverEvery: Duration
    let delivery: NotificationDelivery?
    let logger: Logger

    func run() async throws {
        // A service that returns would stop the whole application: with both jobs off, wait for shutdown.
        guard checkEvery > .zero || (deliverEvery > .zero && delivery != nil) else { return try await gracefulShutdown() }
        await cancelWhenGracefulShutdown { await loop() }
    }

    private func loop() async {
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

extension AppSettings {
    /// The configured sender: `http` needs `notifications.sms-url` and `notifications.sms-secret`.
    func makeNotificationSender(logger: Logger) throws -> any NotificationSender {
        switch notificationSender {
        case "log":
            return LogNotificationSender(logger: logger)
        case "http":
            guard let url = smsURL, let secret = smsSecret, !secret.isEmpty else { throw SetupError.smsGatewayIncomplete }
            return SMSGatewaySender(url: url, secret: secret, transport: HTTPClientTransport(timeout: smsTimeout))
        default:
            throw SetupError.smsGatewayIncomplete
        }
    }
}
