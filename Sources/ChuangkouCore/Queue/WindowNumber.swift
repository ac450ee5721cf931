/// A service window's number as the hall paints it above the counter (3号窗口): 1–999. Typed so a window is never
/// confused with a ticket's daily sequence, a count or a version; stored and sent as the plain integer. No integer
/// literal becomes one in the product (only the tests may write `1`), so every number is checked where it enters.
public struct WindowNumber: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public static let range = 1...999

    public let value: Int

    public init?(_ value: Int) {
        guard Self.range.contains(value) else { return nil }
        self.value = value
    }

    /// A path segment or form field: digits only, no sign, within the range.
    public init?(_ text: some StringProtocol) {
        guard (1...3).contains(text.utf8.count), text.utf8.allSatisfy({ (48...57).contains($0) }), let number = Int(text) else {
            return nil
        }
        self.init(number)
    }

    public var description: String { String(value) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let number = try decoder.singleValueContainer().decode(Int.self)
        guard let checked = Self(number) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a window number is 1–999"))
        }
        self = checked
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
