import ChuangkouCore
import Crypto
import Foundation
import SQLKit

/// Appointments (预约): the phone code, booking against the database-kept capacity, and, by booking code, viewing,
/// changing, cancelling and checking in. Every change is one transaction that locks the row, applies Core's event and
/// writes the row, the capacity, the ticket and the audit entry together.
public struct AppointmentRepository: Sendable {
    let database: Database
    let sealer: DataSealer
    public let policy: AppointmentPolicy
    /// Businesses whose booking asks for the 居民身份证号码 (the rest collect none: RULES §11, collect only what is needed).
    public let idNumberBusinesses: Set<BusinessCode>
    /// Draws the six-digit phone code; tests pass a fixed one.
    let phoneCodes: @Sendable () -> String

    public init(
        database: Database,
        sealer: DataSealer,
        policy: AppointmentPolicy,
        idNumberBusinesses: Set<BusinessCode>,
        phoneCodes: @escaping @Sendable () -> String = AppointmentRepository.randomPhoneCode
    ) {
        self.database = database
        self.sealer = sealer
        self.policy = policy
        self.idNumberBusinesses = idNumberBusinesses
        self.phoneCodes = phoneCodes
    }

    /// Six digits from the system's secure generator.
    public static func randomPhoneCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let n = Int.random(in: 0..<1_000_000, using: &generator)
        let digits = String(n)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// A booking as the citizen gives it, already checked at the edge (name, phone, ID number).
    public struct Booking: Sendable {
        public let business: BusinessCode
        public let slot: AppointmentSlot
        public let name: String
        public let phone: MobileNumber
        public let idNumber: ResidentIDNumber?
        public let phoneCode: String

        public init(
            business: BusinessCode,
            slot: AppointmentSlot,
            name: String,
            phone: MobileNumber,
            idNumber: ResidentIDNumber?,
            phoneCode: String
        ) {
            self.business = business
            self.slot = slot
            self.name = name
            self.phone = phone
            self.idNumber = idNumber
            self.phoneCode = phoneCode
        }
    }

    /// An appointment with what its holder may see: the name, the phone's last digits, never the ID number.
    public struct Record: Sendable, Equatable {
        public let appointment: Appointment
        public let code: String
        public let name: String
        /// All of the phone a page shows (尾号1234).
        public let phoneLast4: String
        public let ticket: TicketNumber?
    }

    /// The answer to a booking code: found, unknown (the same answer for every wrong code), or refused for too many
    /// failures from the caller's address.
    public enum Lookup: Sendable, Equatable {
        case found(Record)
        case notFound
        case limited
    }

    public struct Limit: Sendable {
        public let client: String
        public let maxFailures: Int
        public let window: Duration

        public init(client: String, maxFailures: Int, window: Duration) {
            self.client = client
            self.maxFailures = maxFailures
            self.window = window
        }
    }

    // MARK: The phone code

    /// Sends a one-time code to the phone (at most once a minute and five times an hour per phone).
    public func sendPhoneCode(to phone: MobileNumber, at now: Date) async throws {
        let code = phoneCodes()
        let id = UUID().uuidString.lowercased()
        let sealed = try sealer.seal(phone.value)
        try await database.transaction { [sealer] db in
            let earlier = try await Self.samePhone(
                """
                SELECT phone_sealed, sent_at AS at FROM appointment_phone_codes
                WHERE phone_last4 = \(bind: phone.lastFour) AND sent_at > \(bind: now.millisecondsSince1970 - 3_600_000)
                ORDER BY sent_at DESC LIMIT 50
                """,
                phone: phone,
                sealer: sealer,
                in: db
            )
            try PhoneCodeChallenge.maySend(after: earlier, now: now)
            try await db.raw(
                """
                INSERT INTO appointment_phone_codes (id, phone_sealed, phone_last4, code_hash, sent_at, attempts)
                VALUES (
                    \(bind: id),
                    \(bind: sealed),
                    \(bind: phone.lastFour),
                    \(bind: Self.digest(code, salt: id)),
                    \(bind: now.millisecondsSince1970),
                    0
                )
                """
            ).run()
            try await AppointmentMessages.phoneCode(code, phoneSealed: sealed, challenge: id, at: now, in: db)
            try await AuditTrail.record(AuditEntry("appointment.phone-code", "phone:\(phone.masked)"), at: now, in: db)
        }
    }

