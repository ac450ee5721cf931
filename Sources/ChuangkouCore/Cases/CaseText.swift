import Foundation

/// Free text entered at intake (names, reasons): trimmed, and refused when nothing is left.
enum CaseText {
    /// The text without surrounding white space, or nil when that leaves nothing.
    static func trimmed(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    static func isBlank(_ text: String) -> Bool { trimmed(text) == nil }
}
