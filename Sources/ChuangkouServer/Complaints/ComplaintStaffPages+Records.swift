import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Two read-only staff pages beside the complaint list (duty leaders and supervisors):
/// - `/cases/{id}/complaints`: the complaints about a case or linked to it, linked from the case page; any that
///   concern the viewer are left out, as everywhere (RULES §8);
/// - `/officers/{badge}/findings`: an officer's record of complaint findings (查实情况), linked from the desk; never
///   read by the officer it is about (403).
extension ComplaintStaffPages {
    func addRecordRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("cases/{id}/complaints") { request, context -> Response in
            guard let officer = try RectificationPages.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            let id = try CaseRequests.caseID(context)
            let records = try await complaints.list(forCase: id, viewer: officer.badge)
            let page = ComplaintListPage(
                frame: pages.frame(request, context, ("本案投诉", "Complaints about this case"), Self.texts),
                viewer: officer,
                caseFile: id,
                items: try records.map { ($0, try status($0)) },
                today: time.date,
                staff: StaffDirectory(try await officers.all()),
                businessNames: try await businessNames()
            )
            return try pages.render("complaints", page, request)
        }
        router.get("officers/{badge}/findings") { request, context -> Response in
            guard let viewer = try RectificationPages.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            let text = context.parameters.get("badge") ?? ""
            guard let badge = Badge(text), let subject = try await officers.find(badge) else {
                throw APIError.unknownOfficer(String(text.prefix(20)))
            }
            guard subject.badge != viewer.badge else { throw APIError.forbidden }
            let page = OfficerFindingsPage(
                frame: pages.frame(request, context, ("民警投诉查实记录", "Officer's complaint findings"), Self.findingTexts),
                officer: subject,
                findings: try await complaints.findings(of: badge),
                zone: time.hall.timeZone,
                staff: StaffDirectory(try await officers.all())
            )
            return try pages.render("officer-findings", page, request)
        }
    }

    static let findingTexts: [String: (String, String)] = [
        "rule": (
            "属实或部分属实的查实情况记入民警档案；不属实的只作记录。",
            "Substantiated and partly substantiated findings count on the officer's record; the others are kept only."
        ),
        "counted": ("计入档案", "Counted"),
        "complaint": ("投诉", "Complaint"),
        "finding": ("查实情况", "Finding"),
        "counts": ("计入", "Counts"),
        "by": ("认定人", "Recorded by"),
        "at": ("时间", "Time"),
        "yes": ("是", "Yes"),
        "no": ("否", "No"),
        "empty": ("暂无查实记录", "No findings on record"),
        "desk": ("返回督察台", "Back to the desk"),
    ]
}

/// The findings page's view model: the officer's card, how many count, and each finding with its complaint's link.
struct OfficerFindingsPage: Sendable {
    struct Row: Sendable {
        let complaint: String
        let shortID: String
        let label: String
        let counts: String
        let countsClass: String
        let by: String
        let at: String
    }

    let frame: PageFrame
    let officer: String
    let counted: Int
    let total: Int
    let rows: [Row]
    let isEmpty: Bool

    init(frame: PageFrame, officer: Officer, findings: [ComplaintRepository.OfficerFinding], zone: TimeZone, staff: StaffDirectory) {
        let language = Language(rawValue: frame.lang) ?? .chinese
        self.frame = frame
        self.officer = "\(officer.name) \(officer.badge.value)"
        counted = findings.filter(\.counts).count
        total = findings.count
        let format = DateFormatter()
        format.dateFormat = "yyyy-MM-dd HH:mm"
        format.timeZone = zone
        rows = findings.map { f in
            Row(
                complaint: f.complaint.description,
                shortID: String(f.complaint.description.prefix(8)),
                label: language.pick(f.finding.label, f.finding.labelEnglish),
                counts: f.counts ? (frame.t["yes"] ?? "是") : (frame.t["no"] ?? "否"),
                countsClass: f.counts ? "counts" : "kept",
                by: f.recordedBy.map { staff.person($0, language) } ?? "",
                at: format.string(from: f.at)
            )
        }
        isEmpty = rows.isEmpty
    }
}
