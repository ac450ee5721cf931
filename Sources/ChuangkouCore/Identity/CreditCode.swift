/// A 统一社会信用代码 (unified social credit code) of an organisation, as GB 32100-2015 defines it.
///
/// Eighteen characters from `0123456789ABCDEFGHJKLMNPQRTUWXY` (I, O, Z, S and V are never used; a character's value
/// is its index): the registration authority (1), the organisation type (1), the registering authority's area code
/// (6 digits), the organisation code (9) and a check character `alphabet[(31 − Σ cᵢ·wᵢ mod 31) mod 31]` with the
/// weights `1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28`. Lower-case and full-width input is accepted and held
/// upper-case, half-width.
///
/// An organisation's code is printed on its business licence and is public, so unlike a 居民身份证号码 it is not masked.
public struct CreditCode: ValidatedText {
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    public static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The 18 characters, upper-case.
    public let value: String

    public init(validating text: String) throws(CreditCodeError) {
        let scalars = IdentifierInput.normalised(text)
        guard scalars.count == 18 else { throw .wrongLength(scalars.count) }
        var values: [Int] = []
        for (offset, scalar) in scalars.enumerated() {
            guard let value = Self.index(of: scalar) else { throw .invalidCharacter(position: offset + 1) }
            values.append(value)
        }
        // 登记管理机关行政区划码: six digits.
        guard values[2..<8].allSatisfy({ $0 < 10 }) else { throw .badAreaCode(IdentifierInput.string(scalars[2..<8])) }
        let expected = Self.checkCharacter(values: values.prefix(17))
        guard Character(scalars[17]) == expected else { throw .wrongCheckCharacter(expected: expected) }
        self.value = IdentifierInput.string(scalars)
    }

    public init?(_ text: String) {
        guard let code = try? CreditCode(validating: text) else { return nil }
        self = code
    }

    /// The check character for the first 17 characters, or nil unless they are 17 characters of the alphabet.
    public static func checkCharacter(forFirst17 first17: some StringProtocol) -> Character? {
        let values = first17.uppercased().unicodeScalars.compactMap(index(of:))
        guard values.count == 17, first17.unicodeScalars.count == 17 else { return nil }
        return checkCharacter(values: values[...])
    }

    private static func checkCharacter(values: ArraySlice<Int>) -> Character {
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return alphabet[(31 - sum % 31) % 31]
    }

    private static func index(of scalar: Unicode.Scalar) -> Int? {
        guard scalar.isASCII else { return nil }
        return alphabet.firstIndex(of: Character(scalar))
    }

    /// 登记管理部门代码 (9 for market regulation, 5 for civil affairs, 1 for establishment offices…).
    public var registrationAuthority: Character { value.first! }
    /// 机构类别代码.
    public var organisationType: Character { value[value.index(after: value.startIndex)] }
    /// 登记管理机关行政区划码.
    public var areaCode: String { String(value.dropFirst(2).prefix(6)) }
    /// 主体标识码 (the former 组织机构代码, with its own check character).
    public var organisationCode: String { String(value.dropFirst(8).prefix(9)) }
    public var checkCharacter: Character { value.last! }
}

/// Why a 统一社会信用代码 was refused. Positions count from 1, after spaces are removed.
public enum CreditCodeError: Error, Equatable, Sendable {
    /// Not 18 characters (the count found).
    case wrongLength(Int)
    /// Not one of `0-9 A-H J-N P-R T U W-Y` (I, O, Z, S and V are never used).
    case invalidCharacter(position: Int)
    /// Characters 3–8 (the area code) must be digits.
    case badAreaCode(String)
    case wrongCheckCharacter(expected: Character)
}

extension CreditCodeError {
    public var chinese: String {
        switch self {
        case .wrongLength(let count): "统一社会信用代码应为18位，当前为\(count)位"
        case .invalidCharacter(let position): "第\(position)位字符无效（不使用I、O、Z、S、V）"
        case .badAreaCode(let code): "第3至8位应为行政区划码（数字），当前为「\(code)」"
        case .wrongCheckCharacter(let expected): "校验码错误（按前17位应为 \(expected)），请核对代码"
        }
    }

    public var english: String {
        switch self {
        case .wrongLength(let count): "a credit code has 18 characters, not \(count)"
        case .invalidCharacter(let position): "character \(position) is invalid (I, O, Z, S and V are never used)"
        case .badAreaCode(let code): "characters 3–8 are an area code of digits, not \(code)"
        case .wrongCheckCharacter(let expected): "wrong check character (the first 17 give \(expected)); check the code"
        }
    }
}
