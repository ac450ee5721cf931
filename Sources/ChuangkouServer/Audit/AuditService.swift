import ChuangkouCore
import ChuangkouStore
import Foundation
import Logging
import ServiceLifecycle

/// The audit's daily work in every server process, at start and then every `audit.check-minutes`: the day's anchor
/// (once a day whichever process gets there first) and the archiving of rows past the retention period.
struct AuditService: Service {
    let services: HallServices
    let key: AuditKey
    let logger: Logger

    func run() async throws {
        let interval = services.settings.auditCheckInterval
        // A service that returns would stop the whole application: with the job off, wait for shutdown.
        guard interval > .zero else { return try await gracefulShutdown() }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await AuditActor.system("audit").acting { await runOnce() }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Writes today's anchor if missing and archives expired rows.
    func runOnce() async {
        let log = AuditLog(database: services.database)
        let now = services.now()
        do {
            if let anchor = try await log.anchor(day: services.hall.serviceDay(at: now), key: key, at: now) {
                logger.info("audit anchor written", metadata: ["day": "\(anchor.day)", "seq": "\(anchor.seq)"])
            }
            let cutoff = now.addingTimeInterval(-Double(services.settings.auditRetentionDays) * 86_400)
            let archives = try await log.archive(olderThan: cutoff, into: services.settings.auditArchiveDirectory, anchorKey: key, at: now)
            for archive in archives {
                logger.info("audit rows archived", metadata: ["file": "\(archive.file)", "rows": "\(archive.rowCount)"])
            }
        } catch {
            logger.error("audit job failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}

/// Finishes a data-key rotation at start: values still under an older key of the ring are re-sealed under the
/// sealing key in the background (a rotation a crash or a stopped `keys rotate` left halfway is completed here).
struct KeyRotationService: Service {
    let database: Database
    let sealer: DataSealer
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            do {
                let done = try await AuditActor.system("key-rotation").acting {
                    try await DataKeyRotation(database: database, sealer: sealer).run()
                }
                if done > 0 {
                    logger.info("re-sealed values under the sealing key", metadata: ["values": "\(done)", "key": "\(sealer.sealingKeyID)"])
                }
            } catch {
                logger.error("re-sealing failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        // Returning would stop the whole application.
        try? await gracefulShutdown()
    }
}

extension AppSettings {
    /// The key ring that seals personal data at rest: the setting when given (refused unless base64 of 32 bytes,
    /// several separated by commas), else the key file, created (mode 600) on first start.
    public func loadDataSealer() throws -> DataSealer {
        if let text = dataKey {
            guard let sealer = DataSealer(base64: text) else { throw SetupError.badDataKey }
            return sealer
        }
        return try DataSealer.loadOrCreate(keyFile: dataKeyFile)
    }

    /// The audit key: the setting when given (refused unless base64 of 32 bytes), else the key file, created on first start.
    public func loadAuditKey() throws -> AuditKey {
        if let text = auditKey {
            guard let key = AuditKey.from(base64: text) else { throw SetupError.badAuditKey }
            return key
        }
        return try AuditKey.loadOrCreate(keyFile: auditKeyFile)
    }
}
