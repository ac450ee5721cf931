/// Masking of 居民身份证号码 and mobile numbers in free text: log lines, error messages, rendered documents
/// (RULES §11: masked on screens, receipts and logs).
///
/// A scan finds runs of digits (half- or full-width) that are not part of a longer run of digits and masks every run
/// that looks like one of the two numbers, valid or not, because a mistyped number is personal data too:
///
/// - 18 digits, or 17 digits followed by `X`/`x` → `110***********1234`;
/// - 11 digits starting with 13–19 → `138****5678`; also with `86` glued in front (`+8613812345678` →
///   `+86138****5678`) and grouped 3-4-4 with one space or dash (`138 1234 5678` → `138 **** 5678`).
///
/// Letters next to a run do not protect it (`Tel13812345678` is masked): the scan errs on the side of masking, which
/// can also hit an 11- or 18-digit run inside a hexadecimal hash. Other runs (bank cards, order numbers, dates) are
/// left alone.
public enum Masking {
    /// Masks every ID-number-looking and mobile-looking run in `text`.
    public static func maskPersonalNumbers(in text: String) -> String {
        let characters = Array(text)
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var index = 0
        while index < characters.count {
            guard isDigit(characters[index]) else {
                result.append(characters[index])
                index += 1
                continue
            }
            var end = index
            while end < characters.count, isDigit(characters[end]) { end += 1 }
            let run = characters[index..<end]
            if run.count == 18 {
                result += keep(run, first: 3, last: 4)
                index = end
            } else if run.count == 17, end < characters.count, isCheckX(characters[end]) {
                result += keep(characters[index...end], first: 3, last: 4)
                index = end + 1
            } else if run.count == 11, looksMobile(run) {
                result += keep(run, first: 3, last: 4)
                index = end
            } else if run.count == 13, digitValue(run.first!) == 8, digitValue(run.dropFirst().first!) == 6,
                looksMobile(run.dropFirst(2))
            {
                result += String(run.prefix(2)) + keep(run.dropFirst(2), first: 3, last: 4)
                index = end
            } else if let grouped = groupedMobile(characters, at: index, firstGroupEnd: end) {
                let separator = characters[end]
                result += String(run) + String(separator) + "****" + String(separator)
                result += String(characters[(grouped - 4)..<grouped])
                index = grouped
            } else {
                result += String(run)
                index = end
            }
        }
        return result
    }

    /// Whether `text` holds anything `maskPersonalNumbers(in:)` would mask: a check for documents and log lines.
    public static func containsPersonalNumbers(_ text: String) -> Bool {
        maskPersonalNumbers(in: text) != text
    }

    /// Masks the secrets a citizen's message carries — query codes, booking and one-time codes, the code at the end of
    /// a link — for the screens that show messages to staff (the delivery log): whoever reads the log must not be able
    /// to act as the citizen. A run of ASCII letters and digits of six or more is a code when it holds a digit, a
    /// capital after its first letter, or is 16 long or longer; words (`Window`, `reminder`) are left as they are.
    /// Every code becomes `******`, so its length is not told either. Apply after `maskPersonalNumbers(in:)`.
    public static func maskCodes(in text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var run = ""
        func flush() {
            let isCode = run.count >= 6
                && (run.contains(where: \.isNumber) || run.dropFirst().contains(where: \.isUppercase) || run.count >= 16)
            result += isCode ? "******" : run
            run = ""
        }
        for character in text {
            if character.isASCII, character.isLetter || character.isNumber {
                run.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    /// Keeps the first and last characters and replaces the ones between with `*`; text too short to keep both
    /// ends is starred entirely.
    public static func keep(_ text: some Collection<Character>, first: Int, last: Int) -> String {
        guard text.count > first + last else { return String(repeating: "*", count: text.count) }
        return String(text.prefix(first)) + String(repeating: "*", count: text.count - first - last)
            + String(text.suffix(last))
    }

    /// `138 1234 5678` or `138-1234-5678`: the end of the third group, when the run at `start` (ending at
    /// `firstGroupEnd`) begins one.
    private static func groupedMobile(_ characters: [Character], at start: Int, firstGroupEnd: Int) -> Int? {
        guard firstGroupEnd - start == 3, firstGroupEnd < characters.count else { return nil }
        let separator = characters[firstGroupEnd]
        guard separator == " " || separator == "-" else { return nil }
        let second = firstGroupEnd + 1
        let third = second + 5
        guard third + 4 <= characters.count, characters[second + 4] == separator,
            characters[second..<(second + 4)].allSatisfy(isDigit), characters[third..<(third + 4)].allSatisfy(isDigit),
            third + 4 == characters.count || !isDigit(characters[third + 4]),
            looksMobile(characters[start..<firstGroupEnd] + characters[second..<(second + 4)] + characters[third..<(third + 4)])
        else { return nil }
        return third + 4
    }

    private static func looksMobile(_ run: some Collection<Character>) -> Bool {
        guard run.count == 11, digitValue(run.first!) == 1, let second = digitValue(run.dropFirst().first!) else {
            return false
        }
        return second >= 3
    }

    private static func isDigit(_ character: Character) -> Bool { digitValue(character) != nil }

    /// ASCII and full-width digits.
    private static func digitValue(_ character: Character) -> Int? {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return nil }
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: return Int(scalar.value - 0xFF10)
        default: return nil
        }
    }

    private static func isCheckX(_ character: Character) -> Bool {
        ["X", "x", "Ｘ", "ｘ"].contains(character)
    }
}
