import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Testing

@Suite("Deadline repository")
struct DeadlineRepositoryTests {
    @Test("a started clock is stored with both limits and reads back the same; it is on the open list")
    func start() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Clockwork.calendar(db)
            let record = try await Clockwork.start(db, calendar: calendar)
            let deadlines = DeadlineRepository(database: db)
            #expect(try await deadlines.find(record.id) == record)
            #expect(try await deadlines.open().map(\.id) == [record.id])
            let status = record.clock.status(on: LocalDate("2026-02-12")!, calendar: calendar)
            #expect(status.promisedDue == LocalDate("2026-02-24")! && status.statutoryDue == LocalDate("2026-03-18")!)
            await #expect(throws: DeadlineRecordError.emptySubject) {
                try await deadlines.start(
                    subject: "  ",
                    business: nil,
                    owner: Clockwork.owner.badge,
                    acceptedOn: LocalDate("2026-02-12")!,
                    statutoryLimit: 20,
                    promisedLimit: 3,
                    calendar: calendar,
                    at: Date()
                )
            }
            await #expect(throws: DeadlineError.promisedExceedsStatutory) {
                try await deadlines.start(
                    subject: "x",
                    business: nil,
                    owner: Clockwork.owner.badge,
                    acceptedOn: LocalDate("2026-02-12")!,
                    statutoryLimit: 2,
                    promisedLimit: 3,
                    calendar: calendar,
                    at: Date()
                )
            }
            #expect(try await deadlines.open().count == 1, "refused starts leave nothing behind")
        }
    }

    @Test("pause and resume move both due dates by the paused working days; a pause needs the written notice")
    func pauseResume() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Clockwork.calendar(db)
            let record = try await Clockwork.start(db, calendar: calendar)
            let deadlines = DeadlineRepository(database: db)
            await #expect(throws: DeadlineError.applicantNotNotified) {
                try await deadlines.pause(
                    record.id,
                    .supplement,
                    reason: "缺少居住证明",
                    applicantNotifiedInWriting: false,
                    by: Clockwork.owner,
                    on: LocalDate("2026-02-13")!,
                    calendar: calendar,
                    at: Date()
                )
            }
            #expect(try await deadlines.find(record.id) == record, "a refused pause changes nothing")
            let paused = try await deadlines.pause(
                record.id,
                .supplement,
                reason: "缺少居住证明",
                applicantNotifiedInWriting: true,
                by: Clockwork.owner,
                on: LocalDate("2026-02-13")!,
                calendar: calendar,
                at: Date()
            )
            #expect(paused.clock.isPaused)
            // Paused after Fri 02-13 through Wed 02-25: Sat 02-14 (make-up), Tue 02-24 and Wed 02-25 are not counted.
            let resumed = try await deadlines.resume(record.id, by: Clockwork.owner, on: LocalDate("2026-02-25")!, calendar: calendar, at: Date())
            let status = resumed.clock.status(on: LocalDate("2026-02-25")!, calendar: calendar)
            #expect(status.promisedDue == LocalDate("2026-02-27")!)
            #expect(status.workingDaysUsed == 1)
            #expect(try await deadlines.find(record.id)?.clock == resumed.clock)
        }
    }

    @Test("only a duty leader extends, once; only the owner or a duty leader pauses or stops")
    func permissions() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let calendar = try await Clockwork.calendar(db)
            let record = try await Clockwork.start(db, calendar: calendar)
            let deadlines = DeadlineRepository(database: db)
            let day = LocalDate("2026-02-13")!
            await #expect(throws: DeadlineError.extensionNeedsDutyLeader) {
                try await deadlines.extend(
                    record.id,
                    by: 5,
                    reason: "需要会商",
                    approvedBy: Clockwork.owner,
                    on: day,
                    calendar: calendar,
                    at: Date()
                )
            }
            let extended = try await deadlines.extend(
                record.id,
                by: 5,
                reason: "需要会商",
                approvedBy: Clockwork.dutyLeader,
                on: day,
                calendar: calendar,
                at: Date()
            )
            #expect(extended.clock.status(on: day, calendar: calendar).promisedDue == LocalDate("2026-03-02")!, "02-28 is a make-up working day")
            await #expect(throws: DeadlineError.extensionAlreadyGranted) {
                try await deadlines.extend(
                    record.id,
                    by: 1,
                    reason: "again",
                    approvedBy: Clockwork.dutyLeader,
                    on: day,
                    calendar: calendar,
                    at: Date()
                )
            }
            await #expect(throws: DeadlineRecordError.notOwner(Clockwork.otherOfficer.badge)) {
                try await deadlines.stop(record.id, by: Clockwork.otherOfficer, on: day, calendar: calendar, at: Date())
            }
            let stopped = try await deadlines.stop(record.id, by: Clockwork.dutyLeader, on: day, calendar: calendar, at: Date())
            #expect(stopped.clock.isStopped)
            #expect(try await deadlines.open().isEmpty)
            await #expect(throws: DeadlineError.stopped) {
                try await deadlines.resume(record.id, by: Clockwork.owner, on: day, calendar: calendar, at: Date())
            }
            let unknown = DeadlineRecord.ID(UUID())
            await #expect(throws: DeadlineRecordError.unknown(unknown.description)) {
                try await deadlines.stop(unknown, by: Clockwork.owner, on: day, calendar: calendar, at: Date())
            }
        }
    }
}
