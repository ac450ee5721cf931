import ChuangkouCore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@testable import ChuangkouStore

/// An officer's own alerts: the unread count, marking one or all read (only their own, the first time kept), and
/// the `alert` hall event that wakes their console (naming nobody), written with the alert and only for officers'.
@Suite("Officers' inbox: unread, mark read, the alert event")
struct OfficerInboxTests {
    @Test("unread counts only the officer's own alerts; marking read is theirs alone and keeps the first time")
    func unreadAndMarkRead() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let outbox = NotificationOutbox(database: db)
            let events = HallEventLog(database: db)
            let me = Demo.officers[0], colleague = Demo.officers[1]
            let now = Date(milliseconds: Date().millisecondsSince1970)
            let before = try await events.lastID()
            try await db.transaction { sql in
                for (n, badge) in [(1, me), (2, me), (3, colleague)] {
                    try await NotificationOutbox.enqueue(
                        kind: "deadline.warning", to: badge, subject: "提醒\(n)", payload: "{}", key: "k\(n)", at: now, in: sql
                    )
                }
                // The same key again writes nothing, and wakes nobody.
                try await NotificationOutbox.enqueue(kind: "deadline.warning", to: me, subject: "提醒1", payload: "{}", key: "k1", at: now, in: sql)
                // A citizen's message the officer answers for is not an alert: no event, not in the inbox.
                try await NotificationOutbox.enqueue(
                    kind: "case.result-ready", to: me, subject: "短信", payload: "{}", phoneSealed: "sealed", key: "k4", at: now, in: sql
                )
            }
            let written = try await events.events(after: before).map(\.event)
            #expect(written.map(\.kind) == [.alert, .alert, .alert])
            #expect(written.allSatisfy { $0.window == nil && $0.ticketNumber == nil && $0.action == nil }, "the event names nobody")

            #expect(try await outbox.unreadCount(of: me) == 2)
            #expect(try await outbox.unreadCount(of: colleague) == 1)
            let mine = try await outbox.inbox(of: me)
            #expect(mine.map(\.subject) == ["提醒2", "提醒1"])
            let theirs = try #require(try await outbox.inbox(of: colleague).first)
            #expect(try await outbox.markRead(theirs.id, of: me, at: now) == 0, "not mine to mark")
            #expect(try await outbox.unreadCount(of: colleague) == 1)

            #expect(try await outbox.markRead(mine[1].id, of: me, at: now) == 1)
            #expect(try await outbox.unreadCount(of: me) == 1)
            try await outbox.markRead(mine[1].id, of: me, at: now.addingTimeInterval(60))
            #expect(try await outbox.inbox(of: me).first { $0.id == mine[1].id }?.readAt == now, "the first reading is kept")

            #expect(try await outbox.markRead(nil, of: me, at: now) == 2)
            #expect(try await outbox.unreadCount(of: me) == 0)
            #expect(try await outbox.unreadCount(of: colleague) == 1)
        }
    }

    @Test("marking alerts read is audited in its transaction: who, which alerts, when; marking again audits nothing")
    func markReadAudited() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let outbox = NotificationOutbox(database: db)
            let me = Demo.officers[0]
            let now = Date(milliseconds: 1_790_560_800_000)
            try await db.transaction { sql in
                for n in 1...3 {
                    try await NotificationOutbox.enqueue(
                        kind: "deadline.warning", to: me, subject: "提醒\(n)", payload: "{}", key: "a\(n)", at: now, in: sql
                    )
                }
            }
            let alerts = try await outbox.inbox(of: me).sorted { $0.id < $1.id }
            let actor = AuditActor(id: me.value, role: "officer", address: "10.0.0.7")
            let one = now.addingTimeInterval(60), all = now.addingTimeInterval(120)
            try await actor.acting { () async throws in
                #expect(try await outbox.markRead(alerts[0].id, of: me, at: one) == 1)
                // Already read: nothing changes, nothing more is audited.
                #expect(try await outbox.markRead(alerts[0].id, of: me, at: one.addingTimeInterval(5)) == 1)
                #expect(try await outbox.markRead(nil, of: me, at: all) == 3)
                #expect(try await outbox.markRead(nil, of: me, at: all.addingTimeInterval(5)) == 3)
            }
            let rows = try await AuditLog(database: db).search(.init(action: "notification.inbox-read", limit: 10)).reversed()
            #expect(rows.map(\.action) == ["notification.inbox-read", "notification.inbox-read-all"])
            #expect(rows.map(\.actor) == [me.value, me.value] && rows.map(\.date) == [one, all])
            #expect(rows.map(\.object) == ["notification:\(alerts[0].id)", "inbox:\(me)"])
            #expect(rows.map(\.detail) == ["1 read: \(alerts[0].id)", "2 read: \(alerts[1].id),\(alerts[2].id)"])
        }
    }
}
