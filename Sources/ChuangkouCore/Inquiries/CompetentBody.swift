import Foundation

/// A body outside the unit (主管部门) that handles what the hall does not: named to a citizen whose question is
/// outside the unit (RULES §7). Administrators keep the directory.
public struct CompetentBody: Sendable, Equatable, Codable {
    public typealias ID = Identifier<CompetentBody>

    public let id: ID
    public let name: String
    public let address: String
    public let phone: DutyPhone
    /// What it handles, in the words a citizen would use.
    public let handles: String

    public static let maxName = 60
    public static let maxAddress = 120
    public static let maxHandles = 200

    /// Checks an entry before it goes into the directory; every text is trimmed and bounded.
    public static func make(id: ID, name: String, address: String, phone: String, handles: String) throws(InquiryError) -> CompetentBody {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw .bodyNameRequired }
        guard name.count <= maxName else { throw .bodyTextTooLong(field: "name", max: maxName) }
        let address = address.trimmingCharacters(in: .whitespacesAndNewlines)
        guard address.count <= maxAddress else { throw .bodyTextTooLong(field: "address", max: maxAddress) }
        let handles = handles.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !handles.isEmpty else { throw .bodyHandlesRequired }
        guard handles.count <= maxHandles else { throw .bodyTextTooLong(field: "handles", max: maxHandles) }
        guard let phone = DutyPhone(phone) else { throw .badBodyPhone }
        return CompetentBody(id: id, name: name, address: address, phone: phone, handles: handles)
    }

    /// What an inquiry keeps of the body it named: a copy, so a later change of the directory leaves it as told.
    public struct Reference: Sendable, Equatable, Codable {
        public let id: ID
        public let name: String
        public let address: String
        public let phone: String

        public init(id: ID, name: String, address: String, phone: String) {
            self.id = id
            self.name = name
            self.address = address
            self.phone = phone
        }
    }

    public var reference: Reference { Reference(id: id, name: name, address: address, phone: phone.value) }
}
