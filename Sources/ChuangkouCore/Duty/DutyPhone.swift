import Foundation

/// A duty phone (值班电话): a landline with its area code or a mobile number, as the roster and the display show it.
/// Digits with at most a leading `+` and single dashes, 5 to 20 characters; nothing else reaches the roster.
public struct DutyPhone: ValidatedText {
    public let value: String

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let bytes = Array(trimmed.utf8)
        guard (5...20).contains(bytes.count) else { return nil }
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case 48...57: continue
            case 43 where index == 0: continue
            case 45 where index > 0 && index < bytes.count - 1 && bytes[index - 1] != 45: continue
            default: return nil
            }
        }
        guard bytes.filter({ (48...57).contains($0) }).count >= 5 else { return nil }
        value = trimmed
    }
}
