import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Deadline watch")
struct DeadlineWatchTests {
    @Test("warning and overdue are each announced once, to the owner and the duty leader")
    func announcesOnce() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Clockwork.calendar(db)
            let record = try await Clockwork.start(db, calendar: calendar)
            let watch = DeadlineWatch(database: db)
            let outbox = NotificationOutbox(database: db)

            #expect(try await watch.check(at: Clockwork.at("2026-02-13", 10)).isEmpty, "2 working days left: on track")
            // Sat 02-14 is a make-up working day: 1 left, a warning.
            let warning = try await watch.check(at: Clockwork.at("2026-02-14", 9))
            #expect(warning.map(\.alert) == [.warning])
            #expect(warning.first?.recipients == [Clockwork.owner.badge, Clockwork.dutyLeader.badge])
            #expect(try await watch.check(at: Clockwork.at("2026-02-14", 11)).isEmpty, "running again notifies nobody")
            #expect(try await watch.check(at: Clockwork.at("2026-02-24", 17, 29)).isEmpty, "due today, still in office hours")

            let overdue = try await watch.check(at: Clockwork.at("2026-02-24", 17, 30))
            #expect(overdue.map(\.alert) == [.overdue], "after closing time on the due date")
            #expect(try await watch.check(at: Clockwork.at("2026-02-25", 9)).isEmpty)

            let messages = try await outbox.all()
            #expect(messages.map(\.kind) == ["deadline.warning", "deadline.warning", "deadline.overdue", "deadline.overdue"])
            #expect(
                messages.map(\.recipient) == [Clockwork.owner.badge, Clockwork.dutyLeader.badge, Clockwork.owner.badge, Clockwork.dutyLeader.badge]
            )
            #expect(messages.allSatisfy { $0.subject.contains(record.subject) && $0.payload.contains(record.id.description) && $0.sentAt == nil })
            #expect(try await DeadlineRepository(database: db).find(record.id)?.alert == .overdue)
        }
    }

    @Test("two watches running at once announce each change once")
    func concurrentWatches() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Clockwork.calendar(db)
            for _ in 0..<5 { _ = try await Clockwork.start(db, calendar: calendar) }
            let a = DeadlineWatch(database: db)
            let b = DeadlineWatch(database: db)
            async let first = a.check(at: Clockwork.at("2026-02-25", 9))
            async let second = b.check(at: Clockwork.at("2026-02-25", 9))
            let found = try await first.count + second.count
            #expect(found == 5)
            #expect(try await NotificationOutbox(database: db).all().count == 10)
        }
    }

    @Test("a paused clock is not announced; an extension puts it back on track silently, and a new warning is announced again")
    func pausesAndExtensions() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Clockwork.calendar(db)
            let record = try await Clockwork.start(db, calendar: calendar)
            let watch = DeadlineWatch(database: db)
            let deadlines = DeadlineRepository(database: db)
            #expect(try await watch.check(at: Clockwork.at("2026-02-14", 9)).map(\.alert) == [.warning])

            _ = try await deadlines.extend(
                record.id,
                by: 5,
                reason: "需要会商",
                approvedBy: Clockwork.dutyLeader,
                on: LocalDate("2026-02-14")!,
                calendar: calendar,
                at: Date()
            )
            let back = try await watch.check(at: Clockwork.at("2026-02-14", 10))
            #expect(back.map(\.alert) == [DeadlineAlert.none] && back.first?.recipients == [], "back on track is recorded, not announced")

            _ = try await deadlines.pause(
                record.id,
                .testing,
                reason: "送检",
                applicantNotifiedInWriting: true,
                by: Clockwork.owner,
                on: LocalDate("2026-02-24")!,
                calendar: calendar,
                at: Date()
            )
            #expect(try await watch.check(at: Clockwork.at("2026-03-20", 9)).isEmpty, "nothing counts while paused")

            _ = try await deadlines.resume(record.id, by: Clockwork.owner, on: LocalDate("2026-03-20")!, calendar: calendar, at: Date())
            #expect(try await watch.check(at: Clockwork.at("2026-03-20", 10)).isEmpty, "5 working days left after the pause")
            let again = try await watch.check(at: Clockwork.at("2026-03-26", 9))
            #expect(again.map(\.alert) == [.warning])
            #expect(try await NotificationOutbox(database: db).all().count == 4)
        }
    }
}

@Suite("Deadline watch and records it cannot read")
struct DeadlineWatchCorruptRowTests {
    @Test("a stored clock that cannot be read (limits past any bound, due 9999-12-31) is skipped; the others are announced")
    func skipsUnreadable() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Clockwork.calendar(db)
            let record = try await Clockwork.start(db, calendar: calendar)
            let hostile = #"{"acceptedOn":"2026-02-12","statutoryLimit":9223372036854775807,"promisedLimit":9223372036854775807}"#
            try await db.transaction { sql in
                try await sql.raw(
                    """
                    INSERT INTO deadline_clocks (id, subject, business_code, owner_badge, clock, accepted_on, alert, created_at, updated_at,
                        is_open, promised_due, statutory_due)
                    VALUES (\(bind: UUID().uuidString.lowercased()), 'x', NULL, \(bind: Clockwork.owner.badge.value), \(bind: hostile), '2026-02-12',
                        'none', 0, 0, 1, '9999-12-31', '9999-12-31')
                    """
                ).run()
            }
            let warning = try await DeadlineWatch(database: db).check(at: Clockwork.at("2026-02-14", 9))
            #expect(warning.map(\.record.id) == [record.id])
        }
    }
}
