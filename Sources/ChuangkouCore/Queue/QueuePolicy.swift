import Foundation

/// The hall's queue rules: who is called next, when a called ticket may be marked as missed.
public struct QueuePolicy: Sendable, Equatable {
    /// How many times a called ticket must be recalled before it may be marked no-show (过号).
    public var recallsBeforeNoShow: Int
    /// How many finished services of a business today are enough to trust their average over `typicalServiceMinutes`.
    public var serviceSamplesForEstimate: Int

    public init(recallsBeforeNoShow: Int = 2, serviceSamplesForEstimate: Int = 3) {
        self.recallsBeforeNoShow = recallsBeforeNoShow
        self.serviceSamplesForEstimate = serviceSamplesForEstimate
    }

    /// Whether `a` is called before `b`: green channel first, then by original issue time, then by number
    /// (A001 before A002 when both were issued in the same millisecond), so the order is total.
    ///
    /// The Store's call-next statement orders by the same keys; a test checks the two agree.
    public static func precedes(_ a: Ticket, _ b: Ticket) -> Bool {
        let ga = a.greenChannel != nil
        let gb = b.greenChannel != nil
        if ga != gb { return ga }
        if a.issuedAt != b.issuedAt { return a.issuedAt < b.issuedAt }
        if a.number.prefix != b.number.prefix { return a.number.prefix.value < b.number.prefix.value }
        if a.number.sequence != b.number.sequence { return a.number.sequence < b.number.sequence }
        return a.id.description < b.id.description
    }

    /// The ticket a window calls next: the first waiting ticket, in queue order, of a business it serves.
    public static func next(for window: Set<BusinessCode>, among tickets: [Ticket]) -> Ticket? {
        tickets
            .filter { $0.status == .waiting && window.contains($0.business) }
            .min(by: precedes)
    }

    /// A waiting ticket's place in its own business's line (1 = next), counting only the tickets
    /// that will be called before it.
    public static func position(of ticket: Ticket, among tickets: [Ticket]) -> Int? {
        guard ticket.status == .waiting else { return nil }
        return 1 + tickets.count { $0.status == .waiting && $0.business == ticket.business && $0.id != ticket.id && precedes($0, ticket) }
    }
}
