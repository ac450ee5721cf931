import ChuangkouCore
import Foundation
import SQLKit

/// Rectification items (整改): each change locks the item's row, applies Core's event and writes back the item, its
/// history and its messages in one transaction, as `DeadlineRepository.change` does for clocks.
public struct RectificationRepository: Sendable {
    let database: Database
    public let policy: Rectification.Policy
    /// Opens the rater's phone for the handler's return visit (`revealContact`); nil where nothing is revealed.
    let sealer: DataSealer?

    public init(database: Database, policy: Rectification.Policy = Rectification.Policy(), sealer: DataSealer? = nil) {
        self.database = database
        self.policy = policy
        self.sealer = sealer
    }

    /// An item as a page or an answer shows it.
    public struct Record: Sendable, Equatable {
        public let item: Rectification
        public let business: BusinessCode
        public let window: WindowNumber?
        public let level: Satisfaction
        /// The rater's comment (masked when it was given).
        public let comment: String?
        public let history: [HistoryLine]
    }

    public struct HistoryLine: Sendable, Equatable {
        public let code: String
        public let label: String
        public let labelEnglish: String
        public let by: Badge?
        public let at: Date
    }

    // MARK: Events

    public func reassign(_ id: RectificationID, to handler: Badge, by supervisor: Badge, at now: Date) async throws -> Record {
        try await change(id, "reassign", at: now) { item in try item.reassign(to: handler, by: supervisor, at: now) }
    }

    public func recordReturnVisit(
        _ id: RectificationID,
        _ result: Rectification.ReturnVisit.Result,
        attempts: Int,
        note: String,
        by officer: Badge,
        at now: Date
    ) async throws -> Record {
        let note = Masking.maskPersonalNumbers(in: note)
        return try await change(id, "return-visit", at: now) { item in
            try item.recordReturnVisit(result, attempts: attempts, note: note, by: officer, at: now)
        }
    }

    /// The handler closes the item with its outcome; a rater who left a phone is sent it with the link to rate the fix.
    ///
    /// - Parameter linkBase: where citizens' phones reach the hall (`https://hall.example`), for that link.
    public func resolve(
        _ id: RectificationID,
        _ outcome: Rectification.Outcome,
        by officer: Badge,
        at now: Date,
        linkBase: String = ""
    ) async throws -> Record {
        let policy = policy
        return try await change(id, "resolve", at: now, linkBase: linkBase) { item in
            try item.resolve(outcome, by: officer, at: now, policy: policy)
        }
    }

    public func fileAppeal(
        _ id: RectificationID,
        _ ground: Rectification.Appeal.Ground,
        reason: String,
        by officer: Badge,
        at now: Date
    ) async throws -> Record {
        let policy = policy
        let reason = Masking.maskPersonalNumbers(in: reason)
        return try await change(id, "appeal", at: now) { item in try item.fileAppeal(ground, reason: reason, by: officer, at: now, policy: policy) }
    }

    public func decideAppeal(_ id: RectificationID, upheld: Bool, reason: String, by supervisor: Badge, at now: Date) async throws -> Record {
        let reason = Masking.maskPersonalNumbers(in: reason)
        return try await change(id, "decide-appeal", at: now) { item in try item.decideAppeal(upheld: upheld, reason: reason, by: supervisor, at: now)
        }
    }

