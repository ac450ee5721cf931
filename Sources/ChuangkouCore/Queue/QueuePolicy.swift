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

    /// Whether `a` is called before `b` at `now`: green channel first, then appointment tickets within their slot's
    /// time (预约, never ahead of the green channel), then by original issue time, then by number (A001 before A002 when
    /// both were issued in the same millisecond), so the order is total.
    ///
    /// The Store's call-next statement orders by the same keys; a test checks the two agree.
    public static func precedes(_ a: Ticket, _ b: Ticket, at now: Date) -> Bool {
        let ra = rank(a, at: now)
        let rb = rank(b, at: now)
        if ra != rb { return ra < rb }
        if a.issuedAt != b.issuedAt { return a.issuedAt < b.issuedAt }
        if a.number.prefix != b.number.prefix { return a.number.prefix.value < b.number.prefix.value }
        if a.number.sequence != b.number.sequence { return a.number.sequence < b.number.sequence }
        return a.id.description < b.id.description
    }

    /// 0 for the green channel, 1 for an appointment inside its slot, 2 for everyone else.
    public static func rank(_ ticket: Ticket, at now: Date) -> Int {
        if ticket.greenChannel != nil { return 0 }
        if ticket.appointment?.holds(at: now) == true { return 1 }
        return 2
    }

    /// The ticket a window calls next: the first waiting ticket, in queue order, of a business it serves.
    public static func next(for window: Set<BusinessCode>, among tickets: [Ticket], at now: Date) -> Ticket? {
        tickets
            .filter { $0.status == .waiting && window.contains($0.business) }
            .min { precedes($0, $1, at: now) }
    }

    /// A waiting ticket's place in its own business's line (1 = next), counting only the tickets
    /// that will be called before it.
    public static func position(of ticket: Ticket, among tickets: [Ticket], at now: Date) -> Int? {
        guard ticket.status == .waiting else { return nil }
        return 1 + tickets.count {
            $0.status == .waiting && $0.business == ticket.business && $0.id != ticket.id && precedes($0, ticket, at: now)
        }
    }
}
