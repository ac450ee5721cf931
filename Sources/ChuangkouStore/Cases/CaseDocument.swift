import ChuangkouCore
import Foundation

/// An issued document: its number and the facts it printed, frozen at issue.
public struct CaseDocument: Sendable, Equatable {
    public let id: UUID
    public let caseID: CaseID
    public let kind: DocumentKind
    public let number: String
    public let sequence: Int
    public let issuedAt: Date
    public let issuedBy: Badge
    public let facts: DocumentFacts
    public let reprints: Int
}

/// Why the case store refused a request: what it could not find, or a ticket that already has its case. The rules
/// themselves refuse with Core's `CaseError`, `IntakeError` and `NoticeError`.
public enum CaseStoreError: Error, Equatable, Sendable {
    case unknownCase
    case unknownDocument
    case unknownTicket
    case unknownBusiness(String)
    /// The business has no published guide.
    case noGuide(String)
    /// The ticket already has a case.
    case ticketHasCase
}
