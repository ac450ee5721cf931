extension Migration {
    /// The display event log is pruned by id now (`HallEventLog.prune(throughID:)`), so its index on time only cost a
    /// page write on every commit.
    static let v006EventLogByID = Migration(version: 6, name: "event log pruned by id") { _ in
        ["DROP INDEX hall_events_at"]
    }
}
