import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Crypto
import Foundation
import Logging
import SQLKit
import Synchronization
import Testing

/// A gateway in the test process: refuses every other request (or all of them), and keeps what it accepted by
/// idempotency key.
final class FlakyGateway: NotificationSender {
    struct Refused: Error, CustomStringConvertible {
        let to: String
        var description: String { "gateway refused the message to \(to)" }
    }
    enum Mode { case everyOther, always, never }
    let mode: Mode
    private let state = Mutex<(calls: Int, accepted: [String: Int], texts: [String])>((0, [:], []))
    init(_ mode: Mode) { self.mode = mode }
    var accepted: [String: Int] { state.withLock { $0.accepted } }
    var texts: [String] { state.withLock { $0.texts } }
    var calls: Int { state.withLock { $0.calls } }

    func send(_ message: OutgoingMessage) async throws {
        // A real gateway takes a while: the other worker gets to run in between (not a timing assertion).
        try await Task.sleep(for: .milliseconds(2))
        try state.withLock { state in
            state.calls += 1
            let refuse =
                switch mode {
                case .everyOther: state.calls % 2 == 1
                case .always: true
                case .never: false
                }
            // The error names the full number, as a careless gateway library might: the outbox must mask it.
            if refuse { throw Refused(to: message.phone.value) }
            state.accepted[message.key, default: 0] += 1
            state.texts.append(message.text)
        }
    }
}

@Suite("Notification delivery")
struct NotificationDeliveryTests {
    static let sealer = DataSealer(base64: DataSealer.newKeyText())!
    static let fingerprint = PhoneFingerprint(key: SymmetricKey(size: .bits256))
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let officer = Badge("000001")!

    static func delivery(_ db: Database, _ sender: any NotificationSender, policy: DeliveryPolicy = .init(), worker: String = "w")
        -> NotificationDelivery
    {
        NotificationDelivery(
            outbox: NotificationOutbox(database: db),
            sealer: sealer,
            sender: sender,
            fingerprint: fingerprint,
            policy: policy,
            worker: worker,
            logger: Logger(label: "test")
        )
    }

    @discardableResult
    static func enqueue(
        _ db: Database,
        _ kind: MessageKind = .complaintAnswer,
        phone: String = "13812345678",
        key: String,
        values: [String: String] = ["reply": "已处理", "queryCode": "ABCDEFGHJKMN", "code": "123456", "ticket": "A001", "ahead": "3"],
        at now: Date = start
    ) async throws -> Bool {
        try await db.transaction { sql in
            try await NotificationOutbox.enqueue(kind, values: values, phoneSealed: try sealer.seal(phone), key: key, at: now, in: sql)
        }
    }

    @Test("two processes delivering with a gateway failing every other call send every message exactly once")
    func exactlyOnce() async throws {
        let location = try await TestDatabase.freshLocation()
        let first = try await Database.open(location, logger: Logger(label: "test"))
        try await Migrator(database: first).migrate()
        try await DemoHall.loadIfEmpty(into: first, passwordHash: "x", at: Self.start)
        let second = try await Database.open(location, logger: Logger(label: "test"))
        defer { Task { await first.close(); await second.close() } }
        for n in 0..<40 {
            // Many phones, so the per-phone limit does not come into it.
            try await Self.enqueue(first, phone: "1381234\(String(format: "%04d", n))", key: "test:\(n)")
        }
        let gateway = FlakyGateway(.everyOther)
        let policy = DeliveryPolicy(maxAttempts: 40, firstRetry: .seconds(1), longestRetry: .seconds(1))
        let a = Self.delivery(first, gateway, policy: policy, worker: "a")
        let b = Self.delivery(second, gateway, policy: policy, worker: "b")
        var now = Self.start
        for _ in 0..<100 {
            let round = now
            async let x = a.deliverRound(at: round, limit: 7)
            async let y = b.deliverRound(at: round, limit: 7)
            _ = try await (x, y)
            if try await NotificationOutbox(database: first).unsentToApplicants().isEmpty { break }
            now = now.addingTimeInterval(2)
        }
        let accepted = gateway.accepted
        #expect(accepted.count == 40 && accepted.values.allSatisfy { $0 == 1 }, "each key accepted once")
        #expect(gateway.calls > 40, "the gateway did refuse some")
        let rows = try await NotificationOutbox(database: first).all()
        #expect(rows.count == 40 && rows.allSatisfy { $0.status == .sent && $0.sentAt != nil && $0.attempts >= 1 })
        #expect(rows.allSatisfy { $0.phoneMasked?.contains("****") == true })
    }

