import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The working-day calendar's JSON API: day arithmetic for anyone, holiday notices read by anyone and published by
/// admins. Every computed answer says whether it is `provisional` (it rests on a year with no published notice).
struct CalendarController {
    let services: HallServices

    /// Dates the arithmetic accepts: wide enough for any case, narrow enough that no request loops for long.
    static let years = 1900...2200
    static let maxWorkingDays = 3660
    /// The longest span `between` counts (a hundred years).
    static let maxSpanDays = 36_600

    struct AddResponse: ResponseEncodable {
        let from: String
        let workingDays: Int
        let due: String
        let provisional: Bool
    }

    struct DayResponse: ResponseEncodable {
        let date: String
        let workingDay: Bool
        let provisional: Bool
        /// The holiday the day belongs to (春节), or null.
        let holiday: String?
        let makeUpWorkday: Bool
        /// ISO weekday, 1 = Monday … 7 = Sunday.
        let weekday: Int
    }

    struct BetweenResponse: ResponseEncodable {
        let from: String
        let through: String
        let workingDays: Int
        let provisional: Bool
    }

    struct NextResponse: ResponseEncodable {
        let after: String
        let next: String
        let provisional: Bool
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("calendar/add") { request, _ in
            let from = try Self.date(request, "from")
            let count = try Self.count(request, "workingDays")
            let due = try calendar.adding(workingDays: count, to: from)
            return AddResponse(from: from.description, workingDays: count, due: due.value.description, provisional: due.provisional)
        }
        group.get("calendar/days/{date}") { _, context in
            let day = try Self.date(context.parameters.get("date"), "date")
            let calendar = calendar
            let answer = calendar.isWorkingDay(day)
            return DayResponse(
                date: day.description,
                workingDay: answer.value,
                provisional: answer.provisional,
                holiday: calendar.holiday(on: day),
                makeUpWorkday: calendar.isMakeUpWorkday(day),
                weekday: day.isoWeekday
            )
        }
        group.get("calendar/between") { request, _ in
            let from = try Self.date(request, "from")
            let through = try Self.date(request, "through")
            guard abs(through.daysSinceEpoch - from.daysSinceEpoch) <= Self.maxSpanDays else { throw APIError.spanTooLong(maxDays: Self.maxSpanDays) }
            let count = calendar.workingDays(after: from, through: through)
            return BetweenResponse(from: from.description, through: through.description, workingDays: count.value, provisional: count.provisional)
        }
        group.get("calendar/next") { request, _ in
            let after = try Self.date(request, "after")
            let next = try calendar.nextWorkingDay(after: after)
            return NextResponse(after: after.description, next: next.value.description, provisional: next.provisional)
        }
        group.get("calendar/notices") { _, _ in
            NoticesResponse(try await services.calendarNotices.versions())
        }
        group.get("calendar/notices/{year}") { _, context in
            let year = try Self.year(context)
            return try YearResponse(year: year, versions: try await services.calendarNotices.versions(of: year))
        }
        group.put("calendar/notices/{year}") { request, context in
            let admin = try context.requireAdmin()
            let year = try Self.year(context)
            let body = try await request.decode(as: PublishRequest.self, context: context)
            _ = try await publish(body.notice, year: year, note: body.note ?? "", by: admin.badge)
            let response = try YearResponse(year: year, versions: try await services.calendarNotices.versions(of: year))
            return EditedResponse(status: .created, response: response)
        }
    }

    private var calendar: WorkingDayCalendar { services.calendar.calendar }

    /// Validates and publishes one year's notice as its next version, then refreshes the calendar in memory.
    /// Shared by the API and the admin page.
    func publish(_ notice: HolidayNotice, year: Int, note: String, by admin: Badge) async throws -> CalendarRepository.Version {
        let arrangement = try notice.arrangement(for: year)
        let version = try await services.calendarNotices.publish(arrangement, by: admin, note: note, at: services.now())
        try await services.calendar.refresh()
        return version
    }

    // MARK: - Reading parameters

    static func date(_ request: Request, _ name: String) throws -> LocalDate {
        try date(request.uri.queryParameters.get(name), name)
    }

    static func date(_ text: String?, _ name: String) throws -> LocalDate {
        guard let text, !text.isEmpty else { throw missing(name) }
        guard let day = LocalDate(text), years.contains(day.year) else {
            throw APIError.badDate(parameter: name, years: years)
        }
        return day
    }

    static func count(_ request: Request, _ name: String) throws -> Int {
        guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { throw missing(name) }
        guard let count = Int(text) else {
            throw APIError.badCount(name)
        }
        guard count >= 0 else { throw CalendarError.negativeCount(count) }
        guard count <= maxWorkingDays else {
            throw APIError.countTooLarge(name, max: maxWorkingDays)
        }
        return count
    }

    static func year(_ context: AppRequestContext) throws -> Int {
        let text = context.parameters.get("year") ?? ""
        guard text.utf8.count == 4, let year = Int(text), years.contains(year) else {
            throw APIError.badYear(text)
        }
        return year
    }

    static func missing(_ name: String) -> APIError {
        APIError.missingParameter(name)
    }
}
