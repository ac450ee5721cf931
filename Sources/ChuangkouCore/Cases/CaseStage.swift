import Foundation

/// Where a case stands. `intake` until the outcome is decided; a notice sends it to `awaitingSupplement`; acceptance
/// (complete, 容缺 or deemed) to `accepted`; the rest are final.
public enum CaseStage: String, Sendable, Codable, CaseIterable {
    case intake
    /// 一次性告知书 issued; waiting for the listed items.
    case awaitingSupplement
    /// Accepted (受理), in approval, the deadline clock running.
    case accepted
    /// 即办件 finished on the spot (办结).
    case completed
    /// 不予受理.
    case notAccepted
    /// 准予行政许可.
    case granted
    /// 不予行政许可.
    case denied
    /// 容缺 items never arrived: terminated (终止办理).
    case terminated

    public var label: String {
        switch self {
        case .intake: "材料核验中"
        case .awaitingSupplement: "待补正材料"
        case .accepted: "已受理，审批中"
        case .completed: "已办结"
        case .notAccepted: "不予受理"
        case .granted: "准予许可，已办结"
        case .denied: "不予许可"
        case .terminated: "已终止办理"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .intake: "Checking materials"
        case .awaitingSupplement: "Waiting for missing materials"
        case .accepted: "Accepted, under review"
        case .completed: "Completed"
        case .notAccepted: "Not accepted"
        case .granted: "Granted"
        case .denied: "Denied"
        case .terminated: "Terminated"
        }
    }

    public var isFinal: Bool { [.completed, .notAccepted, .granted, .denied, .terminated].contains(self) }
}
