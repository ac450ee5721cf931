import Foundation

/// A typed identifier: a UUID that knows what it names, so a case's ID can never be passed where a ticket's is
/// expected. Random, so one cannot be guessed from another; written in lower case.
public struct Identifier<Named>: Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: UUID

    public init(_ rawValue: UUID) { self.rawValue = rawValue }

    /// Parses the written form; nil unless it is a UUID.
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        rawValue = uuid
    }

    public var description: String { rawValue.uuidString.lowercased() }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(UUID.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A ticket (号票).
public typealias TicketID = Identifier<Ticket>
/// A case (办件); never shown to the public, who use the status-query code.
public typealias CaseID = Identifier<CaseFile>
/// A deadline clock (限时办结).
public typealias DeadlineClockID = Identifier<DeadlineClock>