    /// Checks the code against the phone's latest challenge in its own transaction, so a wrong try is counted even
    /// when nothing else happens; returns the challenge to spend with the booking.
    func verify(_ code: String, phone: MobileNumber, at now: Date) async throws -> String {
        let outcome: Result<String, AppointmentError> = try await database.transaction { [sealer, dialect = database.dialect] db in
            let since = now.millisecondsSince1970 - Int64(PhoneCodeChallenge.validMinutes * 60_000)
            let rows = try await db.raw(
                """
                SELECT id, phone_sealed, code_hash, sent_at, attempts, used_at FROM appointment_phone_codes
                WHERE phone_last4 = \(bind: phone.lastFour) AND sent_at > \(bind: since) AND used_at IS NULL
                ORDER BY sent_at DESC LIMIT 20\(unsafeRaw: dialect.forUpdate)
                """
            ).all()
            guard let row = try rows.first(where: { try sealer.open($0.decode(column: "phone_sealed", as: String.self)) == phone.value }) else {
                return .failure(.phoneCodeMissing)
            }
            let id = try row.decode(column: "id", as: String.self)
            var challenge = PhoneCodeChallenge(
                sentAt: Date(milliseconds: try row.decode(column: "sent_at", as: Int64.self)),
                attempts: try row.decode(column: "attempts", as: Int.self)
            )
            let given = code.trimmingCharacters(in: .whitespaces)
            let stored = try row.decode(column: "code_hash", as: String.self)
            let matches = given.count == 6 && Self.digest(given, salt: id) == stored
            do {
                try challenge.attempt(matches: matches, now: now)
            } catch let error as AppointmentError {
                // Core counted the try before refusing it; the count is kept whatever the answer.
                try await db.raw("UPDATE appointment_phone_codes SET attempts = \(bind: challenge.attempts) WHERE id = \(bind: id)").run()
                try await AuditTrail.record(
                    AuditEntry("appointment.phone-code-check", "phone:\(phone.masked)", outcome: .refused, detail: "\(error)"),
                    at: now,
                    in: db
                )
                return .failure(error)
            }
            try await db.raw("UPDATE appointment_phone_codes SET attempts = \(bind: challenge.attempts) WHERE id = \(bind: id)").run()
            return .success(id)
        }
        return try outcome.get()
    }

    // MARK: Booking

