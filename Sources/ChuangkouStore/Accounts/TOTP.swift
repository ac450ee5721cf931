import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP), the second factor of leaders and administrators.
///
/// Six digits, 30-second steps, HMAC-SHA1 — what every authenticator app speaks. A code is accepted for the current
/// step and one step either side (clock drift), and never twice (`AccountRepository.acceptSecondFactor`).
public struct TOTP: Sendable, Equatable {
    public let secret: [UInt8]
    public var digits = 6
    public var period: Int64 = 30

    public enum Algorithm: Sendable { case sha1, sha256, sha512 }
    public var algorithm: Algorithm = .sha1

    public init(secret: [UInt8], digits: Int = 6, algorithm: Algorithm = .sha1) {
        self.secret = secret
        self.digits = digits
        self.algorithm = algorithm
    }

    /// A new random 20-byte secret (RFC 4226 recommends 160 bits).
    public static func newSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// The time step of an instant (seconds since 1970 divided by the period).
    public func step(at date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) / period }

    /// The code of one time step, zero-padded.
    public func code(step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let key = SymmetricKey(data: secret)
        let mac: [UInt8] =
            switch algorithm {
            case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
            case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
            case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
            }
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary =
            (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(binary % modulus)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// The step `code` belongs to, within one step of `date`; nil when it matches none.
    public func matchingStep(_ typed: String, at date: Date) -> Int64? {
        let trimmed = typed.filter { !$0.isWhitespace }
        guard trimmed.count == digits, trimmed.allSatisfy(\.isASCII), trimmed.allSatisfy(\.isNumber) else { return nil }
        let now = step(at: date)
        return [now, now - 1, now + 1].first { code(step: $0) == trimmed }
    }
}

/// RFC 4648 base32, the form authenticator apps take secrets in (`otpauth://totp/…?secret=…`).
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer = 0
        var bits = 0
        for character in text.uppercased().utf8 where character != UInt8(ascii: "=") && character != UInt8(ascii: " ") {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> (bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return out
    }
}
