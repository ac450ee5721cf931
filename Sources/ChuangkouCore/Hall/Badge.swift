/// A police officer's badge number (警号): exactly six digits, kept as text because leading zeros matter.
public struct Badge: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    /// Returns nil unless `text` is exactly six ASCII digits.
    public init?(_ text: String) {
        guard text.utf8.count == 6, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        self.value = text
    }

    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let badge = Badge(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "警号必须是6位数字"))
        }
        self = badge
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}
