import Foundation

/// One published version of a guide. Versions count from 1 per business and are never changed or removed:
/// a case or a printed guide that says "version 3" can always be shown exactly as it was.
public struct GuideVersion: Sendable, Equatable {
    public var version: Int
    public var guide: Guide
    public var publishedAt: Date
    /// Who published it; nil for the catalog shipped with Chuangkou or imported from the command line.
    public var publishedBy: Badge?
    /// What changed, in the editor's words.
    public var note: String

    public init(version: Int, guide: Guide, publishedAt: Date, publishedBy: Badge?, note: String) {
        self.version = version
        self.guide = guide
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
        self.note = note
    }
}

/// A reference to one version of one guide, as cases and documents keep it.
public struct GuideReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public var code: BusinessCode
    public var version: Int

    public init(code: BusinessCode, version: Int) {
        self.code = code
        self.version = version
    }

    public var description: String { "\(code)@v\(version)" }
}
