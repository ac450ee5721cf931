import ChuangkouCore
import Foundation
import SQLKit

/// Why the Store refused an on-site visit's request or step, beyond Core's `OnSiteError`.
public enum OnSiteRecordError: Error, Equatable, Sendable {
    case unknownVisit
    case unknownBusiness(String)
    /// A team member or leader with no enabled account.
    case unknownOfficer(Badge)
    /// A wrong query code and wrong digits get the same answer.
    case queryNotFound
}

/// On-site visits (现场办公): each change locks the row, opens the sealed visit, applies Core's event and writes back
/// the visit, its team, its history, its messages and the audit row in one transaction.
public struct OnSiteRepository: Sendable {
    let database: Database
    let sealer: DataSealer
    public let policy: OnSiteVisit.Policy

    public init(database: Database, sealer: DataSealer, policy: OnSiteVisit.Policy = OnSiteVisit.Policy()) {
        self.database = database
        self.sealer = sealer
        self.policy = policy
    }

    /// A visit as a page or an answer shows it.
    public struct Record: Sendable, Equatable {
        public let visit: OnSiteVisit
        /// `138****5678`.
        public let phoneMasked: String
        public let history: [OnSiteEntry]
    }

    /// A new request and, for the public form, the code the applicant follows it with.
    public struct Requested: Sendable, Equatable {
        public let visit: OnSiteVisit
        public let queryCode: String?
    }

    // MARK: Requesting

    public func request(
        _ request: OnSiteVisit.Request,
        phone: MobileNumber,
        channel: OnSiteVisit.Channel,
        recordedBy: Badge?,
        hall: Hall,
        at instant: Date
    ) async throws -> Requested {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        let (visit, effects) = try OnSiteVisit.request(
            request,
            id: OnSiteVisitID(UUID()),
            channel: channel,
            recordedBy: recordedBy,
            at: now,
            on: hall.serviceDay(at: now),
            policy: policy
        )
        // Only the public form gets a code: staff tell the applicant by phone, and the outbox tells both.
        let code = channel == .online ? QueryCode.generate() : nil
        let sealedPhone = try sealer.seal(phone.value)
        let sealedVisit = try sealer.seal(try StoredJSON.text(visit))
        return try await database.transaction { db in
            for business in visit.request.businesses where try await BusinessRepository.find(business, in: db) == nil {
                throw OnSiteRecordError.unknownBusiness(business.value)
            }
            try await db.raw(
                """
                INSERT INTO onsite_visits (id, query_code, phone_sealed, phone_last4, phone_masked, channel, stage, slot_day, slot_half,
                    visit_sealed, requested_at, updated_at)
                VALUES (\(bind: visit.id.description), \(bind: code), \(bind: sealedPhone), \(bind: phone.lastFour), \(bind: phone.masked),
                    \(bind: channel.rawValue), \(bind: visit.stage.rawValue), NULL, NULL, \(bind: sealedVisit),
                    \(bind: now.millisecondsSince1970), \(bind: now.millisecondsSince1970))
                """
            ).run()
            try await apply(effects, to: visit, by: recordedBy, hall: hall, at: now, in: db)
            try await AuditTrail.record(
                AuditEntry("onsite.request", "onsite:\(visit.id)", detail: "\(channel.rawValue) \(visit.request.reason.rawValue)"),
                at: now,
                in: db
            )
            return Requested(visit: visit, queryCode: code)
        }
    }

    // MARK: Steps

    /// The duty leader plans the visit: a working half-day and the team (enabled accounts, in the order given).
    public func approve(
        _ id: OnSiteVisitID,
        slot: DutySlot,
        team: [Badge],
        by leader: Badge,
        calendar: WorkingDayCalendar,
        hall: Hall,
        at now: Date
    ) async throws -> OnSiteVisit {
        try await change(id, by: leader, action: "onsite.approve", hall: hall, at: now) { visit, db in
            let approver = try await Self.enabledOfficer(leader, in: db)
            var members: [Officer] = []
            for badge in team { members.append(try await Self.enabledOfficer(badge, in: db)) }
            return try visit.approve(
                slot,
                team: members,
                by: approver,
                calendar: calendar,
                today: hall.serviceDay(at: now),
                at: now,
                policy: policy
            )
        }
    }

    public func decline(_ id: OnSiteVisitID, reason: String, by leader: Badge, hall: Hall, at now: Date) async throws -> OnSiteVisit {
        try await change(id, by: leader, action: "onsite.decline", hall: hall, at: now) { visit, db in
            try visit.decline(reason: reason, by: try await Self.enabledOfficer(leader, in: db), at: now)
        }
    }

