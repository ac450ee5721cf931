import Foundation
import Synchronization

/// Tickets per minute per kiosk device and per source address (visitors' phones), counted in this process.
///
/// A hall's opening rush is a kiosk issuing a ticket every few seconds (20 a minute is normal; the default allows 60);
/// a script issuing thousands would empty the day's numbers. Counts are per whole minute and forgotten after it, so
/// memory stays bounded by the keys seen in one minute (and is capped besides). Public complaint filings are counted
/// the same way, in an instance of their own.
final class TicketRateLimiter: Sendable {
    private struct Window {
        var minute: Int64
        var counts: [String: Int]
    }

    private let window = Mutex(Window(minute: 0, counts: [:]))
    let capacity: Int

    init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    /// Counts one ticket for `key`; false when `key` already had `limit` this minute.
    func allow(_ key: String, limit: Int, at now: Date) -> Bool {
        let minute = Int64(now.timeIntervalSince1970 / 60)
        return window.withLock { window in
            if window.minute != minute || window.counts.count >= capacity {
                window = Window(minute: minute, counts: [:])
            }
            let used = window.counts[key, default: 0]
            guard used < limit else { return false }
            window.counts[key] = used + 1
            return true
        }
    }
}
