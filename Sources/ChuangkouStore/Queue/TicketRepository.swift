import ChuangkouCore
import Foundation
import SQLKit

/// Tickets: issuing, calling, and every later transition.
///
/// Two promises hold however many processes share the database, because the database keeps them:
/// - no number twice: the per-prefix, per-day counter is bumped by one atomic upsert and the ticket row is
///   unique on (day, prefix, sequence);
/// - one ticket, one window: call-next claims a row with a single `UPDATE … WHERE id = (SELECT … LIMIT 1)`
///   that rechecks `status = 'waiting'`, skipping rows another transaction is claiming (PostgreSQL) or
///   running alone (SQLite's single writer); a partial unique index forbids a second active ticket per window.
public struct TicketRepository: Sendable {
    let database: Database
    let policy: QueuePolicy

    public init(database: Database, policy: QueuePolicy = QueuePolicy()) {
        self.database = database
        self.policy = policy
    }

    /// Issues the next ticket of a business for the service day containing `now`. `declared`: the green channel was
    /// claimed by the citizen themselves (their phone), so the officer who calls the ticket checks it.
    public func issue(
        business code: BusinessCode,
        greenChannel: GreenChannel?,
        declared: Bool = false,
        hall: Hall,
        at now: Date
    ) async throws -> Ticket {
        let day = hall.serviceDay(at: now)
        return try await database.transaction { db in
            try await Self.issue(business: code, greenChannel: greenChannel, declared: declared, day: day, at: now, in: db)
        }
    }

    /// In a transaction: issues the next ticket of a business for `day` (the kiosk's, an inquiry turned into a
    /// ticket in one step, and an appointment's check-in: `appointment` is its claim on the calling order).
    static func issue(
        id: TicketID = TicketID(UUID()),
        business code: BusinessCode,
        greenChannel: GreenChannel?,
        declared: Bool = false,
        appointment: AppointmentPriority? = nil,
        day: LocalDate,
        at now: Date,
        in db: any SQLDatabase
    ) async throws -> Ticket {
        // One statement finds the business's prefix and bumps its counter for the day; no row means no business.
        guard
            let counter = try await db.raw(
                """
                INSERT INTO ticket_counters (service_day, prefix, last_sequence)
                SELECT \(bind: day.description), prefix, 1 FROM businesses WHERE code = \(bind: code.value)
                ON CONFLICT (service_day, prefix) DO UPDATE SET last_sequence = ticket_counters.last_sequence + 1
                RETURNING prefix, last_sequence
                """
            ).first(),
            let prefix = TicketPrefix(try counter.decode(column: "prefix", as: String.self))
        else { throw QueueError.unknownBusiness(code.value) }
        let sequence = try counter.decode(column: "last_sequence", as: Int.self)
        let ticket = Ticket(
            id: id,
            number: TicketNumber(prefix: prefix, sequence: sequence),
            serviceDay: day,
            issuedAt: now,
            business: code,
            greenChannel: greenChannel,
            declaration: declared ? greenChannel.map { GreenChannelDeclaration(reason: $0) } : nil,
            appointment: appointment
        )
        var detail = greenChannel.map { "green:\($0.rawValue)" + (declared ? " declared" : "") } ?? ""
        if appointment != nil { detail = "appointment" }
        try await db.runTogether([
            """
            INSERT INTO tickets (id, service_day, prefix, sequence, business_code, status, green_channel, issued_at, recalls,
                                 green_channel_declared, green_channel_check, appointment_from, appointment_until)
            VALUES (\(bind: ticket.id.description), \(bind: day.description), \(bind: prefix.value), \(bind: sequence),
                    \(bind: code.value), 'waiting', \(bind: greenChannel?.rawValue), \(bind: now.millisecondsSince1970), 0,
                    \(bind: ticket.declaration?.reason.rawValue), \(bind: ticket.declaration?.state.rawValue),
                    \(bind: appointment?.from.millisecondsSince1970), \(bind: appointment?.until.millisecondsSince1970))
            """,
            try HallEventLog.appending(
                HallEvent(kind: .ticket, ticketNumber: ticket.number.description, business: code.value, action: "issue", at: now),
                in: db
            ),
            try await AuditTrail.recording(.ticket("issue", ticket, detail: detail), at: now, in: db),
        ])
        return ticket
    }

