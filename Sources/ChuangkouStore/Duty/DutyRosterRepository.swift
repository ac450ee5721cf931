import ChuangkouCore
import Foundation
import SQLKit

/// The duty roster (值班表): administrators plan each half-day's duty leader and officers on duty, and record leave;
/// escalations, the day's open inquiries and the display ask who is on duty at an instant.
///
/// Planning a slot and recording a leave lock the rows of the officers named (PostgreSQL; SQLite has one writer), so a
/// leave and a plan for the same person at the same moment cannot both pass their checks.
public struct DutyRosterRepository: Sendable {
    let database: Database
    /// Where the day splits into its two halves (`chuangkou.duty.afternoon-starts`).
    public let hours: DutyHours

    public init(database: Database, hours: DutyHours = DutyHours()) {
        self.database = database
        self.hours = hours
    }

    /// Someone on duty as pages and answers show them (四公开 for the leader: name, 警号, phone).
    public struct Person: Sendable, Equatable {
        public let badge: Badge
        public let name: String
        public let post: String
        public let sex: Sex?
        public let phone: DutyPhone
    }

    /// A planned slot with the instants it covers.
    public struct Shift: Sendable, Equatable {
        public let slot: DutySlot
        public let starts: Date
        public let ends: Date
        public let leader: Person
        public let officers: [Person]
    }

    public struct LeaveRecord: Sendable, Equatable {
        public let id: UUID
        public let leave: Leave
        public let recordedBy: Badge
        public let recordedAt: Date
    }

    // MARK: Planning

