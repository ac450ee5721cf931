import ChuangkouCore
import Foundation
import SQLKit

/// Deadline clocks (限时办结): started at acceptance, paused, resumed, extended and stopped, each change one
/// transaction that locks the clock's row, applies Core's rules and writes the clock back with its due dates.
///
/// The stored due dates are copies for sorting and querying; the truth is the clock read against the calendar in
/// force, so they are refreshed on every change and by the deadline watch (a notice published later moves them).
public struct DeadlineRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Starts a clock at acceptance with the business's statutory and promised limits (working days).
    public func start(
        subject: String,
        business: BusinessCode?,
        owner: Badge,
        acceptedOn: LocalDate,
        statutoryLimit: Int,
        promisedLimit: Int,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> DeadlineRecord {
        let subject = Masking.maskPersonalNumbers(in: subject.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !subject.isEmpty else { throw DeadlineRecordError.emptySubject }
        let clock = try DeadlineClock(acceptedOn: acceptedOn, statutoryLimit: statutoryLimit, promisedLimit: promisedLimit)
        let record = DeadlineRecord(
            id: .init(UUID()),
            subject: subject,
            business: business,
            owner: owner,
            clock: clock,
            alert: .none,
            createdAt: Date(milliseconds: now.millisecondsSince1970)
        )
        let status = clock.status(on: acceptedOn, calendar: calendar)
        try await database.transaction { db in
            guard try await OfficerRepository.find(owner, in: db) != nil else { throw DeadlineRecordError.unknownOfficer(owner) }
            try await Self.insert(record, status: status, at: now, in: db)
            try await AuditTrail.record(AuditEntry("deadline.start", "deadline:\(record.id)", detail: subject), at: now, in: db)
        }
        return record
    }

    /// Stops the count (补正 or an Art. 45 procedure), with a reason and the written notice to the applicant.
    public func pause(
        _ id: DeadlineRecord.ID,
        _ kind: DeadlineClock.PauseKind,
        reason: String,
        applicantNotifiedInWriting: Bool,
        by officer: Officer,
        on day: LocalDate,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> DeadlineRecord {
        let reason = Masking.maskPersonalNumbers(in: reason)
        return try await change(id, "pause", detail: reason, by: officer, ownerOnly: true, on: day, calendar: calendar, at: now) { clock in
            try clock.pause(kind, reason: reason, applicantNotifiedInWriting: applicantNotifiedInWriting, on: day)
        }
    }

    /// Ends the open pause; the due dates move by the working days it lasted.
    public func resume(
        _ id: DeadlineRecord.ID,
        by officer: Officer,
        on day: LocalDate,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> DeadlineRecord {
        try await change(id, "resume", by: officer, ownerOnly: true, on: day, calendar: calendar, at: now) { clock in try clock.resume(on: day) }
    }

    /// Grants the one extension (行政许可法 第四十二条); Core refuses it unless `leader` is a duty leader.
    public func extend(
        _ id: DeadlineRecord.ID,
        by workingDays: Int,
        reason: String,
        approvedBy leader: Officer,
        on day: LocalDate,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> DeadlineRecord {
        let reason = Masking.maskPersonalNumbers(in: reason)
        return try await change(id, "extend", detail: reason, by: leader, ownerOnly: false, on: day, calendar: calendar, at: now) { clock in
            try clock.extend(by: workingDays, reason: reason, approvedBy: leader, on: day)
        }
    }

    /// Stops the clock when the case is decided.
    public func stop(
        _ id: DeadlineRecord.ID,
        by officer: Officer,
        on day: LocalDate,
        calendar: WorkingDayCalendar,
        at now: Date
    ) async throws -> DeadlineRecord {
        try await change(id, "stop", by: officer, ownerOnly: true, on: day, calendar: calendar, at: now) { clock in try clock.stop(on: day) }
    }

    public func find(_ id: DeadlineRecord.ID) async throws -> DeadlineRecord? {
        try await database.read { db in try await Self.find(id, in: db) }
    }

    /// The clocks still counting or paused, soonest stored promised due date first (callers sort by days left).
    public func open() async throws -> [DeadlineRecord] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: DeadlineRecord.columns) FROM deadline_clocks WHERE is_open = 1 ORDER BY promised_due, created_at
                """
            ).all().map(DeadlineRecord.init(row:))
        }
    }

    /// Loads the clock under lock, applies a Core event, and writes the clock back with fresh due dates.
    private func change(
        _ id: DeadlineRecord.ID,
        _ action: String,
        detail: String = "",
        by officer: Officer,
        ownerOnly: Bool,
        on day: LocalDate,
        calendar: WorkingDayCalendar,
        at now: Date,
        _ apply: @Sendable @escaping (inout DeadlineClock) throws -> Void
    ) async throws -> DeadlineRecord {
        try await database.transaction { [dialect = database.dialect] db in
            guard let record = try await Self.find(id, locking: dialect, in: db) else { throw DeadlineRecordError.unknown(id.description) }
            if ownerOnly, record.owner != officer.badge, officer.role != .dutyLeader { throw DeadlineRecordError.notOwner(officer.badge) }
            var clock = record.clock
            try apply(&clock)
            try await Self.update(id, clock, status: clock.status(on: day, calendar: calendar), at: now, in: db)
            try await AuditTrail.record(AuditEntry("deadline.\(action)", "deadline:\(id)", detail: detail), at: now, in: db)
            return DeadlineRecord(
                id: record.id,
                subject: record.subject,
                business: record.business,
                owner: record.owner,
                clock: clock,
                alert: record.alert,
                createdAt: record.createdAt
            )
        }
    }

    // MARK: In another repository's transaction (a case starts and stops its clock so)

    /// Writes a new clock with its due dates as of `status`.
    static func insert(_ record: DeadlineRecord, status: DeadlineClock.Status, at now: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO deadline_clocks (id, subject, business_code, owner_badge, clock, accepted_on, promised_due, statutory_due,
                is_open, alert, created_at, updated_at)
            VALUES (\(bind: record.id.description), \(bind: record.subject), \(bind: record.business?.value), \(bind: record.owner.value),
                \(bind: try DeadlineRecord.text(record.clock)), \(bind: record.clock.acceptedOn.description),
                \(bind: status.promisedDue.description), \(bind: status.statutoryDue.description), 1, \(bind: record.alert.rawValue),
                \(bind: record.createdAt.millisecondsSince1970), \(bind: now.millisecondsSince1970))
            """
        ).run()
    }

    /// The clock, locked until the transaction ends when `locking` is given.
    static func find(_ id: DeadlineRecord.ID, locking dialect: Dialect? = nil, in db: any SQLDatabase) async throws -> DeadlineRecord? {
        try await db.raw(
            """
            SELECT \(unsafeRaw: DeadlineRecord.columns) FROM deadline_clocks WHERE id = \(bind: id.description)\(unsafeRaw: dialect?.forUpdate ?? "")
            """
        ).first().map(DeadlineRecord.init(row:))
    }

    /// Writes back a changed clock with fresh copies of its due dates; a stopped clock is no longer open.
    static func update(
        _ id: DeadlineRecord.ID,
        _ clock: DeadlineClock,
        status: DeadlineClock.Status,
        at now: Date,
        in db: any SQLDatabase
    )
        async throws
    {
        try await db.raw(
            """
            UPDATE deadline_clocks SET clock = \(bind: try DeadlineRecord.text(clock)), promised_due = \(bind: status.promisedDue.description),
                statutory_due = \(bind: status.statutoryDue.description), is_open = \(bind: clock.isStopped ? 0 : 1),
                updated_at = \(bind: now.millisecondsSince1970)
            WHERE id = \(bind: id.description)
            """
        ).run()
    }
}
