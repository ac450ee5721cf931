import Foundation

/// Identifies a rating. Random, like a ticket's.
public struct RatingID: Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: UUID
    public init(_ rawValue: UUID) { self.rawValue = rawValue }
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.rawValue = uuid
    }
    public var description: String { rawValue.uuidString.lowercased() }
}

/// What a citizen rates: one service at a window (一次一评) or one case (一事一评).
public enum RatedService: Sendable, Equatable {
    /// A finished ticket, tied to the officer and the window that served it.
    case ticket(TicketID, officer: Badge, window: WindowNumber, business: BusinessCode, finishedAt: Date)
    /// A decided case, rated from the status page with its query code; `officer` is who accepted it.
    case caseFile(UUID, officer: Badge?, business: BusinessCode, decidedAt: Date)

    /// The officer the rating is about, if any: never its handler, never shown beside the rater.
    public var officer: Badge? {
        switch self {
        case .ticket(_, let officer, _, _, _): officer
        case .caseFile(_, let officer, _, _): officer
        }
    }

    public var business: BusinessCode {
        switch self {
        case .ticket(_, _, _, let business, _): business
        case .caseFile(_, _, let business, _): business
        }
    }

    public var window: WindowNumber? {
        if case .ticket(_, _, let window, _, _) = self { return window }
        return nil
    }

    /// When the service ended: the 7-day window for a later rating counts from here.
    public var servedAt: Date {
        switch self {
        case .ticket(_, _, _, _, let finishedAt): finishedAt
        case .caseFile(_, _, _, let decidedAt): decidedAt
        }
    }
}

/// Where a rating came from. An officer's own session is never one of them: staff may not rate or alter a rating
/// (RULES §6), so the server refuses ratings from officers' sessions before they reach here.
public enum RatingChannel: String, Sendable, Codable, CaseIterable {
    /// The rating pad (评价器) facing the citizen at the window, signed in as a device.
    case pad
    /// The citizen's own ticket page (phone, or the printed ticket's link).
    case ticketLink
    /// The online status query, with the query code (一事一评).
    case statusPage
}

/// The hall's settings for ratings.
public struct RatingPolicy: Sendable, Equatable {
    /// A rating not given on the spot may follow for this many days after the service or the decision (RULES §6,
    /// default 7).
    public var lateRatingDays: Int
    /// The longest comment accepted, in characters.
    public var commentLimit: Int
    /// How long after a ticket is finished the rating pad at its window offers it (the citizen rates on the spot,
    /// standing at the window; later they rate from their own ticket page). Kept within `padMinutesRange`.
    public var padMinutes: Int

    /// The pad's offer lasts at least a minute and at most two hours.
    public static let padMinutesRange = 1...120

    public init(lateRatingDays: Int = 7, commentLimit: Int = 500, padMinutes: Int = 15) {
        self.lateRatingDays = lateRatingDays
        self.commentLimit = commentLimit
        self.padMinutes = min(Self.padMinutesRange.upperBound, max(Self.padMinutesRange.lowerBound, padMinutes))
    }

    /// The last instant a rating of a service that ended at `servedAt` is accepted.
    public func lastMoment(after servedAt: Date) -> Date {
        servedAt.addingTimeInterval(Double(lateRatingDays) * 86_400)
    }
}

/// One citizen's rating of one service or case. Voluntary and unalterable: there is no event that changes it; an
/// upheld appeal only excludes it from the statistics (the Store keeps that flag beside it).
public struct Rating: Sendable, Equatable {
    public let id: RatingID
    public let service: RatedService
    public let level: Satisfaction
    /// Scores 1–5 of the optional indicators the citizen chose to give.
    public let indicators: [RatingIndicator: Int]
    /// Trimmed, with ID numbers and phones masked before it is stored (RULES §11); nil when empty.
    public let comment: String?
    public let channel: RatingChannel
    public let ratedAt: Date
    /// A phone the rater left for the return visit (回访); sealed at rest by the Store.
    public let contact: MobileNumber?

    /// Checks a rating as the citizen gave it.
    ///
    /// - Throws: `RatingError` when the service has not ended yet, the late-rating window has passed, an indicator is
    ///   outside 1–5 or the comment is too long. "Already rated" is the database's to say (one rating per ticket and
    ///   per case is a unique constraint).
    public init(
        id: RatingID,
        service: RatedService,
        level: Satisfaction,
        indicators: [RatingIndicator: Int] = [:],
        comment: String? = nil,
        contact: MobileNumber? = nil,
        channel: RatingChannel,
        at now: Date,
        policy: RatingPolicy = RatingPolicy()
    ) throws(RatingError) {
        guard now >= service.servedAt else { throw .serviceNotEnded }
        let last = policy.lastMoment(after: service.servedAt)
        guard now <= last else { throw .tooLate(lastMoment: last) }
        for indicator in RatingIndicator.allCases {
            if let score = indicators[indicator], !(1...5).contains(score) { throw .indicatorOutOfRange(indicator) }
        }
        let trimmed = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard trimmed.count <= policy.commentLimit else { throw .commentTooLong(max: policy.commentLimit) }
        self.id = id
        self.service = service
        self.level = level
        self.indicators = indicators
        self.comment = trimmed.isEmpty ? nil : Masking.maskPersonalNumbers(in: trimmed)
        self.contact = contact
        self.channel = channel
        self.ratedAt = now
    }

    /// 差评: opens a rectification item at once.
    public var isBad: Bool { level.isBad }
}
