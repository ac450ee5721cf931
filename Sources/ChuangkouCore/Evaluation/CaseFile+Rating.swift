import Foundation

extension CaseFile {
    /// The case as a rated service (一事一评): rateable once it has reached its end — completed on the spot, accepted
    /// and decided, refused or terminated — and tied to the officer who opened it (首问负责).
    ///
    /// - Parameter decidedAt: when the case reached its end (the Store reads it from the case's history); the 7-day
    ///   window for a later rating counts from there.
    /// - Throws: `RatingError.serviceNotEnded` while the case is still open.
    public func ratedService(decidedAt: Date) throws(RatingError) -> RatedService {
        guard stage.isFinal else { throw .serviceNotEnded }
        return .caseFile(id.rawValue, officer: officer, business: guide.code, decidedAt: decidedAt)
    }
}
