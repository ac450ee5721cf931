import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("The hall's suggested wording for a refusal in the store")
struct RefusalWordingStoreTests {
    static let admin = Badge("019900")!

    @Test("the shipped wording until an administrator saves one; saved again, reset, and every change audited")
    func savedAndReset() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let store = RefusalWordingStore(database: db)
            #expect(try await store.current() == .shipped)
            #expect(try await store.isCustomised() == false)
            let ours = try RefusalWording(chinese: "请您理解，根据规定目前还不能办理，我们可以为您写明依据。", english: "")
            try await store.save(ours, by: Self.admin, at: Date(timeIntervalSince1970: 1))
            #expect(try await store.current() == ours)
            let again = try RefusalWording(chinese: "请您理解。", english: "Please understand.")
            try await store.save(again, by: Self.admin, at: Date(timeIntervalSince1970: 2))
            #expect(try await store.current() == again)
            #expect(try await store.isCustomised())
            try await store.save(nil, by: Self.admin, at: Date(timeIntervalSince1970: 3))
            #expect(try await store.current() == .shipped)
            try await db.linkPendingAudit()  // PostgreSQL links entries just after their commit
            let actions = try await db.read { sql in
                try await sql.raw("SELECT action FROM audit_log WHERE action LIKE 'wording.%' ORDER BY seq").all()
                    .map { try $0.decode(column: "action", as: String.self) }
            }
            #expect(actions == ["wording.save", "wording.save", "wording.reset"])
        }
    }

    @Test("a stored row that no longer passes the checks gives the shipped wording, never an error")
    func badRowFallsBack() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            try await db.transaction { sql in
                try await sql.raw(
                    """
                    INSERT INTO hall_wordings (kind, chinese, english, updated_by, updated_at)
                    VALUES ('refusal', '', '', '019900', 0)
                    """
                ).run()
            }
            #expect(try await RefusalWordingStore(database: db).current() == .shipped)
        }
    }
}
