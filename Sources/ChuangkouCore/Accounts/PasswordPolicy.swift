/// The password rules of RULES §11 (等级保护 level 3): at least 10 characters from three of the four classes
/// (lower case, upper case, digits, others), not the badge number, not one of the last five passwords (the last rule
/// needs the stored hashes; the server checks it).
public struct PasswordPolicy: Sendable, Equatable {
    public var minimumLength = 10
    public var classesRequired = 3
    /// How many earlier passwords may not come back.
    public var history = 5

    public init() {}

    public enum Problem: Error, Equatable, Sendable, CaseIterable {
        case tooShort
        case tooFewClasses
        case containsBadge
        case tooLong
        case reused
    }

    /// What is wrong with `password` for the account `badge`; empty when it is acceptable (history aside).
    public func problems(_ password: String, badge: Badge) -> [Problem] {
        var found: [Problem] = []
        if password.count < minimumLength { found.append(.tooShort) }
        // bcrypt reads only the first 72 bytes: a longer password would be silently cut.
        if password.utf8.count > 72 { found.append(.tooLong) }
        var classes = 0
        if password.contains(where: { $0.isASCII && $0.isLowercase }) { classes += 1 }
        if password.contains(where: { $0.isASCII && $0.isUppercase }) { classes += 1 }
        if password.contains(where: { $0.isASCII && $0.isNumber }) { classes += 1 }
        if password.contains(where: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) { classes += 1 }
        if classes < classesRequired { found.append(.tooFewClasses) }
        if password.contains(badge.value) { found.append(.containsBadge) }
        return found
    }
}

extension PasswordPolicy.Problem {
    public var chinese: String {
        switch self {
        case .tooShort: "密码至少10位"
        case .tooFewClasses: "密码须包含大写字母、小写字母、数字、符号中的至少三类"
        case .containsBadge: "密码不能包含警号"
        case .tooLong: "密码不能超过72字节"
        case .reused: "不能使用最近5次用过的密码"
        }
    }

    public var english: String {
        switch self {
        case .tooShort: "at least 10 characters"
        case .tooFewClasses: "use three of: upper case, lower case, digits, symbols"
        case .containsBadge: "must not contain the badge number"
        case .tooLong: "at most 72 bytes"
        case .reused: "must not be one of the last 5 passwords"
        }
    }
}
