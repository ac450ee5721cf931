import ChuangkouCore
import Foundation
import Testing

@Suite("Office hours")
struct OfficeHoursTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    @Test("a due date ends at the close of the office day in the hall's zone (17:30 by default)")
    func closing() throws {
        let due = LocalDate("2026-02-24")!
        let instant = OfficeHours().closing(on: due, in: shanghai)
        #expect(instant == ISO8601DateFormatter().date(from: "2026-02-24T09:30:00Z"))
        #expect(LocalDate(instant, in: shanghai) == due)
        let eighteen = try #require(OfficeHours(closingHour: 18))
        #expect(eighteen.closing(on: due, in: shanghai) == ISO8601DateFormatter().date(from: "2026-02-24T10:00:00Z"))
    }

    @Test("a closing time that is not a time of day is refused", arguments: [(24, 0), (-1, 0), (17, 60), (17, -1)])
    func invalid(hour: Int, minute: Int) {
        #expect(OfficeHours(closingHour: hour, closingMinute: minute) == nil)
    }

    @Test("the default is 17:30 and edge times are accepted")
    func values() {
        #expect(OfficeHours() == OfficeHours(closingHour: 17, closingMinute: 30))
        #expect(OfficeHours(closingHour: 0, closingMinute: 0) != nil && OfficeHours(closingHour: 23, closingMinute: 59) != nil)
    }
}
