import Foundation

/// 发文字号 as GB/T 9704 (党政机关公文格式, §7.2.4) writes it: the unit's abbreviation, the kind's word, the year in
/// 六角括号 and the sequence without leading zeros, e.g. 东公（窗）受字〔2026〕17号.
///
/// The stored number (`DHGA-2026-000017`, numbered per unit and year without gaps) stays what it is; this is how it
/// is printed, with the same sequence underneath.
public struct OfficialNumber: Sendable, Equatable {
    public let unitAbbreviation: String
    public let kindWord: String
    public let year: Int
    public let sequence: Int

    public init(unitAbbreviation: String, kindWord: String, year: Int, sequence: Int) {
        self.unitAbbreviation = unitAbbreviation
        self.kindWord = kindWord
        self.year = year
        self.sequence = sequence
    }

    /// Reads a stored number `CODE-YYYY-NNNNNN`; nil for anything else (a record written by another version).
    public init?(stored: String, unitAbbreviation: String, kindWord: String) {
        let parts = stored.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[1].count == 4, let year = Int(parts[1]), (1900...9999).contains(year),
            !parts[2].isEmpty, parts[2].count <= 9, parts[2].allSatisfy(\.isASCII), let sequence = Int(parts[2]), sequence > 0
        else { return nil }
        self.init(unitAbbreviation: unitAbbreviation, kindWord: kindWord, year: year, sequence: sequence)
    }

    /// 东公（窗）受字〔2026〕17号
    public var text: String { "\(unitAbbreviation)\(kindWord)字〔\(year)〕\(sequence)号" }

    /// A configured abbreviation made fit for a 文号: trimmed, ASCII brackets turned full-width (东公(窗) → 东公（窗）),
    /// 1–12 characters with no digits, spaces or 〔〕; nil when it cannot be one.
    public static func abbreviation(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "(", with: "（")
            .replacingOccurrences(of: ")", with: "）")
        guard (1...12).contains(value.count),
            !value.contains(where: { $0.isWhitespace || $0.isNumber || "〔〕[]<>&\"'".contains($0) })
        else { return nil }
        return value
    }
}
