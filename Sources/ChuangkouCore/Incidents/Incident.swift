import Foundation

/// An incident at a window (现场情况记录).
public typealias IncidentID = Identifier<Incident>

/// An incident record (避免争执、纠缠、僵局, RULES §1): what the citizen asked, what the officer answered and the rule
/// cited, who took over and how it ended. Recorded on its own (closed at once, with its outcome) or with an
/// escalation to the duty leader on duty, who takes it, talks with the citizen and records the resolution. Leaders
/// and supervisors read them, counted per officer.
public struct Incident: Sendable, Equatable, Codable {
    public let id: IncidentID
    public let kind: Kind
    /// The officer at the window who recorded or escalated it.
    public let officer: Badge
    public let window: Int?
    public let ticket: TicketID?
    public let asked: String
    public let answered: String
    public let ruleCited: String
    public let recordedAt: Date
    public let serviceDay: LocalDate
    /// The duty leader it was escalated to; nil when recorded on its own.
    public let escalatedTo: Badge?
    public private(set) var takenOverBy: Badge?
    public private(set) var takenAt: Date?
    public private(set) var outcome: String?
    public private(set) var closedAt: Date?

    public static let maxText = 500

    /// 争执, 纠缠, 僵局, 其他.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case dispute
        case persistentDemand
        case deadlock
        case other

        public var label: String {
            switch self {
            case .dispute: "争执"
            case .persistentDemand: "纠缠"
            case .deadlock: "僵局"
            case .other: "其他"
            }
        }

        public var labelEnglish: String {
            switch self {
            case .dispute: "Dispute"
            case .persistentDemand: "Persistent demand"
            case .deadlock: "Deadlock"
            case .other: "Other"
            }
        }
    }

    public var isOpen: Bool { closedAt == nil }

    /// What the officer writes down, before it is checked.
    public struct Filing: Sendable, Equatable {
        public var kind: Kind
        public var window: Int?
        public var ticket: TicketID?
        public var asked: String
        public var answered: String
        public var ruleCited: String

        public init(kind: Kind, window: Int? = nil, ticket: TicketID? = nil, asked: String, answered: String, ruleCited: String = "") {
            self.kind = kind
            self.window = window
            self.ticket = ticket
            self.asked = asked
            self.answered = answered
            self.ruleCited = ruleCited
        }
    }

    /// Records an incident handled at the window: closed at once with its outcome (who took over: the officer).
    public static func record(
        _ filing: Filing,
        outcome: String,
        id: IncidentID,
        by officer: Badge,
        at now: Date,
        on day: LocalDate
    ) throws(IncidentError) -> Incident {
        var incident = try make(filing, id: id, by: officer, escalatedTo: nil, at: now, on: day)
        incident.takenOverBy = officer
        incident.takenAt = now
        incident.outcome = try text(outcome, required: .outcomeRequired)
        incident.closedAt = now
        return incident
    }

    /// Records an incident escalated to the duty leader on duty: open until the leader records the resolution.
    public static func escalate(
        _ filing: Filing,
        to leader: Badge,
        id: IncidentID,
        by officer: Badge,
        at now: Date,
        on day: LocalDate
    ) throws(IncidentError) -> Incident {
        guard leader != officer else { throw .escalatedToSelf }
        return try make(filing, id: id, by: officer, escalatedTo: leader, at: now, on: day)
    }

    /// Records the incident of a ticket handed to a colleague's window (另请一名民警): closed at once, the colleague as
    /// who took over, the outcome naming their window.
    public static func handOver(
        _ filing: Filing,
        to colleague: Badge,
        colleagueName: String,
        window: WindowNumber,
        id: IncidentID,
        by officer: Badge,
        at now: Date,
        on day: LocalDate
    ) throws(IncidentError) -> Incident {
        guard colleague != officer else { throw .escalatedToSelf }
        var incident = try make(filing, id: id, by: officer, escalatedTo: nil, at: now, on: day)
        incident.takenOverBy = colleague
        incident.takenAt = now
        incident.outcome = "转由\(window)号窗口\(colleagueName)（警号\(colleague.value)）接待"
        incident.closedAt = now
        return incident
    }

    /// The leader takes the citizen over (接手).
    public mutating func take(by leader: Badge, at now: Date) throws(IncidentError) {
        guard isOpen else { throw .closed }
        guard leader == escalatedTo else { throw .notTheLeader }
        guard takenOverBy == nil else { throw .alreadyTaken }
        takenOverBy = leader
        takenAt = now
    }

    /// The leader records how it ended; taking it over is implied when not done yet.
    public mutating func resolve(_ text: String, by leader: Badge, at now: Date) throws(IncidentError) {
        guard isOpen else { throw .closed }
        guard leader == escalatedTo else { throw .notTheLeader }
        let words = try Self.text(text, required: .outcomeRequired)
        if takenOverBy == nil {
            takenOverBy = leader
            takenAt = now
        }
        outcome = words
        closedAt = now
    }

    static func make(
        _ filing: Filing,
        id: IncidentID,
        by officer: Badge,
        escalatedTo: Badge?,
        at now: Date,
        on day: LocalDate
    ) throws(IncidentError) -> Incident {
        if let window = filing.window, !(1...999).contains(window) { throw .badWindow }
        let asked = try text(filing.asked, required: .askedRequired)
        let answered = try text(filing.answered, required: .answeredRequired)
        let rule = filing.ruleCited.trimmingCharacters(in: .whitespacesAndNewlines)
        guard rule.count <= maxText else { throw .textTooLong(max: maxText) }
        return Incident(
            id: id,
            kind: filing.kind,
            officer: officer,
            window: filing.window,
            ticket: filing.ticket,
            asked: asked,
            answered: answered,
            ruleCited: Masking.maskPersonalNumbers(in: rule),
            recordedAt: now,
            serviceDay: day,
            escalatedTo: escalatedTo,
            takenOverBy: nil,
            takenAt: nil,
            outcome: nil,
            closedAt: nil
        )
    }

    static func text(_ raw: String, required: IncidentError) throws(IncidentError) -> String {
        let words = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !words.isEmpty else { throw required }
        guard words.count <= maxText else { throw .textTooLong(max: maxText) }
        return Masking.maskPersonalNumbers(in: words)
    }
}

/// Why an incident refused an event.
public enum IncidentError: Error, Equatable, Sendable {
    case askedRequired
    case answeredRequired
    case outcomeRequired
    case textTooLong(max: Int)
    case badWindow
    case escalatedToSelf
    /// Only the duty leader it was escalated to takes it over and records the resolution.
    case notTheLeader
    case alreadyTaken
    case closed
}
