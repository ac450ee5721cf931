import Foundation

/// How the outbox retries a message the gateway refused, and how many messages one phone may receive.
///
/// Retries back off exponentially (`firstRetry`, doubled each time, at most `longestRetry`) so a gateway that is down
/// is not hammered; after `maxAttempts` the message is failed for good and shown as such in the delivery log.
public struct DeliveryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var firstRetry: Duration
    public var longestRetry: Duration
    /// At most this many messages to one phone within `ratePeriod`; the rest wait (never dropped).
    public var maxPerPhone: Int
    public var ratePeriod: Duration
    /// How long a claimed message belongs to the process that claimed it. Longer than the gateway timeout, so a
    /// message is only claimed again when its sender surely gave up or died.
    public var lease: Duration

    public init(
        maxAttempts: Int = 6,
        firstRetry: Duration = .seconds(30),
        longestRetry: Duration = .seconds(3600),
        maxPerPhone: Int = 5,
        ratePeriod: Duration = .seconds(3600),
        lease: Duration = .seconds(120)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.firstRetry = firstRetry
        self.longestRetry = max(firstRetry, longestRetry)
        self.maxPerPhone = max(1, maxPerPhone)
        self.ratePeriod = ratePeriod
        self.lease = lease
    }

    /// After the `attempts`-th failed attempt: when to try again, or nil when the message has failed for good.
    public func retry(after attempts: Int, at now: Date) -> Date? {
        guard attempts < maxAttempts else { return nil }
        let first = Double(firstRetry.components.seconds)
        let wait = min(Double(longestRetry.components.seconds), first * pow(2, Double(max(0, attempts - 1))))
        return now.addingTimeInterval(wait)
    }
}

/// Where a message to a phone stands.
public enum DeliveryStatus: String, Sendable, CaseIterable, Codable {
    /// Waiting for its (next) attempt.
    case pending
    case sent
    /// Every attempt failed.
    case failed
    /// Not sent: the citizen opted out of this kind of message.
    case suppressed

    public var label: String {
        switch self {
        case .pending: "待发送"
        case .sent: "已发送"
        case .failed: "发送失败"
        case .suppressed: "已退订未发"
        }
    }

    public var labelEnglish: String {
        switch self {
        case .pending: "Pending"
        case .sent: "Sent"
        case .failed: "Failed"
        case .suppressed: "Opted out"
        }
    }
}
