/// How sign-in failures slow down guessing (RULES §11: lockout after repeated failures) without letting anyone shut an
/// officer out of the whole hall: failures are counted per badge *and* source address, so five wrong guesses from
/// one place delay only that place.
///
/// Each attempt is counted before the password is checked (`claim`), in the same locked step that reads the count,
/// so parallel guesses cannot slip past the limit; a success clears the pair.
public struct LoginThrottle: Sendable, Equatable {
    /// Failures from one address for one badge before the first delay.
    public var freeAttempts: Int
    /// The first delay; each further failure doubles it, up to `longestDelay`.
    public var firstDelaySeconds: Int
    public var longestDelaySeconds: Int

    public init(freeAttempts: Int = 5, firstDelaySeconds: Int = 30, longestDelaySeconds: Int = 900) {
        self.freeAttempts = max(1, freeAttempts)
        self.firstDelaySeconds = max(1, firstDelaySeconds)
        self.longestDelaySeconds = max(self.firstDelaySeconds, longestDelaySeconds)
    }

    /// The failures so far of one (badge, address) pair.
    public struct Count: Sendable, Equatable {
        public var failures: Int
        /// Seconds since 1970 before which the pair may not try again; nil when not blocked.
        public var blockedUntil: Int64?

        public init(failures: Int = 0, blockedUntil: Int64? = nil) {
            self.failures = failures
            self.blockedUntil = blockedUntil
        }
    }

    public enum Decision: Sendable, Equatable {
        /// Go on and check the password; `count` is what to store (this attempt already counted as a failure).
        case allowed(Count)
        /// Refused without checking; the pair may try again at `until` (seconds since 1970).
        case blocked(until: Int64)
    }

    /// Decides an attempt at `now` (seconds since 1970) and counts it as a failure in advance.
    public func claim(_ count: Count, now: Int64) -> Decision {
        if let until = count.blockedUntil, until > now { return .blocked(until: until) }
        let failures = count.failures + 1
        return .allowed(Count(failures: failures, blockedUntil: failures >= freeAttempts ? now + delay(afterFailures: failures) : nil))
    }

    /// The wait after the `failures`-th failure in a row: none before `freeAttempts`, then doubling.
    public func delay(afterFailures failures: Int) -> Int64 {
        guard failures >= freeAttempts else { return 0 }
        let doublings = min(failures - freeAttempts, 20)
        return Int64(min(longestDelaySeconds, firstDelaySeconds << doublings))
    }
}
