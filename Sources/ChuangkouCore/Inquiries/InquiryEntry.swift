import Foundation

extension Inquiry {
    /// One line of an inquiry's history: what happened, who did it (nil: the end-of-day sweep) and when. The
    /// acceptance line is the handover's receipt (签收), with its time.
    public struct Entry: Sendable, Equatable, Codable {
        public enum Event: Sendable, Equatable, Codable {
            case recorded
            case handoverAsked(to: Badge)
            case handoverAccepted(from: Badge)
            case handoverDeclined
            case handoverWithdrawn
            case sentToDutyLeader(from: Badge)
            /// Closed, with the outcome's kind.
            case resolved(String)
        }

        public let event: Event
        public let by: Badge?
        public let at: Date

        public init(_ event: Event, by: Badge?, at: Date) {
            self.event = event
            self.by = by
            self.at = at
        }

        public var code: String {
            switch event {
            case .recorded: "recorded"
            case .handoverAsked: "handover-asked"
            case .handoverAccepted: "handover-accepted"
            case .handoverDeclined: "handover-declined"
            case .handoverWithdrawn: "handover-withdrawn"
            case .sentToDutyLeader: "sent-to-duty-leader"
            case .resolved: "resolved"
            }
        }

        public var label: String {
            switch event {
            case .recorded: "登记（首问）"
            case .handoverAsked(let to): "转交警号\(to)，待签收"
            case .handoverAccepted(let from): "签收（自警号\(from)转来）"
            case .handoverDeclined: "退回转交"
            case .handoverWithdrawn: "撤回转交"
            case .sentToDutyLeader(let from): "下班未结，自警号\(from)转值班领导"
            case .resolved(let kind): "办结：\(Inquiry.outcomeLabel(kind))"
            }
        }

        public var labelEnglish: String {
            switch event {
            case .recorded: "Recorded (first inquiry)"
            case .handoverAsked(let to): "Handed to \(to), awaiting receipt"
            case .handoverAccepted(let from): "Accepted (from \(from))"
            case .handoverDeclined: "Handover declined"
            case .handoverWithdrawn: "Handover withdrawn"
            case .sentToDutyLeader(let from): "Open at day end: from \(from) to the duty leader"
            case .resolved(let kind): "Closed: \(Inquiry.outcomeLabelEnglish(kind))"
            }
        }
    }

    public static func outcomeLabel(_ kind: String) -> String {
        switch kind {
        case "answered": "当场答复"
        case "notice": "一次性告知"
        case "referred": "告知主管部门"
        case "ticket": "转取号办理"
        case "case": "转受理登记"
        default: kind
        }
    }

    public static func outcomeLabelEnglish(_ kind: String) -> String {
        switch kind {
        case "answered": "answered on the spot"
        case "notice": "one-time notice"
        case "referred": "referred to the competent body"
        case "ticket": "turned into a ticket"
        case "case": "turned into a case"
        default: kind
        }
    }
}
