import ChuangkouCore
import Foundation
import SQLKit

/// A guide that may not be published, with every reason.
public struct GuideRejected: Error, Sendable, Equatable {
    public var problems: [GuideProblem]
}

/// Published service guides and their versions. Publishing is the only way a business's public facts
/// change; each publish is one transaction that writes the new version and brings `businesses` in line.
public struct GuideRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What one publish did to one business.
    public struct Publication: Sendable, Equatable {
        public var code: BusinessCode
        public var version: Int
        /// False when the guide was identical to the version in force, so no version was made.
        public var changed: Bool

        public init(code: BusinessCode, version: Int, changed: Bool) {
            self.code = code
            self.version = version
            self.changed = changed
        }
    }

    /// The version in force of every business, in the hall's display order.
    public func current() async throws -> [GuideVersion] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT v.business_code, v.version, v.guide, v.published_at, v.published_by, v.note
                FROM businesses b JOIN guide_versions v ON v.business_code = b.code AND v.version = b.guide_version
                ORDER BY b.sort_order, b.code
                """
            ).all().map(GuideVersion.init(row:))
        }
    }

    /// The version in force of one business, or nil when it has none.
    public func current(_ code: BusinessCode) async throws -> GuideVersion? {
        try await database.read { db in try await Self.current(code, in: db) }
    }

    /// One version exactly as it was published.
    public func version(_ code: BusinessCode, _ version: Int) async throws -> GuideVersion? {
        try await database.read { db in try await Self.version(code, version, in: db) }
    }

    /// Every version of a business, newest first.
    public func versions(_ code: BusinessCode) async throws -> [GuideVersion] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT business_code, version, guide, published_at, published_by, note FROM guide_versions
                WHERE business_code = \(bind: code.value) ORDER BY version DESC
                """
            ).all().map(GuideVersion.init(row:))
        }
    }

    /// Publishes a guide as the next version of its business (creating the business if new).
    /// - Throws: `GuideRejected` listing every problem; nothing is written then.
    public func publish(_ guide: Guide, by badge: Badge?, note: String, at now: Date) async throws -> Publication {
        if case let problems = guide.problems(), !problems.isEmpty { throw GuideRejected(problems: problems) }
        return try await database.transaction { db in
            try await Self.publish(guide, by: badge, note: note, at: now, in: db)
        }
    }

    /// Publishes a whole catalog in one transaction: every guide is checked, alone and against the others,
    /// before anything is written. Businesses missing from the catalog are kept (tickets and cases refer to them).
    public func publish(catalog guides: [Guide], by badge: Badge?, note: String, at now: Date) async throws -> [Publication] {
        let problems = CatalogRules.problems(guides).map { entry in
            var problem = entry.problem
            problem.path = "\(guides[entry.index].code).\(problem.path)"
            return problem
        }
        if !problems.isEmpty { throw GuideRejected(problems: problems) }
        return try await database.transaction { db in
            var done: [Publication] = []
            for guide in guides {
                done.append(try await Self.publish(guide, by: badge, note: note, at: now, in: db))
            }
            return done
        }
    }

    static func publish(_ guide: Guide, by badge: Badge?, note: String, at now: Date, in db: any SQLDatabase) async throws -> Publication {
        if let holder = try await db.raw(
            """
            SELECT code FROM businesses WHERE prefix = \(bind: guide.prefix.value) AND code <> \(bind: guide.code.value)
            """
        ).first() {
            let other = try holder.decode(column: "code", as: String.self)
            throw GuideRejected(problems: [GuideProblem("prefix", .duplicatePrefix, "\(guide.prefix) = \(other)")])
        }
        let body = try Self.encode(guide)
        let existing = try await current(guide.code, in: db)
        if let existing, existing.guide == guide {
            return Publication(code: guide.code, version: existing.version, changed: false)
        }
        let version: Int
        if let row = try await db.raw("SELECT guide_version FROM businesses WHERE code = \(bind: guide.code.value)").first() {
            version = try row.decode(column: "guide_version", as: Int.self) + 1
            try await db.raw(
                """
                UPDATE businesses SET name = \(bind: guide.name), name_en = \(bind: guide.nameEnglish), prefix = \(bind: guide.prefix.value),
                    typical_service_minutes = \(bind: guide.typicalServiceMinutes), category = \(bind: guide.category),
                    kind = \(bind: guide.kind.rawValue), guide_version = \(bind: version)
                WHERE code = \(bind: guide.code.value)
                """
            ).run()
        } else {
            version = 1
            try await db.raw(
                """
                INSERT INTO businesses (code, name, name_en, prefix, typical_service_minutes, sort_order, category, kind, guide_version)
                SELECT \(bind: guide.code.value), \(bind: guide.name), \(bind: guide.nameEnglish), \(bind: guide.prefix.value),
                       \(bind: guide.typicalServiceMinutes), COALESCE(MAX(sort_order), -1) + 1, \(bind: guide.category),
                       \(bind: guide.kind.rawValue), 1
                FROM businesses
                """
            ).run()
        }
        try await db.raw(
            """
            INSERT INTO guide_versions (business_code, version, guide, published_at, published_by, note)
            VALUES (\(bind: guide.code.value), \(bind: version), \(bind: body), \(bind: now.millisecondsSince1970),
                    \(bind: badge?.value), \(bind: Masking.maskPersonalNumbers(in: note)))
            """
        ).run()
        try await AuditTrail.record(AuditEntry("guide.publish", "guide:\(guide.code)", detail: "v\(version) \(note)"), at: now, in: db)
        return Publication(code: guide.code, version: version, changed: true)
    }

    static func current(_ code: BusinessCode, in db: any SQLDatabase) async throws -> GuideVersion? {
        try await db.raw(
            """
            SELECT v.business_code, v.version, v.guide, v.published_at, v.published_by, v.note
            FROM businesses b JOIN guide_versions v ON v.business_code = b.code AND v.version = b.guide_version
            WHERE b.code = \(bind: code.value)
            """
        ).first().map(GuideVersion.init(row:))
    }

    /// One version exactly as it was published, inside the caller's transaction (a case reads its pinned guide so).
    static func version(_ code: BusinessCode, _ version: Int, in db: any SQLDatabase) async throws -> GuideVersion? {
        try await db.raw(
            """
            SELECT business_code, version, guide, published_at, published_by, note FROM guide_versions
            WHERE business_code = \(bind: code.value) AND version = \(bind: version)
            """
        ).first().map(GuideVersion.init(row:))
    }

    static func encode(_ guide: Guide) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(guide), as: UTF8.self)
    }
}

extension GuideVersion {
    init(row: any SQLRow) throws {
        let code = try row.decode(column: "business_code", as: String.self)
        let version = try row.decode(column: "version", as: Int.self)
        guard let guide = try? JSONDecoder().decode(Guide.self, from: Data(try row.decode(column: "guide", as: String.self).utf8)) else {
            throw StoreError.corruptRow(table: "guide_versions", id: "\(code)@\(version)")
        }
        self.init(
            version: version,
            guide: guide,
            publishedAt: Date(milliseconds: try row.decode(column: "published_at", as: Int64.self)),
            publishedBy: try row.decode(column: "published_by", as: String?.self).flatMap(Badge.init),
            note: try row.decode(column: "note", as: String.self)
        )
    }
}
