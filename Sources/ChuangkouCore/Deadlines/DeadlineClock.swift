import Foundation

/// The time limit of one case (限时办结): started at acceptance with the business's statutory and promised limits in
/// working days, paused while time is not counted, extended once, stopped when the case is decided.
///
/// Counting (行政许可法 Art. 82) starts the day after acceptance. Both due dates are kept; the promised one, usually
/// shorter, drives warnings. Due dates are never stored: they are recomputed against a `WorkingDayCalendar`, so a
/// holiday notice published later corrects a provisional due date.
///
/// Pauses (补正 and the Art. 45 exclusions): the day a pause starts still counts as used; the working days after
/// `pausedOn` up to and including `resumedOn` are not counted, and counting starts again the day after the resumption,
/// as it does after acceptance. While a pause is open, every working day after `pausedOn` is not counted, so the due
/// dates move with the calendar and the days left stay as they were. Hence
/// `due = acceptedOn + (limit + extension + paused working days)` working days, and a pause only ever moves due dates
/// later.
public struct DeadlineClock: Sendable, Equatable {
    /// Art. 42: one extension of at most 10 (working) days.
    public static let maxExtension = 10
    /// No statutory limit comes near it (the longest are a few hundred working days); it keeps every due date and
    /// every sum of limits far inside what a date and an `Int` can hold.
    public static let maxLimit = 1000

    public let acceptedOn: LocalDate
    /// 法定时限, in working days.
    public let statutoryLimit: Int
    /// 承诺时限, in working days; at most the statutory limit.
    public let promisedLimit: Int
    /// In the order they happened; only the last may be open.
    public private(set) var pauses: [Pause] = []
    public private(set) var grantedExtension: Extension?
    public private(set) var stoppedOn: LocalDate?

    /// Why time is not counted: waiting for the applicant to supplement materials (补正), or one of the procedures
    /// of 行政许可法 Art. 45.
    public enum PauseKind: String, Sendable, Codable, CaseIterable {
        case supplement
        case hearing
        case testing
        case inspection
        case appraisal
        case expertReview

        public var label: String {
            switch self {
            case .supplement: "补正材料"
            case .hearing: "听证"
            case .testing: "检验"
            case .inspection: "检测、现场核查"
            case .appraisal: "鉴定"
            case .expertReview: "专家评审"
            }
        }

        public var labelEnglish: String {
            switch self {
            case .supplement: "Supplementing materials"
            case .hearing: "Hearing"
            case .testing: "Testing"
            case .inspection: "Inspection"
            case .appraisal: "Appraisal"
            case .expertReview: "Expert review"
            }
        }
    }

    public struct Pause: Sendable, Equatable, Codable {
        public let kind: PauseKind
        public let reason: String
        /// Art. 45 requires it; a pause is refused without it. Kept so the record shows it.
        public let applicantNotifiedInWriting: Bool
        public let pausedOn: LocalDate
        /// Nil while the pause is open.
        public fileprivate(set) var resumedOn: LocalDate?

        public var isOpen: Bool { resumedOn == nil }
    }

    /// The one extension Art. 42 allows, added to both the statutory and the promised limit.
    public struct Extension: Sendable, Equatable, Codable {
        public let workingDays: Int
        public let reason: String
        /// The duty leader (值班领导) who approved it.
        public let approvedBy: Badge
        public let grantedOn: LocalDate
    }

    /// Starts the clock at acceptance.
    public init(acceptedOn: LocalDate, statutoryLimit: Int, promisedLimit: Int) throws(DeadlineError) {
        guard statutoryLimit >= 0, promisedLimit >= 0 else { throw .negativeLimit }
        guard statutoryLimit <= Self.maxLimit, promisedLimit <= Self.maxLimit else { throw .limitTooLong(max: Self.maxLimit) }
        guard promisedLimit <= statutoryLimit else { throw .promisedExceedsStatutory }
        self.acceptedOn = acceptedOn
        self.statutoryLimit = statutoryLimit
        self.promisedLimit = promisedLimit
    }

    public var isPaused: Bool { pauses.last?.isOpen ?? false }
    public var isStopped: Bool { stoppedOn != nil }
    public var extensionDays: Int { grantedExtension?.workingDays ?? 0 }

    /// Stops the count from `day` on. Refused without a reason or without the written notice to the applicant.
    public mutating func pause(
        _ kind: PauseKind,
        reason: String,
        applicantNotifiedInWriting: Bool,
        on day: LocalDate
    ) throws(DeadlineError) {
        try requireRunning()
        guard !isPaused else { throw .alreadyPaused }
        guard applicantNotifiedInWriting else { throw .applicantNotNotified }
        let reason = try Self.checked(reason)
        try requireOrdered(day)
        pauses.append(Pause(kind: kind, reason: reason, applicantNotifiedInWriting: true, pausedOn: day))
    }

