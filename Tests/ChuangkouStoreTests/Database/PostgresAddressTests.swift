import ChuangkouTestSupport
import Foundation
import Logging
import PostgresKit
import SQLKit
import Testing

@testable import ChuangkouStore

/// A `postgres://` URL names a TCP host and port, or (libpq's `?host=/directory`) the server's Unix socket.
@Suite("PostgreSQL address")
struct PostgresAddressTests {
    @Test("host, port, user, password, database and schema are read from the URL; defaults where it is silent")
    func tcp() throws {
        let full = try PostgresAddress(url: "postgres://hall:p%40ss@db.example:6543/chuangkou?schema=t_1")
        #expect(full.endpoint == .tcp(host: "db.example", port: 6543))
        #expect(full.username == "hall" && full.password == "p@ss" && full.database == "chuangkou" && full.schema == "t_1")
        let bare = try PostgresAddress(url: "postgresql://hall@localhost")
        #expect(bare.endpoint == .tcp(host: "localhost", port: 5432))
        #expect(bare.password == nil && bare.database == nil && bare.schema == nil)
        // A host that is not a directory is not a socket.
        let named = try PostgresAddress(url: "postgres://hall@x:5433/db?host=db.example")
        #expect(named.endpoint == .tcp(host: "x", port: 5433))
    }

    @Test("the pool is 16 connections unless ?pool= says otherwise, from 1 to 100")
    func pool() throws {
        #expect(try PostgresAddress(url: "postgres://hall@localhost/db").client.options.maximumConnections == 16)
        #expect(try PostgresAddress(url: "postgres://hall@localhost/db?pool=32").client.options.maximumConnections == 32)
        #expect(try PostgresAddress(url: "postgres://hall@localhost/db?pool=1&schema=s").poolSize == 1)
        for bad in ["0", "101", "-3", "lots", ""] {
            #expect(throws: PostgresAddress.Invalid.self) { try PostgresAddress(url: "postgres://hall@localhost/db?pool=\(bad)") }
        }
    }

    @Test("a host that is a directory means the socket in it, named after the port")
    func socket() throws {
        let socket = try PostgresAddress(url: "postgres://hall:pw@localhost:5433/chuangkou?host=/var/run/postgresql&schema=s")
        #expect(socket.endpoint == .socket(path: "/var/run/postgresql/.s.PGSQL.5433"))
        #expect(socket.database == "chuangkou" && socket.schema == "s")
        let noHost = try PostgresAddress(url: "postgres://hall@/chuangkou?host=%2Frun%2Fpostgresql%2F")
        #expect(noHost.endpoint == .socket(path: "/run/postgresql/.s.PGSQL.5432"))
        #expect(noHost.database == "chuangkou")
    }

    @Test("a URL without a user, with another scheme or an impossible port is refused", arguments: [
        "postgres://localhost/db", "mysql://hall@localhost/db", "postgres://hall@localhost:70000/db",
    ])
    func refused(url: String) {
        #expect(throws: PostgresAddress.Invalid.self) { try PostgresAddress(url: url) }
    }

    /// Runs where CI gives a socket URL (`CHUANGKOU_TEST_POSTGRES_SOCKET_URL`, a server that accepts a password there).
    @Test(
        "the hall's database works through the socket",
        .enabled(if: ProcessInfo.processInfo.environment["CHUANGKOU_TEST_POSTGRES_SOCKET_URL"] != nil)
    )
    func liveSocket() async throws {
        let url = try #require(ProcessInfo.processInfo.environment["CHUANGKOU_TEST_POSTGRES_SOCKET_URL"])
        guard case .socket = try PostgresAddress(url: url).endpoint else {
            Issue.record("CHUANGKOU_TEST_POSTGRES_SOCKET_URL names no socket")
            return
        }
        let database = try await Database.open(.postgres(url: url), logger: Logger(label: "test"))
        do {
            try await Migrator(database: database).migrate()
            let name = "probe_" + UUID().uuidString.prefix(8).lowercased()
            try await database.transaction { db in
                try await db.raw("CREATE TEMP TABLE \(unsafeRaw: name) (n BIGINT)").run()
                try await db.raw("INSERT INTO \(unsafeRaw: name) (n) VALUES (\(bind: 41 + 1))").run()
                let n = try await db.raw("SELECT n FROM \(unsafeRaw: name)").first()?.decode(column: "n", as: Int.self)
                #expect(n == 42)
            }
            let versions = try await Migrator(database: database).appliedVersions()
            #expect(versions.count == Migrator.all.count)
            await database.close()
        } catch {
            await database.close()
            throw error
        }
    }
}
