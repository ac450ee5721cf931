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

struct PruneMarksTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("an id may be pruned once it was noted at least an hour ago, and each mark is used once")
    func marks() {
        var marks = PruneMarks()
        marks.note(10, at: start)
        marks.note(20, at: start.addingTimeInterval(600))
        marks.note(30, at: start.addingTimeInterval(1200))
        #expect(marks.prunable(at: start.addingTimeInterval(3599), keeping: 3600) == nil)
        #expect(marks.prunable(at: start.addingTimeInterval(3600), keeping: 3600) == 10)
        #expect(marks.prunable(at: start.addingTimeInterval(3700), keeping: 3600) == nil, "10 was used; 20 is not old enough")
        #expect(marks.prunable(at: start.addingTimeInterval(4800), keeping: 3600) == 30)
        #expect(marks.prunable(at: start.addingTimeInterval(9000), keeping: 3600) == nil)
    }
}
