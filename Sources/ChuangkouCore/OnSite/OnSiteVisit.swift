import Foundation

public typealias OnSiteVisitID = Identifier<OnSiteVisit>

/// An on-site visit (现场办公, one of the five systems, RULES §1): officers go to an enterprise, a school, a nursing
/// home or a bedridden applicant's home and handle the business there. Requested by the citizen or organisation
/// (online, with a query code) or recorded by staff; approved by the duty leader for a working half-day with a team
/// (two officers when personal data is collected away from the hall), or declined with a reason; then its result.
///
/// Personal data (applicant, address, details) is masked on input; the Store seals the whole value at rest.
public struct OnSiteVisit: Sendable, Equatable, Codable {
    public let id: OnSiteVisitID
    public let channel: Channel
    /// The staff member who recorded it; nil for the public form.
    public let recordedBy: Badge?
    public let request: Request
    public let requestedAt: Date
    public let requestedOn: LocalDate
    public private(set) var stage: Stage
    public private(set) var plan: Plan?
    public private(set) var declineReason: String?
    public private(set) var result: Result?

    public enum Channel: String, Sendable, Codable, CaseIterable {
        case online
        /// Recorded by staff (at the hall or from a phone call).
        case staff
    }

    public enum Stage: String, Sendable, Codable, CaseIterable {
        case requested, approved, declined
        /// The result is recorded (see `result`).
        case visited
    }

    /// Why the hall should come (the seed: 行动不便, a batch of employees, a school's ID collection…).
    public enum Reason: String, Sendable, Codable, CaseIterable {
        case mobility
        case enterpriseBatch
        case schoolCollection
        case nursingHome
        case other

        public var label: String {
            switch self {
            case .mobility: "行动不便（老、弱、病、残）"
            case .enterpriseBatch: "企业员工批量办理"
            case .schoolCollection: "学校集中采集"
            case .nursingHome: "养老机构集中办理"
            case .other: "其他"
            }
        }

        public var labelEnglish: String {
            switch self {
            case .mobility: "Cannot travel (elderly, ill, disabled)"
            case .enterpriseBatch: "A batch of an enterprise's employees"
            case .schoolCollection: "A school's collection"
            case .nursingHome: "A nursing home"
            case .other: "Other"
            }
        }
    }

    public struct Request: Sendable, Equatable, Codable {
        /// The applicant's name or the organisation's.
        public var applicant: String
        public var address: String
        public var businesses: [BusinessCode]
        public var reason: Reason
        public var details: String
        /// The days the applicant would like, earliest first.
        public var preferredDays: [LocalDate]
        /// Whether personal data (photos, fingerprints, ID numbers) is collected on site: then two officers go.
        public var collectsPersonalData: Bool

        public init(
            applicant: String,
            address: String,
            businesses: [BusinessCode],
            reason: Reason,
            details: String,
            preferredDays: [LocalDate],
            collectsPersonalData: Bool
        ) {
            self.applicant = applicant
            self.address = address
            self.businesses = businesses
            self.reason = reason
            self.details = details
            self.preferredDays = preferredDays
            self.collectsPersonalData = collectsPersonalData
        }
    }

    /// When and who: a working half-day and the team, in the order the leader gave.
    public struct Plan: Sendable, Equatable, Codable {
        public let slot: DutySlot
        public let team: [Badge]
        public let approvedBy: Badge
        public let approvedAt: Date
    }

    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case done
        case partly
        case notPossible

        public var label: String {
            switch self {
            case .done: "已办结"
            case .partly: "部分办结"
            case .notPossible: "未能办理"
            }
        }

