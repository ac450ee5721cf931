import ChuangkouCore
import Crypto
import Foundation

/// What happened, as the repository that did it says: an action on an object with its outcome.
///
/// The actor, role and address come from `AuditActor.current`, the time from the caller's `now`. `detail` is free
/// text (a reason, an error code); like every text field of the audit it is masked before it is written, so no clear
/// ID number or phone ever reaches the table.
public struct AuditEntry: Sendable, Equatable {
    /// `ticket.call`, `window.sign-in`, `guide.publish`, `case.read`, … (`feature.verb`).
    public var action: String
    /// `ticket:A001/6F1C…`, `window:3`, `guide:jmsfz`, `case:…`: kind and identifier, never personal data.
    public var object: String
    public var outcome: AuditOutcome
    public var detail: String

    public init(_ action: String, _ object: String, outcome: AuditOutcome = .ok, detail: String = "") {
        self.action = action
        self.object = object
        self.outcome = outcome
        self.detail = detail
    }
}

/// How an audited action ended.
public enum AuditOutcome: String, Sendable, Codable, CaseIterable {
    /// Done (the row commits with the change, or not at all).
    case ok
    /// Refused: not allowed, invalid, or not possible now (4xx); `detail` names the error code.
    case refused
    /// Failed for an internal reason (5xx or an unexpected error).
    case failed
}

/// One row of the audit log, as stored: the entry, who and when, and its place in the hash chain.
public struct AuditRecord: Sendable, Equatable, Codable {
    public var seq: Int64
    /// Milliseconds since 1970.
    public var at: Int64
    public var actor: String
    public var role: String
    public var address: String
    public var action: String
    public var object: String
    public var outcome: String
    public var detail: String
    public var previousHash: String
    public var hash: String

    /// The hash before the first row of a hall's audit.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over the previous row's hash and this row's content, hex.
    ///
    /// The content is every field length-prefixed (`<utf8 length>:<text>`), so no two different rows share an encoding
    /// (a `|` inside a field cannot shift one field into the next).
    public func computedHash() -> String {
        var content = previousHash
        for field in [String(seq), String(at), actor, role, address, action, object, outcome, detail] {
            content += "\(field.utf8.count):\(field)"
        }
        return AuditHex.sha256(Data(content.utf8))
    }

    public var date: Date { Date(milliseconds: at) }

    enum CodingKeys: String, CodingKey {
        case seq, at, actor, role, address, action, object, outcome, detail
        case previousHash = "prev_hash"
        case hash
    }
}

extension AuditEntry {
    /// The entry as a row after `previous` (seq and hash of the chain's tail), stamped with the actor and `now`.
    func record(after previous: (seq: Int64, hash: String), actor: AuditActor, at now: Date) -> AuditRecord {
        var row = unlinked(actor: actor, at: now)
        row.seq = previous.seq + 1
        row.previousHash = previous.hash
        row.hash = row.computedHash()
        return row
    }

    /// The entry's content as a row, masked, before it has a place in the chain (seq 0, no hashes).
    func unlinked(actor: AuditActor, at now: Date) -> AuditRecord {
        AuditRecord(
            seq: 0,
            at: now.millisecondsSince1970,
            actor: Masking.maskPersonalNumbers(in: actor.id),
            role: actor.role,
            address: actor.address,
            action: action,
            object: object,
            outcome: outcome.rawValue,
            detail: Masking.maskPersonalNumbers(in: String(detail.prefix(500))),
            previousHash: "",
            hash: ""
        )
    }
}

/// Hex digests for the audit.
enum AuditHex {
    static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

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