    /// The rater's phone, for the handler to call them back: checked by Core, opened from its seal and audited in the
    /// same transaction (who, which item; never the number itself).
    public func revealContact(_ id: RectificationID, by officer: Badge, at now: Date) async throws -> MobileNumber {
        guard let sealer else { throw RectificationRecordError.unknown(id) }
        return try await database.transaction { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT r.item, c.phone_sealed FROM rectifications r LEFT JOIN rating_contacts c ON c.rating_id = r.rating_id
                    WHERE r.id = \(bind: id.description)
                    """
                ).first()
            else { throw RectificationRecordError.unknown(id) }
            let item = try Self.item(try row.decode(column: "item", as: String.self), id: id)
            try item.checkRevealContact(by: officer)
            guard let sealed = try row.decode(column: "phone_sealed", as: String?.self), let phone = MobileNumber(try sealer.open(sealed)) else {
                throw StoreError.corruptRow(table: "rating_contacts", id: item.rating.description)
            }
            try await AuditTrail.record(
                AuditEntry("rectification.reveal-contact", "rectification:\(id)", detail: "rating:\(item.rating) return visit"),
                at: now,
                in: db
            )
            return phone
        }
    }

    // MARK: Reading

    public func find(_ id: RectificationID) async throws -> Record? {
        try await database.read { db in try await Self.record(id, in: db) }
    }

    /// Items not closed, soonest close limit first: the duty leader's and the supervisors' list.
    public func open() async throws -> [Record] {
        try await database.read { db in
            let ids = try await db.raw("SELECT id FROM rectifications WHERE stage <> 'closed' ORDER BY close_due, opened_at").all()
                .compactMap { RectificationID(try $0.decode(column: "id", as: String.self)) }
            var records: [Record] = []
            for id in ids { if let record = try await Self.record(id, in: db) { records.append(record) } }
            return records
        }
    }

    // MARK: In-transaction helpers

    /// Opens the item for a bad rating just stored, with its handler by rule, in the rating's transaction.
    static func open(for rating: Rating, hall: Hall, in db: any SQLDatabase) async throws -> Rectification {
        let duty = try await DutyChain.at(rating.ratedAt, in: db)
        let handler = try RectificationAssignment.handler(
            ratedOfficer: rating.service.officer,
            dutyLeadersOnDuty: duty.onDuty,
            otherLeaders: duty.otherLeaders,
            supervisors: duty.supervisors
        )
        let day = hall.serviceDay(at: rating.ratedAt)
        let (item, effects) = try Rectification.open(id: RectificationID(UUID()), for: rating, handler: handler, on: day)
        let calendar = try await CalendarRepository.current(in: db)
        let status = try item.status(on: day, calendar: calendar)
        try await db.raw(
            """
            INSERT INTO rectifications (id, rating_id, rated_officer, handler_badge, stage, rater_has_contact, return_visit_done, outcome,
                item, opened_on, close_due, alert, opened_at, updated_at)
            VALUES (\(bind: item.id.description), \(bind: rating.id.description), \(bind: item.ratedOfficer?.value), \(bind: handler.value),
                \(bind: item.stage.rawValue), \(bind: item.raterHasContact ? 1 : 0), 0, NULL, \(bind: try Self.text(item)),
                \(bind: day.description), \(bind: status.closeDue.description), \(bind: Rectification.State.onTrack.rawValue),
                \(bind: rating.ratedAt.millisecondsSince1970), \(bind: rating.ratedAt.millisecondsSince1970))
            """
        ).run()
        try await apply(effects, to: item, at: rating.ratedAt, in: db)
        return item
    }

    /// Loads and locks the item, applies `event`, writes the item and its effects back.
    func change(
        _ id: RectificationID,
        _ action: String,
        at now: Date,
        linkBase: String = "",
        _ event: @escaping @Sendable (inout Rectification) throws -> [RectificationEffect]
    ) async throws -> Record {
        let dialect = database.dialect
        let policy = policy
        return try await database.transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT item FROM rectifications WHERE id = \(bind: id.description)\(unsafeRaw: dialect.forUpdate)"
                ).first()
            else { throw RectificationRecordError.unknown(id) }
            var item = try Self.item(try row.decode(column: "item", as: String.self), id: id)
            let effects = try event(&item)
            let outcome: String? =
                switch item.outcome {
                case .fixedNow: "fixedNow"
                case .fixedBy: "fixedBy"
                case .explained: "explained"
                case nil: item.excludesRating ? "appealUpheld" : nil
                }
            try await db.raw(
                """
                UPDATE rectifications SET item = \(bind: try Self.text(item)), stage = \(bind: item.stage.rawValue),
                    handler_badge = \(bind: item.handler.value), return_visit_done = \(bind: item.returnVisitDone(policy: policy) ? 1 : 0),
                    outcome = \(bind: outcome), updated_at = \(bind: now.millisecondsSince1970)
                WHERE id = \(bind: id.description)
                """
            ).run()
            try await Self.apply(effects, to: item, at: now, linkBase: linkBase, in: db)
            guard let record = try await Self.record(id, in: db) else { throw RectificationRecordError.unknown(id) }
            try await AuditTrail.record(AuditEntry("rectification.\(action)", "rectification:\(id)", detail: item.stage.rawValue), at: now, in: db)
            return record
        }
    }

    /// Writes what an event asked for besides the item: history lines, messages, the exclusion of a rating.
    static func apply(
        _ effects: [RectificationEffect],
        to item: Rectification,
        at now: Date,
        linkBase: String = "",
        in db: any SQLDatabase
    ) async throws {
        for effect in effects {
            switch effect {
            case .history(let entry):
                try await db.raw(
                    """
                    INSERT INTO rectification_events (rectification_id, code, label, label_english, by_badge, at)
                    VALUES (\(bind: item.id.description), \(bind: entry.code), \(bind: entry.label), \(bind: entry.labelEnglish),
                        \(bind: entry.by?.value), \(bind: entry.at.millisecondsSince1970))
                    """
                ).run()
            case .notifyHandler(let handler):
                try await NotificationOutbox.enqueue(
                    kind: "rectification.assigned",
                    to: handler,
                    subject: "差评整改待办：请于1个工作日内回访评价人，15个工作日内办结",
                    payload: #"{"rectification":"\#(item.id)"}"#,
                    at: now,
                    in: db
                )
            case .notifyRater(let outcome):
                // The phone stays sealed: the outbox row carries the same sealed text as the rating's contact.
                guard
                    let row = try await db.raw(
                        "SELECT phone_sealed FROM rating_contacts WHERE rating_id = \(bind: item.rating.description)"
                    ).first()
                else { continue }
                let code = try await issueLink(for: item.id, at: now, in: db)
                try await NotificationOutbox.enqueue(
                    .rectificationOutcome,
                    values: RaterMessage.outcome(outcome, link: "\(linkBase)/rate-fix/\(code)"),
                    phoneSealed: try row.decode(column: "phone_sealed", as: String.self),
                    answeredBy: item.handler,
                    payload: #"{"rectification":"\#(item.id)","rating":"\#(item.rating)"}"#,
                    key: "rectification:\(item.id):outcome:\(now.millisecondsSince1970)",
                    at: now,
                    in: db
                )
            case .excludeRating(let rating):
                try await db.raw(
                    """
                    INSERT INTO rating_exclusions (rating_id, rectification_id, excluded_at)
                    VALUES (\(bind: rating.description), \(bind: item.id.description), \(bind: now.millisecondsSince1970))
                    """
                ).run()
                try await RatingTally.exclude(rating: rating, in: db)
            }
        }
    }

    static func record(_ id: RectificationID, in db: any SQLDatabase) async throws -> Record? {
        guard
            let row = try await db.raw(
                """
                SELECT r.item, g.business_code, g.window_number, g.level, g.comment FROM rectifications r
                JOIN ratings g ON g.id = r.rating_id WHERE r.id = \(bind: id.description)
                """
            ).first()
        else { return nil }
        let item = try item(try row.decode(column: "item", as: String.self), id: id)
        guard let business = BusinessCode(try row.decode(column: "business_code", as: String.self)),
            let level = Satisfaction(rawValue: try row.decode(column: "level", as: Int.self))
        else { throw StoreError.corruptRow(table: "ratings", id: item.rating.description) }
        let history = try await db.raw(
            """
            SELECT code, label, label_english, by_badge, at FROM rectification_events
            WHERE rectification_id = \(bind: id.description) ORDER BY id
            """
        ).all().map { line in
            HistoryLine(
                code: try line.decode(column: "code", as: String.self),
                label: try line.decode(column: "label", as: String.self),
                labelEnglish: try line.decode(column: "label_english", as: String.self),
                by: try line.decode(column: "by_badge", as: String?.self).flatMap(Badge.init),
                at: Date(milliseconds: try line.decode(column: "at", as: Int64.self))
            )
        }
        return Record(
            item: item,
            business: business,
            window: try row.decodeWindow(column: "window_number"),
            level: level,
            comment: try row.decode(column: "comment", as: String?.self),
            history: history
        )
    }

    static func text(_ item: Rectification) throws -> String { try StoredJSON.text(item) }

    static func item(_ text: String, id: RectificationID) throws -> Rectification {
        try StoredJSON.value(Rectification.self, text, table: "rectifications", id: id.description)
    }
}

/// The people a rectification item may go to at one instant, in the order Core's `RectificationAssignment` tries them:
/// the roster's leader on duty then, the hall's other duty leaders, the supervisors. A planned leader who no longer
/// holds the duty-leader role is passed over: they could not work the item.
struct DutyChain: Sendable, Equatable {
    let onDuty: [Badge]
    let otherLeaders: [Badge]
    let supervisors: [Badge]

    static func at(_ instant: Date, in db: any SQLDatabase) async throws -> DutyChain {
        let leaders = try await OfficerRepository.badges(holding: .dutyLeader, in: db)
        let planned = try await DutyRosterRepository.leaderOnDuty(at: instant, in: db)?.badge
        let onDuty = planned.flatMap { leaders.contains($0) ? $0 : nil }
        return DutyChain(
            onDuty: onDuty.map { [$0] } ?? [],
            otherLeaders: leaders.filter { $0 != onDuty },
            supervisors: try await OfficerRepository.badges(holding: .supervisor, in: db)
        )
    }
}

/// Why the store refused a rectification request before Core saw it.
public enum RectificationRecordError: Error, Equatable, Sendable {
    case unknown(RectificationID)
}

/// What the rater's phone receives.
enum RaterMessage {
    /// The values of `MessageKind.rectificationOutcome`: what was done, the handler's words, and the link to rate the fix.
    static func outcome(_ outcome: Rectification.Outcome, link: String) -> [String: String] {
        var values: [String: String] =
            switch outcome {
            case .fixedNow(let text): ["outcome": "您反映的问题已整改", "outcome@en": "fixed", "reply": text]
            case .fixedBy(let date, let text):
                ["outcome": "您反映的问题将于\(date.chineseDate)前整改完毕", "outcome@en": "to be fixed by \(date)", "reply": text]
            case .explained(let text): ["outcome": "情况说明如下", "outcome@en": "explained", "reply": text]
            }
        values["link"] = link
        return values
    }
}
