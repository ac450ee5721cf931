import Crypto
import Foundation
import Synchronization

/// Encrypts personal data at rest (RULES §11): applicants' ID numbers and phones, a proxy's ID number.
///
/// AES-256-GCM under a key ring: the first key seals, every key opens. Each value is sealed with a fresh nonce and
/// stored as `k<key id>:` + base64 of nonce ‖ ciphertext ‖ tag, so equal values do not look equal, a changed byte is
/// detected, and the key that opens a value is named in it (values sealed before key ids existed carry no prefix and
/// are opened by whichever key authenticates them). The key id is the first 8 hex digits of SHA-256 over the key, so
/// it names the key without revealing it. Lookup never needs the clear text: the columns used for search (last four
/// digits, masked forms) are kept beside the sealed value.
///
/// Keys come from the setting `chuangkou.data-key` (base64 of 32 bytes; several separated by commas, sealing key
/// first) or from the key file (one key a line, sealing key first; mode 600), generated on first start. A sealer
/// read from a file rereads it when it changes, so `chuangkou keys rotate` reaches running servers: at once when
/// they meet a value under a key they do not know, and within a second for what they seal.
public struct DataSealer: Sendable {
    private let ring: KeyRing

    public init(key: SymmetricKey) {
        ring = KeyRing(keys: [key], file: nil)
    }

    /// Keys given as text (the setting): base64 of 32 bytes each, separated by commas, the sealing key first; nil
    /// unless every one is a 32-byte key.
    public init?(base64 text: String) {
        guard let keys = Self.keys(text.split(separator: ",").map(String.init)) else { return nil }
        ring = KeyRing(keys: keys, file: nil)
    }

    private init(ring: KeyRing) {
        self.ring = ring
    }

    public func seal(_ text: String) throws -> String {
        let key = ring.sealingKey()
        return "k\(Self.id(of: key)):" + (try AES.GCM.seal(Data(text.utf8), using: key).combined!.base64EncodedString())
    }

    public func open(_ sealed: String) throws -> String {
        let (id, body) = Self.split(sealed)
        guard let data = Data(base64Encoded: String(body)) else { throw DataSealerError.notSealed }
        let box = try AES.GCM.SealedBox(combined: data)
        guard let id else {
            for key in ring.keys() {
                if let opened = try? AES.GCM.open(box, using: key) { return String(decoding: opened, as: UTF8.self) }
            }
            throw DataSealerError.unknownKey("legacy")
        }
        guard let key = ring.key(id) else { throw DataSealerError.unknownKey(id) }
        return String(decoding: try AES.GCM.open(box, using: key), as: UTF8.self)
    }

    /// The id of the key that seals now.
    public var sealingKeyID: String { Self.id(of: ring.sealingKey()) }

    /// The ids of every key in the ring, the sealing key first.
    public var keyIDs: [String] { ring.keys().map(Self.id(of:)) }

    /// The key id a sealed value names; nil for a value sealed before key ids.
    public static func keyID(of sealed: String) -> String? { split(sealed).id }

    /// A fresh random key, base64.
    public static func newKeyText() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// Reads the key file, creating it (mode 600) with a new key when absent; two servers or two tests starting at
    /// once end up with the same key.
    public static func loadOrCreate(keyFile path: String) throws -> DataSealer {
        let lines = try KeyFile.loadOrCreate(path) { [newKeyText()] }
        guard let keys = Self.keys(lines) else { throw DataSealerError.badKeyFile(path) }
        return DataSealer(ring: KeyRing(keys: keys, file: path))
    }

    /// Puts a new sealing key at the head of the key file, keeping every older key for opening (a key rotation's
    /// first step). Returns the new key's id.
    public static func addSealingKey(toKeyFile path: String) throws -> String {
        let lines = try KeyFile.read(path)
        guard Self.keys(lines) != nil else { throw DataSealerError.badKeyFile(path) }
        let text = newKeyText()
        try KeyFile.replace(path, with: [text] + lines)
        return id(of: SymmetricKey(data: Data(base64Encoded: text)!))
    }

