import Foundation

/// 容缺受理: the items the applicant committed to bring, by when, and which have arrived.
public struct Deferral: Sendable, Equatable, Codable {
    public var items: [NoticeItem]
    public var due: LocalDate
    public var received: [Int]

    public var outstanding: [NoticeItem] { items.filter { !received.contains($0.index) } }
}