    /// Books a slot: checks the phone code, the no-show rule, the slot, and takes one place in the business's pool and
    /// in its window group's, all in one transaction. Returns the appointment and its booking code.
    public func book(_ booking: Booking, calendar: WorkingDayCalendar, hall: Hall, at now: Date) async throws -> (Appointment, String) {
        try policy.checkBookable(booking.slot, calendar: calendar, now: now, zone: hall.timeZone)
        if idNumberBusinesses.contains(booking.business), booking.idNumber == nil { throw AppointmentError.idNumberRequired }
        if let until = try await blockedUntil(booking.phone, at: now, zone: hall.timeZone) { throw AppointmentError.blocked(until: until) }
        let challenge = try await verify(booking.phoneCode, phone: booking.phone, at: now)
        let phoneSealed = try sealer.seal(booking.phone.value)
        // Only where the business needs it, and sealed like a case's.
        let idSealed = try idNumberBusinesses.contains(booking.business) ? booking.idNumber.map { try sealer.seal($0.value) } : nil
        let appointment = Appointment(id: AppointmentID(UUID()), business: booking.business, slot: booking.slot, bookedAt: now)
        let code = QueryCode.generate()
        try await database.transaction { [policy] db in
            guard let business = try await BusinessRepository.find(booking.business, in: db) else {
                throw AppointmentError.unknownBusiness(booking.business.value)
            }
            guard
                try await db.raw(
                    """
                    UPDATE appointment_phone_codes SET used_at = \(bind: now.millisecondsSince1970)
                    WHERE id = \(bind: challenge) AND used_at IS NULL RETURNING id
                    """
                ).first() != nil
            else { throw AppointmentError.phoneCodeMissing }
            try await Self.take(booking.slot, business: booking.business, policy: policy, in: db)
            try await db.raw(
                """
                INSERT INTO appointments (id, code, business_code, slot_day, slot_start, slot_minutes, starts_at, status, name,
                    phone_sealed, phone_last4, id_number_sealed, booked_at, changes, updated_at)
                VALUES (\(bind: appointment.id.description), \(bind: code), \(bind: booking.business.value),
                    \(bind: booking.slot.day.description), \(bind: booking.slot.start), \(bind: booking.slot.minutes),
                    \(bind: booking.slot.startsAt(in: hall.timeZone).millisecondsSince1970), 'booked', \(bind: booking.name),
                    \(bind: phoneSealed), \(bind: booking.phone.lastFour), \(bind: idSealed), \(bind: now.millisecondsSince1970), 0,
                    \(bind: now.millisecondsSince1970))
                """
            ).run()
            try await AppointmentMessages.booked(
                appointment,
                code: code,
                business: (business.name, business.nameEnglish),
                checkInBeforeMinutes: policy.checkInBeforeMinutes,
                phoneSealed: phoneSealed,
                at: now,
                in: db
            )
            try await AuditTrail.record(.appointment("book", appointment, detail: "phone:\(booking.phone.masked)"), at: now, in: db)
        }
        return (appointment, code)
    }

