import Logging
import PostgresKit
import SQLKit
import Synchronization

/// PostgreSQL: runs each statement as a named prepared statement of its connection, prepared on first use.
///
/// Why: PostgresNIO sends every query as an unnamed statement, which PostgreSQL parses, analyses and plans again on
/// every run; at 64 clients that was a third of PostgreSQL's CPU (BENCHMARKS.md, issue 16). Our statements come in few
/// shapes (SQLKit builds the same text each time; the values are binds), so each shape is prepared once per connection.
///
/// PostgresNIO prepares and caches by the statement type's static `name` and `sql`; `Shape.current`, a task-local set
/// around the one call, gives those statics the shape at hand (they are read on the calling task, within the call).
/// PostgresNIO also remembers a failed preparation for good, so a statement goes the plain way when preparing it could
/// fail for a passing reason: after an earlier statement of the same session failed (PostgreSQL refuses everything
/// until the rollback), before the migrations are done (a table may not exist yet), beyond `PreparedShapes.limit`
/// shapes, or with a value that is not one of PostgresNIO's own types.
struct PreparingPostgresDatabase: SQLDatabase {
    let connection: PostgresConnection
    let plain: any SQLDatabase
    let shapes: PreparedShapes
    /// Set once a statement of this session failed: the rest go the plain way.
    let failed: PreparedSession

    init(connection: PostgresConnection, shapes: PreparedShapes) {
        self.connection = connection
        self.plain = connection.sql(queryLogLevel: nil)
        self.shapes = shapes
        self.failed = PreparedSession()
    }

    var logger: Logger { plain.logger }
    var eventLoop: any EventLoop { plain.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { plain.version }
    var dialect: any SQLDialect { plain.dialect }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        plain.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        var serializer = SQLSerializer(database: self)
        query.serialize(to: &serializer)
        guard !failed.value, let (bindings, types) = Self.encode(serializer.binds),
            let shape = shapes.shape(sql: serializer.sql, types: types)
        else {
            return try await noting { try await plain.execute(sql: query, onRow) }
        }
        try await noting {
            try await Shape.$current.withValue(shape) {
                let rows = try await connection.execute(ShapedStatement(bindings: bindings), logger: connection.logger)
                for try await row in rows { onRow(row.sql()) }
            }
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    private func noting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            failed.value = true
            throw error
        }
    }

    /// The values as PostgreSQL binds with their types, or nil if one is not a PostgresNIO type (the plain path
    /// knows the rest: JSON and the like).
    static func encode(_ binds: [any Encodable & Sendable]) -> (PostgresBindings, [PostgresDataType])? {
        var bindings = PostgresBindings(capacity: binds.count)
        var types: [PostgresDataType] = []
        types.reserveCapacity(binds.count)
        for bind in binds {
            let unwrapped: Any? = (bind as? any OptionalBind).map { $0.wrapped } ?? bind
            if unwrapped == nil {
                bindings.appendNull()
                types.append(.null)
            } else if let value = unwrapped as? any PostgresThrowingDynamicTypeEncodable {
                guard (try? bindings.append(value, context: .default)) != nil else { return nil }
                types.append(value.psqlType)
            } else {
                return nil
            }
        }
        return (bindings, types)
    }
}

/// Whether a statement of one session (transaction or read) has failed.
final class PreparedSession: Sendable {
    private let flag = Atomic(false)
    var value: Bool {
        get { flag.load(ordering: .relaxed) }
        set { flag.store(newValue, ordering: .relaxed) }
    }
}

/// One statement shape: its text and bind types, and the name it is prepared under on every connection.
struct Shape: Sendable {
    let name: String
    let sql: String
    let types: [PostgresDataType]

    @TaskLocal static var current: Shape?
}

/// The shapes seen so far, named in the order they came, shared by all connections of the pool.
final class PreparedShapes: Sendable {
    private struct Key: Hashable {
        let sql: String
        let types: [PostgresDataType]
    }

    /// Beyond this many shapes the rest run unprepared: bounds what each connection keeps on the server.
    static let limit = 512
    private let shapes = Mutex<[Key: Shape]>([:])
    private let ready = Atomic(false)

    /// Called once the migrations are done: from then on statements are prepared.
    func schemaSettled() { ready.store(true, ordering: .relaxed) }

    func shape(sql: String, types: [PostgresDataType]) -> Shape? {
        guard ready.load(ordering: .relaxed) else { return nil }
        let key = Key(sql: sql, types: types)
        return shapes.withLock { shapes in
            if let shape = shapes[key] { return shape }
            guard shapes.count < Self.limit else { return nil }
            let shape = Shape(name: "ck\(shapes.count + 1)", sql: sql, types: types)
            shapes[key] = shape
            return shape
        }
    }
}

/// The statement PostgresNIO prepares and runs: its statics read the shape of the call in progress.
private struct ShapedStatement: PostgresPreparedStatement {
    typealias Row = PostgresRow
    let bindings: PostgresBindings

    static var name: String { Shape.current?.name ?? "" }
    static var sql: String { Shape.current?.sql ?? "" }
    static var bindingDataTypes: [PostgresDataType] { Shape.current?.types ?? [] }

    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
