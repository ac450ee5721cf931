import Foundation

/// Why a template cannot be saved; each names what to fix.
public enum MessageTemplateError: Error, Sendable, Equatable {
    case empty
    case tooLong(max: Int)
    /// A `{` without its `}`, a `}` without its `{`, or an empty or malformed name.
    case malformed(at: Int)
    case unknownPlaceholders([String])
    case missingPlaceholders([String])

    public var message: String {
        switch self {
        case .empty: "模板不能为空"
        case .tooLong(let max): "模板不能超过\(max)个字"
        case .malformed(let at): "第\(at)个字处的花括号不成对或占位符名不合法"
        case .unknownPlaceholders(let names): "未知的占位符：" + names.map { "{\($0)}" }.joined(separator: "、")
        case .missingPlaceholders(let names): "缺少必需的占位符：" + names.map { "{\($0)}" }.joined(separator: "、")
        }
    }

    public var messageEnglish: String {
        switch self {
        case .empty: "The template is empty"
        case .tooLong(let max): "The template is longer than \(max) characters"
        case .malformed(let at): "Unbalanced brace or bad placeholder name at character \(at)"
        case .unknownPlaceholders(let names): "Unknown placeholders: " + names.map { "{\($0)}" }.joined(separator: ", ")
        case .missingPlaceholders(let names): "Required placeholders missing: " + names.map { "{\($0)}" }.joined(separator: ", ")
        }
    }
}

/// The wording of one message kind in one language, with `{name}` placeholders.
///
/// Only a checked template exists: every placeholder is one the kind knows, every required one is there, so a
/// message can never go out with a literal `{code}` or without what it is for.
public struct MessageTemplate: Sendable, Equatable {
    public static let maxLength = 300

    public let kind: MessageKind
    public let language: MessageLanguage
    public let body: String

    public init(kind: MessageKind, language: MessageLanguage, body: String) throws(MessageTemplateError) {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        guard trimmed.count <= Self.maxLength else { throw .tooLong(max: Self.maxLength) }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { throw .malformed(at: 0) }
        let used = try Self.placeholders(in: trimmed)
        let unknown = used.subtracting(kind.placeholders)
        guard unknown.isEmpty else { throw .unknownPlaceholders(unknown.sorted()) }
        let missing = kind.required.subtracting(used)
        guard missing.isEmpty else { throw .missingPlaceholders(missing.sorted()) }
        self.kind = kind
        self.language = language
        self.body = trimmed
    }

    /// The shipped template of a kind.
    public static func shipped(_ kind: MessageKind, _ language: MessageLanguage) -> MessageTemplate {
        // The shipped wording is checked by a test over every kind and language.
        try! MessageTemplate(kind: kind, language: language, body: kind.defaultTemplate(language))
    }

    /// The names used in `text`, in braces; throws at the first unbalanced brace or bad name (letters, digits only).
    static func placeholders(in text: String) throws(MessageTemplateError) -> Set<String> {
        var names: Set<String> = []
        var current: String?
        for (offset, character) in text.enumerated() {
            switch character {
            case "{":
                guard current == nil else { throw .malformed(at: offset + 1) }
                current = ""
            case "}":
                guard let name = current, !name.isEmpty else { throw .malformed(at: offset + 1) }
                names.insert(name)
                current = nil
            default:
                if current != nil {
                    guard character.isASCII, character.isLetter || character.isNumber else { throw .malformed(at: offset + 1) }
                    current!.append(character)
                }
            }
        }
        guard current == nil else { throw .malformed(at: text.count) }
        return names
    }

    /// The message: each placeholder replaced by its value; a value given as `name@en` wins in English. A placeholder
    /// without a value (an optional one the sender left out) becomes empty.
    public func render(_ values: [String: String]) -> String {
        var out = ""
        var current: String?
        for character in body {
            switch (character, current) {
            case ("{", nil): current = ""
            case ("}", let name?):
                out += values["\(name)@\(language.rawValue)"] ?? values[name] ?? ""
                current = nil
            case (_, .some(let name)): current = name + String(character)
            default: out.append(character)
            }
        }
        return out
    }
}
