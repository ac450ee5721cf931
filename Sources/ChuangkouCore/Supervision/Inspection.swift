import Foundation

/// An inspection (监督检查, RULES §8): at least two inspectors, none of them among the officers inspected, on a day, at
/// some windows, through the checklist; each finding becomes a follow-up with an owner and a working-day deadline.
public struct Inspection: Sendable, Equatable, Codable {
    /// The checklist every inspection goes through.
    public enum Item: String, Sendable, Codable, CaseIterable {
        /// 在岗在位
        case onDuty
        /// 着装与警容
        case uniform
        /// 服务用语
        case language
        /// 四公开 shown
        case fourPublic
        /// 一次性告知 kept
        case oneTimeNotice
        /// 限时办结 kept
        case timeLimits
        /// 收费 as published
        case fees

        public var label: String {
            switch self {
            case .onDuty: "在岗在位"
            case .uniform: "着装与警容"
            case .language: "服务用语"
            case .fourPublic: "四公开"
            case .oneTimeNotice: "一次性告知"
            case .timeLimits: "限时办结"
            case .fees: "收费"
            }
        }

        public var labelEnglish: String {
            switch self {
            case .onDuty: "At the post"
            case .uniform: "Uniform and bearing"
            case .language: "Service language"
            case .fourPublic: "Four things published"
            case .oneTimeNotice: "One-time notice kept"
            case .timeLimits: "Time limits kept"
            case .fees: "Fees as published"
            }
        }
    }

    /// What was found on one item: nothing wrong, or a problem that someone must put right by a day.
    public struct Finding: Sendable, Equatable, Codable {
        public let item: Item
        public let window: Int?
        public let note: String
        public let owner: Badge
        public let due: LocalDate
        public let provisional: Bool
    }

    /// A finding as the inspectors write it, before it is checked.
    public struct Problem: Sendable, Equatable {
        public var item: Item
        public var window: Int?
        public var note: String
        public var owner: Badge
        public var workingDays: Int

        public init(item: Item, window: Int? = nil, note: String, owner: Badge, workingDays: Int) {
            self.item = item
            self.window = window
            self.note = note
            self.owner = owner
            self.workingDays = workingDays
        }
    }

    public let id: InspectionID
    public let day: LocalDate
    public let inspectors: [Badge]
    public let windows: [Int]
    /// The officers on duty at those windows: none of them inspects.
    public let inspected: [Badge]
    /// Every checklist item, passed unless it has findings.
    public let passed: [Item]
    public let findings: [Finding]

    /// Records an inspection. - Throws: `InspectionError` for fewer than 2 inspectors, an inspector inspected, no
    /// window, a finding without a note, owner or a deadline of 1 to 60 working days.
    public static func record(
        id: InspectionID,
        day: LocalDate,
        inspectors: [Badge],
        windows: [Int],
        inspected: [Badge],
        problems: [Problem],
        calendar: WorkingDayCalendar
    ) throws(InspectionError) -> Inspection {
        let team = Array(Set(inspectors)).sorted { $0.value < $1.value }
        guard team.count >= 2 else { throw .tooFewInspectors }
        if let own = team.first(where: inspected.contains) { throw .selfInspection(own) }
        let windows = Array(Set(windows)).sorted()
        guard !windows.isEmpty, windows.allSatisfy({ (1...999).contains($0) }) else { throw .noWindows }
        var findings: [Finding] = []
        for problem in problems {
            let note = problem.note.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !note.isEmpty else { throw .noteRequired(problem.item) }
            guard note.count <= 1_000 else { throw .noteTooLong(max: 1_000) }
            guard (1...60).contains(problem.workingDays) else { throw .deadlineOutOfRange }
            if let window = problem.window, !windows.contains(window) { throw .windowNotInspected(window) }
            let due: WorkingDayCalendar.Reckoning<LocalDate>
            do { due = try calendar.adding(workingDays: problem.workingDays, to: day) } catch { throw .deadlineOutOfRange }
            findings.append(
                Finding(
                    item: problem.item,
                    window: problem.window,
                    note: Masking.maskPersonalNumbers(in: note),
                    owner: problem.owner,
                    due: due.value,
                    provisional: due.provisional
                )
            )
        }
        let failed = Set(findings.map(\.item))
        return Inspection(
            id: id,
            day: day,
            inspectors: team,
            windows: windows,
            inspected: Array(Set(inspected)).sorted { $0.value < $1.value },
            passed: Item.allCases.filter { !failed.contains($0) },
            findings: findings
        )
    }
}

/// An inspection (监督检查).
public typealias InspectionID = Identifier<Inspection>

/// Why an inspection was refused.
public enum InspectionError: Error, Equatable, Sendable {
    /// RULES §8: at least two inspectors.
    case tooFewInspectors
    /// An inspector is among the officers inspected.
    case selfInspection(Badge)
    case noWindows
    case windowNotInspected(Int)
    case noteRequired(Inspection.Item)
    case noteTooLong(max: Int)
    /// A follow-up is due in 1 to 60 working days.
    case deadlineOutOfRange
}
