/// The letter a business's tickets start with (A, B, …): one upper-case ASCII letter.
public struct TicketPrefix: ValidatedText {
    public let value: String

    public init?(_ text: String) {
        guard text.utf8.count == 1, let byte = text.utf8.first, (65...90).contains(byte) else { return nil }
        self.value = text
    }
}

/// What the citizen holds and the display calls: prefix plus the day's sequence, `A001`.
///
/// Sequences are per prefix per service day and never repeat; past 999 the number simply grows (`A1000`)
/// rather than wrapping into a number already handed out today.
public struct TicketNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    public let prefix: TicketPrefix
    public let sequence: Int

    public init(prefix: TicketPrefix, sequence: Int) {
        precondition(sequence > 0, "ticket sequences start at 1")
        self.prefix = prefix
        self.sequence = sequence
    }

    public var description: String {
        let digits = String(sequence)
        return prefix.value + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// How the display reads it aloud: each digit separately, as halls announce them ("A零零一").
    public var spoken: String {
        let names: [Character: String] = [
            "0": "零", "1": "一", "2": "二", "3": "三", "4": "四", "5": "五", "6": "六", "7": "七", "8": "八", "9": "九",
        ]
        return prefix.value + description.dropFirst().map { names[$0] ?? String($0) }.joined()
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let prefix = TicketPrefix(String(text.prefix(1))), let seq = Int(text.dropFirst()), seq > 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad ticket number"))
        }
        self.init(prefix: prefix, sequence: seq)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
