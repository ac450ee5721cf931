import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Officer sessions")
struct SessionTests {
    @Test("a session token finds its officer until it expires or ends; only its digest is stored")
    func sessions() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let officers = OfficerRepository(database: db)
            let badge = Demo.officers[0]
            let now = Date()
            let token = try await officers.startSession(badge, at: now, lifetime: .seconds(60))
            #expect(try await officers.officer(forSession: token, at: now)?.badge == badge)
            #expect(try await officers.officer(forSession: token, at: now.addingTimeInterval(61)) == nil)
            #expect(try await officers.officer(forSession: "forged", at: now) == nil)
            let stored = try await db.read { sql in try await sql.raw("SELECT token_hash FROM sessions").all().count }
            let plain = try await db.read { sql in try await sql.raw("SELECT token_hash FROM sessions WHERE token_hash = \(bind: token)").all().count
            }
            #expect(stored == 1 && plain == 0)
            try await officers.endSession(token)
            #expect(try await officers.officer(forSession: token, at: now) == nil)
        }
    }

    @Test("the fifth failed sign-in in a row locks the account")
    func lockout() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let officers = OfficerRepository(database: db)
            let badge = Demo.officers[0]
            let now = Date()
            for _ in 0..<4 { try await officers.recordFailedLogin(badge, at: now, limit: 5, lockout: .seconds(900)) }
            #expect(try await officers.credentials(badge)?.lockedUntil == nil)
            try await officers.recordFailedLogin(badge, at: now, limit: 5, lockout: .seconds(900))
            let locked = try #require(try await officers.credentials(badge)?.lockedUntil)
            #expect(abs(locked.timeIntervalSince(now) - 900) < 1)
        }
    }
}
