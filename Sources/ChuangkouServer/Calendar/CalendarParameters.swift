import ChuangkouCore
import Foundation
import Hummingbird

/// Reading the calendar's parameters, bounded at the edge: for the API and the admin page's calculator.
enum CalendarParameters {
    /// Dates the arithmetic accepts: wide enough for any case, narrow enough that no request loops for long.
    static let years = 1900...2200
    static let maxWorkingDays = 3660
    /// The longest span `between` counts (a hundred years).
    static let maxSpanDays = 36_600

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