    /// How the visit went, by a team member (or a duty leader) on or after its day. A visit `visible` refuses is
    /// answered as unknown, before any step. The visit is loaded once, and the record answered is read in the same
    /// transaction (covered by the `onsite.result` audit row).
    public func recordResult(
        _ id: OnSiteVisitID,
        _ outcome: OnSiteVisit.Outcome,
        note: String,
        casesTaken: Int,
        by badge: Badge,
        hall: Hall,
        at now: Date,
        visible: @escaping @Sendable (OnSiteVisit) -> Bool = { _ in true }
    ) async throws -> Record {
        try await changeRecord(id, by: badge, action: "onsite.result", hall: hall, at: now, visible: visible) { visit, db in
            try visit.recordResult(
                outcome,
                note: note,
                casesTaken: casesTaken,
                by: try await Self.enabledOfficer(badge, in: db),
                on: hall.serviceDay(at: now),
                at: now
            )
        }
    }

    private func change(
        _ id: OnSiteVisitID,
        by badge: Badge,
        action: String,
        hall: Hall,
        at instant: Date,
        _ event: @escaping @Sendable (inout OnSiteVisit, any SQLDatabase) async throws -> [OnSiteEffect]
    ) async throws -> OnSiteVisit {
        try await changeRecord(id, by: badge, action: action, hall: hall, at: instant, visible: { _ in true }, event).visit
    }

    /// Locks the row, applies the event, writes back, and reads the record afresh, all in one transaction.
    private func changeRecord(
        _ id: OnSiteVisitID,
        by badge: Badge,
        action: String,
        hall: Hall,
        at instant: Date,
        visible: @escaping @Sendable (OnSiteVisit) -> Bool,
        _ event: @escaping @Sendable (inout OnSiteVisit, any SQLDatabase) async throws -> [OnSiteEffect]
    ) async throws -> Record {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        return try await database.transaction { [dialect = database.dialect, sealer] db in
            var visit = try await Self.lock(id, sealer: sealer, dialect: dialect, in: db)
            guard visible(visit) else { throw OnSiteRecordError.unknownVisit }
            let effects = try await event(&visit, db)
            try await db.raw(
                """
                UPDATE onsite_visits SET stage = \(bind: visit.stage.rawValue), slot_day = \(bind: visit.plan?.slot.day.description),
                    slot_half = \(bind: visit.plan?.slot.half.rawValue), visit_sealed = \(bind: try sealer.seal(try StoredJSON.text(visit))),
                    outcome = \(bind: visit.result?.outcome.rawValue), updated_at = \(bind: now.millisecondsSince1970)
                WHERE id = \(bind: id.description)
                """
            ).run()
            try await apply(effects, to: visit, by: badge, hall: hall, at: now, in: db)
            try await AuditTrail.record(AuditEntry(action, "onsite:\(id)", detail: visit.stage.rawValue), at: now, in: db)
            guard let record = try await records(where: "v.id = \(bind: id.description)", in: db).first else {
                throw OnSiteRecordError.unknownVisit
            }
            return record
        }
    }

