import ChuangkouCore
import Foundation
import SQLKit

/// The complainant's side: following a complaint with its query code and the last four digits of the phone, rating
/// the answer and asking for a review. Failures count against the caller's address in the same table as the case
/// status query, so guessing is slowed across both.
extension ComplaintRepository {
    public enum QueryAnswer: Sendable, Equatable {
        case found(Record)
        case notFound
        /// Too many failures from this address in the window.
        case limited
    }

    public struct QueryLimit: Sendable {
        public let client: String
        public let maxFailures: Int
        public let window: Duration

        public init(client: String, maxFailures: Int, window: Duration) {
            self.client = client
            self.maxFailures = maxFailures
            self.window = window
        }
    }

    /// Looks a complaint up by its query code and the phone's last four digits.
    public func query(code: String, phoneLast4: String, limit: QueryLimit, at now: Date) async throws -> QueryAnswer {
        let code = QueryCode.normalised(code)
        return try await database.transaction { db in
            switch try await Self.locate(code: code, phoneLast4: phoneLast4, limit: limit, at: now, in: db) {
            case .found(let id):
                try await AuditTrail.record(AuditEntry("complaint.query", "complaint:\(id)"), at: now, in: db)
                guard let record = try await Self.record(id, in: db) else { return .notFound }
                return .found(record)
            case .notFound: return .notFound
            case .limited: return .limited
            }
        }
    }

    /// The complainant rates the answer; not satisfied, they may ask for the one review (复查) in the same step.
    public func followUp(
        code: String,
        phoneLast4: String,
        satisfied: Bool,
        reopen: Bool,
        limit: QueryLimit,
        hall: Hall,
        at now: Date
    ) async throws -> QueryAnswer {
        let code = QueryCode.normalised(code)
        let located = try await database.transaction { db in
            try await Self.locate(code: code, phoneLast4: phoneLast4, limit: limit, at: now, in: db)
        }
        guard case .found(let id) = located else { return located == .limited ? .limited : .notFound }
        if reopen, satisfied { throw ComplaintError.reopenNeedsDissatisfaction }
        let record = try await change(id, reopen ? "reopen" : "rate", by: nil, at: now) { complaint in
            // Asking for the review after saying "not satisfied" earlier does not rate the answer twice.
            var effects: [ComplaintEffect] = []
            if !(reopen && complaint.satisfied == false) { effects += try complaint.rateAnswer(satisfied: satisfied, at: now) }
            if reopen { effects += try complaint.reopen(at: now, on: hall.serviceDay(at: now)) }
            return effects
        }
        return .found(record)
    }

    enum Located: Equatable {
        case found(ComplaintID)
        case notFound
        case limited
    }

    /// Finds the complaint for a code and digits, recording a failure (and refusing once there were too many).
    static func locate(code: String, phoneLast4: String, limit: QueryLimit, at now: Date, in db: any SQLDatabase) async throws -> Located {
        let failures = try await StatusQueryAttempts.failures(of: limit.client, within: limit.window, before: now, in: db)
        guard failures < limit.maxFailures else {
            try await AuditTrail.record(
                AuditEntry("complaint.query", "complaint-code:\(code)", outcome: .refused, detail: "429 complaint.rate-limited"),
                at: now,
                in: db
            )
            return .limited
        }
        let digits = phoneLast4.trimmingCharacters(in: .whitespaces)
        guard
            let row = try await db.raw(
                "SELECT id FROM complaints WHERE query_code = \(bind: code) AND phone_last4 = \(bind: digits)"
            ).first(),
            let id = ComplaintID(try row.decode(column: "id", as: String.self))
        else {
            try await StatusQueryAttempts.recordFailure(of: limit.client, code: code, at: now, in: db)
            try await AuditTrail.record(
                AuditEntry("complaint.query", "complaint-code:\(code)", outcome: .refused, detail: "404 complaint.not-found"),
                at: now,
                in: db
            )
            return .notFound
        }
        return .found(id)
    }
}
