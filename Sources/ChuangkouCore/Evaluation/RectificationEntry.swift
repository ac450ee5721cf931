import Foundation

/// One line of a rectification item's history: what happened, who did it (nil: the citizen or the system) and when.
public struct RectificationEntry: Sendable, Equatable {
    public enum Event: Sendable, Equatable {
        case opened(handler: Badge)
        case reassigned(from: Badge, to: Badge)
        case returnVisit(Rectification.ReturnVisit.Result, attempts: Int, note: String)
        case resolved(Rectification.Outcome)
        case appealFiled(Rectification.Appeal.Ground)
        case appealDecided(upheld: Bool)
        case fixRated(Satisfaction)
        /// The watch announced a change of the item's deadline state.
        case deadline(Rectification.State)
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
        case .opened: "opened"
        case .reassigned: "reassigned"
        case .returnVisit: "return-visit"
        case .resolved: "resolved"
        case .appealFiled: "appeal-filed"
        case .appealDecided: "appeal-decided"
        case .fixRated: "fix-rated"
        case .deadline: "deadline"
        }
    }

    /// What the history shows, in Chinese.
    public var label: String {
        switch event {
        case .opened(let handler): "差评转整改，承办人警号\(handler)"
        case .reassigned(let from, let to): "改派：警号\(from) → 警号\(to)"
        case .returnVisit(.contacted, _, let note): "回访：已联系评价人。\(note)"
        case .returnVisit(.unreachable, let attempts, let note): "回访：\(attempts)次未联系上。\(note)"
        case .resolved(.fixedNow(let text)): "整改结果：立行立改。\(text)"
        case .resolved(.fixedBy(let date, let text)): "整改结果：限期于\(date.chineseDate)前整改。\(text)"
        case .resolved(.explained(let text)): "整改结果：解释说明。\(text)"
        case .appealFiled(let ground): "提出申诉：\(ground.label)"
        case .appealDecided(let upheld): upheld ? "申诉成立：该评价不计入统计" : "申诉不成立：继续整改"
        case .fixRated(let level): "评价人对整改结果的评价：\(level.label)"
        case .deadline(let state): "时限提醒：\(state.label)"
        }
    }

    public var labelEnglish: String {
        switch event {
        case .opened(let handler): "Bad review opened for rectification; handler badge \(handler)"
        case .reassigned(let from, let to): "Reassigned: badge \(from) → badge \(to)"
        case .returnVisit(.contacted, _, let note): "Return visit: rater reached. \(note)"
        case .returnVisit(.unreachable, let attempts, let note): "Return visit: not reached after \(attempts) call(s). \(note)"
        case .resolved(.fixedNow(let text)): "Outcome: fixed at once. \(text)"
        case .resolved(.fixedBy(let date, let text)): "Outcome: to be fixed by \(date). \(text)"
        case .resolved(.explained(let text)): "Outcome: explained. \(text)"
        case .appealFiled(let ground): "Appeal filed: \(ground.labelEnglish)"
        case .appealDecided(let upheld): upheld ? "Appeal upheld: the rating leaves the statistics" : "Appeal rejected: rectification goes on"
        case .fixRated(let level): "The rater rated the fix: \(level.labelEnglish)"
        case .deadline(let state): "Deadline: \(state.labelEnglish)"
        }
    }
}

extension Rectification.Appeal.Ground {
    public var label: String {
        switch self {
        case .mistaken: "误评"
        case .malicious: "恶意差评"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .mistaken: "Mistaken review"
        case .malicious: "Malicious review"
        }
    }
}

extension LocalDate {
    /// `2026年2月24日`: the style of dates in Chinese text and official documents.
    public var chineseDate: String { "\(year)年\(month)月\(day)日" }
}
