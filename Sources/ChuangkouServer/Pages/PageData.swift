import Foundation

/// The data every page hands its scripts, as JSON inside `<script type="application/json" id="page-data">`.
///
/// A JSON data block is not executed, so pages keep working under `Content-Security-Policy: script-src 'self'`.
struct PageData: Encodable, Sendable {
    let lang: String
    let timeZone: String
    let t: [String: String]
    let labels: [String: [String: String]]

    /// JSON that is safe inside a `<script>` element: `<`, `>` and `&` are written as `\u003c`… so no text (a
    /// guide name, an officer's post) can close the element or open a comment, and U+2028/2029 as escapes too.
    static func json<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else { return "{}" }
        var out = ""
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
