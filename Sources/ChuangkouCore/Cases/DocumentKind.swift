import Foundation

/// The official documents a case issues (RULES §5).
public enum DocumentKind: String, Sendable, Codable, CaseIterable {
    /// 受理通知书 (also for deemed acceptance, 视为受理).
    case acceptanceNotice
    /// 办结通知书 of a 即办件 finished on the spot, with the receipt.
    case completionReceipt
    /// 一次性告知书 (补正材料通知书).
    case oneTimeNotice
    /// 一次性告知书更正: items added with the duty leader's approval.
    case noticeCorrection
    /// 容缺受理通知书.
    case deferralNotice
    /// 不予受理通知书.
    case refusalNotice
    /// 准予行政许可决定书.
    case grantDecision
    /// 不予行政许可决定书.
    case denialDecision
    /// 终止办理通知书 (容缺 items never supplied).
    case terminationNotice
}
