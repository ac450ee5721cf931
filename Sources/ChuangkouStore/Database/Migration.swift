import Foundation
import SQLKit

/// One numbered change to the schema. Never edit a migration once it has shipped: add the next one.
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: @Sendable (Dialect) -> [String]
}

/// Brings a database up to the newest schema, one transaction per migration, recording each in `schema_migrations`.
public struct Migrator: Sendable {
    static let all: [Migration] = [
        .v001QueueFoundation,
        .v002GuideCatalog,
        .v003CalendarAndDeadlines,
        .v004Cases,
        .v005PartialTicketIndexes,
        .v006EventLogByID,
        .v007Accounts,
        .v012AuditChainedAtCommit,
        .v013HallEventsNotify,
        .v015AuditTrail,
        .v017Evaluation,
        .v019ResultsByMonth,
        .v020Complaints,
        .v021OutOfTurnReviews,
        .v022Inspections,
        .v023SpotChecks,
        .v024DutyRoster,
        .v026Inquiries,
        .v027Incidents,
        .v028Appointments,
        .v029WindowLogAndSpotCheckPools,
        .v030NotificationDelivery,
        .v031TicketContacts,
        .v032DeclaredGreenChannel,
        .v033OnSiteVisits,
        .v034TicketHandovers,
        .v035HallWordings,
        .v036DeskRollups,
        .v037CaseChannels,
        .v038AppointmentDayRuns,
        .v039OnSiteOutcomes,
        .v040FixRatingLinks,
        .v041AuditLinkedAfterCommit,
        .v042HallEventsNotifiedAfterCommit,
    ]

    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Applies the migrations the database has not seen, up to `last` (tests stop early to hold rows at an older
    /// schema and then upgrade them); returns the versions applied.
    ///
    /// Two processes starting at once both try; on PostgreSQL an advisory lock makes the second wait and
    /// then find nothing to do, on SQLite `BEGIN IMMEDIATE` does the same.
    @discardableResult
    public func migrate(through last: Int = .max) async throws -> [Int] {
        let dialect = database.dialect
        try await database.transaction { db in
            // Even CREATE TABLE IF NOT EXISTS races on PostgreSQL when two processes start at once.
            if dialect == .postgres {
                try await db.raw("SELECT pg_advisory_xact_lock(7420170)").run()
            }
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            ).run()
        }
        var applied: [Int] = []
        for migration in Self.all where migration.version <= last {
            let done = try await database.transaction { db -> Bool in
                if dialect == .postgres {
                    try await db.raw("SELECT pg_advisory_xact_lock(7420170)").run()
                }
                let seen = try await db.raw("SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)").first()
                if seen != nil { return false }
                for statement in migration.statements(dialect) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.raw(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Date().millisecondsSince1970))
                    """
                ).run()
                return true
            }
            if done { applied.append(migration.version) }
        }
        if last >= Self.all.map(\.version).max() ?? 0 { database.schemaSettled() }
        return applied
    }

    /// The versions recorded as applied, oldest first.
    public func appliedVersions() async throws -> [Int] {
        try await database.read { db in
            try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all().map { try $0.decode(column: "version", as: Int.self) }
        }
    }
}
