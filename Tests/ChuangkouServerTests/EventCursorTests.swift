import Foundation
import Testing

@testable import ChuangkouServer

@Suite("Event cursor: late commits on PostgreSQL")
struct EventCursorTests {
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("ids in order are each published once")
    func inOrder() {
        var cursor = EventCursor(after: 10)
        var published: [Bool] = []
        for id in [11, 12, 13] as [Int64] { published.append(cursor.accept(id, at: t0)) }
        #expect(published == [true, true, true])
        let again = cursor.accept(12, at: t0)
        #expect(again == false)
        #expect(cursor.last == 13 && cursor.idsToRecheck.isEmpty)
    }

    @Test("an id that commits after a larger one is still published, once")
    func lateCommit() {
        var cursor = EventCursor(after: 10)
        let newer = cursor.accept(12, at: t0)
        #expect(newer)
        #expect(cursor.idsToRecheck == [11])
        let late = cursor.accept(11, at: t0.addingTimeInterval(0.1))
        let repeated = cursor.accept(11, at: t0.addingTimeInterval(0.2))
        #expect(late && !repeated)
        #expect(cursor.idsToRecheck.isEmpty)
    }

    @Test("a hole that never fills (a rollback) is forgotten after the window")
    func rollbackForgotten() {
        var cursor = EventCursor(after: 0, lateCommitWindow: 5)
        _ = cursor.accept(3, at: t0)
        cursor.expire(at: t0.addingTimeInterval(4))
        #expect(cursor.idsToRecheck == [1, 2])
        cursor.expire(at: t0.addingTimeInterval(6))
        #expect(cursor.idsToRecheck.isEmpty)
    }

    @Test("a long jump remembers only the last few holes")
    func boundedHoles() {
        var cursor = EventCursor(after: 0, maximumHoles: 4)
        _ = cursor.accept(1_000, at: t0)
        #expect(cursor.idsToRecheck == [996, 997, 998, 999])
    }
}
