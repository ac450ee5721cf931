import Foundation

/// What a citizen's screen offers for one ticket or case: the faces, a "rated already", or why not.
public enum RatingOffer: Sendable, Equatable {
    /// The service has not ended (the ticket is not finished, the case not decided).
    case notYet
    /// The faces, until this instant (RULES §6: 7 days by default after the service or the decision).
    case open(until: Date)
    /// Rated once already: a rating is never changed.
    case rated
    /// The late-rating days have passed without a rating.
    case closed

    /// The stable word the API and the pages' scripts use.
    public var code: String {
        switch self {
        case .notYet: "notYet"
        case .open: "open"
        case .rated: "rated"
        case .closed: "closed"
        }
    }
}

extension RatingPolicy {
    /// What to offer for a service that ended at `servedAt` (nil: not ended), rated or not, at `now`. The same
    /// bound as `Rating.init` checks, so a screen never offers faces the server would refuse as too late.
    public func offer(servedAt: Date?, rated: Bool, at now: Date) -> RatingOffer {
        if rated { return .rated }
        guard let servedAt, now >= servedAt else { return .notYet }
        let last = lastMoment(after: servedAt)
        return now <= last ? .open(until: last) : .closed
    }
}
