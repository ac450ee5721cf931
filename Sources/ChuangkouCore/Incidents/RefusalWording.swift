import Foundation

/// The suggested wording for refusing a request without a dispute (避免争执, RULES §1), shown beside the 告知单 form
/// and the escalation form. Administrators may reword it for their hall; until they do, the shipped wording applies.
/// It is advice to the officer, never printed on a document, and holds no personal data.
public struct RefusalWording: Sendable, Equatable {
    public static let maxLength = 300

    public static let shipped = RefusalWording(
        uncheckedChinese: "您说得有道理……根据……规定，目前还不能……；如以后可以办理，我们会通知您。",
        english: "You have a point… under … the rule does not yet allow …; if it becomes possible we will tell you."
    )

    public let chinese: String
    public let english: String

    private init(uncheckedChinese chinese: String, english: String) {
        self.chinese = chinese
        self.english = english
    }

    /// The wording an administrator typed, trimmed: the Chinese is required, the English may be left empty (the
    /// Chinese then serves both); neither longer than `maxLength`, neither with an ID or mobile number in it.
    public init(chinese: String, english: String) throws(RefusalWordingError) {
        let chinese = chinese.trimmingCharacters(in: .whitespacesAndNewlines)
        let english = english.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !chinese.isEmpty else { throw .chineseRequired }
        guard chinese.count <= Self.maxLength, english.count <= Self.maxLength else { throw .tooLong(max: Self.maxLength) }
        guard !Masking.containsPersonalNumbers(chinese), !Masking.containsPersonalNumbers(english) else {
            throw .personalNumber
        }
        self.init(uncheckedChinese: chinese, english: english.isEmpty ? chinese : english)
    }
}

/// Why an administrator's wording was refused.
public enum RefusalWordingError: Error, Equatable, Sendable {
    case chineseRequired
    case tooLong(max: Int)
    case personalNumber
}