    /// Until when this phone may not book (the no-show rule), or nil.
    public func blockedUntil(_ phone: MobileNumber, at now: Date, zone: TimeZone) async throws -> Date? {
        let rule = policy.noShows
        let since = now.millisecondsSince1970 - Int64(rule.withinDays + rule.blockDays) * 86_400_000
        let missed = try await database.read { [sealer, policy] db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Appointment.columns), phone_sealed FROM appointments
                WHERE phone_last4 = \(bind: phone.lastFour) AND starts_at > \(bind: since) AND status IN ('booked', 'missed')
                ORDER BY starts_at DESC LIMIT 500
                """
            ).all().compactMap { row -> Date? in
                guard try sealer.open(row.decode(column: "phone_sealed", as: String.self)) == phone.value else { return nil }
                let appointment = try Appointment(row: row)
                return appointment.isMissed(policy: policy, now: now, zone: zone) ? appointment.slot.startsAt(in: zone) : nil
            }
        }
        return rule.blockedUntil(missed: missed, now: now)
    }

    // MARK: By booking code

    /// The appointment for a booking code (counting a miss against the caller's address).
    public func find(code: String, limit: Limit, at now: Date) async throws -> Lookup {
        try await database.transaction { db in
            switch try await Self.locate(code, limit: limit, at: now, in: db) {
            case .found(let id): return .found(try await Self.record(id, in: db))
            case .notFound: return .notFound
            case .limited: return .limited
            }
        }
    }

    /// Moves the booking to another slot of its business (before the cut-off), moving its places with it.
    public func change(code: String, to slot: AppointmentSlot, limit: Limit, calendar: WorkingDayCalendar, hall: Hall, at now: Date)
        async throws -> Lookup
    {
        try await changing(code, "change", limit: limit, at: now, zone: hall.timeZone) { [policy] appointment, db in
            let old = appointment.slot
            try appointment.change(to: slot, policy: policy, calendar: calendar, now: now, zone: hall.timeZone)
            try await Self.release(old, business: appointment.business, policy: policy, in: db)
            try await Self.take(slot, business: appointment.business, policy: policy, in: db)
            return "\(old)→\(slot)"
        }
    }

    /// Cancels the booking (before the cut-off) and gives its places back.
    public func cancel(code: String, limit: Limit, hall: Hall, at now: Date) async throws -> Lookup {
        try await changing(code, "cancel", limit: limit, at: now, zone: hall.timeZone) { [policy] appointment, db in
            try appointment.cancel(policy: policy, now: now, zone: hall.timeZone)
            try await Self.release(appointment.slot, business: appointment.business, policy: policy, in: db)
            return ""
        }
    }

    /// Checks in at the kiosk or on the phone: on time, a ticket ranked ahead of walk-ins within the slot; late, a
    /// walk-in ticket. Returns the record with the ticket.
    public func checkIn(code: String, limit: Limit, hall: Hall, at now: Date) async throws -> Lookup {
        try await changing(code, "check-in", limit: limit, at: now, zone: hall.timeZone) { [policy] appointment, db in
            let id = TicketID(UUID())
            let outcome = try appointment.checkIn(ticket: id, policy: policy, now: now, zone: hall.timeZone)
            let priority: AppointmentPriority?
            if case .onTime(let claim) = outcome { priority = claim } else { priority = nil }
            let ticket = try await TicketRepository.issue(
                id: id,
                business: appointment.business,
                greenChannel: nil,
                appointment: priority,
                day: hall.serviceDay(at: now),
                at: now,
                in: db
            )
            return (priority == nil ? "late " : "on-time ") + ticket.number.description
        }
    }

    /// Records as missed every booking whose day is over and nobody checked in; returns how many. The day run
    /// (`runDay`) does this once a day; tests and tools may call it at any time.
    @discardableResult
    public func markMissed(hall: Hall, at now: Date) async throws -> Int {
        try await database.transaction { [policy, dialect = database.dialect] db in
            try await Self.markMissed(policy: policy, hall: hall, dialect: dialect, at: now, in: db)
        }
    }

    /// In the caller's transaction: each booked row of an earlier day, locked and rechecked (a second process waiting
    /// on the lock finds it missed already and skips it), becomes missed, with its audit entry.
    static func markMissed(policy: AppointmentPolicy, hall: Hall, dialect: Dialect, at now: Date, in db: any SQLDatabase) async throws -> Int {
        let today = hall.serviceDay(at: now).description
        let batch = 1000
        var count = 0
        while true {
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Appointment.columns) FROM appointments WHERE status = 'booked' AND slot_day < \(bind: today)
                ORDER BY starts_at LIMIT \(bind: batch)\(unsafeRaw: dialect.forUpdate)
                """
            ).all()
            for row in rows {
                var appointment = try Appointment(row: row)
                try appointment.markMissed(policy: policy, now: now, zone: hall.timeZone)
                try await save(appointment, zone: hall.timeZone, at: now, in: db)
                try await AuditTrail.record(.appointment("missed", appointment, detail: ""), at: now, in: db)
                count += 1
            }
            if rows.count < batch { return count }
        }
    }

    // MARK: Slots

    /// A slot with the places left in it for one business.
    public struct Availability: Sendable, Equatable {
        public let slot: AppointmentSlot
        public let left: Int
        /// Whether it can still be booked now (not past its booking cut-off).
        public let open: Bool
    }

    /// The slots of a business on a day with the places left: the smaller of the business's and its window group's.
    public func availability(of business: BusinessCode, on day: LocalDate, calendar: WorkingDayCalendar, hall: Hall, at now: Date)
        async throws -> [Availability]
    {
        let slots = policy.slots(on: day, calendar: calendar)
        guard !slots.isEmpty else { return [] }
        return try await database.read { [policy] db in
            guard let pools = try await Self.pools(of: business, policy: policy, in: db) else { return [] }
            let rows = try await db.raw(
                """
                SELECT slot_start, pool, capacity, booked FROM appointment_capacity
                WHERE slot_day = \(bind: day.description) AND pool IN (\(binds: pools.map(\.key)))
                """
            ).all()
            var booked: [String: Int] = [:]
            for row in rows {
                booked["\(try row.decode(column: "slot_start", as: Int.self))/\(try row.decode(column: "pool", as: String.self))"] =
                    try row.decode(column: "booked", as: Int.self)
            }
            return slots.map { slot in
                let left = pools.map { $0.capacity - (booked["\(slot.start)/\($0.key)"] ?? 0) }.min() ?? 0
                return Availability(slot: slot, left: max(0, left), open: now < policy.cutoff(of: slot, zone: hall.timeZone))
            }
        }
    }

    // MARK: In a transaction

    struct Pool {
        let key: String
        let capacity: Int
    }

    /// The business's own pool and its window group's (the windows serving it); nil when no window serves it.
    static func pools(of business: BusinessCode, policy: AppointmentPolicy, in db: any SQLDatabase) async throws -> [Pool]? {
        let windows = try await db.raw(
            "SELECT window_number FROM window_businesses WHERE business_code = \(bind: business.value) ORDER BY window_number"
        ).all().map { try $0.decode(column: "window_number", as: Int.self) }
        guard !windows.isEmpty else { return nil }
        return [
            Pool(key: "business:\(business.value)", capacity: policy.perBusiness),
            Pool(key: "windows:\(windows.map(String.init).joined(separator: ","))", capacity: policy.perWindow * windows.count),
        ]
    }

    /// Takes one place of the slot in each pool with one conditional upsert per pool: a full pool returns no row and
    /// the whole booking rolls back. The CHECK constraint stands behind it.
    static func take(_ slot: AppointmentSlot, business: BusinessCode, policy: AppointmentPolicy, in db: any SQLDatabase) async throws {
        guard let pools = try await pools(of: business, policy: policy, in: db) else { throw AppointmentError.noSuchSlot }
        for pool in pools {
            guard
                try await db.raw(
                    """
                    INSERT INTO appointment_capacity (slot_day, slot_start, pool, capacity, booked)
                    VALUES (\(bind: slot.day.description), \(bind: slot.start), \(bind: pool.key), \(bind: pool.capacity), 1)
                    ON CONFLICT (slot_day, slot_start, pool) DO UPDATE SET booked = appointment_capacity.booked + 1
                    WHERE appointment_capacity.booked < appointment_capacity.capacity
                    RETURNING booked
                    """
                ).first() != nil
            else { throw AppointmentError.full }
        }
    }

    static func release(_ slot: AppointmentSlot, business: BusinessCode, policy: AppointmentPolicy, in db: any SQLDatabase) async throws {
        guard let pools = try await pools(of: business, policy: policy, in: db) else { return }
        for pool in pools {
            try await db.raw(
                """
                UPDATE appointment_capacity SET booked = booked - 1
                WHERE slot_day = \(bind: slot.day.description) AND slot_start = \(bind: slot.start) AND pool = \(bind: pool.key) AND booked > 0
                """
            ).run()
        }
    }

    /// Locates the code, locks the row, applies the event and writes the row and the audit entry.
    private func changing(
        _ code: String,
        _ action: String,
        limit: Limit,
        at now: Date,
        zone: TimeZone,
        _ event: @Sendable @escaping (inout Appointment, any SQLDatabase) async throws -> String
    ) async throws -> Lookup {
        try await database.transaction { [dialect = database.dialect] db in
            let id: AppointmentID
            switch try await Self.locate(code, limit: limit, at: now, in: db) {
            case .found(let found): id = found
            case .notFound: return .notFound
            case .limited: return .limited
            }
            guard
                let row = try await db.raw(
                    "SELECT \(unsafeRaw: Appointment.columns) FROM appointments WHERE id = \(bind: id.description)\(unsafeRaw: dialect.forUpdate)"
                ).first()
            else { return .notFound }
            var appointment = try Appointment(row: row)
            let detail = try await event(&appointment, db)
            try await Self.save(appointment, zone: zone, at: now, in: db)
            try await AuditTrail.record(.appointment(action, appointment, detail: detail), at: now, in: db)
            return .found(try await Self.record(id, in: db))
        }
    }

    enum Located: Equatable {
        case found(AppointmentID)
        case notFound
        case limited
    }

    /// Finds a booking code; an unknown one is recorded against the caller's address in the table the status query
    /// uses, so guessing codes is slowed across both, and refused once too many failed.
    static func locate(_ text: String, limit: Limit, at now: Date, in db: any SQLDatabase) async throws -> Located {
        let code = QueryCode.normalised(String(text.prefix(40)))
        let failures = try await StatusQueryAttempts.failures(of: limit.client, within: limit.window, before: now, in: db)
        guard failures < limit.maxFailures else {
            try await AuditTrail.record(AuditEntry("appointment.lookup", "appointment-code", outcome: .refused, detail: "429"), at: now, in: db)
            return .limited
        }
        guard
            code.count == QueryCode.length,
            let row = try await db.raw("SELECT id FROM appointments WHERE code = \(bind: code)").first(),
            let id = AppointmentID(try row.decode(column: "id", as: String.self))
        else {
            try await StatusQueryAttempts.recordFailure(of: limit.client, code: "appt:" + code.prefix(12), at: now, in: db)
            try await AuditTrail.record(AuditEntry("appointment.lookup", "appointment-code", outcome: .refused, detail: "404"), at: now, in: db)
            return .notFound
        }
        return .found(id)
    }

    static func record(_ id: AppointmentID, in db: any SQLDatabase) async throws -> Record {
        guard
            let row = try await db.raw(
                """
                SELECT \(unsafeRaw: Appointment.columns(as: "a")), a.code, a.name, a.phone_last4, t.prefix AS ticket_prefix, t.sequence AS
                ticket_sequence
                FROM appointments a LEFT JOIN tickets t ON t.id = a.ticket_id WHERE a.id = \(bind: id.description)
                """
            ).first()
        else { throw StoreError.corruptRow(table: "appointments", id: id.description) }
        let prefix = try row.decode(column: "ticket_prefix", as: String?.self).flatMap(TicketPrefix.init)
        let sequence = try row.decode(column: "ticket_sequence", as: Int?.self)
        return Record(
            appointment: try Appointment(row: row),
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            phoneLast4: try row.decode(column: "phone_last4", as: String.self),
            ticket: prefix.flatMap { p in sequence.map { TicketNumber(prefix: p, sequence: $0) } }
        )
    }

    static func save(_ appointment: Appointment, zone: TimeZone, at now: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE appointments SET status = \(bind: appointment.status.rawValue), slot_day = \(bind: appointment.slot.day.description),
                slot_start = \(bind: appointment.slot.start), slot_minutes = \(bind: appointment.slot.minutes),
                starts_at = \(bind: appointment.slot.startsAt(in: zone).millisecondsSince1970), changes = \(bind: appointment.changes), ticket_id =
                \(bind: appointment.ticket?.description),
                updated_at = \(bind: now.millisecondsSince1970)
            WHERE id = \(bind: appointment.id.description)
            """
        ).run()
    }

    static func digest(_ code: String, salt: String) -> String {
        SHA256.hash(data: Data((salt + ":" + code).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The instants (`at`) of rows whose sealed phone is this phone, among the rows `query` selects.
    static func samePhone(_ query: SQLQueryString, phone: MobileNumber, sealer: DataSealer, in db: any SQLDatabase) async throws -> [Date] {
        try await db.raw(query).all().compactMap { row in
            try sealer.open(row.decode(column: "phone_sealed", as: String.self)) == phone.value
                ? Date(milliseconds: try row.decode(column: "at", as: Int64.self)) : nil
        }
    }
}

extension AuditEntry {
    /// An appointment's change: its id and slot (no name, phone or code in the audit).
    static func appointment(_ action: String, _ appointment: Appointment, detail: String) -> AuditEntry {
        AuditEntry(
            "appointment.\(action)",
            "appointment:\(appointment.id)",
            detail: [appointment.slot.description, detail].filter { !$0.isEmpty }.joined(separator: " ")
        )
    }
}
