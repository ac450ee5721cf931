import ArgumentParser
import ChuangkouServer
import ChuangkouStore
import Configuration
import Foundation
import Logging
import SystemPackage

/// Options shared by the commands that open the hall's database. Flags win over the environment
/// (`CHUANGKOU_DATABASE`, `HTTP_PORT`, …), which wins over the optional JSON file given with `--config`.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on.")
    var host: String?

    @Option(help: "Port to listen on.")
    var port: Int?

    @Option(help: "SQLite file path, or a postgres://user:pass@host:port/db URL (env CHUANGKOU_DATABASE).")
    var database: String?

    @Option(help: "A JSON settings file, e.g. {\"chuangkou\": {\"queue\": {\"recalls-before-no-show\": 3}}}.")
    var config: String?

    var configValues: [AbsoluteConfigKey: ConfigValue] {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        if let host { values["http.host"] = .init(.string(host), isSecret: false) }
        if let port { values["http.port"] = .init(.int(port), isSecret: false) }
        if let database { values["chuangkou.database"] = .init(.string(database), isSecret: database.contains("@")) }
        return values
    }

    func reader(_ values: [AbsoluteConfigKey: ConfigValue]) async throws -> ConfigReader {
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: values),
            EnvironmentVariablesProvider(),
        ]
        if let config {
            providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(config)))
        }
        return ConfigReader(providers: providers)
    }
}

extension ServerOptions {
    /// Opens the hall's database for an admin command: migrated, with the shipped holiday notices in place (as the
    /// server would leave it), closed again when `body` returns. What the command changes is audited as
    /// `cli:<command>` (`cli:catalog import`).
    func withDatabase<T: Sendable>(_ body: (Database, AppSettings) async throws -> T) async throws -> T {
        let command = CommandLine.arguments.dropFirst().prefix { !$0.hasPrefix("-") }.prefix(2).joined(separator: " ")
        return try await AuditActor.cli(command).acting { try await openDatabase(command, body) }
    }

    private func openDatabase<T: Sendable>(_ command: String, _ body: (Database, AppSettings) async throws -> T) async throws -> T {
        let settings = AppSettings(reader: try await reader(configValues))
        let database = try await Database.open(settings.database, synchronous: settings.sqliteSynchronous, logger: Logger(label: "chuangkou.cli"))
        do {
            try await Migrator(database: database).migrate()
            try await CalendarRepository(database: database).installShipped(at: Date())
            let result = try await body(database, settings)
            await database.close()
            return result
        } catch {
            // A refused command is audited too (its own changes rolled back).
            if !AuditActor.current.refusalRecorded {
                let outcome: AuditOutcome = error is ExitCode ? .refused : .failed
                try? await database.recordRefusal(AuditEntry("cli.\(command)", "cli", outcome: outcome, detail: "\(type(of: error))"), at: Date())
            }
            await database.close()
            throw error
        }
    }
}
