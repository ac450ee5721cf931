import ChuangkouCore
import Foundation
import Testing

@Suite("Inspections (监督检查)")
struct InspectionTests {
    let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())
    let supervisor = Badge("010300")!
    let leader = Badge("010100")!
    let officer = Badge("010231")!
    let day = LocalDate("2026-02-12")!

    func record(_ inspectors: [Badge], windows: [Int] = [1], problems: [Inspection.Problem] = []) throws(InspectionError) -> Inspection {
        try Inspection.record(
            id: InspectionID(UUID()),
            day: day,
            inspectors: inspectors,
            windows: windows,
            inspected: [officer],
            problems: problems,
            calendar: calendar
        )
    }

    @Test("fewer than two inspectors, or one of them inspected, is refused")
    func inspectors() {
        #expect(throws: InspectionError.tooFewInspectors) { try record([supervisor]) }
        #expect(throws: InspectionError.tooFewInspectors) { try record([supervisor, supervisor]) }
        #expect(throws: InspectionError.selfInspection(officer)) { try record([supervisor, officer]) }
        #expect(throws: InspectionError.noWindows) { try record([supervisor, leader], windows: []) }
    }

    @Test(
        "a finding needs a note, a window inspected and a deadline of 1 to 60 working days",
        arguments: [
            (Inspection.Problem(item: .uniform, note: " ", owner: Badge("010231")!, workingDays: 3), InspectionError.noteRequired(.uniform)),
            (.init(item: .fees, window: 2, note: "x", owner: Badge("010231")!, workingDays: 3), .windowNotInspected(2)),
            (.init(item: .fees, note: "x", owner: Badge("010231")!, workingDays: 0), .deadlineOutOfRange),
            (.init(item: .fees, note: "x", owner: Badge("010231")!, workingDays: 61), .deadlineOutOfRange),
        ]
    )
    func refusedFindings(problem: Inspection.Problem, expected: InspectionError) {
        #expect(throws: expected) { try record([supervisor, leader], problems: [problem]) }
    }

    @Test("each finding is a follow-up due in working days; the other checklist items pass")
    func followUps() throws {
        let inspection = try record(
            [leader, supervisor],
            problems: [.init(item: .fourPublic, window: 1, note: "监督电话牌缺失，联系13812345678", owner: officer, workingDays: 3)]
        )
        #expect(inspection.inspectors == [leader, supervisor])
        #expect(inspection.passed == Inspection.Item.allCases.filter { $0 != .fourPublic })
        let finding = try #require(inspection.findings.first)
        // Thu 2026-02-12 + 3 working days is Tue 2026-02-24 (the Spring Festival, with Saturday 02-14 worked).
        #expect(finding.due == LocalDate("2026-02-24")! && !finding.provisional)
        #expect(finding.note == "监督电话牌缺失，联系138****5678")
    }
}
