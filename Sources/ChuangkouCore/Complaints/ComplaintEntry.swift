import Foundation

/// One line of a complaint's history: what happened, who did it (nil: the complainant or the system) and when.
public struct ComplaintEntry: Sendable, Equatable {
    public enum Event: Sendable, Equatable {
        case filed(Complaint.Channel)
        case acknowledged(handler: Badge)
        case reassigned(from: Badge, to: Badge)
        case note(String)
        case extended(days: Int, reason: String)
        case extensionRequested(days: Int, reason: String)
        case extensionRefused
        case answered(Complaint.Finding?)
        case rated(satisfied: Bool)
        case reopened
        case closed
        /// The watch announced a change of the complaint's deadline state.
        case deadline(Complaint.State)
    }

    public let event: Event
    public let by: Badge?
    public let at: Date

    public init(_ event: Event, by: Badge?, at: Date) {
        self.event = event
        self.by = by
        self.at = at
    }

    /// A stable code for the stored history and the API.
    public var code: String {
        switch event {
        case .filed: "filed"
        case .acknowledged: "acknowledged"
        case .reassigned: "reassigned"
        case .note: "note"
        case .extended: "extended"
        case .extensionRequested: "extension-requested"
        case .extensionRefused: "extension-refused"
        case .answered: "answered"
        case .rated: "rated"
        case .reopened: "reopened"
        case .closed: "closed"
        case .deadline: "deadline"
        }
    }

    public var label: String {
        switch event {
        case .filed(let channel): "收到投诉（\(channel.label)）"
        case .acknowledged(let handler): "受理，承办人警号\(handler)"
        case .reassigned(let from, let to): "改派：警号\(from) → 警号\(to)"
        case .note(let text): "调查记录：\(text)"
        case .extended(let days, let reason): "延长办理期限\(days)日：\(reason)"
        case .extensionRequested(let days, let reason): "申请延长办理期限\(days)日：\(reason)"
        case .extensionRefused: "延期申请未获批准"
        case .answered(let finding): "答复投诉人" + (finding.map { "（\($0.label)）" } ?? "")
        case .rated(let satisfied): satisfied ? "投诉人对答复满意" : "投诉人对答复不满意"
        case .reopened: "投诉人申请复查，重新办理"
        case .closed: "办结"
        case .deadline(let state): "时限提醒：\(state.label)"
        }
    }

    public var labelEnglish: String {
        switch event {
        case .filed(let channel): "Complaint received (\(channel.labelEnglish))"
        case .acknowledged(let handler): "Acknowledged; handler badge \(handler)"
        case .reassigned(let from, let to): "Reassigned: badge \(from) → badge \(to)"
        case .note(let text): "Investigation note: \(text)"
        case .extended(let days, let reason): "Answer limit extended by \(days) days: \(reason)"
        case .extensionRequested(let days, let reason): "Asked to extend the answer limit by \(days) days: \(reason)"
        case .extensionRefused: "Extension request refused"
        case .answered(let finding): "Answered" + (finding.map { " (\($0.labelEnglish))" } ?? "")
        case .rated(let satisfied): satisfied ? "The complainant is satisfied" : "The complainant is not satisfied"
        case .reopened: "Reopened for review at the complainant's request"
        case .closed: "Closed"
        case .deadline(let state): "Deadline: \(state.labelEnglish)"
        }
    }
}

extension Complaint.Channel {
    public var label: String {
        switch self {
        case .hall: "大厅登记"
        case .phone: "电话"
        case .phone12389: "12389转办"
        case .online: "网上投诉"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .hall: "at the hall"
        case .phone: "by phone"
        case .phone12389: "transferred from 12389"
        case .online: "online"
        }
    }
}

extension Complaint.Finding {
    public var label: String {
        switch self {
        case .substantiated: "属实"
        case .partlySubstantiated: "部分属实"
        case .unsubstantiated: "不属实"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .substantiated: "substantiated"
        case .partlySubstantiated: "partly substantiated"
        case .unsubstantiated: "not substantiated"
        }
    }
}