    public func find(_ id: TicketID) async throws -> Ticket? {
        try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Ticket.columns) FROM tickets WHERE id = \(bind: id.description)").first().map(Ticket.init(row:))
        }
    }

    /// Calls the next ticket to a window, or returns nil when nothing it serves is waiting today.
    ///
    /// - Throws: `QueueError` when the officer is not signed in there, the window is paused or closed,
    ///   or it still holds a called or serving ticket.
    public func callNext(window number: WindowNumber, by badge: Badge, hall: Hall, at now: Date) async throws -> Ticket? {
        try await refusingSecondOpenTicket(at: number) { try await claimNext(window: number, by: badge, hall: hall, at: now) }
    }

    private func claimNext(window number: WindowNumber, by badge: Badge, hall: Hall, at now: Date) async throws -> Ticket? {
        try await database.transaction { [dialect = database.dialect] db in
            try await Self.claimNext(window: number, by: badge, day: hall.serviceDay(at: now), at: now, dialect: dialect, in: db)
        }
    }

    /// Finishes the ticket served at a window and calls the next one there, in one transaction: the officer's
    /// single press (办结并叫下一号). Nil as the called ticket when nothing waits; if the call is refused (the
    /// window was paused meanwhile) the ticket stays unfinished too.
    public func finishAndCallNext(_ id: TicketID, by badge: Badge, hall: Hall, at now: Date) async throws -> (finished: Ticket, called: Ticket?) {
        let window = try await find(id)?.window
        return try await refusingSecondOpenTicket(at: window) {
            try await database.transaction { [dialect = database.dialect] db in
                let finished = try await Self.apply(id, by: badge, atWindow: true, dialect: dialect, in: db) { ticket in
                    try ticket.finish(by: badge, at: now)
                }
                guard let number = finished.window else { return (finished, nil) }
                let called = try await Self.claimNext(window: number, by: badge, day: hall.serviceDay(at: now), at: now, dialect: dialect, in: db)
                return (finished, called)
            }
        }
    }

    /// In a transaction: checks the window may call, then claims the oldest waiting ticket it serves and applies
    /// Core's `call` to it.
    static func claimNext(
        window number: WindowNumber,
        by badge: Badge,
        day: LocalDate,
        at now: Date,
        dialect: Dialect,
        in db: any SQLDatabase
    ) async throws
        -> Ticket?
    {
        try await checkWindowMayCall(number, badge: badge, dialect: dialect, in: db)
        // The claim: one statement picks the oldest waiting ticket this window serves and locks it, rechecking that
        // it still waits (PostgreSQL skips rows another call is claiming). It changes nothing; Core's `call` does.
        guard
            let row = try await db.raw(
                """
                UPDATE tickets SET status = status
                WHERE status = 'waiting' AND id = (
                    SELECT t.id FROM tickets t
                    JOIN window_businesses wb ON wb.business_code = t.business_code AND wb.window_number = \(bind: number.value)
                    WHERE t.service_day = \(bind: day.description) AND t.status = 'waiting'
                    ORDER BY \(Self.callingOrder(at: now, table: "t"))
                    LIMIT 1\(unsafeRaw: dialect.forUpdateSkipLocked(of: "t"))
                )
                RETURNING \(unsafeRaw: Ticket.columns)
                """
            ).first()
        else { return nil }
        var ticket = try Ticket(row: row)
        let transition = try ticket.call(window: number, by: badge, at: now)
        try await save(ticket, transition, in: db)
        // The call moved the business's line: whoever is now 3 or fewer from the front and gave a phone is told (issue 15).
        try await TicketContacts.headsUp(business: ticket.business, day: day, at: now, in: db)
        return ticket
    }

    /// Calls one particular waiting ticket out of turn. The reason is required and kept for supervisors.
    public func call(_ id: TicketID, window number: WindowNumber, by badge: Badge, reason: String, at now: Date) async throws -> Ticket {
        let reason = Masking.maskPersonalNumbers(in: reason.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !reason.isEmpty else { throw QueueError.outOfOrderNeedsReason }
        return try await refusingSecondOpenTicket(at: number) { try await callOutOfTurn(id, window: number, by: badge, reason: reason, at: now) }
    }

    private func callOutOfTurn(_ id: TicketID, window number: WindowNumber, by badge: Badge, reason: String, at now: Date) async throws -> Ticket {
        try await database.transaction { [dialect = database.dialect] db in
            try await Self.checkWindowMayCall(number, badge: badge, dialect: dialect, in: db)
            let window = try await WindowRepository.lock(number, dialect: dialect, in: db)
            var ticket = try await Self.lock(id, dialect: dialect, in: db)
            guard window.businesses.contains(ticket.business) else {
                throw QueueError.windowNotServing(window: number, business: ticket.business.value)
            }
            let transition = try ticket.call(window: number, by: badge, at: now, outOfOrderReason: reason)
            try await Self.save(ticket, transition, in: db)
            return ticket
        }
    }

    public func recall(_ id: TicketID, by badge: Badge, at now: Date) async throws -> Ticket {
        try await change(id, by: badge, atWindow: true) { ticket in try ticket.recall(by: badge, at: now) }
    }

    public func start(_ id: TicketID, by badge: Badge, at now: Date) async throws -> Ticket {
        try await change(id, by: badge, atWindow: true) { ticket in try ticket.start(by: badge, at: now) }
    }

    public func finish(_ id: TicketID, by badge: Badge, at now: Date) async throws -> Ticket {
        try await change(id, by: badge, atWindow: true) { ticket in try ticket.finish(by: badge, at: now) }
    }

    /// The officer at the window confirms or declines the green channel the ticket's holder declared.
    public func checkGreenChannel(_ id: TicketID, confirm: Bool, by badge: Badge, at now: Date) async throws -> Ticket {
        try await change(id, by: badge, atWindow: true) { ticket in
            confirm ? try ticket.confirmGreenChannel(by: badge, at: now) : try ticket.declineGreenChannel(by: badge, at: now)
        }
    }

    public func markNoShow(_ id: TicketID, by badge: Badge, at now: Date) async throws -> Ticket {
        try await change(id, by: badge, atWindow: true) { [policy] ticket in try ticket.markNoShow(by: badge, at: now, policy: policy) }
    }

    /// Cancels a waiting or called ticket. A called ticket can only be cancelled by the officer at its window.
    public func cancel(_ id: TicketID, by badge: Badge, at now: Date) async throws -> Ticket {
        try await change(id, by: badge, atWindow: false) { ticket in try ticket.cancel(by: badge, at: now) }
    }

    /// Moves a waiting or called ticket to another business; it keeps its place by original issue time.
    public func transfer(_ id: TicketID, to business: BusinessCode, by badge: Badge, at now: Date) async throws -> Ticket {
        try await change(id, by: badge, atWindow: false, checkBusiness: business) { ticket in
            try ticket.transfer(to: business, by: badge, at: now)
        }
    }

    /// The calling order in SQL, the same keys as `QueuePolicy.precedes`: green channel, then appointments within their
    /// slot at `now`, then issue time and number.
    static func callingOrder(at now: Date, table: String) -> SQLQueryString {
        let t = table
        let ms = now.millisecondsSince1970
        return """
            (\(unsafeRaw: t).green_channel IS NULL), \(rank(at: ms, table: t)), \(unsafeRaw: t).issued_at, \(unsafeRaw: t).prefix, \
            \(unsafeRaw: t).sequence, \(unsafeRaw: t).id
            """
    }

    /// `QueuePolicy.rank` in SQL: 0 green channel, 1 an appointment inside its slot, 2 everyone else.
    static func rank(at ms: Int64, table t: String) -> SQLQueryString {
        """
        (CASE WHEN \(unsafeRaw: t).green_channel IS NOT NULL THEN 0 \
        WHEN \(unsafeRaw: t).appointment_from <= \(bind: ms) AND \(bind: ms) < \(unsafeRaw: t).appointment_until THEN 1 ELSE 2 END)
        """
    }

    /// Today's waiting tickets for the given businesses, in calling order at `now`.
    public func waiting(for businesses: [BusinessCode], serviceDay: LocalDate, at now: Date) async throws -> [Ticket] {
        guard !businesses.isEmpty else { return [] }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Ticket.columns) FROM tickets t
                WHERE service_day = \(bind: serviceDay.description) AND status = 'waiting'
                  AND business_code IN (\(binds: businesses.map(\.value)))
                ORDER BY \(Self.callingOrder(at: now, table: "t"))
                """
            ).all().map(Ticket.init(row:))
        }
    }

    /// The most recent calls of the day, newest first, for the display.
    public func latestCalls(serviceDay: LocalDate, limit: Int) async throws -> [Ticket] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Ticket.columns) FROM tickets
                WHERE service_day = \(bind: serviceDay.description) AND called_at IS NOT NULL AND window_number IS NOT NULL
                ORDER BY called_at DESC,
                    (SELECT MAX(e.id) FROM ticket_events e WHERE e.ticket_id = tickets.id AND e.action = 'call') DESC
                LIMIT \(bind: limit)
                """
            ).all().map(Ticket.init(row:))
        }
    }

    /// Where a waiting ticket stands and how long it may wait; nil for tickets no longer waiting.
    public func standing(of ticket: Ticket, at now: Date) async throws -> (position: Int, estimatedWaitMinutes: Int?)? {
        guard ticket.status == .waiting else { return nil }
        let (ahead, recent, openWindows, typical) = try await database.read { db in
            // One statement (a round trip on PostgreSQL instead of four): the counts and the business's typical minutes
            // on every row, beside the last 20 service times (none: one row with those NULL).
            // `ahead` counts the tickets QueuePolicy.precedes puts before this one at `now`, in SQL, so a long line is not
            // read row by row on every issue (a test checks it against QueuePolicy.position): a lower rank, or the same
            // rank and an earlier issue time or number.
            let ms = now.millisecondsSince1970
            let mine = QueuePolicy.rank(ticket, at: now)
            let issued = ticket.issuedAt.millisecondsSince1970
            let day = ticket.serviceDay.description
            let business = ticket.business.value
            let rows = try await db.raw(
                """
                SELECT a.ahead, a.open, a.typical, r.took FROM (SELECT
                    (SELECT COUNT(*) FROM tickets t
                     WHERE t.service_day = \(bind: day) AND t.status = 'waiting'
                       AND t.business_code = \(bind: business) AND t.id <> \(bind: ticket.id.description)
                       AND (\(Self.rank(at: ms, table: "t")) < \(bind: mine)
                         OR (\(Self.rank(at: ms, table: "t")) = \(bind: mine)
                             AND (t.issued_at < \(bind: issued)
                                 OR (t.issued_at = \(bind: issued)
                                     AND (t.prefix < \(bind: ticket.number.prefix.value)
                                          OR (t.prefix = \(bind: ticket.number.prefix.value)
                                              AND t.sequence < \(bind: ticket.number.sequence)))))))) AS ahead,
                    (SELECT COUNT(*) FROM windows w JOIN window_businesses wb ON wb.window_number = w.number
                     WHERE w.status = 'open' AND wb.business_code = \(bind: business)) AS open,
                    (SELECT typical_service_minutes FROM businesses WHERE code = \(bind: business)) AS typical
                ) a LEFT JOIN (
                    SELECT finished_at - started_at AS took FROM tickets
                    WHERE service_day = \(bind: day) AND business_code = \(bind: business)
                      AND status = 'finished' AND started_at IS NOT NULL
                    ORDER BY finished_at DESC LIMIT 20
                ) r ON 1 = 1
                """
            ).all()
            let first = rows.first
            return (
                try first?.decode(column: "ahead", as: Int.self) ?? 0,
                try rows.compactMap { try $0.decode(column: "took", as: Int64?.self).map { Double($0) / 1000 } },
                try first?.decode(column: "open", as: Int.self) ?? 0,
                try first?.decode(column: "typical", as: Int?.self) ?? 10
            )
        }
        let position = ahead + 1
        let average = WaitEstimate.averageServiceMinutes(recentSeconds: recent, typicalMinutes: typical, policy: policy)
        return (position, WaitEstimate.minutes(position: position, averageServiceMinutes: average, openWindows: openWindows))
    }

    /// The transitions a ticket went through, oldest first.
    public func history(of id: TicketID) async throws -> [TicketTransition] {
        try await database.read { db in
            guard try await db.raw("SELECT id FROM tickets WHERE id = \(bind: id.description)").first() != nil else {
                throw QueueError.unknownTicket(id.description)
            }
            return try await db.raw(
                """
                SELECT action, from_status, to_status, officer_badge, window_number, at, detail FROM ticket_events
                WHERE ticket_id = \(bind: id.description) ORDER BY id
                """
            ).all().map { row in
                guard let action = TicketAction(rawValue: try row.decode(column: "action", as: String.self)),
                    let from = TicketStatus(rawValue: try row.decode(column: "from_status", as: String.self)),
                    let to = TicketStatus(rawValue: try row.decode(column: "to_status", as: String.self))
                else { throw StoreError.corruptRow(table: "ticket_events", id: id.description) }
                return TicketTransition(
                    ticket: id,
                    action: action,
                    from: from,
                    to: to,
                    officer: try row.decode(column: "officer_badge", as: String?.self).flatMap(Badge.init),
                    window: try row.decodeWindow(column: "window_number"),
                    at: Date(milliseconds: try row.decode(column: "at", as: Int64.self)),
                    detail: try row.decode(column: "detail", as: String?.self)
                )
            }
        }
    }

    // MARK: - One transaction per change

    /// The window checks above normally refuse a second open ticket first; should a race ever reach the partial
    /// unique index instead, the caller still gets "window busy", not a database error.
    private func refusingSecondOpenTicket<T>(at window: WindowNumber?, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error where UniqueViolation.matches(error) {
            // A ticket at no window cannot meet the one-open-ticket-per-window index: another constraint it is.
            guard let window else { throw error }
            let open = try await database.read { db in
                try await db.raw(
                    """
                    SELECT \(unsafeRaw: Ticket.columns) FROM tickets WHERE window_number = \(bind: window.value) AND status IN ('called', 'serving')
                    """
                ).first().map(Ticket.init(row:))
            }
            throw QueueError.windowBusy(window: window, ticket: open?.number.description ?? "?")
        }
    }

    private func change(
        _ id: TicketID,
        by badge: Badge,
        atWindow: Bool,
        checkBusiness: BusinessCode? = nil,
        _ event: @Sendable @escaping (inout Ticket) throws -> TicketTransition
    ) async throws -> Ticket {
        try await database.transaction { [dialect = database.dialect] db in
            if let code = checkBusiness, try await BusinessRepository.find(code, in: db) == nil {
                throw QueueError.unknownBusiness(code.value)
            }
            return try await Self.apply(id, by: badge, atWindow: atWindow, dialect: dialect, in: db, event)
        }
    }

    /// In a transaction: locks the ticket (and its window, checking the officer is the one there), applies the Core
    /// event and saves it with its transition.
    static func apply(
        _ id: TicketID,
        by badge: Badge,
        atWindow: Bool,
        dialect: Dialect,
        in db: any SQLDatabase,
        _ event: (inout Ticket) throws -> TicketTransition
    ) async throws -> Ticket {
        var ticket: Ticket
        // Only the officer at the ticket's window acts on a called ticket; a waiting one any officer may handle.
        // A ticket at a window is locked with its window in one statement (start and finish: a round trip fewer on
        // PostgreSQL); one at no window, or whose window changed while the lock waited, goes the two-step way.
        if atWindow, let (locked, officer) = try await lockWithWindow(id, dialect: dialect, in: db), let number = locked.window {
            guard officer == badge else { throw QueueError.notSignedIn(window: number) }
            ticket = locked
        } else {
            ticket = try await lock(id, dialect: dialect, in: db)
            if atWindow || ticket.status.isActiveAtWindow, let number = ticket.window {
                let window = try await WindowRepository.lock(number, dialect: dialect, in: db)
                guard window.officer == badge else { throw QueueError.notSignedIn(window: number) }
            }
        }
        let transition = try event(&ticket)
        try await save(ticket, transition, in: db)
        return ticket
    }

    /// Locks the window and checks that `badge` may call to it now and that it holds no open ticket.
    ///
    /// On SQLite one statement does it (the transaction already holds the only write lock). On PostgreSQL the row
    /// lock comes first, in its own statement: a statement's snapshot is taken when it starts, so a check written in
    /// the same statement as the lock could miss a call committed while it waited for that lock.
    static func checkWindowMayCall(_ number: WindowNumber, badge: Badge, dialect: Dialect, in db: any SQLDatabase) async throws {
        if dialect == .postgres {
            try await db.raw("SELECT number FROM windows WHERE number = \(bind: number.value) FOR UPDATE").run()
        }
        guard
            let row = try await db.raw(
                """
                SELECT w.status, w.officer_badge,
                    (SELECT t.prefix FROM tickets t WHERE t.window_number = w.number AND t.status IN ('called', 'serving')) AS busy_prefix,
                    (SELECT t.sequence FROM tickets t WHERE t.window_number = w.number AND t.status IN ('called', 'serving')) AS busy_sequence
                FROM windows w WHERE w.number = \(bind: number.value)
                """
            ).first()
        else { throw QueueError.unknownWindow(number) }
        guard let status = Window.Status(rawValue: try row.decode(column: "status", as: String.self)) else {
            throw StoreError.corruptRow(table: "windows", id: number.description)
        }
        let officer = try row.decode(column: "officer_badge", as: String?.self).flatMap(Badge.init)
        try Window(number: number, status: status, businesses: [], officer: officer).checkMayCall(badge)
        if let prefix = try row.decode(column: "busy_prefix", as: String?.self).flatMap(TicketPrefix.init),
            let sequence = try row.decode(column: "busy_sequence", as: Int?.self)
        {
            throw QueueError.windowBusy(window: number, ticket: TicketNumber(prefix: prefix, sequence: sequence).description)
        }
    }

    /// Locks a ticket at a window and that window's row; nil if there is no such ticket or it is at no window.
    static func lockWithWindow(_ id: TicketID, dialect: Dialect, in db: any SQLDatabase) async throws -> (Ticket, officer: Badge?)? {
        guard
            let row = try await db.raw(
                """
                SELECT \(unsafeRaw: Ticket.columnsOfT), w.officer_badge AS window_officer
                FROM tickets t JOIN windows w ON w.number = t.window_number
                WHERE t.id = \(bind: id.description)\(unsafeRaw: dialect.forUpdate)
                """
            ).first()
        else { return nil }
        return (try Ticket(row: row), try row.decode(column: "window_officer", as: String?.self).flatMap(Badge.init))
    }

    static func lock(_ id: TicketID, dialect: Dialect, in db: any SQLDatabase) async throws -> Ticket {
        guard
            let row = try await db.raw(
                """
                SELECT \(unsafeRaw: Ticket.columns) FROM tickets WHERE id = \(bind: id.description)\(unsafeRaw: dialect.forUpdate)
                """
            ).first()
        else { throw QueueError.unknownTicket(id.description) }
        return try Ticket(row: row)
    }

    /// Writes a change already applied: the ticket row, its transition log row, the display event and the audit entry,
    /// together (one round trip on PostgreSQL); a change to a ticket of a day gone by also forgets the day's desk rollup.
    static func save(_ ticket: Ticket, _ t: TicketTransition, in db: any SQLDatabase) async throws {
        // A handover calls the ticket to the colleague's window: the display shows and speaks it like any call.
        let kind: HallEvent.Kind = [.call, .recall, .handOver].contains(t.action) ? .call : .ticket
        try await db.runTogether([
            """
            UPDATE tickets SET status = \(bind: ticket.status.rawValue), business_code = \(bind: ticket.business.value),
                window_number = \(bind: ticket.window?.value), officer_badge = \(bind: ticket.officer?.value),
                called_at = \(bind: ticket.calledAt?.millisecondsSince1970), started_at = \(bind: ticket.startedAt?.millisecondsSince1970),
                finished_at = \(bind: ticket.finishedAt?.millisecondsSince1970), recalls = \(bind: ticket.recalls),
                out_of_order_reason = \(bind: ticket.outOfOrderReason), green_channel = \(bind: ticket.greenChannel?.rawValue),
                green_channel_check = \(bind: ticket.declaration?.state.rawValue)
            WHERE id = \(bind: ticket.id.description)
            """,
            """
            INSERT INTO ticket_events (ticket_id, action, from_status, to_status, officer_badge, window_number, at, detail)
            VALUES (\(bind: t.ticket.description), \(bind: t.action.rawValue), \(bind: t.from.rawValue), \(bind: t.to.rawValue),
                    \(bind: t.officer?.value), \(bind: t.window?.value), \(bind: t.at.millisecondsSince1970), \(bind: t.detail))
            """,
            try HallEventLog.appending(
                HallEvent(
                    kind: kind,
                    ticketNumber: ticket.number.description,
                    business: ticket.business.value,
                    window: t.window ?? ticket.window,
                    action: t.action.rawValue,
                    at: t.at
                ),
                in: db
            ),
            try await AuditTrail.recording(.ticket(t.action.rawValue, ticket, detail: t.detail ?? ""), at: t.at, in: db),
        ] + [DeskRollups.forgetting(serviceDay: ticket.serviceDay, changedAt: t.at)].compactMap { $0 })
    }
}

extension AuditEntry {
    /// A ticket's change: the number and the id name it (no personal data on a ticket).
    static func ticket(_ action: String, _ ticket: Ticket, detail: String) -> AuditEntry {
        AuditEntry("ticket.\(action)", "ticket:\(ticket.number)/\(ticket.id)", detail: detail)
    }
}
