import ChuangkouCore
import ChuangkouStore
import Foundation

/// Validates and publishes one year's notice as its next version, then refreshes the calendar in memory. Shared by
/// the API and the admin page.
struct HolidayPublisher: Sendable {
    let notices: CalendarRepository
    let cache: CalendarCache
    let now: @Sendable () -> Date

    func publish(_ notice: HolidayNotice, year: Int, note: String, by admin: Badge) async throws -> CalendarRepository.Version {
        let arrangement = try notice.arrangement(for: year)
        let version = try await notices.publish(arrangement, by: admin, note: note, at: now())
        try await cache.refresh()
        return version
    }
}
