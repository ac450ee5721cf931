import ChuangkouCore
import ChuangkouStore
import ChuangkouTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Officer sessions and the sign-in throttle")
struct SessionTests {
    @Test("a session token finds its officer until it expires or ends; only its digest is stored")
    func sessions() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let signIn = SignInRepository(database: db)
            let badge = Demo.officers[0]
            let now = Date()
            let token = try await signIn.startSession(badge, setUpOnly: false, at: now, lifetime: .seconds(60))
            #expect(try await signIn.session(token, at: now)?.officer.badge == badge)
            #expect(try await signIn.session(token, at: now.addingTimeInterval(61)) == nil)
            #expect(try await signIn.session("forged", at: now) == nil)
            let stored = try await db.read { sql in try await sql.raw("SELECT token_hash FROM sessions").all().count }
            let plain = try await db.read { sql in try await sql.raw("SELECT token_hash FROM sessions WHERE token_hash = \(bind: token)").all().count
            }
            #expect(stored == 1 && plain == 0)
            try await OfficerRepository(database: db).endSession(token)
            #expect(try await signIn.session(token, at: now) == nil)
        }
    }

    @Test("a disabled account's sessions end at once and its session tokens find nobody")
    func disabledAccount() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let signIn = SignInRepository(database: db)
            let badge = Demo.officers[0]
            let now = Date()
            let token = try await signIn.startSession(badge, setUpOnly: false, at: now, lifetime: .seconds(600))
            try await AccountRepository(database: db).setDisabled(badge, true, by: Demo.officers[1], at: now)
            #expect(try await signIn.session(token, at: now) == nil)
            #expect(try await AccountRepository(database: db).find(badge)?.disabled == true)
        }
    }

    @Test("the fifth failure of one badge from one address delays that address only; success clears the pair")
    func throttlePerPair() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let signIn = SignInRepository(database: db)
            let throttle = LoginThrottle(freeAttempts: 5, firstDelaySeconds: 30, longestDelaySeconds: 900)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            for _ in 0..<5 {
                guard case .allowed = try await signIn.claim(badge: "010231", source: "10.0.0.9", throttle: throttle, at: now) else {
                    Issue.record("the first five attempts are checked")
                    return
                }
            }
            #expect(try await signIn.claim(badge: "010231", source: "10.0.0.9", throttle: throttle, at: now) == .blocked(until: 1_800_000_030))
            // The same badge from the officer's own window, and another badge from the guessing address, go on.
            guard case .allowed = try await signIn.claim(badge: "010231", source: "10.0.0.3", throttle: throttle, at: now),
                case .allowed = try await signIn.claim(badge: "010232", source: "10.0.0.9", throttle: throttle, at: now)
            else {
                Issue.record("other pairs are not delayed")
                return
            }
            // After the delay one more failure doubles it.
            let later = now.addingTimeInterval(31)
            guard case .allowed = try await signIn.claim(badge: "010231", source: "10.0.0.9", throttle: throttle, at: later) else {
                Issue.record("the pair may try again after the delay")
                return
            }
            #expect(try await signIn.claim(badge: "010231", source: "10.0.0.9", throttle: throttle, at: later) == .blocked(until: 1_800_000_091))
            #expect(try await signIn.unlock(Demo.officers[0]) == 2)
            guard case .allowed(let count) = try await signIn.claim(badge: "010231", source: "10.0.0.9", throttle: throttle, at: later) else {
                Issue.record("an unlocked badge may sign in")
                return
            }
            #expect(count.failures == 1)
            try await signIn.clear(badge: "010231", source: "10.0.0.9")
            #expect(try await signIn.failures(of: Demo.officers[0]).isEmpty)
        }
    }

    @Test("forty parallel guesses from one address: exactly five are checked, the rest refused unchecked")
    func parallelGuesses() async throws {
        try await TestDatabase.withDatabase { (db: Database) async throws in
            let signIn = SignInRepository(database: db)
            let throttle = LoginThrottle(freeAttempts: 5)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let allowed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        if case .allowed = try await signIn.claim(badge: "010233", source: "10.0.0.66", throttle: throttle, at: now) { return true }
                        return false
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(allowed == 5)
            #expect(try await signIn.failures(of: Demo.officers[2]).first?.failures == 5)
        }
    }
}
