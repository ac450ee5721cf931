import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import Synchronization
// The SQLite library that sqlite-nio builds and ships (a module of that package, not one of its products).
import VaporCSQLite

/// A SQLite connection called directly through the SQLite library that sqlite-nio ships, instead of through
/// sqlite-nio's connection.
///
/// Why: sqlite-nio sends each statement to a thread pool and back, and prepares it anew each time; a ticket
/// transition is about seven statements, so the single writer spent most of each transaction waiting for those hops
/// (BENCHMARKS.md). Here a statement runs synchronously on the calling task while it holds the connection's lock, and
/// prepared statements are cached by their SQL text. Statements are short (indexed, a few rows), so holding a
/// cooperative thread for one is cheaper than two thread switches.
final class SQLiteDirectConnection: @unchecked Sendable {
    // @unchecked: `handle` and `statements` are only touched by the holder of this connection's lock in `Database`.
    private let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]
    private let closed = Mutex(false)

    init(path: String) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            if let db { sqlite_nio_sqlite3_close_v2(db) }
            throw SQLiteDirectError(code: status, message: message)
        }
        handle = db
    }

    /// Runs one statement with its binds and returns its rows.
    func execute(_ sql: String, _ binds: [any Encodable & Sendable]) throws -> [SQLiteDirectRow] {
        // The schema changed since the statement was prepared (a migration by another connection): prepare again.
        // Migrations commit one by one, so it can change again between the new prepare and the step: a few tries.
        var attempt = 1
        while true {
            do {
                return try run(sql, binds)
            } catch let error as SQLiteDirectError where error.code & 0xff == SQLITE_SCHEMA && attempt < 8 {
                forget(sql)
                attempt += 1
            }
        }
    }

    private func run(_ sql: String, _ binds: [any Encodable & Sendable]) throws -> [SQLiteDirectRow] {
        let statement = try prepared(sql)
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        for (index, value) in binds.enumerated() {
            try bind(value, at: Int32(index + 1), in: statement)
        }
        let count = sqlite_nio_sqlite3_column_count(statement)
        let columns = (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) }
        var rows: [SQLiteDirectRow] = []
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                // Legacy statements report the precise failure from reset, not from step.
                throw error(sqlite_nio_sqlite3_reset(statement))
            }
            rows.append(SQLiteDirectRow(columns: columns, values: (0..<count).map { column(statement, $0) }))
        }
        return rows
    }

    private func forget(_ sql: String) {
        if let statement = statements.removeValue(forKey: sql) { sqlite_nio_sqlite3_finalize(statement) }
    }

    func close() {
        let wasClosed = closed.withLock { c in
            defer { c = true }
            return c
        }
        guard !wasClosed else { return }
        // A diagnostic for performance work: per-statement counts, printed when the connection closes.
        if ProcessInfo.processInfo.environment["CHUANGKOU_SQLITE_STATS"] != nil {
            for (sql, statement) in statements {
                let re = sqlite_nio_sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_REPREPARE, 0)
                let runs = sqlite_nio_sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_RUN, 0)
                let steps = sqlite_nio_sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_VM_STEP, 0)
                let scans = sqlite_nio_sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0)
                let sorts = sqlite_nio_sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_SORT, 0)
                let perRun = runs > 0 ? steps / runs : 0
                print(
                    "STATS vmsteps/run=\(perRun) runs=\(runs) reprepare=\(re) fullscan=\(scans) sorts=\(sorts) "
                        + sql.prefix(90).replacingOccurrences(of: "\n", with: " ")
                )
            }
        }
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements.removeAll()
        sqlite_nio_sqlite3_close_v2(handle)
    }

    deinit { close() }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let cached = statements[sql] { return cached }
        var statement: OpaquePointer?
        // The legacy prepare on purpose. With prepare_v2/v3, SQLite prepares a statement again whenever a bound value
        // the planner looked at changes; measured under load, most of our statements (the window lock, the session
        // lookup, call-next, the standing queries) were prepared again on every single run, an eighth of the CPU.
        // Legacy statements are planned once, without looking at bound values: right for these short, indexed ones.
        let status = sqlite_nio_sqlite3_prepare(handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status) }
        statements[sql] = statement
        return statement
    }

    private func bind(_ value: any Encodable & Sendable, at index: Int32, in statement: OpaquePointer) throws {
        let status: Int32
        // One conformance check and a direct call (a cast per candidate type was ≈ 2 % of the server's CPU). Optionals of
        // bindable types, nested ones too, conform themselves; a nil of any other type still binds as NULL.
        if let bindable = value as? any SQLiteBindable {
            status = bindable.bind(to: statement, at: index, transient: transient)
        } else if let optional = value as? any OptionalBind, optional.isNil {
            status = sqlite_nio_sqlite3_bind_null(statement, index)
        } else {
            throw SQLiteDirectError(code: SQLITE_MISMATCH, message: "unsupported bind type \(type(of: value))")
        }
        guard status == SQLITE_OK else { throw error(status) }
    }

    private func column(_ statement: OpaquePointer, _ index: Int32) -> SQLiteDirectRow.Value {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite_nio_sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .real(sqlite_nio_sqlite3_column_double(statement, index))
        default:
            guard let text = sqlite_nio_sqlite3_column_text(statement, index) else { return .null }
            return .text(String(cString: text))
        }
    }

    private func error(_ status: Int32) -> SQLiteDirectError {
        SQLiteDirectError(code: status, message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
    }

    /// SQLITE_TRANSIENT: SQLite copies bound text before the call returns.
    private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A failure reported by SQLite, with its (extended) result code and message, e.g. a UNIQUE constraint.
struct SQLiteDirectError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    var description: String { "SQLite error \(code): \(message)" }
}