        public var labelEnglish: String {
            switch self {
            case .done: "Done"
            case .partly: "Partly done"
            case .notPossible: "Not possible"
            }
        }
    }

    public struct Result: Sendable, Equatable, Codable {
        public let outcome: Outcome
        public let note: String
        /// How many applications were taken on site.
        public let casesTaken: Int
        public let by: Badge
        public let at: Date
    }

    /// The hall's settings for visits.
    public struct Policy: Sendable, Equatable {
        /// Officers who go when personal data is collected away from the hall.
        public var teamWhenCollecting: Int
        public var maxTeam: Int
        /// How far ahead a visit is asked for or planned, in calendar days.
        public var horizonDays: Int
        public var maxBusinesses: Int

        public init(teamWhenCollecting: Int = 2, maxTeam: Int = 6, horizonDays: Int = 60, maxBusinesses: Int = 10) {
            self.teamWhenCollecting = teamWhenCollecting
            self.maxTeam = maxTeam
            self.horizonDays = horizonDays
            self.maxBusinesses = maxBusinesses
        }

        public func teamRequired(for request: Request) -> Int { request.collectsPersonalData ? max(1, teamWhenCollecting) : 1 }
    }

    // MARK: Requesting

    /// A new request, its fields checked and masked. Staff record under their badge; the public form under none.
    public static func request(
        _ request: Request,
        id: OnSiteVisitID,
        channel: Channel,
        recordedBy: Badge?,
        at now: Date,
        on today: LocalDate,
        policy: Policy = Policy()
    ) throws(OnSiteError) -> (OnSiteVisit, [OnSiteEffect]) {
        guard (channel == .staff) == (recordedBy != nil) else { throw .recorderMismatch }
        guard let applicant = text(request.applicant, 1...60) else { throw .applicantRequired }
        guard let address = text(request.address, 4...200) else { throw .addressRequired }
        let businesses = request.businesses
        guard (1...policy.maxBusinesses).contains(businesses.count), Set(businesses).count == businesses.count else {
            throw .businessCount(max: policy.maxBusinesses)
        }
        let details = Masking.maskPersonalNumbers(in: request.details.trimmingCharacters(in: .whitespacesAndNewlines))
        guard details.count <= 500 else { throw .detailsTooLong(max: 500) }
        let days = Array(Set(request.preferredDays)).sorted()
        guard (1...3).contains(days.count), days.allSatisfy({ within(policy.horizonDays, $0, after: today) }) else {
            throw .preferredDays(horizonDays: policy.horizonDays)
        }
        let visit = OnSiteVisit(
            id: id,
            channel: channel,
            recordedBy: recordedBy,
            request: Request(
                applicant: applicant,
                address: address,
                businesses: businesses,
                reason: request.reason,
                details: details,
                preferredDays: days,
                collectsPersonalData: request.collectsPersonalData
            ),
            requestedAt: now,
            requestedOn: today,
            stage: .requested
        )
        return (visit, [.history(OnSiteEntry(.requested, by: recordedBy, at: now)), .notifyLeaders])
    }

    // MARK: The duty leader's decision

    /// Plans the visit for a working half-day with its team. `team` are the officers' accounts, in the order given.
    public mutating func approve(
        _ slot: DutySlot,
        team: [Officer],
        by leader: Officer,
        calendar: WorkingDayCalendar,
        today: LocalDate,
        at now: Date,
        policy: Policy = Policy()
    ) throws(OnSiteError) -> [OnSiteEffect] {
        guard leader.roles.isDutyLeader else { throw .leaderOnly }
        guard stage == .requested else { throw .wrongStage(stage) }
        guard Self.within(policy.horizonDays, slot.day, after: today) else { throw .dayOutOfRange(horizonDays: policy.horizonDays) }
        let working = calendar.isWorkingDay(slot.day)
        guard !working.provisional else { throw .calendarUnpublished(year: slot.day.year) }
        guard working.value else { throw .notAWorkingDay(slot.day) }
        let required = policy.teamRequired(for: request)
        guard (required...max(required, policy.maxTeam)).contains(team.count) else {
            throw .teamSize(required: required, max: max(required, policy.maxTeam))
        }
        var seen: Set<Badge> = []
        for member in team {
            guard member.mayWorkAtWindow, seen.insert(member.badge).inserted else { throw .teamMemberInvalid(member.badge) }
        }
        let badges = team.map(\.badge)
        plan = Plan(slot: slot, team: badges, approvedBy: leader.badge, approvedAt: now)
        stage = .approved
        return [
            .history(OnSiteEntry(.approved, by: leader.badge, at: now, detail: "\(slot.label) " + badges.map(\.value).joined(separator: "、"))),
            .notifyTeam(badges),
            .notifyApplicant(
                .visitDecision,
                [
                    "outcome": "已安排", "outcome@en": "planned",
                    "date": "民警将于\(slot.label)上门办理，请备齐材料。",
                    "date@en": "Officers come on \(slot.day) (\(slot.half.labelEnglish.lowercased())); please have the materials ready.",
                    "reason": "",
                ]
            ),
        ]
    }

    public mutating func decline(reason: String, by leader: Officer, at now: Date) throws(OnSiteError) -> [OnSiteEffect] {
        guard leader.roles.isDutyLeader else { throw .leaderOnly }
        guard stage == .requested else { throw .wrongStage(stage) }
        guard let reason = Self.text(reason, 2...200) else { throw .reasonRequired }
        stage = .declined
        declineReason = reason
        return [
            .history(OnSiteEntry(.declined, by: leader.badge, at: now, detail: reason)),
            .notifyApplicant(
                .visitDecision,
                [
                    "outcome": "未获安排", "outcome@en": "not planned",
                    "date": "",
                    "reason": "原因：\(reason)。如有疑问请致电大厅。", "reason@en": "Reason: \(reason).",
                ]
            ),
        ]
    }

    // MARK: On site

    /// How the visit went, recorded by a team member (or a duty leader) on or after its day.
    public mutating func recordResult(
        _ outcome: Outcome,
        note: String,
        casesTaken: Int,
        by officer: Officer,
        on today: LocalDate,
        at now: Date
    ) throws(OnSiteError) -> [OnSiteEffect] {
        guard stage == .approved, let plan else { throw .wrongStage(stage) }
        guard plan.team.contains(officer.badge) || officer.roles.isDutyLeader else { throw .notOnTeam }
        guard today >= plan.slot.day else { throw .resultBeforeVisit }
        let note = Masking.maskPersonalNumbers(in: note.trimmingCharacters(in: .whitespacesAndNewlines))
        guard note.count <= 500 else { throw .detailsTooLong(max: 500) }
        if outcome != .done, note.count < 2 { throw .resultNoteRequired }
        result = Result(outcome: outcome, note: note, casesTaken: max(0, min(casesTaken, 10_000)), by: officer.badge, at: now)
        stage = .visited
        return [.history(OnSiteEntry(.visited, by: officer.badge, at: now, detail: outcome.label + (note.isEmpty ? "" : "：\(note)")))]
    }

    /// Whether `officer` may open intake for `business` on site today (the issue: on site the team opens cases with
    /// channel on-site through the same intake flow): only a member of the planned visit's team, only on the visit's
    /// day, only for a business the visit lists. Duty leaders and supervisors not on the team do not; they plan.
    /// - Throws: `notTeamMember` (not on the team, or the visit has none yet), `wrongStage` (not planned, or its
    ///   result is recorded), `notVisitDay`, `businessNotOnVisit`.
    public func checkIntake(by officer: Officer, business: BusinessCode, on today: LocalDate) throws(OnSiteError) {
        guard let plan, plan.team.contains(officer.badge), officer.mayWorkAtWindow else { throw .notTeamMember }
        guard stage == .approved else { throw .wrongStage(stage) }
        guard today == plan.slot.day else { throw .notVisitDay(plan.slot.day) }
        guard request.businesses.contains(business) else { throw .businessNotOnVisit(business) }
    }

    /// `checkIntake` as a yes or no, for the pages' buttons.
    public func mayOpenIntake(by officer: Officer, business: BusinessCode, on today: LocalDate) -> Bool {
        (try? checkIntake(by: officer, business: business, on: today)) != nil
    }

    /// Whether `badge` may open the applicant's phone to call them (the route list and pages show it masked): a member
    /// of the team of a planned or visited visit. Each opening is audited by the Store.
    public func checkRevealContact(by badge: Badge) throws(OnSiteError) {
        guard let plan, plan.team.contains(badge) else { throw .notTeamMember }
        guard stage == .approved || stage == .visited else { throw .wrongStage(stage) }
    }

    /// Whether `badge` may see the visit's personal data: its team, whoever recorded it; leaders and supervisors by role.
    public func isTeamOrRecorder(_ badge: Badge) -> Bool { plan?.team.contains(badge) == true || recordedBy == badge }

    // MARK: Helpers

    static func text(_ raw: String, _ length: ClosedRange<Int>) -> String? {
        let trimmed = Masking.maskPersonalNumbers(in: raw.trimmingCharacters(in: .whitespacesAndNewlines))
        return length.contains(trimmed.count) ? trimmed : nil
    }

    /// After `today` and at most `days` calendar days ahead.
    static func within(_ days: Int, _ day: LocalDate, after today: LocalDate) -> Bool {
        guard day > today, let last = try? today.adding(days: days) else { return false }
        return day <= last
    }
}

