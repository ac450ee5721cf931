import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Inspections (监督检查, RULES §8): a supervisor records one (at least two inspectors, none inspecting themselves,
/// the windows, the checklist with findings, each finding a follow-up with an owner and a working-day deadline);
/// supervisors and duty leaders list a period's; the owner of a follow-up, or a supervisor, closes it when put right.
struct InspectionsController {
    let inspections: InspectionRepository
    let hall: Hall
    let now: @Sendable () -> Date

    struct FindingRequest: Decodable {
        let item: String
        let window: Int?
        let note: String
        let owner: String
        let workingDays: Int
    }

    struct RecordRequest: Decodable {
        let day: String
        let inspectors: [String]
        let windows: [Int]
        /// Officers inspected besides whoever is signed in at the windows.
        let inspected: [String]?
        let findings: [FindingRequest]?
    }

    struct FindingResponse: Codable {
        let position: Int
        let item: String
        let itemLabel: String
        let window: Int?
        let note: String
        let owner: String
        let due: String
        let provisional: Bool
        let closedAt: Date?
    }

    struct InspectionResponse: ResponseEncodable, Decodable {
        let id: String
        let day: String
        let inspectors: [String]
        let windows: [Int]
        let inspected: [String]
        let passed: [String]
        let findings: [FindingResponse]
        let recordedBy: String?

        init(_ inspection: Inspection, recordedBy: Badge?, closedAt: [Int: Date] = [:]) {
            id = inspection.id.description
            day = inspection.day.description
            inspectors = inspection.inspectors.map(\.value)
            windows = inspection.windows
            inspected = inspection.inspected.map(\.value)
            passed = inspection.passed.map(\.rawValue)
            findings = inspection.findings.enumerated().map { position, f in
                FindingResponse(
                    position: position,
                    item: f.item.rawValue,
                    itemLabel: f.item.label,
                    window: f.window,
                    note: f.note,
                    owner: f.owner.value,
                    due: f.due.description,
                    provisional: f.provisional,
                    closedAt: closedAt[position]
                )
            }
            self.recordedBy = recordedBy?.value
        }
    }

    struct ListResponse: ResponseEncodable, Decodable {
        let from: String
        let through: String
        let inspections: [InspectionResponse]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("inspections") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: RecordRequest.self, context: context)
            let (day, inspectors, inspected, problems) = try Self.parse(body)
            let inspection = try await inspections.record(
                day: day,
                inspectors: inspectors,
                windows: body.windows,
                inspected: inspected,
                problems: problems,
                by: officer.badge,
                at: now()
            )
            return EditedResponse(status: .created, response: InspectionResponse(inspection, recordedBy: officer.badge))
        }
        group.get("inspections") { request, context in
            _ = try context.requireOfficer()
            let period = try DeskController.period(request, today: hall.serviceDay(at: now()))
            let records = try await inspections.list(from: period.from, through: period.through)
            return ListResponse(
                from: period.from.description,
                through: period.through.description,
                inspections: records.map { InspectionResponse($0.inspection, recordedBy: $0.recordedBy, closedAt: $0.closedAt) }
            )
        }
        group.post("inspections/{id}/follow-ups/{position}/close") { _, context in
            let officer = try context.requireOfficer()
            guard let id = context.parameters.get("id").flatMap(InspectionID.init),
                let position = context.parameters.get("position").flatMap({ Int($0) }), (0..<100).contains(position)
            else { throw APIError(InspectionRecordError.unknown) }
            try await inspections.closeFollowUp(id, position: position, by: officer.badge, isSupervisor: officer.roles.isSupervisor, at: now())
            return Response(status: .noContent)
        }
    }

    /// Bounds every field before the store sees it: badges six digits, at most 20 inspectors, 50 windows, 30 findings.
    static func parse(_ body: RecordRequest) throws -> (LocalDate, [Badge], [Badge], [Inspection.Problem]) {
        guard let day = LocalDate(body.day), day.year >= 2000 else { throw APIError.inspectionRequest("day 应为 YYYY-MM-DD", "day is YYYY-MM-DD") }
        guard body.inspectors.count <= 20, body.windows.count <= 50, (body.inspected ?? []).count <= 50, (body.findings ?? []).count <= 30 else {
            throw APIError.inspectionRequest("检查人、窗口或问题过多", "Too many inspectors, windows or findings")
        }
        func badges(_ texts: [String], _ field: String) throws -> [Badge] {
            try texts.map { text in
                guard let badge = Badge(text) else { throw APIError.inspectionRequest("\(field) 应为6位警号", "\(field) are six-digit badges") }
                return badge
            }
        }
        let problems = try (body.findings ?? []).map { f -> Inspection.Problem in
            guard let item = Inspection.Item(rawValue: f.item) else {
                throw APIError.inspectionRequest("检查项目有误：\(f.item.prefix(40))", "Unknown checklist item: \(f.item.prefix(40))")
            }
            guard let owner = Badge(f.owner) else { throw APIError.inspectionRequest("整改责任人应为6位警号", "owner is a six-digit badge") }
            return Inspection.Problem(item: item, window: f.window, note: f.note, owner: owner, workingDays: f.workingDays)
        }
        return (day, try badges(body.inspectors, "inspectors"), try badges(body.inspected ?? [], "inspected"), problems)
    }
}