/// Lets a bind tell whether it is an empty optional.
/// A value SQLite binds directly.
protocol SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32, transient: sqlite3_destructor_type) -> Int32
}

extension String: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32, transient: sqlite3_destructor_type) -> Int32 {
        sqlite_nio_sqlite3_bind_text(statement, index, self, -1, transient)
    }
}

extension Int: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32, transient: sqlite3_destructor_type) -> Int32 {
        sqlite_nio_sqlite3_bind_int64(statement, index, Int64(self))
    }
}

extension Int64: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32, transient: sqlite3_destructor_type) -> Int32 {
        sqlite_nio_sqlite3_bind_int64(statement, index, self)
    }
}

extension Double: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32, transient: sqlite3_destructor_type) -> Int32 {
        sqlite_nio_sqlite3_bind_double(statement, index, self)
    }
}

extension Bool: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32, transient: sqlite3_destructor_type) -> Int32 {
        sqlite_nio_sqlite3_bind_int64(statement, index, self ? 1 : 0)
    }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32, transient: sqlite3_destructor_type) -> Int32 {
        switch self {
        case .none: sqlite_nio_sqlite3_bind_null(statement, index)
        case .some(let value): value.bind(to: statement, at: index, transient: transient)
        }
    }
}

/// An optional bind, seen through: SQLKit hands optionals over as they are (both backends).
protocol OptionalBind {
    var isNil: Bool { get }
    /// The value inside, optionals within optionals unwrapped too; nil for none.
    var wrapped: Any? { get }
}

extension Optional: OptionalBind {
    var isNil: Bool { self == nil }
    var wrapped: Any? { self.flatMap { ($0 as? any OptionalBind).map(\.wrapped) ?? $0 } }
}

/// One row read by `SQLiteDirectConnection`.
struct SQLiteDirectRow: SQLRow {
    enum Value: Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
    }

    let columns: [String]
    let values: [Value]

    var allColumns: [String] { columns }

    func contains(column: String) -> Bool { columns.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        if case .null = try value(column) { return true }
        return false
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        let found = try value(column)
        let result: D?
        switch found {
        case .null: result = (D.self as? any ExpressibleByNilLiteral.Type).map { $0.init(nilLiteral: ()) as! D }
        case .integer(let i):
            result = (Int(exactly: i) as? D) ?? (i as? D) ?? (Double(i) as? D) ?? ((i != 0) as? D)
        case .real(let d): result = (d as? D) ?? (Int64(exactly: d) as? D) ?? (Int(exactly: d) as? D)
        case .text(let s): result = s as? D
        }
        guard let result else {
            throw DecodingError.typeMismatch(D.self, .init(codingPath: [], debugDescription: "column \(column) holds \(found)"))
        }
        return result
    }

    private func value(_ column: String) throws -> Value {
        guard let index = columns.firstIndex(of: column) else {
            throw DecodingError.keyNotFound(SQLColumnKey(column), .init(codingPath: [], debugDescription: "no column \(column)"))
        }
        return values[index]
    }
}

private struct SQLColumnKey: CodingKey {
    let stringValue: String
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}

/// `SQLDatabase` over `SQLiteDirectConnection`: what repositories see on SQLite.
struct SQLiteDirectDatabase: SQLDatabase {
    let connection: SQLiteDirectConnection
    let logger: Logger
    let eventLoop: any EventLoop

    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { SQLiteDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeCompletedFuture { try run(query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        let (sql, binds) = serialize(query)
        for row in try connection.execute(sql, binds) { onRow(row) }
    }
}
