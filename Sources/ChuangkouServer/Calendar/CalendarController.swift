import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The working-day calendar's JSON API: day arithmetic for anyone, holiday notices read by anyone and published by
/// admins. Every computed answer says whether it is `provisional` (it rests on a year with no published notice).
struct CalendarController {
    let notices: CalendarRepository
    let publisher: HolidayPublisher
    var cache: CalendarCache { publisher.cache }

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
            let from = try CalendarParameters.date(request, "from")
            let count = try CalendarParameters.count(request, "workingDays")
            let due = try calendar.adding(workingDays: count, to: from)
            return AddResponse(from: from.description, workingDays: count, due: due.value.description, provisional: due.provisional)
        }
        group.get("calendar/days/{date}") { _, context in
            let day = try CalendarParameters.date(context.parameters.get("date"), "date")
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
            let from = try CalendarParameters.date(request, "from")
            let through = try CalendarParameters.date(request, "through")
            guard abs(through.daysSinceEpoch - from.daysSinceEpoch) <= CalendarParameters.maxSpanDays else {
                throw APIError.spanTooLong(maxDays: CalendarParameters.maxSpanDays)
            }
            let count = calendar.workingDays(after: from, through: through)
            return BetweenResponse(from: from.description, through: through.description, workingDays: count.value, provisional: count.provisional)
        }
        group.get("calendar/next") { request, _ in
            let after = try CalendarParameters.date(request, "after")
            let next = try calendar.nextWorkingDay(after: after)
            return NextResponse(after: after.description, next: next.value.description, provisional: next.provisional)
        }
        group.get("calendar/notices") { _, _ in
            NoticesResponse(try await notices.versions())
        }
        group.get("calendar/notices/{year}") { _, context in
            let year = try CalendarParameters.year(context)
            return try YearResponse(year: year, versions: try await notices.versions(of: year))
        }
        group.put("calendar/notices/{year}") { request, context in
            let admin = try context.requireAdmin()
            let year = try CalendarParameters.year(context)
            let body = try await request.decode(as: PublishRequest.self, context: context)
            _ = try await publisher.publish(body.notice, year: year, note: body.note ?? "", by: admin.badge)
            let response = try YearResponse(year: year, versions: try await notices.versions(of: year))
            return EditedResponse(status: .created, response: response)
        }
    }

    private var calendar: WorkingDayCalendar { cache.calendar }

}
