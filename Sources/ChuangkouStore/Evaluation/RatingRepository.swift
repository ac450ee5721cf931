import ChuangkouCore
import Foundation
import SQLKit

/// Ratings (好差评): one per finished ticket and one per decided case, never changed, never deleted.
///
/// A rating and, when it is a 差评, its rectification item (整改) with the message to its handler are one transaction:
/// a bad review cannot be stored without the item that answers it.
public struct RatingRepository: Sendable {
    let database: Database
    let sealer: DataSealer
    public let policy: RatingPolicy

    public init(database: Database, sealer: DataSealer, policy: RatingPolicy = RatingPolicy()) {
        self.database = database
        self.sealer = sealer
        self.policy = policy
    }

    /// What a citizen gave, as the route decoded it.
    public struct Input: Sendable {
        public var level: Satisfaction
        public var indicators: [RatingIndicator: Int]
        public var comment: String?
        public var contact: MobileNumber?
        public var channel: RatingChannel

        public init(
            level: Satisfaction,
            indicators: [RatingIndicator: Int] = [:],
            comment: String? = nil,
            contact: MobileNumber? = nil,
            channel: RatingChannel
        ) {
            self.level = level
            self.indicators = indicators
            self.comment = comment
            self.contact = contact
            self.channel = channel
        }
    }

    /// The stored rating and the item it opened, if it was a 差评.
    public struct Given: Sendable, Equatable {
        public let rating: Rating
        public let rectification: Rectification?
    }

    /// Rates a finished ticket (一次一评). `window` is the rating pad's window: a pad rates only its own window's
    /// services.
    ///
    /// - Throws: `QueueError.unknownTicket`; `RatingError.serviceNotEnded` unless the ticket was served to the end;
    ///   `.notThisWindow`; `.tooLate`, `.alreadyRated` and the rating's own checks.
    public func rate(ticket id: TicketID, _ input: Input, fromWindow window: WindowNumber? = nil, hall: Hall, at instant: Date) async throws -> Given
    {
        // Stored times are whole milliseconds; compare like with like.
        let now = Date(milliseconds: instant.millisecondsSince1970)
        return try await rating(hall: hall) { db -> Result<Rating, Never> in
            let ticket = try await TicketRepository.lock(id, dialect: database.dialect, in: db)
            guard ticket.status == .finished, let officer = ticket.officer, let served = ticket.window, let finishedAt = ticket.finishedAt
            else { throw RatingError.serviceNotEnded }
            if let window, window != served { throw RatingError.notThisWindow }
            let service = RatedService.ticket(id, officer: officer, window: served, business: ticket.business, finishedAt: finishedAt)
            return .success(
                try Rating(
                    id: RatingID(UUID()),
                    service: service,
                    level: input.level,
                    indicators: input.indicators,
                    comment: input.comment,
                    contact: input.contact,
                    channel: input.channel,
                    at: now,
                    policy: policy
                )
            )
        }.get()
    }

    /// Whether a ticket has its rating already (the ticket page and the pad offer the faces only when not).
    public func isRated(ticket id: TicketID) async throws -> Bool {
        try await database.read { db in
            try await db.raw("SELECT 1 AS one FROM ratings WHERE ticket_id = \(bind: id.description)").first() != nil
        }
    }

    /// Checks and stores the rating `make` builds inside the transaction, opens its item when it is bad. A failure
    /// `make` returns (rather than throws) still commits what it wrote, such as a failed status-query attempt.
    func rating<Failure: Error>(
        hall: Hall,
        _ make: @escaping @Sendable (any SQLDatabase) async throws -> Result<Rating, Failure>
    ) async throws -> Result<Given, Failure> {
        let sealer = sealer
        do {
            return try await database.transaction { db in
                let rating: Rating
                switch try await make(db) {
                case .failure(let failure): return .failure(failure)
                case .success(let made): rating = made
                }
                try await Self.insert(rating, hall: hall, sealer: sealer, in: db)
                let item = rating.isBad ? try await RectificationRepository.open(for: rating, hall: hall, in: db) : nil
                try await AuditTrail.record(
                    AuditEntry(
                        "rating.give",
                        "rating:\(rating.id)",
                        detail: "\(rating.level.rawValue)\(item.map { " rectification:\($0.id)" } ?? "")"
                    ),
                    at: rating.ratedAt,
                    in: db
                )
                return .success(Given(rating: rating, rectification: item))
            }
        } catch  where UniqueViolation.matches(error) {
            throw RatingError.alreadyRated
        }
    }

    static func insert(_ rating: Rating, hall: Hall, sealer: DataSealer, in db: any SQLDatabase) async throws {
        let day = hall.serviceDay(at: rating.ratedAt)
        let month = String(day.description.prefix(7))
        var ticketID: String?
        var caseID: String?
        switch rating.service {
        case .ticket(let id, _, _, _, _): ticketID = id.description
        case .caseFile(let id, _, _, _): caseID = id.uuidString.lowercased()
        }
        let i = rating.indicators
        try await db.raw(
            """
            INSERT INTO ratings (id, ticket_id, case_id, officer_badge, window_number, business_code, served_at, level,
                overall, efficiency, competence, attitude, comment, channel, rated_at, rated_month, rated_day)
            VALUES (\(bind: rating.id.description), \(bind: ticketID), \(bind: caseID), \(bind: rating.service.officer?.value),
                \(bind: rating.service.window?.value), \(bind: rating.service.business.value), \(bind: rating.service.servedAt.millisecondsSince1970),
                \(bind: rating.level.rawValue), \(bind: i[.overall]), \(bind: i[.efficiency]), \(bind: i[.competence]), \(bind: i[.attitude]),
                \(bind: rating.comment), \(bind: rating.channel.rawValue), \(bind: rating.ratedAt.millisecondsSince1970), \(bind: month),
                \(bind: day.description))
            """
        ).run()
        if let contact = rating.contact {
            try await db.raw(
                """
                INSERT INTO rating_contacts (rating_id, phone_sealed)
                VALUES (\(bind: rating.id.description), \(bind: try sealer.seal(contact.value)))
                """
            ).run()
        }
        try await RatingTally.count(rating, month: month, in: db)
    }
}
