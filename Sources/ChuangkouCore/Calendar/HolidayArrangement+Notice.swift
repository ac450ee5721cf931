import Foundation

/// Reading the published notices: `{"years": {"2026": {"off": [{"name","from","to"}], "work": ["2026-01-04", …]}}}`.
extension HolidayArrangement {
    private struct Notice: Decodable {
        struct Year: Decodable {
            struct Off: Decodable {
                let name: String
                let from: String
                let to: String
            }
            let off: [Off]
            let work: [String]
        }
        let years: [String: Year]
    }

    /// Parses a notice file into one arrangement per year, validated. Throws `CalendarError` for bad content and
    /// `DecodingError` for a file of the wrong shape.
    public static func parseNotice(_ data: Data) throws -> [HolidayArrangement] {
        let notice = try JSONDecoder().decode(Notice.self, from: data)
        return try notice.years.keys.sorted().map { key in
            guard let year = Int(key), let body = notice.years[key] else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "year \(key) is not a number"))
            }
            func day(_ text: String) throws -> LocalDate {
                guard let date = LocalDate(text) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(text) is not a YYYY-MM-DD date"))
                }
                return date
            }
            let arrangement = HolidayArrangement(
                year: year,
                daysOff: try body.off.map { DaysOff(name: $0.name, from: try day($0.from), to: try day($0.to)) },
                makeUpWorkdays: try body.work.map(day)
            )
            try arrangement.validate()
            return arrangement
        }
    }

    /// The 2025 and 2026 arrangements shipped with Chuangkou (State Council notices of Nov 2024 and 4 Nov 2025).
    public static func shipped() throws -> [HolidayArrangement] {
        guard let url = Bundle.module.url(forResource: "holidays-cn", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try parseNotice(try Data(contentsOf: url))
    }
}
