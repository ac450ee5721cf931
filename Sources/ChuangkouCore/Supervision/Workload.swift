import Foundation

/// Workload (避免厌烦, RULES §1): per officer and day, the minutes signed in at a window and not on a break, the minutes
/// serving (a ticket's start to its finish), the breaks (window paused) and their minutes, and the tickets served; a day
/// with more serving than the hall's limit is marked heavy. Beside it, what each person handles (complaints, bad reviews'
/// rectifications, inspection follow-ups): assigned in the period and still open, so nobody is always the one picked.
///
/// A pure function over the records the Store reads: the caller passes `now`, the zone and the period.
public enum Workload {
    /// One change of an officer's window, in the order it happened.
    public struct WindowChange: Sendable, Equatable {
        public enum Action: String, Sendable, CaseIterable {
            case signIn = "sign-in"
            case signOut = "sign-out"
            case pause
            case resume
        }

        public let officer: Badge
        public let action: Action
        public let at: Date
        public init(officer: Badge, action: Action, at: Date) {
            self.officer = officer
            self.action = action
            self.at = at
        }
    }

    /// One ticket served: from its start to its finish, or to now while still serving (`finished` false).
    public struct Service: Sendable, Equatable {
        public let officer: Badge
        public let start: Date
        public let end: Date
        public let finished: Bool
        public init(officer: Badge, start: Date, end: Date, finished: Bool) {
            self.officer = officer
            self.start = start
            self.end = end
            self.finished = finished
        }
    }

    /// Work handed to a person: a complaint to handle, a rectification item, an inspection follow-up.
    public struct Assignment: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case complaint
            case rectification
            case followUp
        }

        public let holder: Badge
        public let kind: Kind
        /// Handed over within the period.
        public let inPeriod: Bool
        public let open: Bool
        public init(holder: Badge, kind: Kind, inPeriod: Bool, open: Bool) {
            self.holder = holder
            self.kind = kind
            self.inPeriod = inPeriod
            self.open = open
        }
    }

    /// The figures of one day, or of the whole period.
    public struct Figures: Sendable, Equatable {
        public var windowSeconds = 0
        public var servingSeconds = 0
        public var breaks = 0
        public var breakSeconds = 0
        public var served = 0
        public init() {}

        mutating func add(_ other: Figures) {
            windowSeconds += other.windowSeconds
            servingSeconds += other.servingSeconds
            breaks += other.breaks
            breakSeconds += other.breakSeconds
            served += other.served
        }
    }

    public struct Day: Sendable, Equatable {
        public let day: LocalDate
        public var figures = Figures()
        /// More serving than the hall's limit (`heavyServingSeconds`).
        public var heavy = false
        public init(day: LocalDate) { self.day = day }
    }

    public struct Row: Sendable, Equatable {
        public let officer: Badge
        /// The days with anything to show, oldest first.
        public var days: [Day] = []
        public var total = Figures()
        public var heavyDays = 0
        public var assigned: [Assignment.Kind: Int] = [:]
        public var open: [Assignment.Kind: Int] = [:]
        public init(officer: Badge) { self.officer = officer }
    }

    public struct Inputs: Sendable, Equatable {
        /// Every change in the period, and for each officer the last one before it (their state at its start).
        public var changes: [WindowChange] = []
        public var services: [Service] = []
        public var assignments: [Assignment] = []
        public init() {}
    }

    /// One row per officer who appears anywhere, by badge. Time is counted from the period's first midnight (hall's
    /// zone) to the earlier of its end and `now`; a session still open counts until then.
    public static func rows(_ inputs: Inputs, period: DeskPeriod, zone: TimeZone, now: Date, heavyServingSeconds: Int) -> [Row] {
        let days = Self.days(of: period, in: zone)
        guard let periodStart = days.first?.start, let periodEnd = days.last?.end else { return [] }
        let until = min(periodEnd, max(periodStart, now))
        var perDay: [Badge: [LocalDate: Figures]] = [:]
        func add(_ officer: Badge, from start: Date, to end: Date, _ field: WritableKeyPath<Figures, Int>) {
            let (start, end) = (max(start, periodStart), min(end, until))
            guard start < end else { return }
            for day in days where day.start < end && start < day.end {
                let seconds = min(end, day.end).timeIntervalSince(max(start, day.start))
                perDay[officer, default: [:]][day.day, default: Figures()][keyPath: field] += Int(seconds.rounded())
            }
        }
        func day(of instant: Date) -> LocalDate? { days.first { $0.start <= instant && instant < $0.end }?.day }

        for (officer, changes) in Dictionary(grouping: inputs.changes, by: \.officer) {
            var signedInSince: Date?
            var pausedSince: Date?
            func endBreak(_ at: Date) {
                if let since = pausedSince { add(officer, from: since, to: at, \.breakSeconds) }
                pausedSince = nil
            }
            func endWindow(_ at: Date) {
                // Time on a break is not time at the window: the window part ends when the break starts.
                if let since = signedInSince { add(officer, from: since, to: at, \.windowSeconds) }
                signedInSince = nil
            }
            for change in changes.sorted(by: { $0.at < $1.at }) {
                switch change.action {
                case .signIn:
                    endBreak(change.at)
                    if signedInSince == nil { signedInSince = change.at }
                case .signOut:
                    endBreak(change.at)
                    endWindow(change.at)
                case .pause:
                    // A pause implies a signed-in officer, even when their sign-in lies before the period.
                    guard pausedSince == nil else { continue }
                    endWindow(change.at)
                    pausedSince = change.at
                    if let d = day(of: change.at), change.at < until { perDay[officer, default: [:]][d, default: Figures()].breaks += 1 }
                case .resume:
                    endBreak(change.at)
                    if signedInSince == nil { signedInSince = change.at }
                }
            }
            endBreak(until)
            endWindow(until)
        }
        for service in inputs.services {
            add(service.officer, from: service.start, to: service.end, \.servingSeconds)
            if service.finished, let d = day(of: service.end), service.end < until {
                perDay[service.officer, default: [:]][d, default: Figures()].served += 1
            }
        }

        var rows: [Badge: Row] = [:]
        for (officer, figures) in perDay {
            var row = Row(officer: officer)
            for (date, value) in figures.sorted(by: { $0.key < $1.key }) {
                var day = Day(day: date)
                day.figures = value
                day.heavy = value.servingSeconds > heavyServingSeconds
                row.days.append(day)
                row.total.add(value)
                row.heavyDays += day.heavy ? 1 : 0
            }
            rows[officer] = row
        }
        for assignment in inputs.assignments {
            var row = rows[assignment.holder] ?? Row(officer: assignment.holder)
            if assignment.inPeriod { row.assigned[assignment.kind, default: 0] += 1 }
            if assignment.open { row.open[assignment.kind, default: 0] += 1 }
            rows[assignment.holder] = row
        }
        return rows.values.sorted { $0.officer.value < $1.officer.value }
    }

    /// Each day of the period with its midnights in the zone, start included, end excluded.
    public static func days(of period: DeskPeriod, in zone: TimeZone) -> [(day: LocalDate, start: Date, end: Date)] {
        var result: [(day: LocalDate, start: Date, end: Date)] = []
        var day = period.from
        while day <= period.through {
            guard let next = try? day.adding(days: 1) else { break }
            result.append((day, DutyHours.instant(day, minutes: 0, in: zone), DutyHours.instant(next, minutes: 0, in: zone)))
            day = next
        }
        return result
    }
}
