import Crypto
import Foundation

/// Encrypts personal data at rest (RULES §11): applicants' ID numbers and phones, a proxy's ID number.
///
/// AES-256-GCM with one key for the hall, read from the setting `chuangkou.data-key` (base64 of 32 bytes) or from the
/// key file (`data-key` beside the SQLite file, or under `./data/` for PostgreSQL), which is generated on first start.
/// Each value is sealed with a fresh nonce and stored as base64 of nonce ‖ ciphertext ‖ tag, so equal values do not
/// look equal and a changed byte is detected. Lookup never needs the clear text: the columns used for search (last four
/// digits, masked forms) are kept beside the sealed value.
public struct DataSealer: Sendable {
    private let key: SymmetricKey

    public init(key: SymmetricKey) {
        self.key = key
    }

    /// A key given as base64 text (the setting); nil unless it is exactly 32 bytes.
    public init?(base64 text: String) {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
            return nil
        }
        key = SymmetricKey(data: data)
    }

    public func seal(_ text: String) throws -> String {
        try AES.GCM.seal(Data(text.utf8), using: key).combined!.base64EncodedString()
    }

    public func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed) else { throw DataSealerError.notSealed }
        let box = try AES.GCM.SealedBox(combined: data)
        return String(decoding: try AES.GCM.open(box, using: key), as: UTF8.self)
    }

    /// A fresh random key, base64.
    public static func newKeyText() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// Reads the key file, creating it with a new key when absent. Creation is atomic (write a temporary file, then
    /// hard-link it into place, which fails if another process got there first), so two servers or two tests starting
    /// at once end up with the same key.
    public static func loadOrCreate(keyFile path: String) throws -> DataSealer {
        let url = URL(fileURLWithPath: path)
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".data-key-\(UUID().uuidString)")
            try Data((newKeyText() + "\n").utf8).write(to: temporary)
            try? manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary.path)
            try? manager.linkItem(at: temporary, to: url)
            try? manager.removeItem(at: temporary)
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let sealer = DataSealer(base64: text) else { throw DataSealerError.badKeyFile(path) }
        return sealer
    }
}

public enum DataSealerError: Error, Equatable, Sendable {
    /// The stored value is not base64 (data written by something else).
    case notSealed
    /// The key file does not hold base64 of 32 bytes.
    case badKeyFile(String)
}