    /// Writes what an event asked for, in the caller's transaction.
    private func apply(
        _ effects: [OnSiteEffect],
        to visit: OnSiteVisit,
        by badge: Badge?,
        hall: Hall,
        at now: Date,
        in db: any SQLDatabase
    ) async throws {
        for effect in effects {
            switch effect {
            case .history(let entry):
                try await db.raw(
                    """
                    INSERT INTO onsite_events (visit_id, code, by_badge, detail, at)
                    VALUES (\(bind: visit.id.description), \(bind: entry.code.rawValue), \(bind: entry.by?.value), \(bind: entry.detail),
                        \(bind: entry.at.millisecondsSince1970))
                    """
                ).run()
            case .notifyLeaders:
                for leader in try await OfficerRepository.badges(holding: .dutyLeader, in: db) {
                    try await NotificationOutbox.enqueue(
                        kind: "onsite.requested",
                        to: leader,
                        subject: "现场办公申请待审批 / An on-site visit to decide",
                        payload: #"{"visit":"\#(visit.id)"}"#,
                        at: now,
                        in: db
                    )
                }
            case .notifyTeam(let team):
                guard let slot = visit.plan?.slot else { continue }
                for (position, member) in team.enumerated() {
                    try await db.raw(
                        """
                        INSERT INTO onsite_team (visit_id, badge, position, slot_day)
                        VALUES (\(bind: visit.id.description), \(bind: member.value), \(bind: position), \(bind: slot.day.description))
                        """
                    ).run()
                    try await NotificationOutbox.enqueue(
                        kind: "onsite.assigned",
                        to: member,
                        subject: "现场办公：\(slot.label) / On-site visit: \(slot)",
                        payload: #"{"visit":"\#(visit.id)"}"#,
                        at: now,
                        in: db
                    )
                }
            case .notifyApplicant(let kind, var values):
                guard
                    let row = try await db.raw(
                        "SELECT phone_sealed, query_code FROM onsite_visits WHERE id = \(bind: visit.id.description)"
                    ).first()
                else { continue }
                values["hall"] = hall.name
                // A request staff recorded for a caller has no code: the message still says what it is about.
                values["queryCode"] = try row.decode(column: "query_code", as: String?.self) ?? "电话登记"
                values["queryCode@en"] = try row.decode(column: "query_code", as: String?.self) ?? "recorded by phone"
                // One decision per visit: a retried or concurrent step sends once.
                try await NotificationOutbox.enqueue(
                    kind,
                    values: values,
                    phoneSealed: try row.decode(column: "phone_sealed", as: String.self),
                    answeredBy: badge,
                    payload: try StoredJSON.text(["visit": visit.id.description]),
                    key: "onsite:\(visit.id):\(kind.rawValue)",
                    at: now,
                    in: db
                )
            }
        }
    }

    // MARK: The applicant's phone

    /// The applicant's phone for a team member to call (pages and the route list show it masked): checked by Core
    /// (`checkRevealContact`), opened from its seal and audited in the same transaction as the read (who, which
    /// visit; never the number itself), stamped `now` (the caller's clock).
    public func revealContact(_ id: OnSiteVisitID, by badge: Badge, at instant: Date) async throws -> MobileNumber {
        let now = Date(milliseconds: instant.millisecondsSince1970)
        return try await database.transaction { [dialect = database.dialect, sealer] db in
            let visit = try await Self.lock(id, sealer: sealer, dialect: dialect, in: db)
            try visit.checkRevealContact(by: badge)
            guard
                let row = try await db.raw("SELECT phone_sealed FROM onsite_visits WHERE id = \(bind: id.description)").first(),
                let phone = MobileNumber(try sealer.open(try row.decode(column: "phone_sealed", as: String.self)))
            else { throw StoreError.corruptRow(table: "onsite_visits", id: id.description) }
            try await AuditTrail.record(
                AuditEntry("onsite.reveal-contact", "onsite:\(id)", detail: "\(badge) \(visit.plan?.slot.day.description ?? "")"),
                at: now,
                in: db
            )
            return phone
        }
    }

    // MARK: Reading

    /// One visit with its history; the read of its personal data is audited under `reader`, stamped `now` (the caller's
    /// clock, as every other step of the visit).
    public func find(_ id: OnSiteVisitID, readBy reader: Badge, at now: Date) async throws -> Record? {
        try await database.recordRead(AuditEntry("onsite.read", "onsite:\(id)", detail: reader.value), at: now)
        return try await database.read { db in
            try await records(where: "v.id = \(bind: id.description)", in: db).first
        }
    }

    /// Visits at a stage (all when nil), newest first.
    public func list(stage: OnSiteVisit.Stage?, limit: Int = 200) async throws -> [Record] {
        try await database.read { db in
            let condition: SQLQueryString = stage.map { "v.stage = \(bind: $0.rawValue)" } ?? "1 = 1"
            return try await records(where: condition, order: "v.requested_at DESC", limit: limit, in: db)
        }
    }

    /// The day's route list: the visits planned that day, morning first, in the order they were planned. Its
    /// personal data is read by `reader`, audited at `now` (the caller's clock).
    public func day(_ day: LocalDate, readBy reader: Badge, at now: Date) async throws -> [Record] {
        try await database.recordRead(AuditEntry("onsite.route-list", "onsite-day:\(day)", detail: reader.value), at: now)
        return try await database.read { db in
            try await records(
                where: "v.slot_day = \(bind: day.description) AND v.stage IN ('approved', 'visited')",
                // `morning` > `afternoon` as text, so DESC puts mornings first.
                order: "v.slot_half DESC, v.updated_at",
                limit: 200,
                in: db
            )
        }
    }