    @Test("a gateway that keeps refusing: each retry waits longer, the last attempt fails for good, the error is masked")
    func retriesThenFails() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await Self.enqueue(db, key: "k")
            let gateway = FlakyGateway(.always)
            let policy = DeliveryPolicy(maxAttempts: 3, firstRetry: .seconds(10), longestRetry: .seconds(60))
            let delivery = Self.delivery(db, gateway, policy: policy)
            #expect(try await delivery.deliverRound(at: Self.start).retrying == 1)
            #expect(try await delivery.deliverRound(at: Self.start.addingTimeInterval(9)) == .init(), "not due before 10 s")
            #expect(try await delivery.deliverRound(at: Self.start.addingTimeInterval(10)).retrying == 1)
            #expect(try await delivery.deliverRound(at: Self.start.addingTimeInterval(29)) == .init(), "then 20 s")
            #expect(try await delivery.deliverRound(at: Self.start.addingTimeInterval(30)).failed == 1)
            #expect(try await delivery.deliverRound(at: Self.start.addingTimeInterval(3600)) == .init(), "failed is final")
            let message = try #require(try await NotificationOutbox(database: db).all().first)
            #expect(message.status == .failed && message.attempts == 3 && gateway.calls == 3)
            let error = try #require(message.lastError)
            #expect(error.contains("138****5678") && !leaksPersonalNumbers(error))
        }
    }

    @Test("one key, one message: enqueuing it again writes nothing")
    func idempotentEnqueue() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            #expect(try await Self.enqueue(db, key: "ticket:1:ahead"))
            #expect(try await !Self.enqueue(db, key: "ticket:1:ahead"))
            #expect(try await NotificationOutbox(database: db).all().count == 1)
        }
    }

    @Test("a phone gets at most its share each hour; the rest wait and go once the hour has passed")
    func perPhoneLimit() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            for n in 0..<3 { try await Self.enqueue(db, key: "m\(n)") }
            try await Self.enqueue(db, phone: "13900000000", key: "other")
            let gateway = FlakyGateway(.never)
            let delivery = Self.delivery(db, gateway, policy: DeliveryPolicy(maxPerPhone: 2, ratePeriod: .seconds(3600)))
            let first = try await delivery.deliverRound(at: Self.start)
            #expect(first.sent == 3 && first.deferred == 1, "two to the first phone, one to the other")
            #expect(try await delivery.deliverRound(at: Self.start.addingTimeInterval(3599)).sent == 0)
            #expect(try await delivery.deliverRound(at: Self.start.addingTimeInterval(3601)).sent == 1)
            #expect(gateway.accepted.count == 4)
        }
    }

    @Test("an opted-out phone gets nothing but the one-time code it asked for; opting in again restores its messages")
    func optOut() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let preferences = NotificationPreferences(database: db, fingerprint: Self.fingerprint)
            let phone = MobileNumber("13812345678")!
            #expect(try await preferences.optedIn(phone) == nil)
            try await preferences.record(phone, optedIn: false, by: Self.officer, at: Self.start)
            try await Self.enqueue(db, key: "answer")
            try await Self.enqueue(db, .bookingCode, key: "code")
            let gateway = FlakyGateway(.never)
            let report = try await Self.delivery(db, gateway).deliverRound(at: Self.start)
            #expect(report.sent == 1 && report.suppressed == 1)
            #expect(gateway.accepted.keys.sorted() == ["code"])
            try await preferences.record(phone, optedIn: true, by: Self.officer, at: Self.start)
            try await Self.enqueue(db, key: "answer-2")
            #expect(try await Self.delivery(db, gateway).deliverRound(at: Self.start).sent == 1)
            try await db.linkPendingAudit()  // PostgreSQL links entries just after their commit
            let audit = try await db.read { sql in
                try await sql.raw("SELECT action FROM audit_log WHERE action LIKE 'notification.opt%' ORDER BY seq").all()
                    .map { try $0.decode(column: "action", as: String.self) }
            }
            #expect(audit == ["notification.opt-out", "notification.opt-in"])
        }
    }

    @Test("a saved template words the next message; a refused one changes nothing; reset brings the shipped wording back")
    func templates() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let templates = MessageTemplates(database: db)
            await #expect(throws: MessageTemplateError.unknownPlaceholders(["name"])) {
                try await templates.save(.complaintAnswer, .chinese, body: "{name}：{reply}{queryCode}", by: Self.officer, at: Self.start)
            }
            try await templates.save(.complaintAnswer, .chinese, body: "答复：{reply}，查询码{queryCode}", by: Self.officer, at: Self.start)
            let entry = try #require(try await templates.all().first { $0.template.kind == .complaintAnswer && $0.template.language == .chinese })
            #expect(!entry.isShipped && entry.updatedBy == Self.officer)
            try await Self.enqueue(db, key: "a")
            try await templates.reset(.complaintAnswer, .chinese, at: Self.start)
            try await Self.enqueue(db, key: "b")
            // A stored body that no longer passes (edited by hand) gives way to the shipped one.
            try await db.transaction { sql in
                try await sql.raw(
                    """
                    INSERT INTO notification_templates (kind, language, body, updated_by, updated_at)
                    VALUES ('complaint.answer', 'zh-CN', '{x}', '000001', 0)
                    """
                ).run()
            }
            try await Self.enqueue(db, key: "c")
            let subjects = try await NotificationOutbox(database: db).all().map(\.subject)
            #expect(subjects[0] == "答复：已处理，查询码ABCDEFGHJKMN")
            #expect(subjects[1] == "您的投诉已答复：已处理（查询码ABCDEFGHJKMN，可评价答复）")
            #expect(subjects[2] == subjects[1])
            #expect(try await templates.all().count == MessageKind.allCases.count * 2)
        }
    }
}
