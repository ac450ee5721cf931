import Foundation

/// Where a case was opened (受理渠道): at one of the hall's windows (for the called ticket or a walk-in), or on site
/// (现场办公) by the team of an approved visit, on the visit's day, through the same intake. An on-site case keeps its
/// visit, so the visit's results and the case history point at each other.
public enum CaseChannel: Sendable, Equatable, Hashable {
    case window
    case onSite(OnSiteVisitID)

    /// The stored and answered code: `window` or `on-site`.
    public var code: String {
        switch self {
        case .window: "window"
        case .onSite: "on-site"
        }
    }

    /// The visit an on-site case was opened on.
    public var visit: OnSiteVisitID? {
        switch self {
        case .window: nil
        case .onSite(let visit): visit
        }
    }

    public var label: String { visit == nil ? "窗口受理" : "现场受理（现场办公）" }
    public var labelEnglish: String { visit == nil ? "At the window" : "On site (on-site visit)" }

    /// The channel a stored code and visit stand for; nil for a code this version does not know, or an on-site code
    /// without its visit.
    public init?(code: String, visit: OnSiteVisitID?) {
        switch (code, visit) {
        case ("window", nil): self = .window
        case ("on-site", let visit?): self = .onSite(visit)
        default: return nil
        }
    }
}
