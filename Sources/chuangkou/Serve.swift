import ArgumentParser
import ChuangkouServer
import Configuration
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus

/// Starts the hall server: opens (or creates) the database, migrates, loads demo data on an empty one, serves.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the hall server (default).")

    @OptionGroup var options: ServerOptions

    @Option(help: "Password for the demo accounts (default: a random one, printed at start).")
    var demoPassword: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: String?

    func run() async throws {
        var values = options.configValues
        if let demoPassword { values["chuangkou.demo.password"] = .init(.string(demoPassword), isSecret: true) }
        let reader = try await options.reader(values)
        LoggingSystem.bootstrap { label in HallLogHandler(label: label) }
        var logger = Logger(label: "chuangkou")
        logger.logLevel = Logger.Level(rawValue: logLevel ?? reader.string(forKey: "log.level", default: "info")) ?? .info
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        do {
            let app = try await buildApplication(settings: AppSettings(reader: reader), metrics: registry, logger: logger)
            try await app.runService()
        } catch {
            // Database errors describe themselves only when reflected; the log is where an operator looks.
            logger.critical("chuangkou stopped", metadata: ["error": "\(String(reflecting: error))"])
            throw error
        }
    }
}
