/// A short piece of text that is only ever held once it has been checked: a 警号, a business code, a ticket prefix.
///
/// Conforming types supply the check (`init?(_:)`) and get `Codable` and `description` from here, so a bad value
/// fails at the edge (decoding a request, reading a row) instead of travelling through the hall.
public protocol ValidatedText: Sendable, Hashable, Codable, CustomStringConvertible {
    var value: String { get }
    init?(_ text: String)
}

extension ValidatedText {
    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let checked = Self(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid \(Self.self)"))
        }
        self = checked
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
