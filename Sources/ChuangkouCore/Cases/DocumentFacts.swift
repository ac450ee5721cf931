import Foundation

/// Everything a document says, written once at issue. Personal numbers appear only masked.
public struct DocumentFacts: Sendable, Equatable, Codable {
    public var title: String
    public var titleEnglish: String
    public var number: String
    public var issuedOn: LocalDate
    /// The issuing unit: the hall's name.
    public var unit: String
    public var unitAddress: String
    public var officerName: String
    public var officerBadge: String
    public var supervisionPhones: [String]
    public var queryCode: String
    public var business: String
    public var guideVersion: Int
    public var applicantName: String
    /// Masked ID number, or an organisation's (public) credit code.
    public var applicantIdentifier: String
    public var phoneMasked: String
    public var agentName: String?
    public var agentIdentifier: String?
    public var receivedOn: LocalDate
    public var acceptedOn: LocalDate?
    public var deemed: Bool
    public var promisedDue: LocalDate?
    public var statutoryDue: LocalDate?
    public var supplementDue: LocalDate?
    /// Lines of a notice (missing or defective items, 容缺 items).
    public var items: [String]
    public var reason: String?
    public var legalBasis: [String]
    /// 行政复议 / 行政诉讼, on refusals and denials.
    public var remedies: [String]
    /// Other lines of the body, in order.
    public var paragraphs: [String]
    public var fields: [Field]

    public struct Field: Sendable, Equatable, Codable {
        public var label: String
        public var value: String
    }
}
