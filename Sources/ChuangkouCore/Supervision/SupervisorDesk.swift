/// The supervisor's desk (督察台): for a period, one row for the hall and one per officer with everything a supervisor
/// looks at (RULES §8): the queue's figures, out-of-turn calls (open / reviewed / flagged), one-time-notice breaches,
/// cases due in the period on time or overdue, bad reviews and how many are still open, complaints open and overdue,
/// and the findings of the period's inspections not yet put right, by their owner.
///
/// A pure function over the period's records, which the Store reads: each figure is checked against a hand-made day.
public enum SupervisorDesk {
    public struct OutOfTurn: Sendable, Equatable {
        public let officer: Badge
        public let reviewed: Bool
        public let flagged: Bool
        public init(officer: Badge, reviewed: Bool, flagged: Bool) {
            self.officer = officer
            self.reviewed = reviewed
            self.flagged = flagged
        }
    }

    /// A deadline clock due in the period.
    public struct Clock: Sendable, Equatable {
        public let owner: Badge
        public let due: LocalDate
        public let stoppedOn: LocalDate?
        public init(owner: Badge, due: LocalDate, stoppedOn: LocalDate?) {
            self.owner = owner
            self.due = due
            self.stoppedOn = stoppedOn
        }
    }

    public struct BadReview: Sendable, Equatable {
        public let officer: Badge?
        /// Its rectification item is not closed.
        public let open: Bool
        public init(officer: Badge?, open: Bool) {
            self.officer = officer
            self.open = open
        }
    }

    public struct ComplaintState: Sendable, Equatable {
        public let concerned: [Badge]
        public let open: Bool
        public let overdue: Bool
        public init(concerned: [Badge], open: Bool, overdue: Bool) {
            self.concerned = concerned
            self.open = open
            self.overdue = overdue
        }
    }

    /// An on-site visit (现场办公) planned for a day of the period: its team and, once recorded, how it went.
    public struct Visit: Sendable, Equatable {
        public let team: [Badge]
        /// Recorded: the result is in (its outcome nil only for results recorded before outcomes were kept apart).
        public let recorded: Bool
        public let outcome: OnSiteVisit.Outcome?
        public init(team: [Badge], recorded: Bool, outcome: OnSiteVisit.Outcome?) {
            self.team = team
            self.recorded = recorded
            self.outcome = outcome
        }
    }

    public struct Inputs: Sendable, Equatable {
        public var tickets: [DeskTicket] = []
        /// The queue's tallies of days already rolled up, by officer (`nil`: tickets no officer touched): added to
        /// `tickets`' own.
        public var rolledQueue: [Badge?: QueueTally] = [:]
        public var outOfTurn: [OutOfTurn] = []
        /// The officer each breach is recorded against.
        public var breaches: [Badge] = []
        public var clocks: [Clock] = []
        public var badReviews: [BadReview] = []
        public var complaints: [ComplaintState] = []
        /// The owner of each inspection follow-up not yet put right, from the period's inspections.
        public var inspectionFindingsOpen: [Badge] = []
        public var visits: [Visit] = []
        /// The officer of each case opened on one of the period's visits.
        public var onSiteCases: [Badge] = []
        public init() {}
    }

    public struct Row: Sendable, Equatable {
        /// nil: the whole hall.
        public let officer: Badge?
        public var queue = QueueFigures()
        public var outOfTurnOpen = 0
        public var outOfTurnReviewed = 0
        public var outOfTurnFlagged = 0
        public var breaches = 0
        public var casesOnTime = 0
        public var casesOverdue = 0
        public var badReviews = 0
        public var badReviewsOpen = 0
        public var complaintsOpen = 0
        public var complaintsOverdue = 0
        public var inspectionFindingsOpen = 0
        /// On-site visits of the period (the officer on the team; the hall's row counts each visit once), those whose
        /// result is recorded as done, partly done and not possible, and the cases opened on them.
        public var visits = 0
        public var visitsDone = 0
        public var visitsPartly = 0
        public var visitsNotPossible = 0
        public var visitsAwaitingResult = 0
        public var onSiteCases = 0

        public init(officer: Badge?) { self.officer = officer }
    }

    /// The hall's row first, then one per officer who appears anywhere, by badge.
    public static func rows(_ inputs: Inputs, today: LocalDate) -> [Row] {
        var rows: [Badge?: Row] = [nil: Row(officer: nil)]
        func update(_ officer: Badge?, _ change: (inout Row) -> Void) {
            change(&rows[nil]!)
            if let officer {
                var row = rows[officer] ?? Row(officer: officer)
                change(&row)
                rows[officer] = row
            }
        }
        for (officer, figures) in QueueFigures.compute(inputs.tickets, plus: inputs.rolledQueue) {
            if let officer { rows[officer] = Row(officer: officer) }
            rows[officer]!.queue = figures
        }
        for call in inputs.outOfTurn {
            update(call.officer) { row in
                if !call.reviewed { row.outOfTurnOpen += 1 } else { row.outOfTurnReviewed += 1 }
                if call.flagged { row.outOfTurnFlagged += 1 }
            }
        }
        for officer in inputs.breaches { update(officer) { $0.breaches += 1 } }
        for clock in inputs.clocks {
            // Overdue: stopped after its day, or still running once the day has passed. Running and not yet due counts
            // as neither.
            let late = clock.stoppedOn.map { $0 > clock.due } ?? (today > clock.due)
            let onTime = clock.stoppedOn.map { $0 <= clock.due } ?? false
            update(clock.owner) { row in
                if late { row.casesOverdue += 1 } else if onTime { row.casesOnTime += 1 }
            }
        }
        for review in inputs.badReviews {
            update(review.officer) { row in
                row.badReviews += 1
                if review.open { row.badReviewsOpen += 1 }
            }
        }
        for complaint in inputs.complaints {
            rows[nil]!.complaintsOpen += complaint.open ? 1 : 0
            rows[nil]!.complaintsOverdue += complaint.overdue ? 1 : 0
            for officer in Set(complaint.concerned) {
                var row = rows[officer] ?? Row(officer: officer)
                row.complaintsOpen += complaint.open ? 1 : 0
                row.complaintsOverdue += complaint.overdue ? 1 : 0
                rows[officer] = row
            }
        }
        for owner in inputs.inspectionFindingsOpen { update(owner) { $0.inspectionFindingsOpen += 1 } }
        for visit in inputs.visits {
            func count(_ row: inout Row) {
                row.visits += 1
                switch visit.outcome {
                case .done: row.visitsDone += 1
                case .partly: row.visitsPartly += 1
                case .notPossible: row.visitsNotPossible += 1
                case nil: if !visit.recorded { row.visitsAwaitingResult += 1 }
                }
            }
            count(&rows[nil]!)
            for officer in Set(visit.team) {
                var row = rows[officer] ?? Row(officer: officer)
                count(&row)
                rows[officer] = row
            }
        }
        for officer in inputs.onSiteCases { update(officer) { $0.onSiteCases += 1 } }
        return [rows[nil]!] + rows.compactMap { $0.key == nil ? nil : $0.value }.sorted { $0.officer!.value < $1.officer!.value }
    }
}
