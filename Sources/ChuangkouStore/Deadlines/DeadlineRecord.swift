import ChuangkouCore
import Foundation
import SQLKit

/// A deadline clock as the hall keeps it: what it times, who owns it, and what the deadline watch has announced.
///
/// Until case intake arrives (issue 5) a clock times a free subject ("张三 居住证") with an optional business code.
public struct DeadlineRecord: Sendable, Equatable {
    /// A clock's identifier: a UUID, so identifiers never collide between processes.
    public typealias ID = DeadlineClockID

    public let id: ID
    public let subject: String
    public let business: BusinessCode?
    /// The officer who answers for the deadline (首问负责: the one who accepted the case).
    public let owner: Badge
    public let clock: DeadlineClock
    public let alert: DeadlineAlert
    public let createdAt: Date

    static let columns = "id, subject, business_code, owner_badge, clock, alert, created_at"

    init(row: any SQLRow) throws {
        let text = try row.decode(column: "id", as: String.self)
        guard let id = ID(text), let owner = Badge(try row.decode(column: "owner_badge", as: String.self)),
            let alert = DeadlineAlert(rawValue: try row.decode(column: "alert", as: String.self)),
            let clock = try? JSONDecoder().decode(DeadlineClock.self, from: Data(try row.decode(column: "clock", as: String.self).utf8))
        else { throw StoreError.corruptRow(table: "deadline_clocks", id: text) }
        self.id = id
        self.subject = try row.decode(column: "subject", as: String.self)
        self.business = try row.decode(column: "business_code", as: String?.self).flatMap(BusinessCode.init)
        self.owner = owner
        self.clock = clock
        self.alert = alert
        self.createdAt = Date(milliseconds: try row.decode(column: "created_at", as: Int64.self))
    }

    init(id: ID, subject: String, business: BusinessCode?, owner: Badge, clock: DeadlineClock, alert: DeadlineAlert, createdAt: Date) {
        self.id = id
        self.subject = subject
        self.business = business
        self.owner = owner
        self.clock = clock
        self.alert = alert
        self.createdAt = createdAt
    }

    /// The clock as stored: its Codable JSON, keys sorted so the same clock is always the same text.
    static func text(_ clock: DeadlineClock) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(clock), as: UTF8.self)
    }
}

/// Why the store refused a deadline request (the clock's own refusals are `DeadlineError`).
public enum DeadlineRecordError: Error, Equatable, Sendable {
    case unknown(String)
    case emptySubject
    /// Only the clock's owner or a duty leader may pause, resume or stop it.
    case notOwner(Badge)
    case unknownOfficer(Badge)
}
