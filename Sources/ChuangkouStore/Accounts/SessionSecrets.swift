import Crypto
import Foundation

/// Secrets derived from a session token.
public enum SessionSecrets {
    /// The CSRF token of a session: derived from the secret session token, so it needs no storage, differs per
    /// session, and cannot be computed by a page that cannot read the (HttpOnly) cookie.
    public static func csrfToken(for sessionToken: String) -> String {
        let digest = SHA256.hash(data: Data(("chuangkou-csrf\u{0}" + sessionToken).utf8))
        return hex(digest.prefix(20))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