    /// An officer's schedule: the visits they are on from `day` on, soonest first.
    public func schedule(of badge: Badge, from day: LocalDate) async throws -> [Record] {
        try await database.read { db in
            try await records(
                where: """
                    v.stage IN ('approved', 'visited') AND EXISTS (SELECT 1 FROM onsite_team t WHERE t.visit_id = v.id
                        AND t.badge = \(bind: badge.value) AND t.slot_day >= \(bind: day.description))
                    """,
                order: "v.slot_day, v.slot_half DESC",
                limit: 100,
                in: db
            )
        }
    }

    /// The applicant's own view, by query code and the phone's last four digits.
    public func query(code: String, lastFour: String, at now: Date) async throws -> Record {
        let code = QueryCode.normalised(code)
        guard let record = try await database.read({ db in
            try await records(where: "v.query_code = \(bind: code) AND v.phone_last4 = \(bind: lastFour)", in: db).first
        })
        else {
            try await database.recordRefusal(AuditEntry("onsite.query", "onsite:?", outcome: .refused), at: now)
            throw OnSiteRecordError.queryNotFound
        }
        try await database.recordRead(AuditEntry("onsite.query", "onsite:\(record.visit.id)"), at: now)
        return record
    }

    private func records(
        where condition: SQLQueryString,
        order: String = "v.requested_at DESC",
        limit: Int = 1,
        in db: any SQLDatabase
    ) async throws -> [Record] {
        let rows = try await db.raw(
            """
            SELECT v.id, v.visit_sealed, v.phone_masked FROM onsite_visits v WHERE \(condition)
            ORDER BY \(unsafeRaw: order) LIMIT \(bind: limit)
            """
        ).all()
        let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
        guard !ids.isEmpty else { return [] }
        // Every listed visit's history in one query (at most `limit` ids), grouped by visit.
        var histories: [String: [OnSiteEntry]] = [:]
        for event in try await db.raw(
            """
            SELECT visit_id, code, by_badge, detail, at FROM onsite_events WHERE visit_id IN (\(binds: ids)) ORDER BY id
            """
        ).all() {
            let id = try event.decode(column: "visit_id", as: String.self)
            guard let code = OnSiteEntry.Code(rawValue: try event.decode(column: "code", as: String.self)) else {
                throw StoreError.corruptRow(table: "onsite_events", id: id)
            }
            histories[id, default: []].append(
                OnSiteEntry(
                    code,
                    by: try event.decode(column: "by_badge", as: String?.self).flatMap(Badge.init),
                    at: Date(milliseconds: try event.decode(column: "at", as: Int64.self)),
                    detail: try event.decode(column: "detail", as: String.self)
                )
            )
        }
        return try zip(rows, ids).map { row, id in
            Record(
                visit: try open(try row.decode(column: "visit_sealed", as: String.self), id: id),
                phoneMasked: try row.decode(column: "phone_masked", as: String.self),
                history: histories[id] ?? []
            )
        }
    }

    private func open(_ sealed: String, id: String) throws -> OnSiteVisit { try Self.open(sealed, id: id, sealer: sealer) }

    static func open(_ sealed: String, id: String, sealer: DataSealer) throws -> OnSiteVisit {
        let text: String
        do { text = try sealer.open(sealed) } catch { throw StoreError.corruptRow(table: "onsite_visits", id: id) }
        return try StoredJSON.value(OnSiteVisit.self, text, table: "onsite_visits", id: id)
    }

    /// Loads and locks one visit in the caller's transaction, opened from its seal: every step of a visit, and an
    /// intake opened on site (`CaseRepository.open`), go through here, so they take turns on the visit's row.
    static func lock(_ id: OnSiteVisitID, sealer: DataSealer, dialect: Dialect, in db: any SQLDatabase) async throws -> OnSiteVisit {
        guard
            let row = try await db.raw(
                "SELECT visit_sealed FROM onsite_visits WHERE id = \(bind: id.description)\(unsafeRaw: dialect.forUpdate)"
            ).first()
        else { throw OnSiteRecordError.unknownVisit }
        return try open(try row.decode(column: "visit_sealed", as: String.self), id: id.description, sealer: sealer)
    }

    /// An enabled account, or the Store's refusal naming the badge.
    static func enabledOfficer(_ badge: Badge, in db: any SQLDatabase) async throws -> Officer {
        guard let officer = try await OfficerRepository.findEnabled(badge, in: db) else { throw OnSiteRecordError.unknownOfficer(badge) }
        return officer
    }
}