    /// Removes from the key file every key other than the sealing key whose id is not in `inUse`. Returns the ids
    /// removed.
    public static func retireKeys(inKeyFile path: String, except inUse: Set<String>) throws -> [String] {
        let lines = try KeyFile.read(path)
        guard let keys = Self.keys(lines), !keys.isEmpty else { throw DataSealerError.badKeyFile(path) }
        var kept = [lines[0]]
        var removed: [String] = []
        for (line, key) in zip(lines, keys).dropFirst() {
            if inUse.contains(id(of: key)) { kept.append(line) } else { removed.append(id(of: key)) }
        }
        if !removed.isEmpty { try KeyFile.replace(path, with: kept) }
        return removed
    }

    static func keys(_ texts: [String]) -> [SymmetricKey]? {
        let keys = texts.map { Data(base64Encoded: $0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard !keys.isEmpty, keys.allSatisfy({ $0?.count == 32 }) else { return nil }
        return keys.map { SymmetricKey(data: $0!) }
    }

    static func id(of key: SymmetricKey) -> String {
        let digest = key.withUnsafeBytes { SHA256.hash(data: Data($0)) }
        return AuditHex.hex(digest.prefix(4))
    }

    /// `k1a2b3c4d:BODY` → ("1a2b3c4d", "BODY"); a value without the prefix is all body (base64 has no `:`).
    private static func split(_ sealed: String) -> (id: String?, body: Substring) {
        let utf8 = sealed.utf8
        guard utf8.count > 10, utf8.first == UInt8(ascii: "k"), utf8[utf8.index(utf8.startIndex, offsetBy: 9)] == UInt8(ascii: ":") else {
            return (nil, Substring(sealed))
        }
        let colon = sealed.index(sealed.startIndex, offsetBy: 9)
        return (String(sealed[sealed.index(after: sealed.startIndex)..<colon]), sealed[sealed.index(after: colon)...])
    }
}

/// The keys of a sealer, reread from their file when it changes.
private final class KeyRing: Sendable {
    private struct State {
        var keys: [SymmetricKey]
        var byID: [String: SymmetricKey]
        var stamp: String?
        var checked: ContinuousClock.Instant
    }
    private let state: Mutex<State>
    private let file: String?

    init(keys: [SymmetricKey], file: String?) {
        self.file = file
        state = Mutex(
            State(
                keys: keys,
                byID: Dictionary(keys.map { (DataSealer.id(of: $0), $0) }, uniquingKeysWith: { a, _ in a }),
                stamp: file.map(Self.stamp(of:)),
                checked: .now
            )
        )
    }

    func keys() -> [SymmetricKey] { state.withLock { $0.keys } }

    /// The sealing key, after rereading the file if it changed (looked at most once a second).
    func sealingKey() -> SymmetricKey {
        if let file, state.withLock({ ContinuousClock.now - $0.checked > .seconds(1) }) { reload(file, onlyIfChanged: true) }
        return state.withLock { $0.keys[0] }
    }

    /// The key with this id; an unknown id rereads the file once (another process may have rotated).
    func key(_ id: String) -> SymmetricKey? {
        if let key = state.withLock({ $0.byID[id] }) { return key }
        guard let file else { return nil }
        reload(file, onlyIfChanged: false)
        return state.withLock { $0.byID[id] }
    }

    private func reload(_ file: String, onlyIfChanged: Bool) {
        let stamp = Self.stamp(of: file)
        let unchanged = state.withLock { s -> Bool in
            s.checked = .now
            return s.stamp == stamp
        }
        if onlyIfChanged && unchanged { return }
        // A file that cannot be read now keeps the keys already known: never lose a key in the middle of the day.
        guard let lines = try? KeyFile.read(file), let keys = DataSealer.keys(lines) else { return }
        state.withLock { s in
            s.keys = keys
            for key in keys { s.byID[DataSealer.id(of: key)] = key }
            s.stamp = stamp
        }
    }

    /// Changes whenever the file is replaced (a rename gives a new inode) or rewritten.
    private static func stamp(of file: String) -> String {
        let attributes = (try? FileManager.default.attributesOfItem(atPath: file)) ?? [:]
        return "\(attributes[.systemFileNumber] ?? "-")|\(attributes[.modificationDate] ?? "-")|\(attributes[.size] ?? "-")"
    }
}

public enum DataSealerError: Error, Equatable, Sendable {
    /// The stored value is not base64 (data written by something else).
    case notSealed
    /// The key file does not hold base64 of 32 bytes on each line.
    case badKeyFile(String)
    /// No key of the ring opens the value (its key was retired, or the value was sealed under another hall's key).
    case unknownKey(String)
}
