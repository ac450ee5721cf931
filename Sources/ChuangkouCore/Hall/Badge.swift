/// A police officer's badge number (警号): exactly six digits, kept as text because leading zeros matter.
public struct Badge: ValidatedText {
    public let value: String

    /// Returns nil unless `text` is exactly six ASCII digits.
    public init?(_ text: String) {
        guard text.utf8.count == 6, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        self.value = text
    }
}
