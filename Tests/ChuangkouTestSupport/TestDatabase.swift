import ChuangkouCore
import ChuangkouStore
import Foundation
import Logging
import PostgresNIO

/// A fresh, empty database for one test: a temporary SQLite file, or, when `CHUANGKOU_TEST_POSTGRES_URL` is set,
/// a new schema in that PostgreSQL database. Tests run in parallel, each on its own.
public enum TestDatabase {
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["CHUANGKOU_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A location no other test uses.
    public static func freshLocation() async throws -> DatabaseLocation {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        guard let url = postgresURL else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chuangkou-tests")
            return .sqlite(path: directory.appendingPathComponent("\(name).sqlite").path)
        }
        try await createSchema(String(name), url: url)
        return .postgres(url: url + (url.contains("?") ? "&" : "?") + "schema=\(name)")
    }

    /// Opens a fresh database, migrates it, runs `body` while the database runs, then closes it.
    public static func withDatabase<T: Sendable>(
        demo: Bool = true,
        _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        let database = try await Database.open(try await freshLocation(), logger: Logger(label: "test"))
        do {
            try await Migrator(database: database).migrate()
            if demo {
                try await DemoHall.loadIfEmpty(into: database, passwordHash: "not-a-real-hash", at: Date())
            }
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    static func createSchema(_ name: String, url: String) async throws {
        guard let c = URLComponents(string: url), let host = c.host else { throw URLError(.badURL) }
        let config = PostgresConnection.Configuration(
            host: host,
            port: c.port ?? 5432,
            username: c.user ?? "postgres",
            password: c.password,
            database: String(c.path.dropFirst()),
            tls: .disable
        )
        let connection = try await PostgresConnection.connect(configuration: config, id: 1, logger: Logger(label: "test"))
        defer { Task { try? await connection.close() } }
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(name)"), logger: Logger(label: "test"))
    }
}

/// Whether `text` shows an ID number or a mobile number in full, ignoring UUIDs: a UUID's last group is twelve hex
/// characters that are sometimes all digits and then look like a mobile number to `Masking`.
public func leaksPersonalNumbers(_ text: String) -> Bool {
    let withoutIDs = text.replacingOccurrences(
        of: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
        with: "<uuid>",
        options: .regularExpression
    )
    return Masking.containsPersonalNumbers(withoutIDs)
}