/// What a visit's event asks the Store to do besides saving it.
public enum OnSiteEffect: Sendable, Equatable {
    case history(OnSiteEntry)
    /// A new request: the duty leaders are told.
    case notifyLeaders
    /// The visit is on these officers' schedules.
    case notifyTeam([Badge])
    /// Tell the applicant (through the outbox, to the phone they left) with a message of `kind`, worded by its template;
    /// the values fill its placeholders (`name@en` where the English differs). The Store adds `hall` and `queryCode`.
    case notifyApplicant(MessageKind, [String: String])
}

/// One line of a visit's history.
public struct OnSiteEntry: Sendable, Equatable, Codable {
    public enum Code: String, Sendable, Codable, CaseIterable {
        case requested, approved, declined, visited

        public var label: String {
            switch self {
            case .requested: "申请现场办公"
            case .approved: "批准并安排"
            case .declined: "不予安排"
            case .visited: "记录办理结果"
            }
        }

        public var labelEnglish: String {
            switch self {
            case .requested: "Requested"
            case .approved: "Approved and planned"
            case .declined: "Declined"
            case .visited: "Result recorded"
            }
        }
    }

    public let code: Code
    public let by: Badge?
    public let at: Date
    public let detail: String

    public init(_ code: Code, by: Badge?, at: Date, detail: String = "") {
        self.code = code
        self.by = by
        self.at = at
        self.detail = detail
    }
}
