import ChuangkouCore
import ChuangkouStore
import Foundation
import Logging
import ServiceLifecycle

/// Runs the deadline watch at start and then every `interval`, for as long as the server runs.
///
/// Several server processes may each run one: the watch's conditional update lets only one of them announce each
/// change (see `DeadlineWatch`).
struct DeadlineWatchService: Service {
    let watch: DeadlineWatch
    /// Rectification items of bad reviews have working-day limits too: the same watch reads them (RULES §6).
    let rectifications: RectificationWatch
    /// Complaints have calendar-day limits (15 to acknowledge, 60 to answer): the same watch reads them too.
    let complaints: ComplaintWatch
    /// Inquiries still open when the office day ends go to the duty leader on duty then (首问负责): the same watch
    /// sweeps them.
    let inquiries: InquiryRepository
    let officeHours: OfficeHours
    let hall: Hall
    let interval: Duration
    let logger: Logger
    let now: @Sendable () -> Date

    func run() async throws {
        // A service that returns would stop the whole application: with the watch off, wait for shutdown.
        guard interval > .zero else { return try await gracefulShutdown() }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let findings = try await watch.check(at: now())
                    for finding in findings {
                        logger.info(
                            "deadline \(finding.alert.rawValue)",
                            metadata: [
                                "deadline": "\(finding.record.id)", "promisedDue": "\(finding.status.promisedDue)",
                                "recipients": "\(finding.recipients.map(\.value))",
                            ]
                        )
                    }
                } catch {
                    logger.warning("deadline check failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                do {
                    let at = now()
                    let report = try await rectifications.check(on: hall.serviceDay(at: at), at: at)
                    for finding in report.findings {
                        logger.info(
                            "rectification \(finding.state.rawValue)",
                            metadata: ["rectification": "\(finding.item)", "recipients": "\(finding.recipients.map(\.value))"]
                        )
                    }
                    for id in report.skipped {
                        logger.error("rectification item unreadable; skipped", metadata: ["rectification": "\(id)"])
                    }
                } catch {
                    logger.warning("rectification check failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                do {
                    let at = now()
                    let report = try await complaints.check(on: hall.serviceDay(at: at), at: at)
                    for finding in report.findings {
                        logger.info(
                            "complaint \(finding.state.rawValue)",
                            metadata: ["complaint": "\(finding.complaint)", "recipients": "\(finding.recipients.map(\.value))"]
                        )
                    }
                    for id in report.skipped { logger.error("complaint unreadable; skipped", metadata: ["complaint": "\(id)"]) }
                } catch {
                    logger.warning("complaint check failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                do {
                    let report = try await inquiries.sendOpenToDutyLeader(office: officeHours, hall: hall, at: now())
                    if !report.sent.isEmpty {
                        logger.info(
                            "open inquiries sent to the duty leader",
                            metadata: ["leader": "\(report.leader?.value ?? "")", "count": "\(report.sent.count)"]
                        )
                    }
                    if report.waiting > 0 {
                        logger.warning("open inquiries wait for a duty leader: none on the roster now", metadata: ["count": "\(report.waiting)"])
                    }
                    for id in report.skipped { logger.error("inquiry unreadable; skipped", metadata: ["inquiry": "\(id)"]) }
                } catch {
                    logger.warning("inquiry day-end sweep failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