    /// Plans (or replans) a slot that has not begun; returns it as stored.
    public func plan(_ slot: DutySlot, leader: OnDuty, officers: [OnDuty], by admin: Badge, hall: Hall, at now: Date) async throws -> Shift {
        let hours = hours
        let dialect = database.dialect
        return try await database.transaction { db in
            let named = Array(Set([leader.badge] + officers.map(\.badge))).sorted { $0.value < $1.value }
            let staff = try await Self.lockStaff(named, dialect: dialect, in: db)
            let leave = try await Self.leave(of: named, on: slot.day, in: db)
            let shift = try DutyRoster.plan(
                slot,
                leader: leader,
                officers: officers,
                current: hours.slot(at: now, in: hall.timeZone),
                staff: staff,
                leave: leave
            )
            let (starts, ends) = hours.interval(of: slot, in: hall.timeZone)
            // An upsert, so two administrators planning one slot at once end with one of their plans, whole.
            try await db.raw(
                """
                INSERT INTO duty_shifts (day, half, starts_at, ends_at, leader_badge, leader_phone, planned_by, planned_at)
                VALUES (\(bind: slot.day.description), \(bind: slot.half.rawValue), \(bind: starts.millisecondsSince1970),
                    \(bind: ends.millisecondsSince1970), \(bind: leader.badge.value), \(bind: leader.phone.value), \(bind: admin.value),
                    \(bind: now.millisecondsSince1970))
                ON CONFLICT (day, half) DO UPDATE SET starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
                    leader_badge = EXCLUDED.leader_badge, leader_phone = EXCLUDED.leader_phone, planned_by = EXCLUDED.planned_by,
                    planned_at = EXCLUDED.planned_at
                """
            ).run()
            try await db.raw(
                "DELETE FROM duty_officers WHERE day = \(bind: slot.day.description) AND half = \(bind: slot.half.rawValue)"
            ).run()
            for (position, person) in shift.officers.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO duty_officers (day, half, badge, phone, position)
                    VALUES (\(bind: slot.day.description), \(bind: slot.half.rawValue), \(bind: person.badge.value),
                        \(bind: person.phone.value), \(bind: position))
                    """
                ).run()
            }
            try await AuditTrail.record(
                AuditEntry(
                    "duty.plan",
                    "duty:\(slot)",
                    detail: "leader \(leader.badge); officers \(officers.map(\.badge.value).joined(separator: ","))"
                ),
                at: now,
                in: db
            )
            guard
                let stored = try await Self.shifts(where: "s.day = \(bind: slot.day.description) AND s.half = \(bind: slot.half.rawValue)", in: db)
                    .first
            else { throw DutyRecordError.unknownSlot(slot) }
            return stored
        }
    }

    /// Takes a slot that has not begun off the roster. Returns false when it was not planned.
    public func clear(_ slot: DutySlot, by admin: Badge, hall: Hall, at now: Date) async throws -> Bool {
        let hours = hours
        return try await database.transaction { db in
            guard slot > hours.slot(at: now, in: hall.timeZone) else { throw DutyError.slotStarted(slot) }
            try await db.raw("DELETE FROM duty_officers WHERE day = \(bind: slot.day.description) AND half = \(bind: slot.half.rawValue)").run()
            let gone = try await db.raw(
                "DELETE FROM duty_shifts WHERE day = \(bind: slot.day.description) AND half = \(bind: slot.half.rawValue) RETURNING day"
            ).all()
            guard !gone.isEmpty else { return false }
            try await AuditTrail.record(AuditEntry("duty.clear", "duty:\(slot)"), at: now, in: db)
            return true
        }
    }

    // MARK: Leave

    /// Records a leave by whole days; refused while the person is on the roster on one of those days.
    public func recordLeave(
        _ badge: Badge,
        from: LocalDate,
        through: LocalDate,
        reason: String,
        by admin: Badge,
        at now: Date
    ) async throws -> LeaveRecord {
        let dialect = database.dialect
        return try await database.transaction { db in
            guard try await Self.lockStaff([badge], dialect: dialect, in: db)[badge] != nil else { throw DutyError.unknownOfficer(badge) }
            let planned = try await db.raw(
                """
                SELECT day, half FROM duty_shifts WHERE leader_badge = \(bind: badge.value)
                    AND day >= \(bind: from.description) AND day <= \(bind: through.description)
                UNION SELECT day, half FROM duty_officers WHERE badge = \(bind: badge.value)
                    AND day >= \(bind: from.description) AND day <= \(bind: through.description)
                """
            ).all().map(Self.slot(row:))
            let leave = try DutyRoster.leave(badge, from: from, through: through, reason: reason, planned: planned)
            let record = LeaveRecord(id: UUID(), leave: leave, recordedBy: admin, recordedAt: now)
            try await db.raw(
                """
                INSERT INTO officer_leave (id, badge, from_day, through_day, reason, recorded_by, recorded_at)
                VALUES (\(bind: record.id.uuidString.lowercased()), \(bind: badge.value), \(bind: from.description),
                    \(bind: through.description), \(bind: leave.reason), \(bind: admin.value), \(bind: now.millisecondsSince1970))
                """
            ).run()
            try await AuditTrail.record(
                AuditEntry("duty.leave", "officer:\(badge)", detail: "\(from)…\(through) \(leave.reason)"),
                at: now,
                in: db
            )
            return record
        }
    }

    /// Cancels a leave; returns false for an unknown or already cancelled one.
    public func cancelLeave(_ id: UUID, by admin: Badge, at now: Date) async throws -> Bool {
        try await database.transaction { db in
            let rows = try await db.raw(
                """
                UPDATE officer_leave SET cancelled_at = \(bind: now.millisecondsSince1970)
                WHERE id = \(bind: id.uuidString.lowercased()) AND cancelled_at IS NULL RETURNING badge
                """
            ).all()
            guard let row = rows.first else { return false }
            try await AuditTrail.record(
                AuditEntry("duty.leave-cancel", "officer:\(try row.decode(column: "badge", as: String.self))", detail: "leave \(id)"),
                at: now,
                in: db
            )
            return true
        }
    }

    /// Leave not cancelled that touches the days from `from` through `through`, earliest first.
    public func leave(from: LocalDate, through: LocalDate) async throws -> [LeaveRecord] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT id, badge, from_day, through_day, reason, recorded_by, recorded_at FROM officer_leave
                WHERE cancelled_at IS NULL AND through_day >= \(bind: from.description) AND from_day <= \(bind: through.description)
                ORDER BY from_day, badge
                """
            ).all().map(Self.leaveRecord(row:))
        }
    }

    // MARK: Reading

    /// The planned slots of the days from `from` through `through`, in order.
    public func shifts(from: LocalDate, through: LocalDate) async throws -> [Shift] {
        try await database.read { db in
            try await Self.shifts(where: "s.day >= \(bind: from.description) AND s.day <= \(bind: through.description)", in: db)
        }
    }

    /// The shift on duty at `instant`, if that slot was planned.
    public func shift(at instant: Date) async throws -> Shift? {
        try await database.read { db in try await Self.shift(at: instant, in: db) }
    }

    /// The duty leader on duty at `instant` (nil when the slot was not planned, or their account was disabled since).
    public func leaderOnDuty(at instant: Date) async throws -> Person? {
        try await database.read { db in try await Self.leaderOnDuty(at: instant, in: db) }
    }

    // MARK: In-transaction helpers

    /// The duty leader on duty at `instant`: for escalations, the day's open inquiries and rectification items, inside
    /// their own transactions.
    public static func leaderOnDuty(at instant: Date, in db: any SQLDatabase) async throws -> Person? {
        try await shift(at: instant, in: db)?.leader
    }

    static func shift(at instant: Date, in db: any SQLDatabase) async throws -> Shift? {
        let ms = instant.millisecondsSince1970
        return try await shifts(where: "s.starts_at <= \(bind: ms) AND s.ends_at > \(bind: ms)", in: db).first
    }

    static func shifts(where condition: SQLQueryString, in db: any SQLDatabase) async throws -> [Shift] {
        let rows = try await db.raw(
            """
            SELECT s.day, s.half, s.starts_at, s.ends_at, s.leader_phone AS phone, o.badge, o.name, o.role, o.roles, o.post, o.sex FROM duty_shifts s
            JOIN officers o ON o.badge = s.leader_badge WHERE o.disabled_at IS NULL AND \(condition) ORDER BY s.day, s.half DESC
            """
        ).all()
        var shifts: [Shift] = []
        for row in rows {
            let slot = try slot(row: row)
            let officers = try await db.raw(
                """
                SELECT d.phone, o.badge, o.name, o.role, o.roles, o.post, o.sex FROM duty_officers d JOIN officers o ON o.badge = d.badge
                WHERE d.day = \(bind: slot.day.description) AND d.half = \(bind: slot.half.rawValue) AND o.disabled_at IS NULL
                ORDER BY d.position
                """
            ).all().map(person(row:))
            shifts.append(
                Shift(
                    slot: slot,
                    starts: Date(milliseconds: try row.decode(column: "starts_at", as: Int64.self)),
                    ends: Date(milliseconds: try row.decode(column: "ends_at", as: Int64.self)),
                    leader: try person(row: row),
                    officers: officers
                )
            )
        }
        // "morning" sorts after "afternoon" as text; DESC above puts it first within a day.
        return shifts
    }

    static func lockStaff(_ badges: [Badge], dialect: Dialect, in db: any SQLDatabase) async throws -> [Badge: DutyRoster.Staff] {
        guard !badges.isEmpty else { return [:] }
        let rows = try await db.raw(
            """
            SELECT \(unsafeRaw: Officer.columns), disabled_at FROM officers WHERE badge IN (\(binds: badges.map(\.value)))
            ORDER BY badge\(unsafeRaw: dialect.forUpdate)
            """
        ).all()
        var staff: [Badge: DutyRoster.Staff] = [:]
        for row in rows {
            let officer = try Officer(row: row)
            staff[officer.badge] = .init(officer: officer, disabled: try row.decode(column: "disabled_at", as: Int64?.self) != nil)
        }
        return staff
    }

    static func leave(of badges: [Badge], on day: LocalDate, in db: any SQLDatabase) async throws -> [Leave] {
        guard !badges.isEmpty else { return [] }
        return try await db.raw(
            """
            SELECT id, badge, from_day, through_day, reason, recorded_by, recorded_at FROM officer_leave
            WHERE cancelled_at IS NULL AND badge IN (\(binds: badges.map(\.value)))
                AND from_day <= \(bind: day.description) AND through_day >= \(bind: day.description)
            """
        ).all().map { try leaveRecord(row: $0).leave }
    }

    static func slot(row: any SQLRow) throws -> DutySlot {
        let dayText = try row.decode(column: "day", as: String.self)
        guard let day = LocalDate(dayText), let half = HalfDay(rawValue: try row.decode(column: "half", as: String.self)) else {
            throw StoreError.corruptRow(table: "duty_shifts", id: dayText)
        }
        return DutySlot(day, half)
    }

    static func person(row: any SQLRow) throws -> Person {
        let officer = try Officer(row: row)
        guard let phone = DutyPhone(try row.decode(column: "phone", as: String.self)) else {
            throw StoreError.corruptRow(table: "duty_shifts", id: officer.badge.value)
        }
        return Person(badge: officer.badge, name: officer.name, post: officer.post, sex: officer.sex, phone: phone)
    }

    static func leaveRecord(row: any SQLRow) throws -> LeaveRecord {
        let idText = try row.decode(column: "id", as: String.self)
        guard let id = UUID(uuidString: idText), let badge = Badge(try row.decode(column: "badge", as: String.self)),
            let from = LocalDate(try row.decode(column: "from_day", as: String.self)),
            let through = LocalDate(try row.decode(column: "through_day", as: String.self)),
            let by = Badge(try row.decode(column: "recorded_by", as: String.self))
        else { throw StoreError.corruptRow(table: "officer_leave", id: idText) }
        return LeaveRecord(
            id: id,
            leave: Leave(badge: badge, from: from, through: through, reason: try row.decode(column: "reason", as: String.self)),
            recordedBy: by,
            recordedAt: Date(milliseconds: try row.decode(column: "recorded_at", as: Int64.self))
        )
    }
}

/// Why the store refused a roster request before Core saw it.
public enum DutyRecordError: Error, Equatable, Sendable {
    case unknownSlot(DutySlot)
}
