import ChuangkouCore
import ChuangkouStore
import Foundation

/// The inspections page's view model: the period's inspections, and the recording form for supervisors.
struct InspectionsPage: Sendable {
    struct Finding: Sendable {
        let item: String
        let window: String
        let note: String
        let owner: String
        let due: String
        let closed: Bool
        let closeAction: String?
    }
    struct Entry: Sendable {
        let day: String
        let team: String
        let windows: String
        let inspected: String
        let passed: String
        let findings: [Finding]
        let hasFindings: Bool
    }
    struct Choice: Sendable {
        let value: String
        let label: String
        let checked: Bool
    }
    struct ChecklistRow: Sendable {
        let item: String
        let label: String
        let note: String
        let days: String
        let owners: [Choice]
        let windows: [Choice]
    }

    let frame: PageFrame
    let officerName: String
    let from: String
    let through: String
    let entries: [Entry]
    let isEmpty: Bool
    let canRecord: Bool
    let day: String
    let inspectors: [Choice]
    let windowChoices: [Choice]
    let checklist: [ChecklistRow]
    var done: String?
    var error: String?

    init(
        frame: PageFrame,
        viewer: Officer,
        period: DeskPeriod,
        records: [InspectionRepository.Record],
        staff: [Officer],
        windows: [WindowNumber],
        today: LocalDate,
        form: [(String, String)]
    ) {
        let language = Language(rawValue: frame.lang) ?? .chinese
        let directory = StaffDirectory(staff)
        // Administrators hold no post in the hall: they neither inspect nor own a follow-up.
        let staff = staff.filter { $0.roles.administrator == nil }
        self.frame = frame
        officerName = viewer.name
        from = period.from.description
        through = period.through.description
        let separator = language.pick("、", ", ")
        entries = records.map { record in
            let i = record.inspection
            let findings = i.findings.enumerated().map { position, f in
                let closed = record.closedAt[position] != nil
                return Finding(
                    item: language.pick(f.item.label, f.item.labelEnglish),
                    window: f.window.map(String.init) ?? "—",
                    note: f.note,
                    owner: directory.person(f.owner, language),
                    due: f.due.description + (f.provisional ? language.pick("（暂定）", " (provisional)") : ""),
                    closed: closed,
                    closeAction: !closed && (viewer.roles.isSupervisor || viewer.badge == f.owner)
                        ? "/inspections/\(i.id)/follow-ups/\(position)/close" : nil
                )
            }
            return Entry(
                day: i.day.description,
                team: i.inspectors.map { directory.person($0, language) }.joined(separator: separator),
                windows: i.windows.map(String.init).joined(separator: separator),
                inspected: i.inspected.map { directory.person($0, language) }.joined(separator: separator),
                passed: i.passed.map { language.pick($0.label, $0.labelEnglish) }.joined(separator: separator),
                findings: findings,
                hasFindings: !findings.isEmpty
            )
        }
        isEmpty = entries.isEmpty
        canRecord = viewer.roles.isSupervisor
        func typed(_ name: String) -> [String] { form.filter { $0.0 == name }.map(\.1) }
        day = typed("day").first ?? today.description
        let chosenInspectors = Set(typed("inspector"))
        inspectors = staff.sorted { $0.badge.value < $1.badge.value }.map {
            Choice(value: $0.badge.value, label: directory.person($0.badge, language), checked: chosenInspectors.contains($0.badge.value))
        }
        let chosenWindows = Set(typed("window"))
        windowChoices = windows.sorted().map { Choice(
            value: $0.description,
            label: frame.windowName($0),
            checked: chosenWindows.contains($0.description)
        ) }
        checklist = Inspection.Item.allCases.map { item in
            let owner = typed("owner-\(item.rawValue)").first
            let window = typed("window-\(item.rawValue)").first
            return ChecklistRow(
                item: item.rawValue,
                label: language.pick(item.label, item.labelEnglish),
                note: typed("note-\(item.rawValue)").first ?? "",
                days: typed("days-\(item.rawValue)").first ?? "5",
                owners: staff.sorted { $0.badge.value < $1.badge.value }.map {
                    Choice(value: $0.badge.value, label: directory.person($0.badge, language), checked: owner == $0.badge.value)
                },
                windows: windows.sorted().map { Choice(value: $0.description, label: frame.windowName($0), checked: window == $0.description) }
            )
        }
    }
}
