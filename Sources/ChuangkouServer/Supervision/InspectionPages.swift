import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The inspections page (`/inspections`, supervisors and duty leaders): the period's inspections with each finding,
/// its owner, deadline and state; for supervisors the form that records one (the team, the windows, the checklist
/// with a note, owner and working days for each problem found). Posts answer with a redirect back (PRG), or the page
/// again with the refusal in words and what was typed.
struct InspectionPages {
    let pages: PageRenderer
    let inspections: InspectionRepository
    let officers: OfficerRepository
    let windows: WindowRepository
    let time: HallTime

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("inspections") { request, context -> Response in
            guard let officer = try RectificationPages.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            var page = try await listPage(request, context, viewer: officer, form: [])
            if request.uri.queryParameters.get("done") != nil { page.done = Language.of(request).pick("已记录", "Recorded") }
            return try pages.render("inspections", page, request)
        }
        router.post("inspections") { request, context -> Response in
            guard let officer = try RectificationPages.worker(context) else { return PageRenderer.signIn(returningTo: request) }
            let form = Self.fields(String(buffer: try await request.body.collect(upTo: 32_768)))
            do {
                guard officer.roles.isSupervisor else { throw APIError.forbidden }
                let body = try Self.recordRequest(form)
                let (day, inspectors, inspected, problems) = try InspectionsController.parse(body)
                _ = try await inspections.record(
                    day: day,
                    inspectors: inspectors,
                    windows: body.windows,
                    inspected: inspected,
                    problems: problems,
                    by: officer.badge,
                    at: time.now()
                )
                return .redirect(to: "/inspections?done=1", type: .normal)
            } catch {
                let refusal = APIError(mapping: error, context: context) { _ in .inspectionRequest("表单有误", "The form is not valid") }
                var page = try await listPage(request, context, viewer: officer, form: form)
                page.error = Language.of(request).pick(refusal.chinese, refusal.english)
                var response = try pages.render("inspections", page, request)
                response.status = refusal.status
                return response
            }
        }
        router.post("inspections/{id}/follow-ups/{position}/close") { request, context -> Response in
            guard let officer = context.officer else { return PageRenderer.signIn(returningTo: request) }
            guard let id = context.parameters.get("id").flatMap(InspectionID.init),
                let position = context.parameters.get("position").flatMap({ Int($0) }), (0..<100).contains(position)
            else { throw APIError(InspectionRecordError.unknown) }
            try await inspections.closeFollowUp(id, position: position, by: officer.badge, isSupervisor: officer.roles.isSupervisor, at: time.now())
            return .redirect(to: "/inspections?done=1", type: .normal)
        }
    }

    /// The form's fields in order, repeated names kept (`inspector=…&inspector=…`).
    static func fields(_ body: String) -> [(String, String)] {
        body.split(separator: "&").prefix(400).compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            guard let key = parts.first else { return nil }
            return (decode(key), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The form as the API's request: a checklist item with a note is a finding.
    static func recordRequest(_ form: [(String, String)]) throws -> InspectionsController.RecordRequest {
        func all(_ name: String) -> [String] { form.filter { $0.0 == name }.map(\.1) }
        func one(_ name: String) -> String { all(name).first?.trimmingCharacters(in: .whitespaces) ?? "" }
        let windows = try all("window").map { text -> Int in
            guard let number = Int(text) else { throw APIError.inspectionRequest("窗口号有误", "A window number is not valid") }
            return number
        }
        let findings = try Inspection.Item.allCases.compactMap { item -> InspectionsController.FindingRequest? in
            let note = one("note-\(item.rawValue)")
            guard !note.isEmpty else { return nil }
            guard let days = Int(one("days-\(item.rawValue)")) else {
                throw APIError.inspectionRequest("请填写整改期限（工作日）：\(item.label)", "Give the working days to put it right: \(item.rawValue)")
            }
            return .init(
                item: item.rawValue,
                window: Int(one("window-\(item.rawValue)")),
                note: note,
                owner: one("owner-\(item.rawValue)"),
                workingDays: days
            )
        }
        return .init(day: one("day"), inspectors: all("inspector"), windows: windows, inspected: nil, findings: findings)
    }

    private func listPage(
        _ request: Request,
        _ context: AppRequestContext,
        viewer: Officer,
        form: [(String, String)]
    ) async throws -> InspectionsPage {
        let period = try DeskController.period(request, today: time.date)
        return InspectionsPage(
            frame: pages.frame(request, context, ("监督检查", "Inspections"), Self.texts),
            viewer: viewer,
            period: period,
            records: try await inspections.list(from: period.from, through: period.through),
            staff: try await officers.all(),
            windows: try await windows.all().map(\.window.number),
            today: time.date,
            form: form
        )
    }
}
