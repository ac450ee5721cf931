import Foundation
import Logging
import NIOPosix
import PostgresNIO
import Synchronization

/// Ticket ids the server acknowledged (201 to an issue), kept when the run is checked against the database.
final class Acknowledged: Sendable {
    private let ids = Mutex<[String]>([])
    func add(_ id: String) { ids.withLock { $0.append(id) } }
    var all: [String] { ids.withLock { $0 } }
}

/// `--check-database`: after the run, the hall's promises read back from PostgreSQL, whichever node served what.
/// Every figure but `acknowledgedTickets` and `checkedAt` must be 0.
enum ExactlyOnce {
    struct Result: Codable {
        var acknowledgedTickets = 0
        /// Acknowledged (issue answered 201) but not in the database: an acknowledgement lost, e.g. by a crash.
        var acknowledgedMissing = 0
        /// Two tickets with one number on one day.
        var duplicateNumbers = 0
        /// Tickets called more than once (a recall is its own action; the tool never recalls).
        var doubleCalls = 0
        /// Windows holding more than one called or serving ticket.
        var windowsWithTwoOpenTickets = 0
        /// Tickets whose call is logged at more than one window.
        var ticketsAtTwoWindows = 0

        var holds: Bool {
            acknowledgedMissing == 0 && duplicateNumbers == 0 && doubleCalls == 0 && windowsWithTwoOpenTickets == 0
                && ticketsAtTwoWindows == 0
        }
    }

    static func check(url: String, acknowledged: [String]) async throws -> Result {
        guard var components = URLComponents(string: url), let host = components.host else {
            throw SetupError(description: "--check-database must be a postgres:// URL")
        }
        let schema = components.queryItems?.first { $0.name == "schema" }?.value
        components.queryItems = nil
        var configuration = PostgresConnection.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: components.user ?? "postgres",
            password: components.password,
            database: String(components.path.dropFirst()),
            tls: .disable
        )
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        let logger = Logger(label: "chuangkou-bench")
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(),
            configuration: configuration,
            id: 1,
            logger: logger
        ).get()
        func count(_ query: PostgresQuery) async throws -> Int {
            var n = 0
            for try await value in try await connection.query(query, logger: logger).decode(Int.self) { n = value }
            return n
        }
        var result = Result()
        do {
            result.acknowledgedTickets = acknowledged.count
            var found = 0
            // In slices, so one statement never carries tens of thousands of binds.
            var start = 0
            while start < acknowledged.count {
                let slice = Array(acknowledged[start..<min(start + 5000, acknowledged.count)])
                found += try await count("SELECT COUNT(*)::int8 FROM tickets WHERE id = ANY(\(slice))")
                start += slice.count
            }
            result.acknowledgedMissing = acknowledged.count - found
            result.duplicateNumbers = try await count(
                "SELECT COUNT(*)::int8 FROM (SELECT 1 FROM tickets GROUP BY service_day, prefix, sequence HAVING COUNT(*) > 1) d"
            )
            result.doubleCalls = try await count(
                "SELECT COUNT(*)::int8 FROM (SELECT 1 FROM ticket_events WHERE action = 'call' GROUP BY ticket_id HAVING COUNT(*) > 1) d"
            )
            result.windowsWithTwoOpenTickets = try await count(
                """
                SELECT COUNT(*)::int8 FROM (SELECT 1 FROM tickets WHERE status IN ('called', 'serving') AND window_number IS NOT NULL
                GROUP BY window_number HAVING COUNT(*) > 1) d
                """
            )
            result.ticketsAtTwoWindows = try await count(
                """
                SELECT COUNT(*)::int8 FROM (SELECT 1 FROM ticket_events WHERE action = 'call'
                GROUP BY ticket_id HAVING COUNT(DISTINCT window_number) > 1) d
                """
            )
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
        return result
    }
}
