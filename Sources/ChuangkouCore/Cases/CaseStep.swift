import Foundation

/// The decision on an accepted case (准予 / 不予行政许可), or a refusal at intake (不予受理).
public struct Decision: Sendable, Equatable, Codable {
    public var granted: Bool
    public var reason: String?
    public var legalBasis: [String]
    public var decidedBy: Badge
    public var decidedOn: LocalDate
}

/// One approval step of a case, from the pinned guide's `steps`.
public struct CaseStep: Sendable, Equatable {
    public var position: Int
    public var name: String
    public var actor: Guide.Step.Actor
    public var assignee: Badge?
    public var opinion: String?
    public var approve: Bool?
    public var decidedAt: Date?

    public init(
        position: Int,
        name: String,
        actor: Guide.Step.Actor,
        assignee: Badge?,
        opinion: String?,
        approve: Bool?,
        decidedAt: Date?
    ) {
        self.position = position
        self.name = name
        self.actor = actor
        self.assignee = assignee
        self.opinion = opinion
        self.approve = approve
        self.decidedAt = decidedAt
    }

    public var isDone: Bool { decidedAt != nil }
}
