import Foundation
import PostgresNIO

/// Where a `postgres://user:password@host:port/database` URL points, and as whom.
///
/// `?host=/run/postgresql` (libpq's convention: a host that is a directory) connects through the server's Unix socket
/// in that directory, `.s.PGSQL.<port>`: for a PostgreSQL on the hall's own machine, a socket costs each statement less
/// than loopback TCP (BENCHMARKS.md, issue 16). `?schema=NAME` puts every connection in that schema (tests give each
/// run its own). `?pool=N` (1–100, default 16) bounds this process's connections: each is a PostgreSQL backend, and
/// every node of the hall counts against the server's `max_connections` (100 by default).
struct PostgresAddress: Equatable, Sendable {
    enum Endpoint: Equatable, Sendable {
        case tcp(host: String, port: Int)
        case socket(path: String)
    }

    struct Invalid: Error, CustomStringConvertible {
        let reason: String
        var description: String { "not a usable PostgreSQL URL: \(reason)" }
    }

    var endpoint: Endpoint
    var username: String
    var password: String?
    var database: String?
    var schema: String?
    var poolSize: Int

    static let defaultPoolSize = 16
    static let poolSizes = 1...100

    init(url: String) throws {
        guard let c = URLComponents(string: url), let scheme = c.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw Invalid(reason: "it must start with postgres:// or postgresql://")
        }
        guard let user = c.user, !user.isEmpty else { throw Invalid(reason: "it names no user") }
        let query = c.queryItems ?? []
        let port = c.port ?? 5432
        guard (1...65_535).contains(port) else { throw Invalid(reason: "port \(port)") }
        if let directory = query.last(where: { $0.name == "host" })?.value, directory.hasPrefix("/") {
            endpoint = .socket(path: (directory.hasSuffix("/") ? String(directory.dropLast()) : directory) + "/.s.PGSQL.\(port)")
        } else {
            endpoint = .tcp(host: c.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1", port: port)
        }
        username = user
        password = c.password
        let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        database = path.isEmpty ? nil : path
        schema = query.last { $0.name == "schema" }?.value.flatMap { $0.isEmpty ? nil : $0 }
        if let pool = query.last(where: { $0.name == "pool" }) {
            guard let size = pool.value.flatMap({ Int($0) }), Self.poolSizes.contains(size) else {
                throw Invalid(reason: "pool must be a number of connections from 1 to 100")
            }
            poolSize = size
        } else {
            poolSize = Self.defaultPoolSize
        }
    }

    var connection: PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch endpoint {
        case .tcp(let host, let port):
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: .disable)
        case .socket(let path):
            configuration = .init(unixSocketPath: path, username: username, password: password, database: database)
        }
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        return configuration
    }

    var client: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        switch endpoint {
        case .tcp(let host, let port):
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: .disable)
        case .socket(let path):
            configuration = .init(unixSocketPath: path, username: username, password: password, database: database)
        }
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        configuration.options.maximumConnections = poolSize
        return configuration
    }
}
