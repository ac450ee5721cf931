import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Reads an audit search from a query string (the API and the page share it), bounding everything at the edge.
///
/// `from` and `through` are a day (`2026-12-01`: from its start, through its end), a time in the hall's zone
/// (`2026-12-01T09:30`, what a `datetime-local` field sends) or a full ISO 8601 time with its zone. `actor`, `action`
/// and `object` are at most 200 characters; `limit` 1…`maximum`; `outcome` one of ok, refused, failed.
enum AuditQuery {
    static func filter(
        _ query: Parameters,
        timeZone: TimeZone,
        maximum: Int,
        defaultLimit: Int = 100
    ) throws -> AuditLog.Filter {
        var filter = AuditLog.Filter(limit: defaultLimit)
        filter.from = try query.get("from").flatMap { try time($0, endOfDay: false, timeZone: timeZone, name: "from") }
        filter.through = try query.get("through").flatMap { try time($0, endOfDay: true, timeZone: timeZone, name: "through") }
        filter.actor = try text(query, "actor")
        filter.action = try text(query, "action")
        filter.object = try text(query, "object")
        if let outcome = query.get("outcome"), !outcome.isEmpty {
            guard let value = AuditOutcome(rawValue: outcome) else { throw bad("outcome", "ok / refused / failed") }
            filter.outcome = value
        }
        if let before = query.get("before"), !before.isEmpty {
            guard let seq = Int64(before), seq > 0 else { throw bad("before", "a positive row number") }
            filter.beforeSeq = seq
        }
        if let limit = query.get("limit"), !limit.isEmpty {
            guard let n = Int(limit), (1...maximum).contains(n) else { throw bad("limit", "1–\(maximum)") }
            filter.limit = n
        }
        return filter
    }

    /// The filter in words, for the audit row that records the search.
    static func describe(_ f: AuditLog.Filter) -> String {
        var parts: [String] = []
        if let from = f.from { parts.append("from=\(from.formatted(.iso8601))") }
        if let through = f.through { parts.append("through=\(through.formatted(.iso8601))") }
        if let actor = f.actor { parts.append("actor=\(actor)") }
        if let action = f.action { parts.append("action=\(action)") }
        if let object = f.object { parts.append("object=\(object)") }
        if let outcome = f.outcome { parts.append("outcome=\(outcome.rawValue)") }
        return parts.joined(separator: " ")
    }

    private static func text(_ query: Parameters, _ name: String) throws -> String? {
        guard let value = query.get(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        guard value.count <= 200 else { throw bad(name, "at most 200 characters") }
        return value
    }

    static func time(_ text: String, endOfDay: Bool, timeZone: TimeZone, name: String) throws -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let date: Date?
        if let day = LocalDate(text) {
            let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
            date = endOfDay ? start.map { $0.addingTimeInterval(86_400 - 0.001) } : start
        } else if let full = try? Date(text, strategy: .iso8601) {
            date = full
        } else {
            let parts = text.split(separator: "T")
            let clock = parts.count == 2 ? parts[1].split(separator: ":").compactMap { Int($0) } : []
            if parts.count == 2, let day = LocalDate(String(parts[0])), (2...3).contains(clock.count), (0..<24).contains(clock[0]),
                (0..<60).contains(clock[1]), clock.count == 2 || (0..<60).contains(clock[2])
            {
                date = calendar.date(
                    from: DateComponents(
                        year: day.year,
                        month: day.month,
                        day: day.day,
                        hour: clock[0],
                        minute: clock[1],
                        second: clock.count == 3 ? clock[2] : 0
                    )
                )
            } else {
                date = nil
            }
        }
        guard let date, (2000...9999).contains(calendar.component(.year, from: date)) else {
            throw bad(name, "a date (YYYY-MM-DD), a local time (YYYY-MM-DDTHH:MM) or an ISO 8601 time, years 2000–9999")
        }
        return date
    }

    static func bad(_ name: String, _ expected: String) -> APIError { .badAuditFilter(name, expected) }
}