    /// Ends the open pause; the count starts again the day after `day`.
    public mutating func resume(on day: LocalDate) throws(DeadlineError) {
        try requireRunning()
        guard let last = pauses.indices.last, pauses[last].isOpen else { throw .notPaused }
        guard day >= pauses[last].pausedOn else { throw .resumeBeforePause }
        pauses[last].resumedOn = day
    }

    /// Grants the one extension (Art. 42), which only the duty leader may approve; it moves both due dates.
    public mutating func extend(
        by workingDays: Int,
        reason: String,
        approvedBy leader: Officer,
        on day: LocalDate,
        maxWorkingDays: Int = DeadlineClock.maxExtension
    ) throws(DeadlineError) {
        guard leader.role == .dutyLeader else { throw .extensionNeedsDutyLeader }
        try grant(
            Extension(workingDays: workingDays, reason: reason, approvedBy: leader.badge, grantedOn: day),
            maxWorkingDays: maxWorkingDays
        )
    }

    /// Stops the clock when the case is decided. An open pause ends on the same day: a decided case waits for nobody.
    public mutating func stop(on day: LocalDate) throws(DeadlineError) {
        try requireRunning()
        try requireOrdered(day)
        if let last = pauses.indices.last, pauses[last].isOpen { pauses[last].resumedOn = day }
        stoppedOn = day
    }

    private mutating func grant(_ granted: Extension, maxWorkingDays: Int) throws(DeadlineError) {
        try requireRunning()
        guard grantedExtension == nil else { throw .extensionAlreadyGranted }
        let reason = try Self.checked(granted.reason)
        guard granted.workingDays > 0 else { throw .extensionNotPositive }
        guard granted.workingDays <= maxWorkingDays else { throw .extensionTooLong(max: maxWorkingDays) }
        guard granted.grantedOn >= acceptedOn else { throw .beforeAcceptance }
        grantedExtension = Extension(
            workingDays: granted.workingDays,
            reason: reason,
            approvedBy: granted.approvedBy,
            grantedOn: granted.grantedOn
        )
    }

    private func requireRunning() throws(DeadlineError) {
        guard stoppedOn == nil else { throw .stopped }
    }

    /// A pause or stop may not be dated before acceptance, nor inside (or before) the latest pause.
    private func requireOrdered(_ day: LocalDate) throws(DeadlineError) {
        guard day >= acceptedOn else { throw .beforeAcceptance }
        if let last = pauses.last, day < last.resumedOn ?? last.pausedOn { throw .beforeLastPause }
    }

    private static func checked(_ reason: String) throws(DeadlineError) -> String {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyReason }
        return trimmed
    }
}

extension DeadlineClock: Codable {
    private enum CodingKeys: String, CodingKey {
        case acceptedOn, statutoryLimit, promisedLimit, pauses
        case grantedExtension = "extension"
        case stoppedOn
    }

    /// Decodes by replaying the recorded events through the same checks, so a corrupt row fails here instead of
    /// giving a clock with, say, a negative limit.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let acceptedOn = try container.decode(LocalDate.self, forKey: .acceptedOn)
        let statutoryLimit = try container.decode(Int.self, forKey: .statutoryLimit)
        let promisedLimit = try container.decode(Int.self, forKey: .promisedLimit)
        let pauses = try container.decodeIfPresent([Pause].self, forKey: .pauses) ?? []
        let grantedExtension = try container.decodeIfPresent(Extension.self, forKey: .grantedExtension)
        let stoppedOn = try container.decodeIfPresent(LocalDate.self, forKey: .stoppedOn)
        do {
            var clock = try DeadlineClock(acceptedOn: acceptedOn, statutoryLimit: statutoryLimit, promisedLimit: promisedLimit)
            for pause in pauses {
                try clock.pause(
                    pause.kind,
                    reason: pause.reason,
                    applicantNotifiedInWriting: pause.applicantNotifiedInWriting,
                    on: pause.pausedOn
                )
                if let resumedOn = pause.resumedOn { try clock.resume(on: resumedOn) }
            }
            // The maximum was checked when it was granted, under the hall's setting of the day.
            if let grantedExtension { try clock.grant(grantedExtension, maxWorkingDays: Self.maxLimit) }
            if let stoppedOn { try clock.stop(on: stoppedOn) }
            self = clock
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid deadline clock: \(error)"))
        }
    }
}
