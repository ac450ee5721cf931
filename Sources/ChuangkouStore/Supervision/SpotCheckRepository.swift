import ChuangkouCore
import Crypto
import Foundation
import SQLKit

/// Random case spot-checks (抽查, RULES §8): the candidates are the period's cases received and since closed; Core
/// draws from them with the seed given, and the draw, the seed, the number of candidates and a digest of their ids
/// are kept with the audit row in one transaction. `recheck` draws again from today's candidates: the same digest
/// must give the same cases, which is how anyone checks that nobody picked them by hand.
public struct SpotCheckRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A drawn case and, once reviewed, what was found.
    public struct DrawnCase: Sendable, Equatable {
        public let position: Int
        public let caseID: CaseID
        public let business: String
        public let handler: Badge?
        public let finding: SpotCheck.Finding?
        public let note: String?
        public let reviewedBy: Badge?
    }

    public struct Record: Sendable, Equatable {
        public let id: SpotCheckID
        public let from: LocalDate
        public let through: LocalDate
        public let requested: Int
        public let seed: UInt64
        public let population: Int
        public let candidatesDigest: String
        public let drawnBy: Badge?
        public let drawnAt: Date
        public let cases: [DrawnCase]
    }

    /// The result of drawing again: whether the candidates are still those of the day of the draw, and whether the
    /// same seed gave the same cases; and, from the pool frozen with the draw (migration 29; nil for older draws),
    /// whether that pool still has the recorded digest and gives the recorded cases, and how today's candidates
    /// differ from it.
    public struct Recheck: Sendable, Equatable {
        public let sameCandidates: Bool
        public let sameCases: Bool
        public var pool: Pool?

        public struct Pool: Sendable, Equatable {
            /// The frozen pool's digest is the one recorded at the draw.
            public let digestMatches: Bool
            /// Drawing from the frozen pool with the seed gives the recorded cases.
            public let sameCases: Bool
            /// Candidates now that were not in the pool, and pool cases no longer candidates.
            public let added: Int
            public let removed: Int

            public init(digestMatches: Bool, sameCases: Bool, added: Int, removed: Int) {
                self.digestMatches = digestMatches
                self.sameCases = sameCases
                self.added = added
                self.removed = removed
            }
        }
    }

    static let closedStages = CaseStage.allCases.filter(\.isFinal).map(\.rawValue)

    /// Draws `count` of the closed cases received from `from` through `through`, with `seed`, and records it.
    public func draw(from: LocalDate, through: LocalDate, count: Int, seed: UInt64, by badge: Badge, at instant: Date) async throws -> Record {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        let id = SpotCheckID(UUID())
        return try await database.transaction { db in
            let candidates = try await Self.candidates(from: from, through: through, in: db)
            let check = try SpotCheck.draw(from: candidates, count: count, seed: seed)
            let digest = Self.digest(candidates)
            try await db.raw(
                """
                INSERT INTO spot_checks (id, period_from, period_through, requested, seed, population, candidates_digest, drawn_by, drawn_at)
                VALUES (\(bind: id.description), \(bind: from.description), \(bind: through.description), \(bind: count), \(bind: String(seed)),
                    \(bind: check.population), \(bind: digest), \(bind: badge.value), \(bind: now.millisecondsSince1970))
                """
            ).run()
            try await Self.freeze(candidates, of: id, in: db)
            for (position, caseID) in check.drawn.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO spot_check_cases (spot_check_id, position, case_id)
                    VALUES (\(bind: id.description), \(bind: position), \(bind: caseID.description))
                    """
                ).run()
            }
            try await AuditTrail.record(
                AuditEntry(
                    "spot-check.draw",
                    "spot-check:\(id)",
                    detail: "\(from)..\(through) seed \(seed): \(check.drawn.count) of \(check.population)"
                ),
                at: now,
                in: db
            )
            guard let record = try await Self.load(id, in: db) else { throw SpotCheckRecordError.unknown }
            return record
        }
    }

    public func find(_ id: SpotCheckID) async throws -> Record? {
        try await database.read { db in try await Self.load(id, in: db) }
    }

    /// The spot-checks whose period starts from `from` through `through`, latest first (at most `limit`).
    public func list(from: LocalDate, through: LocalDate, limit: Int = 100) async throws -> [Record] {
        try await database.read { db in
            let ids = try await db.raw(
                """
                SELECT id FROM spot_checks WHERE period_from >= \(bind: from.description) AND period_from <= \(bind: through.description)
                ORDER BY drawn_at DESC LIMIT \(bind: limit)
                """
            ).all().compactMap { SpotCheckID(try $0.decode(column: "id", as: String.self)) }
            var records: [Record] = []
            for id in ids { if let record = try await Self.load(id, in: db) { records.append(record) } }
            return records
        }
    }

    /// Draws again with the recorded seed from the candidates as they are now.
    public func recheck(_ id: SpotCheckID) async throws -> Recheck {
        try await database.read { db in
            guard let record = try await Self.load(id, in: db) else { throw SpotCheckRecordError.unknown }
            let candidates = try await Self.candidates(from: record.from, through: record.through, in: db)
            let again = try SpotCheck.draw(from: candidates, count: record.requested, seed: record.seed)
            let drawn = record.cases.map(\.caseID)
            var result = Recheck(sameCandidates: Self.digest(candidates) == record.candidatesDigest, sameCases: again.drawn == drawn)
            let frozen = try await Self.pool(of: id, in: db)
            // A draw from no candidates froze nothing: its pool is the empty one when the recorded population is 0.
            if !frozen.isEmpty || record.population == 0 {
                let fromPool = try SpotCheck.draw(from: frozen, count: record.requested, seed: record.seed)
                let (now, then) = (Set(candidates), Set(frozen))
                result.pool = .init(
                    digestMatches: Self.digest(frozen) == record.candidatesDigest && frozen.count == record.population,
                    sameCases: fromPool.drawn == drawn,
                    added: now.subtracting(then).count,
                    removed: then.subtracting(now).count
                )
            }
            return result
        }
    }

    /// The candidates a draw was made from, as frozen with it (sorted by id).
    public func pool(of id: SpotCheckID) async throws -> [CaseID] {
        try await database.read { db in try await Self.pool(of: id, in: db) }
    }

    static func pool(of id: SpotCheckID, in db: any SQLDatabase) async throws -> [CaseID] {
        try await db.raw(
            "SELECT case_id FROM spot_check_candidates WHERE spot_check_id = \(bind: id.description) ORDER BY case_id"
        ).all().compactMap { CaseID(try $0.decode(column: "case_id", as: String.self)) }
    }

    /// Keeps every candidate with the draw, 500 to a statement.
    static func freeze(_ candidates: [CaseID], of id: SpotCheckID, in db: any SQLDatabase) async throws {
        let ids = Set(candidates).map(\.description).sorted()
        for start in stride(from: 0, to: ids.count, by: 500) {
            var query: SQLQueryString = "INSERT INTO spot_check_candidates (spot_check_id, case_id) VALUES "
            for (offset, caseID) in ids[start..<min(ids.count, start + 500)].enumerated() {
                let row: SQLQueryString = "(\(bind: id.description), \(bind: caseID))"
                query = offset == 0 ? query + row : query + ", " + row
            }
            try await db.raw(query).run()
        }
    }

    /// The reviewer's finding on the case at `position`: once, never by the officer who handled the case.
    public func review(
        _ id: SpotCheckID,
        position: Int,
        finding: SpotCheck.Finding,
        note: String,
        by reviewer: Badge,
        at instant: Date
    ) async throws {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        try await database.transaction { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT c.officer_badge FROM spot_check_cases s JOIN cases c ON c.id = s.case_id
                    WHERE s.spot_check_id = \(bind: id.description) AND s.position = \(bind: position)
                    """
                ).first(),
                let handler = Badge(try row.decode(column: "officer_badge", as: String.self))
            else { throw SpotCheckRecordError.unknown }
            let review = try SpotCheck.Review(finding: finding, note: note, reviewer: reviewer, handler: handler)
            // Conditional: of two reviewing at once, one records it and the other is told it was reviewed.
            let updated = try await db.raw(
                """
                UPDATE spot_check_cases SET finding = \(bind: review.finding.rawValue), note = \(bind: review.note),
                    reviewed_by = \(bind: reviewer.value), reviewed_at = \(bind: now.millisecondsSince1970)
                WHERE spot_check_id = \(bind: id.description) AND position = \(bind: position) AND finding IS NULL RETURNING position
                """
            ).first()
            guard updated != nil else { throw SpotCheckRecordError.alreadyReviewed }
            try await AuditTrail.record(
                AuditEntry("spot-check.review", "spot-check:\(id)", detail: "case \(position): \(review.finding.rawValue)"),
                at: now,
                in: db
            )
        }
    }

    static func candidates(from: LocalDate, through: LocalDate, in db: any SQLDatabase) async throws -> [CaseID] {
        var ids: [CaseID] = []
        for stage in closedStages {
            // One stage at a time, so each read walks the (stage, received_on) index.
            ids += try await db.raw(
                """
                SELECT id FROM cases WHERE stage = \(bind: stage) AND received_on >= \(bind: from.description)
                    AND received_on <= \(bind: through.description)
                """
            ).all().compactMap { CaseID(try $0.decode(column: "id", as: String.self)) }
        }
        return ids
    }

    /// SHA-256 of the sorted ids, one a line: the same candidates give the same digest on any machine.
    static func digest(_ candidates: [CaseID]) -> String {
        let text = Set(candidates).map(\.description).sorted().joined(separator: "\n")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func load(_ id: SpotCheckID, in db: any SQLDatabase) async throws -> Record? {
        guard
            let row = try await db.raw(
                """
                SELECT period_from, period_through, requested, seed, population, candidates_digest, drawn_by, drawn_at
                FROM spot_checks WHERE id = \(bind: id.description)
                """
            ).first(),
            let from = LocalDate(try row.decode(column: "period_from", as: String.self)),
            let through = LocalDate(try row.decode(column: "period_through", as: String.self)),
            let seed = UInt64(try row.decode(column: "seed", as: String.self))
        else { return nil }
        let cases = try await db.raw(
            """
            SELECT s.position, s.case_id, s.finding, s.note, s.reviewed_by, c.business_code, c.officer_badge
            FROM spot_check_cases s JOIN cases c ON c.id = s.case_id
            WHERE s.spot_check_id = \(bind: id.description) ORDER BY s.position
            """
        ).all().compactMap { line -> DrawnCase? in
            guard let caseID = CaseID(try line.decode(column: "case_id", as: String.self)) else { return nil }
            return DrawnCase(
                position: try line.decode(column: "position", as: Int.self),
                caseID: caseID,
                business: try line.decode(column: "business_code", as: String.self),
                handler: Badge(try line.decode(column: "officer_badge", as: String.self)),
                finding: try line.decode(column: "finding", as: String?.self).flatMap(SpotCheck.Finding.init),
                note: try line.decode(column: "note", as: String?.self),
                reviewedBy: try line.decode(column: "reviewed_by", as: String?.self).flatMap(Badge.init)
            )
        }
        return Record(
            id: id,
            from: from,
            through: through,
            requested: try row.decode(column: "requested", as: Int.self),
            seed: seed,
            population: try row.decode(column: "population", as: Int.self),
            candidatesDigest: try row.decode(column: "candidates_digest", as: String.self),
            drawnBy: Badge(try row.decode(column: "drawn_by", as: String.self)),
            drawnAt: Date(milliseconds: try row.decode(column: "drawn_at", as: Int64.self)),
            cases: cases
        )
    }
}

/// Why the store refused a spot-check request.
public enum SpotCheckRecordError: Error, Equatable, Sendable {
    case unknown
    case alreadyReviewed
}
