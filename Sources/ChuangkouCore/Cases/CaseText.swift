import Foundation

/// Free text entered at intake (names, reasons): trimmed, and refused when nothing is left.
enum CaseText {
    /// The text without surrounding white space, or nil when that leaves nothing.
    static func trimmed(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    static func isBlank(_ text: String) -> Bool { trimmed(text) == nil }

    /// A reason or an opinion as kept: trimmed, with any ID number or mobile number in it masked (RULES §11: personal
    /// data typed into free text is not kept in clear); nil when nothing is left.
    static func freeText(_ text: String?) -> String? {
        trimmed(text).map(Masking.maskPersonalNumbers(in:))
    }
}
