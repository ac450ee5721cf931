import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Testing

/// A 2027 notice for the tests (not the real one: 2027 is not published when this is written).
enum Notices {
    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    static let y2027 = HolidayArrangement(
        year: 2027,
        daysOff: [
            .init(name: "元旦", from: day("2027-01-01"), to: day("2027-01-03")),
            .init(
                name: "春节",
                from: day("2027-02-06"),
                to: day("2027-02-14")
            ),
        ],
        makeUpWorkdays: [day("2027-02-20")]
    )

    /// Three mistakes at once: overlapping ranges, a make-up day inside them, a date in 2028.
    static let bad2027 = HolidayArrangement(
        year: 2027,
        daysOff: [
            .init(name: "A", from: day("2027-05-01"), to: day("2027-05-05")), .init(name: "B", from: day("2027-05-05"), to: day("2027-05-06")),
        ],
        makeUpWorkdays: [day("2027-05-02"), day("2028-01-02")]
    )
}

@Suite("Calendar repository")
struct CalendarRepositoryTests {
    @Test("the shipped 2025 and 2026 notices are installed once, as version 1, and make the RULES example work")
    func shipped() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendars = CalendarRepository(database: db)
            #expect(try await calendars.installShipped(at: Date()) == [2025, 2026])
            #expect(try await calendars.installShipped(at: Date()) == [])
            #expect(try await calendars.versions().map { "\($0.year)v\($0.version)" } == ["2025v1", "2026v1"])
            let calendar = try await calendars.current()
            #expect(calendar.publishedYears == [2025, 2026])
            let due = try calendar.adding(workingDays: 3, to: Notices.day("2026-02-12"))
            #expect(due == .init(value: Notices.day("2026-02-24"), provisional: false))
        }
    }

    @Test("two processes installing at once add each shipped year once")
    func shippedConcurrently() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendars = CalendarRepository(database: db)
            async let a = calendars.installShipped(at: Date())
            async let b = calendars.installShipped(at: Date())
            let added = try await a + b
            #expect(added.sorted() == [2025, 2026])
            #expect(try await calendars.versions().count == 2)
        }
    }

    @Test("publishing a year again adds a version; the newest is in force and the older ones are kept")
    func versioning() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendars = CalendarRepository(database: db)
            try await calendars.installShipped(at: Date())
            let first = try await calendars.publish(Notices.y2027, by: DemoHall.officers.last!.badge, note: "draft", at: Date())
            #expect(first.version == 1)
            #expect(try await calendars.current().holiday(on: Notices.day("2027-02-06")) == "春节")

            var corrected = Notices.y2027
            corrected.daysOff[1].from = Notices.day("2027-02-05")
            let second = try await calendars.publish(corrected, by: nil, note: "国办发明电", at: Date())
            #expect(second.version == 2)
            let versions = try await calendars.versions(of: 2027)
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions[0].arrangement == Notices.y2027, "the first version is kept as it was")
            #expect(versions[0].publishedBy == DemoHall.officers.last!.badge && versions[1].publishedBy == nil)
            let calendar = try await calendars.current()
            #expect(calendar.holiday(on: Notices.day("2027-02-05")) == "春节", "version 2 is in force")
            #expect(calendar.isWorkingDay(Notices.day("2027-02-05")) == .init(value: false, provisional: false))
        }
    }

    @Test("a refused notice lists every problem and writes nothing")
    func refused() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendars = CalendarRepository(database: db)
            await #expect(
                throws: NoticeRejected(
                    year: 2027,
                    problems: [
                        .overlapping("A", "B"),
                        .makeUpDayIsDayOff(Notices.day("2027-05-02"), name: "A"),
                        .outsideYear(year: 2027, day: Notices.day("2028-01-02")),
                    ]
                )
            ) {
                try await calendars.publish(Notices.bad2027, by: nil, note: "", at: Date())
            }
            #expect(try await calendars.versions().isEmpty)
        }
    }

    @Test("several years are published all or nothing; a year given twice is refused")
    func allOrNothing() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendars = CalendarRepository(database: db)
            var bad2028 = Notices.y2027
            bad2028.year = 2028
            await #expect(throws: NoticeRejected.self) {
                try await calendars.publish([Notices.y2027, bad2028], by: nil, note: "", at: Date())
            }
            await #expect(throws: CalendarError.duplicateYear(2027)) {
                try await calendars.publish([Notices.y2027, Notices.y2027], by: nil, note: "", at: Date())
            }
            #expect(try await calendars.versions().isEmpty, "nothing half-written")
        }
    }

    @Test("two admins publishing the same year at once get versions 1 and 2")
    func concurrentPublish() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendars = CalendarRepository(database: db)
            async let a = calendars.publish(Notices.y2027, by: nil, note: "a", at: Date())
            async let b = calendars.publish(Notices.y2027, by: nil, note: "b", at: Date())
            let versions = try await [a.version, b.version].sorted()
            #expect(versions == [1, 2])
        }
    }
}
