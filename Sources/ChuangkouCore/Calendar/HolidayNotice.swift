import Foundation

/// One year's holiday notice as text, the shape admins paste and the store keeps:
/// `{"off": [{"name": "春节", "from": "2027-02-06", "to": "2027-02-14"}], "work": ["2027-02-20"]}`.
///
/// Read leniently on purpose: `arrangement(for:)` lists every problem at once (bad dates included) instead of
/// stopping at the first, so an admin fixes a pasted notice in one go.
public struct HolidayNotice: Sendable, Equatable, Codable {
    public struct Off: Sendable, Equatable, Codable {
        public var name: String
        public var from: String
        public var to: String

        public init(name: String, from: String, to: String) {
            self.name = name
            self.from = from
            self.to = to
        }
    }

    public var off: [Off]
    public var work: [String]

    public init(off: [Off], work: [String]) {
        self.off = off
        self.work = work
    }

    /// The text of an arrangement, as it is stored and shown.
    public init(_ arrangement: HolidayArrangement) {
        off = arrangement.daysOff.map { Off(name: $0.name, from: $0.from.description, to: $0.to.description) }
        work = arrangement.makeUpWorkdays.map(\.description)
    }

    /// The arrangement for `year`, or every reason it cannot be one.
    public func arrangement(for year: Int) throws(NoticeRejected) -> HolidayArrangement {
        var problems: [CalendarError] = []
        func day(_ text: String) -> LocalDate? {
            guard let date = LocalDate(text) else {
                problems.append(.notADate(text))
                return nil
            }
            return date
        }
        var daysOff: [HolidayArrangement.DaysOff] = []
        for item in off {
            let name = item.name.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty { problems.append(.unnamedDaysOff(from: item.from)) }
            let from = day(item.from)
            let to = day(item.to)
            if let from, let to { daysOff.append(.init(name: name, from: from, to: to)) }
        }
        let arrangement = HolidayArrangement(year: year, daysOff: daysOff, makeUpWorkdays: work.compactMap(day))
        problems += arrangement.problems()
        guard problems.isEmpty else { throw NoticeRejected(year: year, problems: problems) }
        return arrangement
    }

    /// A notice file with several years, like the shipped `holidays-cn.json`: `{"years": {"2027": {…}}}`.
    /// Throws `DecodingError` when the text is not of that shape (a year key that is not a number included).
    public static func years(in data: Data) throws -> [Int: HolidayNotice] {
        struct File: Decodable { let years: [String: HolidayNotice] }
        var result: [Int: HolidayNotice] = [:]
        for (key, notice) in try JSONDecoder().decode(File.self, from: data).years {
            guard let year = Int(key), (1...9999).contains(year) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "year \(key) is not a number"))
            }
            result[year] = notice
        }
        return result
    }
}

/// A holiday notice refused, with every problem found in it.
public struct NoticeRejected: Error, Equatable, Sendable {
    public let year: Int
    public let problems: [CalendarError]

    public init(year: Int, problems: [CalendarError]) {
        self.year = year
        self.problems = problems
    }
}
