import ChuangkouCore
import Crypto
import Foundation

/// A keyed fingerprint of a phone number: equal for equal numbers, useless without the key (a plain hash of an
/// 11-digit number is reversed by trying them all). Rate limits and opt-outs are kept by it, never by the number.
public struct PhoneFingerprint: Sendable {
    let key: SymmetricKey

    public init(key: SymmetricKey) {
        self.key = key
    }

    /// Derived from the audit key (HKDF, its own label), which unlike the data key is never rotated, so an opt-out
    /// outlives a key rotation.
    public init(auditKey: AuditKey) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: auditKey.key,
            info: Data("chuangkou phone fingerprint v1".utf8),
            outputByteCount: 32
        )
    }

    public func callAsFunction(_ phone: MobileNumber) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(phone.value.utf8), using: key).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
