import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Workload (避免厌烦) as JSON: `GET /api/v1/supervision/workload?period=day|week|month&date=YYYY-MM-DD`. Duty leaders
/// and supervisors see every officer; anyone else their own row only.
struct WorkloadController {
    let workload: WorkloadRepository
    let hall: Hall
    let now: @Sendable () -> Date
    /// `chuangkou.supervision.heavy-serving-minutes`: a day with more serving than this is marked.
    let heavyServingMinutes: Int

    struct Figures: Codable {
        let windowMinutes: Int
        let servingMinutes: Int
        let breaks: Int
        let breakMinutes: Int
        let served: Int

        init(_ figures: Workload.Figures) {
            // Whole minutes, rounded down: a minute shows once it is complete.
            windowMinutes = figures.windowSeconds / 60
            servingMinutes = figures.servingSeconds / 60
            breaks = figures.breaks
            breakMinutes = figures.breakSeconds / 60
            served = figures.served
        }
    }

    struct Day: Codable {
        let day: String
        let figures: Figures
        let heavy: Bool
    }

    struct Row: Codable {
        let officer: String
        let total: Figures
        let heavyDays: Int
        let days: [Day]
        /// Complaints, rectification items and inspection follow-ups handed over in the period, and open now.
        let assigned: [String: Int]
        let open: [String: Int]

        init(_ row: Workload.Row) {
            officer = row.officer.value
            total = Figures(row.total)
            heavyDays = row.heavyDays
            days = row.days.map { Day(day: $0.day.description, figures: Figures($0.figures), heavy: $0.heavy) }
            func counts(_ values: [Workload.Assignment.Kind: Int]) -> [String: Int] {
                Dictionary(uniqueKeysWithValues: Workload.Assignment.Kind.allCases.map { ($0.rawValue, values[$0] ?? 0) })
            }
            assigned = counts(row.assigned)
            open = counts(row.open)
        }
    }

    struct WorkloadResponse: ResponseEncodable, Decodable {
        let period: String
        let from: String
        let through: String
        let heavyServingMinutes: Int
        let rows: [Row]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("supervision/workload") { request, context in
            let officer = try context.requireOfficer()
            let period = try DeskController.period(request, today: hall.serviceDay(at: now()))
            let rows = try await rows(period, viewer: officer)
            return WorkloadResponse(
                period: period.kind.rawValue,
                from: period.from.description,
                through: period.through.description,
                heavyServingMinutes: heavyServingMinutes,
                rows: rows.map(Row.init)
            )
        }
    }

    /// Everyone's rows for duty leaders and supervisors, the viewer's own otherwise.
    func rows(_ period: DeskPeriod, viewer: Officer) async throws -> [Workload.Row] {
        let seesAll = viewer.roles.isDutyLeader || viewer.roles.isSupervisor
        return try await workload.rows(
            period,
            hall: hall,
            now: now(),
            heavyServingMinutes: heavyServingMinutes,
            officer: seesAll ? nil : viewer.badge
        )
    }
}
