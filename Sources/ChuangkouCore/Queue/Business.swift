/// A business the hall handles (事项), as far as the queue needs to know it.
public struct Business: Sendable, Equatable, Codable {
    public var code: BusinessCode
    public var name: String
    public var nameEnglish: String
    public var prefix: TicketPrefix
    /// Used for wait estimates until the business has served enough tickets today.
    public var typicalServiceMinutes: Int

    public init(code: BusinessCode, name: String, nameEnglish: String, prefix: TicketPrefix, typicalServiceMinutes: Int) {
        self.code = code
        self.name = name
        self.nameEnglish = nameEnglish
        self.prefix = prefix
        self.typicalServiceMinutes = typicalServiceMinutes
    }
}

/// A business code such as `hukou-id-card`: lower-case letters, digits and dashes, 2–40 characters.
public struct BusinessCode: ValidatedText {
    public let value: String

    public init?(_ text: String) {
        let allowed = text.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
        guard (2...40).contains(text.utf8.count), allowed else { return nil }
        self.value = text
    }
}
