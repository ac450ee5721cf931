import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The supervisor's desk as JSON and CSV: `?period=day|week|month&date=YYYY-MM-DD` (default: today's day).
struct DeskController {
    let desk: DeskRepository
    let hall: Hall
    let now: @Sendable () -> Date

    struct Row: Codable {
        let officer: String?
        let served: Int
        let noShows: Int
        let averageWaitSeconds: Int?
        let p90WaitSeconds: Int?
        let averageServiceSeconds: Int?
        let p90ServiceSeconds: Int?
        let outOfTurnOpen: Int
        let outOfTurnReviewed: Int
        let outOfTurnFlagged: Int
        let breaches: Int
        let casesOnTime: Int
        let casesOverdue: Int
        let badReviews: Int
        let badReviewsOpen: Int
        let complaintsOpen: Int
        let complaintsOverdue: Int
        let inspectionFindingsOpen: Int
        let visits: Int
        let visitsDone: Int
        let visitsPartly: Int
        let visitsNotPossible: Int
        let visitsAwaitingResult: Int
        let onSiteCases: Int
        /// Where the records behind the figures are (the API lists).
        let links: [String: String]

        init(_ row: SupervisorDesk.Row) {
            officer = row.officer?.value
            served = row.queue.served
            noShows = row.queue.noShows
            averageWaitSeconds = row.queue.averageWaitSeconds
            p90WaitSeconds = row.queue.p90WaitSeconds
            averageServiceSeconds = row.queue.averageServiceSeconds
            p90ServiceSeconds = row.queue.p90ServiceSeconds
            outOfTurnOpen = row.outOfTurnOpen
            outOfTurnReviewed = row.outOfTurnReviewed
            outOfTurnFlagged = row.outOfTurnFlagged
            breaches = row.breaches
            casesOnTime = row.casesOnTime
            casesOverdue = row.casesOverdue
            badReviews = row.badReviews
            badReviewsOpen = row.badReviewsOpen
            complaintsOpen = row.complaintsOpen
            complaintsOverdue = row.complaintsOverdue
            inspectionFindingsOpen = row.inspectionFindingsOpen
            visits = row.visits
            visitsDone = row.visitsDone
            visitsPartly = row.visitsPartly
            visitsNotPossible = row.visitsNotPossible
            visitsAwaitingResult = row.visitsAwaitingResult
            onSiteCases = row.onSiteCases
            var links = [
                "outOfTurn": "/api/v1/supervision/out-of-turn-calls",
                "breaches": "/api/v1/breaches",
                "cases": "/api/v1/deadlines",
                "badReviews": "/api/v1/rectifications",
                "complaints": "/api/v1/complaints",
                "inspections": "/api/v1/inspections",
                "visits": "/api/v1/onsite",
            ]
            if let officer = row.officer { links["findings"] = "/api/v1/officers/\(officer.value)/findings" }
            self.links = links
        }

        static let csvHeader = [
            "officer", "served", "noShows", "averageWaitSeconds", "p90WaitSeconds", "averageServiceSeconds", "p90ServiceSeconds",
            "outOfTurnOpen", "outOfTurnReviewed", "outOfTurnFlagged", "breaches", "casesOnTime", "casesOverdue", "badReviews",
            "badReviewsOpen", "complaintsOpen", "complaintsOverdue", "inspectionFindingsOpen", "visits", "visitsDone", "visitsPartly",
            "visitsNotPossible", "visitsAwaitingResult", "onSiteCases",
        ]

        var csvFields: [String] {
            func text(_ value: Int?) -> String { value.map(String.init) ?? "" }
            return [
                officer ?? "hall", String(served), String(noShows), text(averageWaitSeconds), text(p90WaitSeconds), text(averageServiceSeconds),
                text(p90ServiceSeconds), String(outOfTurnOpen), String(outOfTurnReviewed), String(outOfTurnFlagged), String(breaches),
                String(casesOnTime), String(casesOverdue), String(badReviews), String(badReviewsOpen), String(complaintsOpen),
                String(complaintsOverdue), String(inspectionFindingsOpen), String(visits), String(visitsDone), String(visitsPartly),
                String(visitsNotPossible), String(visitsAwaitingResult), String(onSiteCases),
            ]
        }
    }

    struct DeskResponse: ResponseEncodable, Decodable {
        let period: String
        let from: String
        let through: String
        let rows: [Row]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("supervision/desk") { request, context in
            let officer = try context.requireOfficer()
            let period = try period(request)
            let rows = try await desk.rows(period, hall: hall, viewer: officer.badge, at: now())
            return DeskResponse(
                period: period.kind.rawValue,
                from: period.from.description,
                through: period.through.description,
                rows: rows.map(Row.init)
            )
        }
        group.get("supervision/desk.csv") { request, context in
            let officer = try context.requireOfficer()
            let period = try period(request)
            let rows = try await desk.rows(period, hall: hall, viewer: officer.badge, at: now()).map(Row.init)
            // Every field is a badge, a number or empty: nothing a spreadsheet could read as a formula.
            let lines = [Row.csvHeader.joined(separator: ",")] + rows.map { $0.csvFields.joined(separator: ",") }
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"desk-\(period.kind.rawValue)-\(period.from).csv\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n")))
        }
    }

    /// `period` is day, week or month; `date` a day between 2000 and 9998 (default today in the hall's zone).
    func period(_ request: Request) throws -> DeskPeriod { try Self.period(request, today: hall.serviceDay(at: now())) }

    /// `?period=day|week|month&date=YYYY-MM-DD` (the day's period by default): the desk's and the inspections' lists.
    static func period(_ request: Request, today: LocalDate) throws -> DeskPeriod {
        let kind = DeskPeriod.Kind(rawValue: request.uri.queryParameters.get("period") ?? "day")
        guard let kind else { throw APIError.supervisionRequest("period 应为 day、week 或 month", "period is day, week or month") }
        var day = today
        if let text = request.uri.queryParameters.get("date") {
            // The year 9999 is refused too: the period's end plus a day must still be a date.
            guard let given = LocalDate(text), (2000...9998).contains(given.year) else {
                throw APIError.supervisionRequest("date 应为 2000 至 9998 年间的 YYYY-MM-DD", "date is YYYY-MM-DD between 2000 and 9998")
            }
            day = given
        }
        do {
            return try DeskPeriod(kind, containing: day)
        } catch {
            throw APIError.supervisionRequest("日期超出范围", "The date is out of range")
        }
    }
}
