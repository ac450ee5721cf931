import ArgumentParser
import ChuangkouStore
import Configuration
import Logging

/// Applies pending migrations and exits (the server also migrates at start).
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply database migrations and exit.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let reader = try await options.reader(options.configValues)
        let location = DatabaseLocation(reader.string(forKey: "chuangkou.database", default: "./data/chuangkou.sqlite"))
        let database = try await Database.open(location, logger: Logger(label: "chuangkou.migrate"))
        do {
            let applied = try await Migrator(database: database).migrate()
            print(applied.isEmpty ? "Database \(location) is up to date." : "Applied migrations \(applied) to \(location).")
            await database.close()
        } catch {
            await database.close()
            throw error
        }
    }
}
