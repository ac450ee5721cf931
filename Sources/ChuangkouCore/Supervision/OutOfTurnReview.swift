import Foundation

/// A ticket called out of turn (插号), as recorded with its reason at the call: what a supervisor reviews.
public struct OutOfTurnCall: Sendable, Equatable {
    /// The call's row in the ticket's history: each call is reviewed once, even two calls of one ticket.
    public let event: Int64
    public let ticket: TicketID
    public let number: String
    public let officer: Badge
    public let window: Int?
    public let reason: String
    public let at: Date

    public init(event: Int64, ticket: TicketID, number: String, officer: Badge, window: Int?, reason: String, at: Date) {
        self.event = event
        self.ticket = ticket
        self.number = number
        self.officer = officer
        self.window = window
        self.reason = reason
        self.at = at
    }
}

/// A supervisor's review of an out-of-turn call (RULES §1 杜绝人情服务: every out-of-order call needs a recorded
/// reason and is reviewed): justified, or flagged, which counts against the officer. Nobody reviews their own call.
public struct OutOfTurnReview: Sendable, Equatable {
    public enum Verdict: String, Sendable, Codable, CaseIterable {
        case justified
        case flagged

        public var label: String { self == .justified ? "理由成立" : "存疑，计入民警记录" }
        public var labelEnglish: String { self == .justified ? "Justified" : "Flagged against the officer" }
    }

    public let event: Int64
    public let officer: Badge
    public let verdict: Verdict
    /// Why; required for a flag (the officer is told what was wrong). Masked.
    public let note: String
    public let by: Badge
    public let at: Date

    public static func review(
        _ call: OutOfTurnCall,
        _ verdict: Verdict,
        note: String,
        by reviewer: Badge,
        at now: Date
    ) throws(SupervisionError) -> OutOfTurnReview {
        guard reviewer != call.officer else { throw .ownCall }
        let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard verdict == .justified || !trimmed.isEmpty else { throw .noteRequired }
        guard trimmed.count <= 1_000 else { throw .noteTooLong(max: 1_000) }
        return OutOfTurnReview(
            event: call.event,
            officer: call.officer,
            verdict: verdict,
            note: Masking.maskPersonalNumbers(in: trimmed),
            by: reviewer,
            at: now
        )
    }
}

/// Why supervision refused something.
public enum SupervisionError: Error, Equatable, Sendable {
    /// An officer never reviews their own out-of-turn call.
    case ownCall
    /// A flag says why.
    case noteRequired
    case noteTooLong(max: Int)
    /// The call was reviewed already (each call once).
    case alreadyReviewed
    case unknownCall
}
