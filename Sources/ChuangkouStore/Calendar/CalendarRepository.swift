import ChuangkouCore
import Foundation
import SQLKit

/// The working-day calendar as versioned data: each year's holiday notice, every published version kept, the newest
/// in force.
///
/// Admins publish next year's notice when the State Council announces it (usually in November); publishing again
/// corrects a year with a new version. A publication is validated first and written in one transaction, so a
/// refused notice leaves nothing behind.
public struct CalendarRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// One published version of a year's notice.
    public struct Version: Sendable, Equatable {
        public let year: Int
        public let version: Int
        public let arrangement: HolidayArrangement
        public let publishedAt: Date
        /// The admin who published it; nil for the notices shipped with Chuangkou and those imported on the command line.
        public let publishedBy: Badge?
        public let note: String
    }

    /// The calendar in force: the newest version of every year.
    public func current() async throws -> WorkingDayCalendar {
        try await database.read { db in try await Self.current(in: db) }
    }

    static func current(in db: any SQLDatabase) async throws -> WorkingDayCalendar {
        let rows = try await db.raw(
            """
            SELECT n.year, n.version, n.notice, n.published_at, n.published_by, n.note FROM holiday_notices n
            WHERE n.version = (SELECT MAX(m.version) FROM holiday_notices m WHERE m.year = n.year)
            ORDER BY n.year
            """
        ).all()
        return try WorkingDayCalendar(try rows.map { try Version(row: $0).arrangement })
    }

    /// Every version of every year, oldest first.
    public func versions() async throws -> [Version] {
        try await database.read { db in
            try await db.raw("SELECT year, version, notice, published_at, published_by, note FROM holiday_notices ORDER BY year, version")
                .all().map(Version.init(row:))
        }
    }

    /// The versions of one year, oldest first (empty when nothing was published for it).
    public func versions(of year: Int) async throws -> [Version] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT year, version, notice, published_at, published_by, note FROM holiday_notices WHERE year = \(bind: year)
                ORDER BY version
                """
            ).all().map(Version.init(row:))
        }
    }

    /// Publishes a new version of each year's notice, all or nothing.
    ///
    /// - Throws: `NoticeRejected` for the first year whose notice has problems (listing all of them), before anything
    ///   is written; `CalendarError.duplicateYear` when a year is given twice.
    @discardableResult
    public func publish(
        _ arrangements: [HolidayArrangement],
        by admin: Badge?,
        note: String,
        at now: Date
    ) async throws -> [Version] {
        var seen = Set<Int>()
        for arrangement in arrangements {
            guard seen.insert(arrangement.year).inserted else { throw CalendarError.duplicateYear(arrangement.year) }
            let problems = arrangement.problems()
            guard problems.isEmpty else { throw NoticeRejected(year: arrangement.year, problems: problems) }
        }
        return try await database.transaction { db in
            var published: [Version] = []
            for arrangement in arrangements {
                published.append(try await Self.insertNextVersion(arrangement, by: admin, note: note, at: now, in: db))
            }
            return published
        }
    }

    /// Publishes one year's notice as its next version.
    @discardableResult
    public func publish(_ arrangement: HolidayArrangement, by admin: Badge?, note: String, at now: Date) async throws -> Version {
        try await publish([arrangement], by: admin, note: note, at: now)[0]
    }

    /// Puts the notices shipped with Chuangkou (2025, 2026) in as version 1 of years that have none. Safe to run on
    /// every start and from two processes at once: a year that already has a version 1 is left alone
    /// (`ON CONFLICT DO NOTHING`). Returns the years it added.
    @discardableResult
    public func installShipped(at now: Date) async throws -> [Int] {
        let shipped = try HolidayArrangement.shipped()
        return try await database.transaction { db in
            var added: [Int] = []
            for arrangement in shipped {
                let row = try await db.raw(
                    """
                    INSERT INTO holiday_notices (year, version, notice, published_at, published_by, note)
                    VALUES (\(bind: arrangement.year), 1, \(bind: try Self.text(arrangement)), \(bind: now.millisecondsSince1970), NULL,
                        \(bind: Self.shippedNote))
                    ON CONFLICT (year, version) DO NOTHING RETURNING year
                    """
                ).first()
                if row != nil {
                    added.append(arrangement.year)
                    try await AuditTrail.record(AuditEntry("calendar.install", "calendar:\(arrangement.year)", detail: "v1"), at: now, in: db)
                }
            }
            return added
        }
    }

    static let shippedNote = "随软件发布 (国务院办公厅通知) / Shipped with Chuangkou (State Council notice)"

    /// Takes the next version number of the year. Two publishers at once on PostgreSQL may compute the same number;
    /// the loser's insert does nothing and it tries again with the winner's row in sight (each statement sees what
    /// was committed before it started).
    static func insertNextVersion(
        _ arrangement: HolidayArrangement,
        by admin: Badge?,
        note: String,
        at now: Date,
        in db: any SQLDatabase
    ) async throws -> Version {
        let text = try Self.text(arrangement)
        let note = Masking.maskPersonalNumbers(in: note.trimmingCharacters(in: .whitespacesAndNewlines))
        for _ in 0..<10 {
            let row = try await db.raw(
                """
                INSERT INTO holiday_notices (year, version, notice, published_at, published_by, note)
                SELECT \(bind: arrangement.year), COALESCE(MAX(version), 0) + 1, \(bind: text), \(bind: now.millisecondsSince1970),
                    \(bind: admin?.value), \(bind: note)
                FROM holiday_notices WHERE year = \(bind: arrangement.year)
                ON CONFLICT (year, version) DO NOTHING
                RETURNING version
                """
            ).first()
            if let row {
                let version = try row.decode(column: "version", as: Int.self)
                try await AuditTrail.record(
                    AuditEntry("calendar.publish", "calendar:\(arrangement.year)", detail: "v\(version) \(note)"),
                    at: now,
                    in: db
                )
                return Version(
                    year: arrangement.year,
                    version: version,
                    arrangement: arrangement,
                    publishedAt: Date(milliseconds: now.millisecondsSince1970),
                    publishedBy: admin,
                    note: note
                )
            }
        }
        throw StoreError.busy(table: "holiday_notices")
    }

    /// The stored text of a notice: the `HolidayNotice` JSON, keys sorted so equal notices are equal text.
    static func text(_ arrangement: HolidayArrangement) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(HolidayNotice(arrangement)), as: UTF8.self)
    }
}

extension CalendarRepository.Version {
    init(row: any SQLRow) throws {
        let year = try row.decode(column: "year", as: Int.self)
        let version = try row.decode(column: "version", as: Int.self)
        let text = try row.decode(column: "notice", as: String.self)
        guard let notice = try? JSONDecoder().decode(HolidayNotice.self, from: Data(text.utf8)),
            let arrangement = try? notice.arrangement(for: year)
        else { throw StoreError.corruptRow(table: "holiday_notices", id: "\(year)/\(version)") }
        self.init(
            year: year,
            version: version,
            arrangement: arrangement,
            publishedAt: Date(milliseconds: try row.decode(column: "published_at", as: Int64.self)),
            publishedBy: try row.decode(column: "published_by", as: String?.self).flatMap(Badge.init),
            note: try row.decode(column: "note", as: String.self)
        )
    }
}
