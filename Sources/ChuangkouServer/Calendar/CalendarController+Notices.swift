import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The holiday notices as the API shows them: every year with its versions, and one year with its notice in force.
extension CalendarController {
    struct VersionItem: Codable {
        let version: Int
        let publishedAt: Date
        /// The admin's 警号; null for the shipped notices and command-line imports.
        let publishedBy: String?
        let note: String

        init(_ v: CalendarRepository.Version) {
            version = v.version
            publishedAt = v.publishedAt
            publishedBy = v.publishedBy?.value
            note = v.note
        }
    }

    struct NoticesResponse: ResponseEncodable {
        struct Year: Encodable {
            let year: Int
            let currentVersion: Int
            let versions: [VersionItem]
        }
        let years: [Year]

        init(_ versions: [CalendarRepository.Version]) {
            years = Dictionary(grouping: versions, by: \.year).sorted { $0.key < $1.key }.map { year, list in
                Year(year: year, currentVersion: list.map(\.version).max() ?? 0, versions: list.map(VersionItem.init))
            }
        }
    }

    struct YearResponse: ResponseEncodable {
        struct Current: Encodable {
            let version: Int
            let publishedAt: Date
            let publishedBy: String?
            let note: String
            let notice: HolidayNotice
        }
        let year: Int
        let current: Current
        let versions: [VersionItem]

        /// - Throws: a 404 when nothing was published for the year (its dates are provisional: weekdays only).
        init(year: Int, versions: [CalendarRepository.Version]) throws {
            guard let last = versions.last else {
                throw APIError.unknownYear(year)
            }
            self.year = year
            current = Current(
                version: last.version,
                publishedAt: last.publishedAt,
                publishedBy: last.publishedBy?.value,
                note: last.note,
                notice: HolidayNotice(last.arrangement)
            )
            self.versions = versions.map(VersionItem.init)
        }
    }

    /// `PUT /calendar/notices/{year}`: one year's notice and an optional note on why (e.g. "国办发明电〔2026〕7号").
    struct PublishRequest: Decodable {
        let off: [HolidayNotice.Off]
        let work: [String]
        let note: String?

        var notice: HolidayNotice { HolidayNotice(off: off, work: work) }
    }
}
