import ChuangkouCore
import Foundation
import SQLKit

/// Why a case rating found no case to rate: the status query's own answers, so the two read alike to a guesser.
public enum CaseLookupError: Error, Equatable, Sendable {
    /// No case has this query code with these phone digits (the failure is recorded against the address).
    case notFound
    /// Too many failures from this address within the window.
    case limited
}

extension RatingRepository {
    /// The case-history actions that end a case; the last of them is when it was decided.
    static let endingActions = ["completed", "not-accepted", "granted", "denied", "terminated"]

    /// Rates a decided case (一事一评) from the status page: the query code and the phone's last four digits are checked
    /// exactly as the status query checks them, with the same per-address failure limit, in the rating's transaction.
    ///
    /// - Throws: `CaseLookupError` (after recording the failure); `RatingError.serviceNotEnded` while the case is open;
    ///   `.tooLate` after the late-rating window; `.alreadyRated` (the unique `case_id`).
    public func rate(
        caseCode code: String,
        phoneLast4: String,
        _ input: Input,
        client: String,
        maxFailures: Int,
        window: Duration,
        hall: Hall,
        at instant: Date
    ) async throws -> Given {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        let sealer = sealer
        let policy = policy
        let found = try await rating(hall: hall) { db -> Result<Rating, CaseLookupError> in
            let answer = try await CaseRepository.lookUp(
                code: code,
                phoneLast4: phoneLast4,
                client: client,
                maxFailures: maxFailures,
                window: window,
                at: now,
                sealer: sealer,
                in: db
            )
            let record: CaseFile
            switch answer {
            case .limited: return .failure(.limited)
            case .notFound: return .failure(.notFound)
            case .found(let file, _): record = file
            }
            let decidedAt = try await Self.decidedAt(record.id, in: db) ?? record.receivedAt
            return .success(
                try Rating(
                    id: RatingID(UUID()),
                    service: try record.ratedService(decidedAt: decidedAt),
                    level: input.level,
                    indicators: input.indicators,
                    comment: input.comment,
                    contact: input.contact,
                    channel: .statusPage,
                    at: now,
                    policy: policy
                )
            )
        }
        return try found.get()
    }

    /// Whether the case with this code has its rating already (the status page offers the form only when not).
    public func isRated(case id: CaseID) async throws -> Bool {
        try await database.read { db in
            try await db.raw("SELECT 1 AS one FROM ratings WHERE case_id = \(bind: id.description)").first() != nil
        }
    }

    /// When the case reached its end: the last ending line of its history.
    public func decidedAt(_ id: CaseID) async throws -> Date? {
        try await database.read { db in try await Self.decidedAt(id, in: db) }
    }

    static func decidedAt(_ id: CaseID, in db: any SQLDatabase) async throws -> Date? {
        let row = try await db.raw(
            "SELECT MAX(at) AS at FROM case_events WHERE case_id = \(bind: id.description) AND action IN (\(binds: endingActions))"
        ).first()
        return try row?.decode(column: "at", as: Int64?.self).map(Date.init(milliseconds:))
    }
}
