/// A mainland China mobile number: `^1[3-9]\d{9}$`, optionally written with `+86` in front (RULES §10).
///
/// Spaces and dashes are ignored (`+86 138-1234-5678`), full-width digits accepted; the value held is the
/// 11 digits. Phone numbers are personal data (RULES §11): `description`, `debugDescription` and `dump` give the
/// masked `138****5678`; use `value` for the digits.
public struct MobileNumber: ValidatedText, CustomDebugStringConvertible, CustomReflectable {
    /// The 11 digits, without the country code.
    public let value: String

    public init(validating text: String) throws(MobileNumberError) {
        var scalars = IdentifierInput.normalised(text, alsoRemoving: ["-"])
        if scalars.starts(with: ["+", "8", "6"]) { scalars.removeFirst(3) }
        guard scalars.allSatisfy({ IdentifierInput.digit($0) != nil }) else { throw .notDigits }
        guard scalars.count == 11 else { throw .wrongLength(scalars.count) }
        guard scalars[0] == "1", let second = IdentifierInput.digit(scalars[1]), second >= 3 else {
            throw .notMobilePrefix
        }
        self.value = IdentifierInput.string(scalars)
    }

    public init?(_ text: String) {
        guard let number = try? MobileNumber(validating: text) else { return nil }
        self = number
    }

    /// `138****5678` (RULES §11).
    public var masked: String { Masking.keep(value, first: 3, last: 4) }

    /// What a citizen types to see a case's status (RULES: status query by code and the last 4 digits of the phone).
    public var lastFour: String { String(value.suffix(4)) }

    /// `+8613812345678`, for an SMS gateway.
    public var international: String { "+86" + value }

    public var description: String { masked }
    public var debugDescription: String { "MobileNumber(\(masked))" }
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }
}

/// Why a mobile number was refused.
public enum MobileNumberError: Error, Equatable, Sendable {
    /// Not 11 digits once `+86`, spaces and dashes are taken away (the count found).
    case wrongLength(Int)
    /// Something other than digits, spaces, dashes and a leading `+86`.
    case notDigits
    /// A mainland mobile number starts with 13–19.
    case notMobilePrefix
}

extension MobileNumberError {
    public var chinese: String {
        switch self {
        case .wrongLength(let count): "手机号码应为11位数字，当前为\(count)位"
        case .notDigits: "手机号码只能包含数字（可带+86前缀）"
        case .notMobilePrefix: "手机号码应以13至19开头"
        }
    }

    public var english: String {
        switch self {
        case .wrongLength(let count): "a mobile number has 11 digits, not \(count)"
        case .notDigits: "a mobile number has only digits (optionally +86 in front)"
        case .notMobilePrefix: "a mobile number starts with 13 to 19"
        }
    }
}
