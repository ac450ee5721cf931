import Foundation

/// How dates and quotation marks are written in an official document (GB/T 9704 §7.3.5.3 and GB/T 15834).
public enum ChineseDocumentText {
    /// 2026年3月3日: Arabic numerals, the year in full, no leading zeros.
    public static func date(_ day: LocalDate) -> String {
        "\(day.year)年\(day.month)月\(day.day)日"
    }

    /// Every ISO date inside a sentence (您于2026-03-03提交) written 2026年3月3日; anything that is not a real date is
    /// left as it is.
    public static func dates(in text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let match = rest.firstMatch(of: /(\d{4})-(\d{2})-(\d{2})/) {
            out += rest[..<match.range.lowerBound]
            if let day = LocalDate(year: Int(match.1)!, month: Int(match.2)!, day: Int(match.3)!) {
                out += date(day)
            } else {
                out += rest[match.range]
            }
            rest = rest[match.range.upperBound...]
        }
        return out + rest
    }

    /// Both at once: dates in 年月日 and Chinese quotation marks.
    public static func official(_ text: String) -> String { quotes(dates(in: text)) }

    /// Chinese quotation marks: “” outside, ‘’ inside. 「」『』 become “”‘’, and straight "…" pairs become “…”
    /// (an unpaired straight quote is left alone rather than guessed).
    public static func quotes(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "「", with: "“").replacingOccurrences(of: "」", with: "”")
            .replacingOccurrences(of: "『", with: "‘").replacingOccurrences(of: "』", with: "’")
        let straight = out.filter { $0 == "\"" }.count
        guard straight > 0, straight % 2 == 0 else { return out }
        var opening = true
        out = String(
            out.map { character -> Character in
                guard character == "\"" else { return character }
                defer { opening.toggle() }
                return opening ? "“" : "”"
            }
        )
        return out
    }
}
