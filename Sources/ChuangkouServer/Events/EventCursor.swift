import Foundation

/// Where the event relay has read up to, and which ids it skipped over.
///
/// On PostgreSQL an id is handed out when a transaction inserts, not when it commits, so event 11 can become
/// visible before event 10. The cursor remembers skipped ids for `lateCommitWindow` and asks for them again; an id
/// that never shows up (a rolled-back transaction) is forgotten after that. A long run of skipped ids is
/// rolled-back work, not late commits, so only the last `maximumHoles` before a new id are remembered.
struct EventCursor: Equatable {
    private(set) var last: Int64
    private(set) var missing: [Int64: Date] = [:]
    let lateCommitWindow: TimeInterval
    let maximumHoles: Int64

    init(after last: Int64, lateCommitWindow: TimeInterval = 5, maximumHoles: Int64 = 64) {
        self.last = last
        self.lateCommitWindow = lateCommitWindow
        self.maximumHoles = maximumHoles
    }

    /// Ids to ask for again, besides everything after `last`.
    var idsToRecheck: [Int64] { missing.keys.sorted() }

    /// Records an event id just read; returns whether it is new (to be published) or was already seen.
    mutating func accept(_ id: Int64, at now: Date) -> Bool {
        if id > last {
            for hole in max(last + 1, id - maximumHoles)..<id { missing[hole] = now }
            last = id
            return true
        }
        return missing.removeValue(forKey: id) != nil
    }

    /// Forgets skipped ids older than the late-commit window.
    mutating func expire(at now: Date) {
        missing = missing.filter { now.timeIntervalSince($0.value) < lateCommitWindow }
    }
}

/// Which events are old enough to delete, without an index on their time: every ten minutes the relay notes the
/// last id it has read; an id noted more than an hour ago, and everything before it, may go.
struct PruneMarks {
    private var marks: [(at: Date, id: Int64)] = []

    mutating func note(_ id: Int64, at instant: Date) {
        marks.append((instant, id))
    }

    /// The largest id noted at least `keeping` seconds before `now`, forgetting the marks it covers.
    mutating func prunable(at now: Date, keeping: TimeInterval) -> Int64? {
        let old = marks.filter { now.timeIntervalSince($0.at) >= keeping }
        guard let last = old.last else { return nil }
        marks.removeFirst(old.count)
        return last.id
    }
}
