import ChuangkouCore
import Foundation
import Synchronization

/// Remembers, for a few seconds, which officer a session token belongs to.
///
/// Every officer request carries its token; without this, each one costs a database read and a SHA-256
/// before any work starts (measured: ≈ 3 of the 4 requests of a ticket's lifecycle). The price is that a
/// session ended on *another* server process stays usable here for at most `lifetime`; one ended here
/// (sign-out) is forgotten at once. Expiry is still checked against the session's own end.
final class SessionCache: Sendable {
    private struct Entry {
        let officer: Officer
        let setUpOnly: Bool
        let sessionExpires: Date
        let cachedUntil: Date
    }

    private let entries = Mutex<[String: Entry]>([:])
    let lifetime: TimeInterval
    /// Bounded so a flood of random tokens cannot grow memory; unknown tokens are never cached anyway.
    let capacity: Int

    init(lifetime: Duration = .seconds(5), capacity: Int = 4096) {
        self.lifetime = Double(lifetime.components.seconds) + Double(lifetime.components.attoseconds) / 1e18
        self.capacity = capacity
    }

    func officer(for token: String, at now: Date) -> Officer? {
        session(for: token, at: now)?.officer
    }

    /// The cached officer and whether the session may only finish set-up.
    func session(for token: String, at now: Date) -> (officer: Officer, setUpOnly: Bool)? {
        entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            guard now < entry.cachedUntil, now < entry.sessionExpires else {
                entries[token] = nil
                return nil
            }
            return (entry.officer, entry.setUpOnly)
        }
    }

    func remember(_ officer: Officer, setUpOnly: Bool = false, for token: String, sessionExpires: Date, at now: Date) {
        guard lifetime > 0 else { return }
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { now < $0.value.cachedUntil }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[token] = Entry(
                officer: officer,
                setUpOnly: setUpOnly,
                sessionExpires: sessionExpires,
                cachedUntil: now.addingTimeInterval(lifetime)
            )
        }
    }

    func forget(_ token: String) {
        _ = entries.withLock { $0.removeValue(forKey: token) }
    }

    /// Forgets every cached session of one officer (disabled, roles changed, password changed).
    func forget(badge: Badge) {
        entries.withLock { entries in entries = entries.filter { $0.value.officer.badge != badge } }
    }
}
