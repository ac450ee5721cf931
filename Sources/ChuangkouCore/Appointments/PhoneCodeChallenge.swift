import Foundation

/// The one-time code that proves a booking's phone (短信验证码): sent before a booking holds, valid a few minutes,
/// a few tries, used once. The code itself is kept only as a salted hash in the Store.
public struct PhoneCodeChallenge: Sendable, Equatable {
    public static let validMinutes = 10
    public static let maxAttempts = 5
    /// Between two codes to one phone.
    public static let resendSeconds = 60
    /// Codes one phone gets per hour.
    public static let perHour = 5

    public let sentAt: Date
    public private(set) var attempts: Int
    public private(set) var usedAt: Date?

    public init(sentAt: Date, attempts: Int = 0, usedAt: Date? = nil) {
        self.sentAt = sentAt
        self.attempts = attempts
        self.usedAt = usedAt
    }

    /// Tries a code: `matches` says whether it was right. A wrong code uses up a try; the right one uses the challenge.
    public mutating func attempt(matches: Bool, now: Date) throws(AppointmentError) {
        guard usedAt == nil, now.timeIntervalSince(sentAt) <= Double(Self.validMinutes * 60) else { throw .phoneCodeMissing }
        guard attempts < Self.maxAttempts else { throw .phoneCodeExhausted }
        attempts += 1
        guard matches else { throw attempts >= Self.maxAttempts ? .phoneCodeExhausted : .phoneCodeWrong }
        usedAt = now
    }

    /// Whether another code may be sent to the phone now, given when the earlier ones of the last hour went.
    public static func maySend(after sent: [Date], now: Date) throws(AppointmentError) {
        let lastHour = sent.filter { now.timeIntervalSince($0) < 3600 }
        if let last = lastHour.max(), now.timeIntervalSince(last) < Double(resendSeconds) { throw .phoneCodeTooSoon }
        guard lastHour.count < perHour else { throw .phoneCodeTooSoon }
    }
}
