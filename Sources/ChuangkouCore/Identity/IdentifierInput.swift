/// What the identifier parsers do to typed input before checking it.
///
/// Chinese input methods often produce full-width characters (`１１０１…`, `Ｘ`, `＋８６`) and people paste numbers with
/// spaces, so every identifier first goes through here: full-width ASCII becomes half-width, white space (including
/// the ideographic space U+3000) is removed, and lower-case letters are upper-cased.
enum IdentifierInput {
    static func normalised(_ text: String, alsoRemoving removed: Set<Unicode.Scalar> = []) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            var scalar = scalar
            // Full-width forms ！ … ～ (U+FF01–U+FF5E) map onto ASCII ! … ~ (U+0021–U+007E).
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalar = ascii
            }
            if scalar.properties.isWhitespace || removed.contains(scalar) { continue }
            if (0x61...0x7A).contains(scalar.value), let upper = Unicode.Scalar(scalar.value - 0x20) {
                scalar = upper
            }
            result.append(scalar)
        }
        return result
    }

    /// The value of an ASCII digit, or nil.
    static func digit(_ scalar: Unicode.Scalar) -> Int? {
        (0x30...0x39).contains(scalar.value) ? Int(scalar.value - 0x30) : nil
    }

    static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }
}
