import ChuangkouCore
import Foundation
import SQLKit

/// Fills a hall with years of made-up queue and case history for the supervisor's desk benchmark (`chuangkou seed-desk`):
/// tickets of past days with waits, services, no-shows, cancellations and some calls out of turn; cases with their
/// deadline clocks, stopped on time or late, and some one-time-notice breaches.
///
/// Rows go in with multi-row INSERTs, `batch` tickets per transaction. Seeded tickets use the prefix `Y` (no business of
/// the catalog uses it). Seeded cases exist for their clocks and breaches, which is all the desk reads of them: their
/// applicant, fields, checklist and ledger are placeholders, so their own case pages are not part of any benchmark.
/// Every clock is stopped, so no watch ever alerts on a seeded case.
public struct DeskSeeder: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Plan: Sendable {
        public var tickets: Int
        public var cases: Int
        /// The last service day seeded; the history spreads over `days` days ending there.
        public var lastDay: LocalDate
        public var days: Int
        public var batch: Int

        public init(tickets: Int, cases: Int, lastDay: LocalDate, days: Int, batch: Int = 20_000) {
            self.tickets = tickets
            self.cases = cases
            self.lastDay = lastDay
            self.days = days
            self.batch = batch
        }
    }

    public struct Report: Sendable, Equatable {
        public var tickets = 0
        public var outOfTurn = 0
        public var cases = 0
        public var overdue = 0
        public var breaches = 0
    }

    public enum Progress: Sendable {
        case tickets(Int)
        case cases(Int)
    }

    /// Seeds the plan; refuses a database already seeded (numbers would repeat). Deterministic for one plan.
    public func seed(_ plan: Plan, hall: Hall, sealer: DataSealer, progress: @Sendable (Progress) -> Void = { _ in }) async throws -> Report {
        let (desks, officers, leader, seeded) = try await database.read { db in
            let desks = try await db.raw(
                """
                SELECT w.number, b.business_code FROM windows w JOIN window_businesses b ON b.window_number = w.number
                ORDER BY w.number, b.business_code
                """
            ).all().map { (try $0.decode(column: "number", as: Int.self), try $0.decode(column: "business_code", as: String.self)) }
            let officers = try await OfficerRepository.badges(holding: .windowOfficer, in: db)
            let leader = try await OfficerRepository.badges(holding: .dutyLeader, in: db).first
            let seeded = try await db.raw("SELECT id FROM tickets WHERE prefix = 'Y'").first() != nil
            return (desks, officers, leader, seeded)
        }
        guard !desks.isEmpty, !officers.isEmpty, let leader else { throw StoreError.hallNotConfigured }
        guard !seeded else { throw DeskSeederError.alreadySeeded }
        let firstDay = try plan.lastDay.adding(days: 1 - plan.days)
        var random = SplitMix64(seed: 0xDE5C)
        var report = Report()

        // Tickets, day by day: the first `tickets % days` days get one more.
        var pending: [SeededTicket] = []
        var n = 0
        for dayIndex in 0..<plan.days {
            let day = try firstDay.adding(days: dayIndex)
            let opening = hall.start(of: day).millisecondsSince1970 + 8 * 3_600_000 + 30 * 60_000
            let count = plan.tickets / plan.days + (dayIndex < plan.tickets % plan.days ? 1 : 0)
            for sequence in 1...max(count, 1) where count > 0 {
                let desk = desks[Int(random.next() % UInt64(desks.count))]
                let issued = opening + Int64(random.next() % 30_600_000)
                // Two uniform draws: most waits are a few minutes, some near forty.
                let wait = Int64(random.next() % 1_200_000) + Int64(random.next() % 1_200_000)
                let roll = random.next() % 100
                let status: TicketStatus = roll < 4 ? .noShow : roll < 7 ? .cancelled : .finished
                let called = status == .cancelled ? nil : issued + wait
                let started = status == .finished ? called.map { $0 + 20_000 + Int64(random.next() % 40_000) } : nil
                let finished = started.map { $0 + 120_000 + Int64(random.next() % 900_000) }
                let outOfTurn = called != nil && random.next() % 200 == 0
                pending.append(
                    SeededTicket(
                        n: n, day: day, sequence: sequence, business: desk.1, status: status, window: called == nil ? nil : desk.0,
                        officer: called == nil ? nil : officers[desk.0 % officers.count].value,
                        issued: issued, called: called, started: started, finished: finished, outOfTurn: outOfTurn
                    )
                )
                n += 1
                if outOfTurn { report.outOfTurn += 1 }
                if pending.count == plan.batch {
                    let batch = pending
                    try await database.transaction { db in try await Self.insert(batch, in: db) }
                    report.tickets += batch.count
                    pending.removeAll(keepingCapacity: true)
                    progress(.tickets(report.tickets))
                }
            }
        }
        if !pending.isEmpty {
            let batch = pending
            try await database.transaction { db in try await Self.insert(batch, in: db) }
            report.tickets += batch.count
            progress(.tickets(report.tickets))
        }

        // Cases: accepted on a day of the history, due ten working days later, stopped on time or (one in eight) late.
        let calendar = try await CalendarRepository(database: database).current()
        let placeholder = try sealer.seal("{}")
        var cases: [SeededCase] = []
        for i in 0..<plan.cases {
            let day = try firstDay.adding(days: Int(random.next() % UInt64(plan.days)))
            let desk = desks[Int(random.next() % UInt64(desks.count))]
            var clock = try DeadlineClock(acceptedOn: day, statutoryLimit: 20, promisedLimit: 10)
            let status = clock.status(on: day, calendar: calendar)
            let late = random.next() % 8 == 0
            let stop = try status.promisedDue.adding(days: late ? Int(1 + random.next() % 6) : -Int(random.next() % 12))
            try clock.stop(on: max(stop, day))
            let breach = random.next() % 50 == 0
            cases.append(
                SeededCase(
                    n: i, day: day, business: desk.1, officer: officers[desk.0 % officers.count].value, clock: clock,
                    promisedDue: status.promisedDue, statutoryDue: status.statutoryDue,
                    at: hall.start(of: day).millisecondsSince1970 + 9 * 3_600_000 + Int64(random.next() % 28_000_000), breach: breach
                )
            )
            if late && max(stop, day) > status.promisedDue { report.overdue += 1 }
            if breach { report.breaches += 1 }
            if cases.count == plan.batch / 4 || i == plan.cases - 1 {
                let batch = cases
                try await database.transaction { db in try await Self.insert(batch, placeholder: placeholder, leader: leader, in: db) }
                report.cases += batch.count
                cases.removeAll(keepingCapacity: true)
                progress(.cases(report.cases))
            }
        }
        return report
    }

    struct SeededTicket: Sendable {
        let n: Int
        let day: LocalDate
        let sequence: Int
        let business: String
        let status: TicketStatus
        let window: Int?
        let officer: String?
        let issued: Int64
        let called: Int64?
        let started: Int64?
        let finished: Int64?
        let outOfTurn: Bool

        var id: String { String(format: "00000000-0000-4000-b000-%012x", n) }
    }

    struct SeededCase: Sendable {
        let n: Int
        let day: LocalDate
        let business: String
        let officer: String
        let clock: DeadlineClock
        let promisedDue: LocalDate
        let statutoryDue: LocalDate
        let at: Int64
        let breach: Bool

        var id: String { String(format: "00000000-0000-4000-c000-%012x", n) }
        var clockID: String { String(format: "00000000-0000-4000-d000-%012x", n) }
    }

    /// Rows per INSERT statement: under SQLite's 32,766 bound values with 12 columns.
    static let rowsPerStatement = 500

    static func insert(_ rows: [SeededTicket], in db: any SQLDatabase) async throws {
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            var tickets = SQLQueryString(
                """
                INSERT INTO tickets (id, service_day, prefix, sequence, business_code, status, issued_at, window_number, officer_badge,
                    called_at, started_at, finished_at) VALUES
                """
            )
            for (i, r) in rows[start..<min(start + rowsPerStatement, rows.count)].enumerated() {
                if i > 0 { tickets += ", " }
                tickets += """
                    (\(bind: r.id), \(bind: r.day.description), 'Y', \(bind: r.sequence), \(bind: r.business), \(bind: r.status.rawValue),
                    \(bind: r.issued), \(bind: r.window), \(bind: r.officer), \(bind: r.called), \(bind: r.started), \(bind: r.finished))
                    """
            }
            try await db.raw(tickets).run()
        }
        for r in rows where r.outOfTurn {
            try await db.raw(
                """
                INSERT INTO ticket_events (ticket_id, action, from_status, to_status, officer_badge, window_number, at, detail)
                VALUES (\(bind: r.id), 'call', 'waiting', 'called', \(bind: r.officer), \(bind: r.window), \(bind: r.called ?? r.issued),
                    '（基准数据）军人优先')
                """
            ).run()
        }
    }

    static func insert(_ rows: [SeededCase], placeholder: String, leader: Badge, in db: any SQLDatabase) async throws {
        for start in stride(from: 0, to: rows.count, by: 200) {
            let chunk = rows[start..<min(start + 200, rows.count)]
            var clocks = SQLQueryString(
                """
                INSERT INTO deadline_clocks (id, subject, business_code, owner_badge, clock, accepted_on, promised_due, statutory_due,
                    is_open, alert, created_at, updated_at) VALUES
                """
            )
            var cases = SQLQueryString(
                """
                INSERT INTO cases (id, query_code, business_code, guide_version, officer_badge, applicant_kind, applicant_name,
                    applicant_identifier_masked, applicant_sealed, phone_last4, phone_masked, fields, stage, received_at, received_on,
                    accepted_on, checklist, checklist_version, ledger, clock_id, created_at, updated_at) VALUES
                """
            )
            for (i, c) in chunk.enumerated() {
                if i > 0 {
                    clocks += ", "
                    cases += ", "
                }
                clocks += """
                    (\(bind: c.clockID), \(bind: "case:\(c.id)"), \(bind: c.business), \(bind: c.officer), \(bind: try DeadlineRecord.text(c.clock)),
                    \(bind: c.day.description), \(bind: c.promisedDue.description), \(bind: c.statutoryDue.description), 0, 'none', \(bind: c.at),
                    \(bind: c.at))
                    """
                cases += """
                    (\(bind: c.id), \(bind: String(format: "BENCH%011d", c.n)), \(bind: c.business), 1, \(bind: c.officer), 'person',
                    '（基准数据）', '', \(bind: placeholder), '0000', '***', '{}', 'granted', \(bind: c.at), \(bind: c.day.description),
                    \(bind: c.day.description), '[]', 1, '{}', \(bind: c.clockID), \(bind: c.at), \(bind: c.at))
                    """
            }
            try await db.raw(clocks).run()
            try await db.raw(cases).run()
        }
        for c in rows where c.breach {
            let breach = SeededBreach(
                officer: Badge(c.officer)!, noticeIssuedOn: c.day, recordedOn: c.day, items: [], reason: "（基准数据）", approvedBy: leader
            )
            let detail = String(decoding: try JSONEncoder().encode(breach), as: UTF8.self)
            try await db.raw(
                """
                INSERT INTO case_events (case_id, action, officer_badge, at, detail)
                VALUES (\(bind: c.id), 'breach', \(bind: leader.value), \(bind: c.at + 3_600_000), \(bind: detail))
                """
            ).run()
        }
    }
}

/// The stored shape of a `OneTimeNoticeLedger.Breach` (its fields, encoded the same way).
struct SeededBreach: Encodable {
    let officer: Badge
    let noticeIssuedOn: LocalDate
    let recordedOn: LocalDate
    let items: [String]
    let reason: String
    let approvedBy: Badge
}

public enum DeskSeederError: Error, CustomStringConvertible {
    case alreadySeeded

    public var description: String { "This database already holds seeded desk history (tickets numbered Y…): seed a fresh one." }
}
