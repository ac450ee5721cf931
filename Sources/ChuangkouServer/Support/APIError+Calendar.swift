import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// The working-day calendar and its holiday notices: every code the API answers with for them, and the one mapping
/// of `CalendarError` and `NoticeRejected`.
extension APIError {
    enum CalendarCode: String, APIErrorCode {
        case negativeCount = "calendar.negative-count"
        case invalidNotice = "calendar.invalid-notice"
        case badDate = "calendar.bad-date"
        case badCount = "calendar.bad-count"
        case countTooLarge = "calendar.count-too-large"
        case badYear = "calendar.bad-year"
        case unknownYear = "calendar.unknown-year"
        case outOfRange = "calendar.out-of-range"
        case spanTooLong = "calendar.span-too-long"
    }

    /// `between` counts day by day: a span of centuries would cost seconds of CPU for an answer nobody needs.
    static func spanTooLong(maxDays: Int) -> APIError {
        APIError(
            .badRequest,
            CalendarCode.spanTooLong,
            "起止日期相隔不能超过\(maxDays)天",
            "from and through may be at most \(maxDays) days apart"
        )
    }

    init(_ error: CalendarError) {
        switch error {
        case .negativeCount:
            self.init(.badRequest, CalendarCode.negativeCount, error.chinese, error.english)
        case .outOfRange:
            self.init(.badRequest, CalendarCode.outOfRange, error.chinese, error.english)
        default:
            self.init(
                .unprocessableContent,
                CalendarCode.invalidNotice,
                error.chinese,
                error.english,
                problems: [.init(error.chinese, error.english)]
            )
        }
    }

    /// 422 with every problem of the notice listed.
    init(_ rejected: NoticeRejected) {
        self.init(
            .unprocessableContent,
            CalendarCode.invalidNotice,
            "\(rejected.year)年放假安排有\(rejected.problems.count)处问题, 未发布",
            "The \(rejected.year) notice has \(rejected.problems.count) problem(s); nothing was published",
            problems: rejected.problems.map { Problem($0.chinese, $0.english) }
        )
    }

    /// A date field of a request body that is not `YYYY-MM-DD`.
    static func badDate(field: String) -> APIError {
        APIError(.badRequest, CalendarCode.badDate, "\(field) 不是有效日期 (YYYY-MM-DD)", "\(field) is not a YYYY-MM-DD date")
    }

    /// A date parameter of the calendar arithmetic, outside the years it reckons.
    static func badDate(parameter name: String, years: ClosedRange<Int>) -> APIError {
        APIError(
            .badRequest,
            CalendarCode.badDate,
            "\(name) 不是有效日期 (YYYY-MM-DD, \(years.lowerBound)–\(years.upperBound)年)",
            "\(name) is not a valid YYYY-MM-DD date between \(years.lowerBound) and \(years.upperBound)"
        )
    }

    static func badCount(_ name: String) -> APIError {
        APIError(.badRequest, CalendarCode.badCount, "\(name) 必须是整数", "\(name) must be a whole number")
    }

    static func countTooLarge(_ name: String, max: Int) -> APIError {
        APIError(.badRequest, CalendarCode.countTooLarge, "\(name) 不能超过\(max)", "\(name) may be at most \(max)")
    }

    static func badYear(_ text: String) -> APIError {
        APIError(.badRequest, CalendarCode.badYear, "年份无效: \(text)", "Not a year: \(text)")
    }

    static func unknownYear(_ year: Int) -> APIError {
        APIError(
            .notFound,
            CalendarCode.unknownYear,
            "\(year)年尚未发布放假安排 (按周一至周五暂计)",
            "No notice published for \(year) (its dates are provisional: weekdays only)"
        )
    }
}
