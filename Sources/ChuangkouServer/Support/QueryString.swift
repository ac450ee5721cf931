import Foundation

/// Links built by the pages: query strings and query values, percent-encoded.
enum QueryString {
    /// Only RFC 3986's unreserved ASCII characters pass: `CharacterSet.alphanumerics` would let Chinese through.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// A value (or key) with everything else escaped: `治安管理` → `%E6%B2%BB…`, `/admin` → `%2Fadmin`.
    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `q=…&immediate=1` from the pairs whose value is not empty.
    static func make(_ pairs: [(String, String)]) -> String {
        pairs.filter { !$0.1.isEmpty }.map { "\(encoded($0.0))=\(encoded($0.1))" }.joined(separator: "&")
    }
}
