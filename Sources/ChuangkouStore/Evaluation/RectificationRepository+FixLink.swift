import ChuangkouCore
import Foundation
import SQLKit

/// Why the rater's link opened nothing: the same two answers as the status query, so a guesser learns nothing more.
public enum FixLinkError: Error, Equatable, Sendable {
    /// No item has this code (the failure is recorded against the caller's address).
    case notFound
    /// Too many failures from this address within the window.
    case limited
}

/// The rater's side of the closed loop (对整改结果评价, RULES §6): the outcome message carries a link with a random code
/// (`/rate-fix/{code}`); the page it opens shows the outcome and takes the one rating of the fix, without any login.
///
/// The code is 20 characters drawn from 31 (about 99 bits), made when the outcome is sent and stored only as its
/// SHA-256 digest. Wrong codes count against the caller's address in the table the status and complaint queries
/// share, so guessing is slowed across all of them.
extension RectificationRepository {
    /// The failure limit of one caller's address.
    public struct LinkLimit: Sendable {
        public let client: String
        public let maxFailures: Int
        public let window: Duration

        public init(client: String, maxFailures: Int, window: Duration) {
            self.client = client
            self.maxFailures = maxFailures
            self.window = window
        }
    }

    /// What the link shows the rater: their review, the outcome, and their rating of the fix once given. Nothing else
    /// of the item (no handler, no history, no phone).
    public struct FixLinkView: Sendable, Equatable {
        public let item: RectificationID
        public let business: BusinessCode
        public let level: Satisfaction
        /// The service day the review was given on.
        public let reviewedOn: LocalDate
        public let outcome: Rectification.Outcome
        public let fixRating: Satisfaction?
    }

    /// The page behind a link.
    ///
    /// - Throws: `FixLinkError` (the failure recorded first).
    public func fixLink(_ code: String, limit: LinkLimit, at now: Date) async throws -> FixLinkView {
        let found = try await database.transaction { db -> Result<FixLinkView, FixLinkError> in
            switch try await Self.locate(code, limit: limit, at: now, in: db) {
            case .failure(let error): return .failure(error)
            case .success(let id): return .success(try await Self.view(id, in: db))
            }
        }
        return try found.get()
    }

    /// The rater's one rating of the fix, through the link; audited like every change of the item.
    ///
    /// - Throws: `FixLinkError`; `RatingError.fixNotRateable` when the fix was rated already.
    public func rateFix(code: String, _ level: Satisfaction, limit: LinkLimit, at now: Date) async throws -> FixLinkView {
        let located = try await database.transaction { db in try await Self.locate(code, limit: limit, at: now, in: db) }
        let id = try located.get()
        _ = try await change(id, "rate-fix", at: now) { item in try item.rateFix(level, at: now) }
        return try await database.read { db in try await Self.view(id, in: db) }
    }

    // MARK: In-transaction helpers

    static let codeAlphabet = Array("23456789abcdefghjkmnpqrstuvwxyz")
    static let codeLength = 20

    /// Makes the item's link code and stores its digest, in the outcome's transaction; returns the code.
    static func issueLink(for item: RectificationID, at now: Date, in db: any SQLDatabase) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let code = String((0..<codeLength).map { _ in codeAlphabet.randomElement(using: &generator)! })
        try await db.raw(
            """
            INSERT INTO rectification_fix_links (code_hash, rectification_id, created_at)
            VALUES (\(bind: OfficerRepository.digest(code)), \(bind: item.description), \(bind: now.millisecondsSince1970))
            """
        ).run()
        return code
    }

    /// The item a code opens, recording a failure (and refusing once there were too many from this address).
    static func locate(_ code: String, limit: LinkLimit, at now: Date, in db: any SQLDatabase) async throws -> Result<RectificationID, FixLinkError> {
        let failures = try await StatusQueryAttempts.failures(of: limit.client, within: limit.window, before: now, in: db)
        guard failures < limit.maxFailures else {
            try await AuditTrail.record(
                AuditEntry("rectification.fix-link", "fix-link", outcome: .refused, detail: "429 rating.fix-link-limited"),
                at: now,
                in: db
            )
            return .failure(.limited)
        }
        let normalised = code.trimmingCharacters(in: .whitespaces).lowercased()
        let wellFormed = normalised.count == codeLength && normalised.allSatisfy(codeAlphabet.contains)
        if wellFormed,
            let row = try await db.raw(
                "SELECT rectification_id FROM rectification_fix_links WHERE code_hash = \(bind: OfficerRepository.digest(normalised))"
            ).first(),
            let id = RectificationID(try row.decode(column: "rectification_id", as: String.self))
        {
            return .success(id)
        }
        // The guess itself is not kept: only that this address failed.
        try await StatusQueryAttempts.recordFailure(of: limit.client, code: "fix-link", at: now, in: db)
        try await AuditTrail.record(
            AuditEntry("rectification.fix-link", "fix-link", outcome: .refused, detail: "404 rating.fix-link-unknown"),
            at: now,
            in: db
        )
        return .failure(.notFound)
    }

    static func view(_ id: RectificationID, in db: any SQLDatabase) async throws -> FixLinkView {
        guard let record = try await record(id, in: db), let outcome = record.item.outcome else {
            throw StoreError.corruptRow(table: "rectification_fix_links", id: id.description)
        }
        return FixLinkView(
            item: id,
            business: record.business,
            level: record.level,
            reviewedOn: record.item.openedOn,
            outcome: outcome,
            fixRating: record.item.fixRating
        )
    }
}
