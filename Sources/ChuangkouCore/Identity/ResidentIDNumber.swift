/// A 居民身份证号码 (citizen identity number) as GB 11643-1999 defines it: a 6-digit area code, the birth date as
/// `YYYYMMDD`, a 3-digit sequence (odd for men, even for women) and a check character.
///
/// The check character is `"10X98765432"[Σ dᵢ·wᵢ mod 11]` over the first 17 digits with the weights
/// `7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2`. Input may be full-width, spaced or end in a lower-case `x`; the value held
/// is always 18 half-width characters with an upper-case `X`.
///
/// At intake use `init(validating:today:)`: it also refuses a birth date after `today`, which needs a day the caller
/// supplies (there is no hidden clock). `init?(_:)` — used when decoding a stored number — checks everything except
/// that, since a number accepted once stays valid.
///
/// The number is personal data (RULES §11): `description`, `debugDescription` and the reflection used by `dump` all
/// give the masked form `110***********1234`, so a number interpolated into a log by accident does not leak. Use
/// `value` for the full number.
public struct ResidentIDNumber: ValidatedText, CustomDebugStringConvertible, CustomReflectable {
    public static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    public static let checkCharacters: [Character] = Array("10X98765432")
    /// Birth dates before this day are refused as implausible. Not 1900: GB 11643's own example, quoted in RULES
    /// §10 as valid, is `440524188001010014`, born 1880-01-01.
    public static let earliestBirthDate = LocalDate(year: 1800, month: 1, day: 1)!

    /// The full 18-character number, upper-case `X`.
    public let value: String

    /// Checks `text` completely, including that the birth date is not after `today`.
    public init(validating text: String, today: LocalDate) throws(ResidentIDError) {
        let number = try Self.structural(text)
        guard number.birthDate <= today else { throw .birthDateInFuture(number.birthDate) }
        self = number
    }

    /// Checks length, characters, area code, birth date (real, not before 1800) and check character, but not that
    /// the birth date is in the past: for numbers read back from storage, which were checked at intake.
    public init?(_ text: String) {
        guard let number = try? Self.structural(text) else { return nil }
        self = number
    }

    private init(checked value: String) {
        self.value = value
    }

    /// The check character for 17 digits, or nil unless `first17` is exactly 17 ASCII digits.
    public static func checkCharacter(forFirst17 first17: some StringProtocol) -> Character? {
        let digits = first17.unicodeScalars.compactMap(IdentifierInput.digit)
        guard digits.count == 17, first17.unicodeScalars.count == 17 else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    private static func structural(_ text: String) throws(ResidentIDError) -> ResidentIDNumber {
        let scalars = IdentifierInput.normalised(text)
        guard scalars.count == 18 else { throw .wrongLength(scalars.count) }
        for (offset, scalar) in scalars.enumerated() {
            let allowed = IdentifierInput.digit(scalar) != nil || (offset == 17 && scalar == "X")
            guard allowed else { throw .notDigits(position: offset + 1) }
        }
        let digits = scalars.prefix(17).map { IdentifierInput.digit($0)! }
        guard digits[0] != 0 else { throw .badAreaCode(IdentifierInput.string(scalars[0..<6])) }
        let dateText = IdentifierInput.string(scalars[6..<14])
        let number = { (range: Range<Int>) in range.reduce(0) { $0 * 10 + digits[$1] } }
        guard let birth = LocalDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)) else {
            throw .impossibleBirthDate(dateText)
        }
        guard birth >= earliestBirthDate else { throw .birthDateTooEarly(birth) }
        let value = IdentifierInput.string(scalars)
        let expected = checkCharacter(forFirst17: value.prefix(17))!
        guard Character(scalars[17]) == expected else { throw .wrongCheckCharacter(expected: expected) }
        return ResidentIDNumber(checked: value)
    }

    /// 行政区划代码 of the place the number was first issued (the first six digits).
    public var areaCode: String { String(value.prefix(6)) }

    public var birthDate: LocalDate {
        let digits = value.utf8.prefix(14).map { Int($0) - 48 }
        let number = { (range: Range<Int>) in range.reduce(0) { $0 * 10 + digits[$1] } }
        return LocalDate(year: number(6..<10), month: number(10..<12), day: number(12..<14))!
    }

    /// The 3-digit sequence (顺序码) after the birth date.
    public var sequence: Int {
        value.utf8.dropFirst(14).prefix(3).reduce(0) { $0 * 10 + Int($1) - 48 }
    }

    /// GB 11643: an odd sequence is given to men, an even one to women.
    public var isMale: Bool { sequence % 2 == 1 }

    public var checkCharacter: Character { value.last! }

    /// `110***********1234`: the first three and last four characters (RULES §11).
    public var masked: String { Masking.keep(value, first: 3, last: 4) }

    public var description: String { masked }
    public var debugDescription: String { "ResidentIDNumber(\(masked))" }
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }
}

/// Why a 居民身份证号码 was refused. Positions count from 1 in the number as typed, after spaces are removed.
public enum ResidentIDError: Error, Equatable, Sendable {
    /// Not 18 characters (the count found).
    case wrongLength(Int)
    /// The first 17 characters must be digits and the 18th a digit or X.
    case notDigits(position: Int)
    /// The area code may not start with 0.
    case badAreaCode(String)
    /// The eight birth-date digits are not a real date (`19990230`).
    case impossibleBirthDate(String)
    case birthDateTooEarly(LocalDate)
    case birthDateInFuture(LocalDate)
    case wrongCheckCharacter(expected: Character)
}

extension ResidentIDError {
    public var chinese: String {
        switch self {
        case .wrongLength(let count): "居民身份证号码应为18位，当前为\(count)位"
        case .notDigits(let position): "第\(position)位字符无效：前17位应为数字，第18位应为数字或X"
        case .badAreaCode(let code): "地址码「\(code)」无效"
        case .impossibleBirthDate(let text): "出生日期「\(text)」不是有效日期"
        case .birthDateTooEarly(let day): "出生日期 \(day) 早于1800年1月1日"
        case .birthDateInFuture(let day): "出生日期 \(day) 晚于今天"
        case .wrongCheckCharacter(let expected): "校验码错误（按前17位应为 \(expected)），请核对号码"
        }
    }

    public var english: String {
        switch self {
        case .wrongLength(let count): "an ID number has 18 characters, not \(count)"
        case .notDigits(let position): "character \(position) is invalid: the first 17 are digits, the 18th a digit or X"
        case .badAreaCode(let code): "area code \(code) is invalid"
        case .impossibleBirthDate(let text): "birth date \(text) is not a real date"
        case .birthDateTooEarly(let day): "birth date \(day) is before 1800-01-01"
        case .birthDateInFuture(let day): "birth date \(day) is in the future"
        case .wrongCheckCharacter(let expected): "wrong check character (the first 17 digits give \(expected)); check the number"
        }
    }
}
