import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import Logging
import SQLKit
import Testing

/// Migration 030 rebuilds `notification_outbox` (SQLite cannot drop a NOT NULL): a hall upgrading keeps every message
/// it already had. The database is migrated to 028, given messages at that schema, then upgraded.
@Suite("Outbox upgrade (migration 030)")
struct OutboxUpgradeTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    struct Old: Equatable {
        let id: Int64
        let kind: String
        let badge: String
        let subject: String
        let payload: String
        let createdAt: Int64
        let sentAt: Int64?
        let caseID: String?
        let phoneSealed: String?
    }

    static let old: [Old] = [
        Old(id: 1, kind: "deadline.warning", badge: "000001", subject: "办件即将超期 / due soon", payload: #"{"deadline":"d1"}"#,
            createdAt: 1_700_000_000_000, sentAt: nil, caseID: nil, phoneSealed: nil),
        Old(id: 2, kind: "case.result-ready", badge: "000001", subject: "结果已出", payload: "{}",
            createdAt: 1_700_000_100_000, sentAt: 1_700_000_200_000, caseID: "case-2", phoneSealed: "sealed:abc"),
        // A gap in the ids, as deleted or rolled-back rows leave: ids are kept, not renumbered.
        Old(id: 7, kind: "case.result-ready", badge: "000002", subject: "待发送", payload: #"{"x":1}"#,
            createdAt: 1_700_000_300_000, sentAt: nil, caseID: "case-7", phoneSealed: "sealed:def"),
        Old(id: 9, kind: "deadline.overdue", badge: "000002", subject: "已超期 'quoted'", payload: "{}",
            createdAt: 1_700_000_400_000, sentAt: 1_700_000_500_000, caseID: nil, phoneSealed: nil),
    ]

    @Test("rows written before 030 are all copied: ids, fields, sent rows marked sent, pending ones due, keys outbox:<id>")
    func copiesEveryRow() async throws {
        let database = try await Database.open(try await TestDatabase.freshLocation(), logger: Logger(label: "test"))
        defer { Task { await database.close() } }
        let migrator = Migrator(database: database)
        try await migrator.migrate(through: 28)
        #expect(try await migrator.appliedVersions().last == 28)
        try await database.transaction { db in
            for badge in ["000001", "000002"] {
                try await db.raw(
                    "INSERT INTO officers (badge, name, role, post, password_hash) VALUES (\(bind: badge), '测试', 'officer', '窗口', 'x')"
                ).run()
            }
            for row in Self.old {
                try await db.raw(
                    """
                    INSERT INTO notification_outbox (id, kind, recipient_badge, subject, payload, created_at, sent_at, case_id,
                        recipient_phone_sealed)
                    VALUES (\(bind: row.id), \(bind: row.kind), \(bind: row.badge), \(bind: row.subject), \(bind: row.payload),
                        \(bind: row.createdAt), \(bind: row.sentAt), \(bind: row.caseID), \(bind: row.phoneSealed))
                    """
                ).run()
            }
        }
        let applied = try await migrator.migrate()
        #expect(applied.contains(30) && applied.contains(31))

        let outbox = NotificationOutbox(database: database)
        let rows = try await outbox.all()
        #expect(rows.map(\.id) == Self.old.map(\.id))
        for (new, old) in zip(rows, Self.old) {
            #expect(new.key == "outbox:\(old.id)")
            #expect(new.kind == old.kind && new.recipient?.value == old.badge)
            #expect(new.subject == old.subject && new.payload == old.payload)
            #expect(ms(new.createdAt) == old.createdAt)
            #expect(new.sentAt.map(ms) == old.sentAt)
            #expect(new.caseID == old.caseID && new.recipientPhoneSealed == old.phoneSealed)
            #expect(new.status == (old.sentAt == nil ? .pending : .sent))
            #expect(new.language == .chinese && new.attempts == 0 && new.readAt == nil && new.lastError == nil)
            #expect(ms(new.nextAttemptAt) == old.createdAt, "a pending message is due at once")
        }
        #expect(try await outbox.unsent().map(\.id) == [1, 7])
        #expect(try await outbox.unsentToApplicants().map(\.id) == [7])
        #expect(try await outbox.inbox(of: Badge("000001")!).map(\.id) == [1])

        // The id sequence continues after the copied rows (PostgreSQL's serial was moved past them).
        let written = try await database.transaction { db in
            try await NotificationOutbox.enqueue(
                .complaintAnswer,
                values: ["reply": "已处理", "queryCode": "ABCDEFGHJKMN"],
                phoneSealed: "sealed:new",
                key: "after-upgrade",
                at: Self.start,
                in: db
            )
        }
        #expect(written)
        let after = try await outbox.all()
        #expect(after.count == 5 && after.last?.key == "after-upgrade" && (after.last?.id ?? 0) > 9)
    }
}
