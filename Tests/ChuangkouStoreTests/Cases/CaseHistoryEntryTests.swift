import ChuangkouCore
import Foundation
import Testing

@testable import ChuangkouStore

/// A history line is stored as an action code and a detail (what the API shows); the page reads the entry back
/// from them to word it, so every entry must survive the round trip.
@Suite("Case history lines as stored")
struct CaseHistoryEntryTests {
    /// A breach as the ledger records it: a notice, then a correction approved by the duty leader.
    static let breach: OneTimeNoticeLedger.Breach = {
        let material = Guide.Material(name: "申请表", originals: 1, copies: 0, form: .paper, notes: nil, essential: true, deferrable: false)
        let officer = Officer(badge: Badge("020101")!, name: "陈警官", role: .officer, post: "窗口民警")
        let leader = Officer(badge: Badge("020001")!, name: "周队长", role: .dutyLeader, post: "值班领导")
        var ledger = OneTimeNoticeLedger(receivedOn: LocalDate("2026-03-03")!)
        let calendar = try! WorkingDayCalendar(HolidayArrangement.shipped())
        try! ledger.issue(
            [NoticeItem(index: 0, material: material, problem: .missing)],
            by: officer,
            on: LocalDate("2026-03-03")!,
            calendar: calendar
        )
        try! ledger.correct(
            adding: [NoticeItem(index: 1, material: material, problem: .missing)],
            reason: "漏告知",
            approvedBy: leader,
            on: LocalDate("2026-03-04")!
        )
        return ledger.breaches[0]
    }()

    static let entries: [CaseHistoryEntry] = [
        .opened(ticket: nil), .opened(ticket: TicketID(UUID())), .checklist(version: 3), .notice(materials: ["营业执照", "申请表"]),
        .completed, .accepted(.accepted, from: LocalDate("2026-03-03")!), .accepted(.withDeferral, from: LocalDate("2026-03-04")!),
        .accepted(.deemed, from: LocalDate("2026-03-05")!), .notAccepted(reason: "不符合条件"), .requested(index: 2), .breach(breach),
        .supplied(indices: [0, 3]), .step(position: 2, name: "审核", opinion: "同意: 材料齐全"), .decided(granted: true, reason: nil),
        .decided(granted: false, reason: "车辆不符合要求"), .delivery(.proxy), .terminated,
        .issued(.oneTimeNotice, number: "DHGA-2026-000017"),
    ]

    @Test("every entry is read back from its action and detail", arguments: entries)
    func roundTrip(_ entry: CaseHistoryEntry) throws {
        #expect(CaseHistoryEntry(action: entry.action, detail: try entry.detail()) == entry)
    }

    @Test("the stored codes are the ones the API has always shown")
    func codes() throws {
        #expect(CaseHistoryEntry.checklist(version: 2).action == "checklist")
        #expect(try CaseHistoryEntry.checklist(version: 2).detail() == "v2")
        #expect(CaseHistoryEntry.issued(.oneTimeNotice, number: "N").action == "document.oneTimeNotice")
        #expect(CaseHistoryEntry.accepted(.deemed, from: LocalDate("2026-03-05")!).action == "deemed-accepted")
        #expect(try CaseHistoryEntry.supplied(indices: [0, 3]).detail() == "material 1, material 4")
        #expect(CaseHistoryEntry(action: "something-new", detail: nil) == nil)
    }
}
