import ChuangkouCore
import Foundation
import Testing

@testable import ChuangkouServer

struct SessionCacheTests {
    let officer = Officer(badge: Badge("010231")!, name: "王警官", role: .officer, post: "户政窗口民警")
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func remembersForItsLifetimeOnly() {
        let cache = SessionCache(lifetime: .seconds(5))
        cache.remember(officer, for: "t", sessionExpires: start.addingTimeInterval(3600), at: start)
        #expect(cache.officer(for: "t", at: start.addingTimeInterval(4.9)) == officer)
        #expect(cache.officer(for: "t", at: start.addingTimeInterval(5)) == nil)
        #expect(cache.officer(for: "other", at: start) == nil)
    }

    @Test func neverOutlivesTheSession() {
        let cache = SessionCache(lifetime: .seconds(5))
        cache.remember(officer, for: "t", sessionExpires: start.addingTimeInterval(2), at: start)
        #expect(cache.officer(for: "t", at: start.addingTimeInterval(1)) == officer)
        #expect(cache.officer(for: "t", at: start.addingTimeInterval(2)) == nil)
    }

    @Test func signOutForgetsAtOnce() {
        let cache = SessionCache()
        cache.remember(officer, for: "t", sessionExpires: start.addingTimeInterval(3600), at: start)
        cache.forget("t")
        #expect(cache.officer(for: "t", at: start) == nil)
    }

    @Test func staysWithinCapacity() {
        let cache = SessionCache(lifetime: .seconds(5), capacity: 3)
        for i in 0..<10 {
            cache.remember(officer, for: "t\(i)", sessionExpires: start.addingTimeInterval(3600), at: start)
        }
        let remembered = (0..<10).filter { cache.officer(for: "t\($0)", at: start) != nil }
        #expect(remembered.count <= 3)
        #expect(remembered.contains(9))
    }
}
