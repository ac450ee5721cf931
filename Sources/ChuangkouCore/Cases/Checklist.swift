/// The materials checklist of one application, built from the pinned guide: one entry per material, in the guide's
/// order, each checked by the officer at the window.
///
/// The checklist also decides the intake outcome (`outcome(guide:applicant:commitmentSigned:)`): completed on the
/// spot, accepted, one-time notice, accepted with deferral (容缺受理) or refused. It decides only once every
/// material has been checked, so a one-time notice drawn from it lists everything at once.
public struct Checklist: Sendable, Equatable {
    /// What the officer found for one material.
    public enum State: Sendable, Equatable, Codable {
        case unchecked
        /// Originals shown and copies handed in. Fewer than the guide asks leaves the material short.
        case provided(originals: Int, copies: Int)
        case missing
        /// Handed in but not in legal form, with what is wrong.
        case defective(reason: String)
        /// To be supplied after acceptance (容缺); only for materials the guide marks deferrable.
        case deferred
        /// Does not concern this applicant (say, the agent's ID when nobody acts as agent), with the officer's reason.
        /// Only for materials that are not main materials (主件); counts as satisfied and never goes on a notice, so
        /// the reason is required: an item may never drop silently off a one-time notice.
        case notApplicable(reason: String)
    }

    public struct Entry: Sendable, Equatable, Codable {
        /// Position of the material in the pinned guide's `materials`.
        public let index: Int
        public let material: Guide.Material
        public fileprivate(set) var state: State

        /// Provided with at least the originals and copies the guide asks for, or not applicable to this applicant.
        public var isSatisfied: Bool {
            switch state {
            case .provided(let originals, let copies): return originals >= material.originals && copies >= material.copies
            case .notApplicable: return true
            case .unchecked, .missing, .defective, .deferred: return false
            }
        }

        /// What a notice says about this material: nil when it is satisfied, not applicable, unchecked or deferred.
        public var problem: NoticeItem.Problem? {
            switch state {
            case .unchecked, .deferred, .notApplicable: return nil
            case .missing: return .missing
            case .defective(let reason): return .defective(reason: reason)
            case .provided(let originals, let copies):
                let owedOriginals = max(0, material.originals - originals)
                let owedCopies = max(0, material.copies - copies)
                return owedOriginals + owedCopies == 0 ? nil : .short(originals: owedOriginals, copies: owedCopies)
            }
        }

        /// The notice line for this material: its problem, or `missing` for a deferred one.
        public var noticeItem: NoticeItem? {
            if let problem { return NoticeItem(index: index, material: material, problem: problem) }
            if state == .deferred { return NoticeItem(index: index, material: material, problem: .missing) }
            return nil
        }
    }

    /// What intake decides (RULES §4, issue 5 "Outcomes").
    public enum Outcome: Sendable, Equatable, Codable {
        /// 即办件, materials complete: finished on the spot.
        case completeImmediate
        /// 承诺件, materials complete: accepted, with a 受理通知书 and due dates.
        case accept
        /// Eligible but incomplete: a 一次性告知书 listing every missing, defective, short or deferred material.
        case oneTimeNotice([NoticeItem])
        /// Only deferrable materials are outstanding and the applicant signed the commitment: 容缺受理, naming them.
        case acceptWithDeferral([NoticeItem])
        /// The business does not admit this applicant: 不予受理, with the reason.
        case refuse(reason: String)
    }

    public let business: BusinessCode
    public private(set) var entries: [Entry]

    /// Every material of `guide`, unchecked.
    public init(guide: Guide) {
        self.business = guide.code
        self.entries = guide.materials.enumerated().map { Entry(index: $0.offset, material: $0.element, state: .unchecked) }
    }

    /// Records what the officer found for material `index`. A defect must be described (it is trimmed), counts may
    /// not be negative, only a deferrable material may be deferred, and only a material that is not a main material
    /// may be marked not applicable, with a reason (trimmed).
    public mutating func mark(_ index: Int, _ state: State) throws(IntakeError) {
        guard entries.indices.contains(index) else { throw .unknownMaterial(index: index) }
        entries[index].state = try Self.checked(state, for: entries[index].material)
    }

    /// The position of the material called `name`, for callers that hold names.
    public func index(of name: String) -> Int? {
        entries.firstIndex { $0.material.name == name }
    }

    /// Every material provided in full.
    public var isComplete: Bool { entries.allSatisfy(\.isSatisfied) }

    public var unchecked: [Entry] { entries.filter { $0.state == .unchecked } }

    /// Materials the officer found do not concern this applicant.
    public var notApplicable: [Entry] {
        entries.filter { if case .notApplicable = $0.state { true } else { false } }
    }

    /// Missing, defective or short materials: what a one-time notice must list (with the deferred ones when the
    /// applicant does not sign the 容缺 commitment).
    public var missingOrDefective: [Entry] { entries.filter { $0.problem != nil } }

    public var deferred: [Entry] { entries.filter { $0.state == .deferred } }

    /// Main materials (主件) that are missing, defective or short.
    public var essentialMissing: [Entry] { missingOrDefective.filter(\.material.essential) }

    /// Decides the intake outcome for `applicant` under `guide` (the guide the checklist was built from).
    ///
    /// In order: blank names are refused; an applicant the guide does not admit is refused (`refuse`) whatever the
    /// materials; every material must have been checked; complete materials are finished (`completeImmediate`) or
    /// accepted (`accept`); when only deferred materials are outstanding and `commitmentSigned`, the case is accepted
    /// with deferral; otherwise the one-time notice lists every outstanding material, deferred ones included (so
    /// nothing needs asking for later). An organisation is never accepted while its agent's authorisation is unseen.
    public func outcome(guide: Guide, applicant: Applicant, commitmentSigned: Bool) throws(IntakeError) -> Outcome {
        try applicant.check()
        guard guide.code == business, guide.materials == entries.map(\.material) else { throw .checklistFromAnotherGuide }
        if let reason = guide.refusal(for: applicant) { return .refuse(reason: reason) }
        let unchecked = unchecked
        guard unchecked.isEmpty else { throw .materialsUnchecked(unchecked.map(\.material.name)) }
        let accepting: Bool
        if isComplete {
            accepting = true
        } else {
            accepting = missingOrDefective.isEmpty && commitmentSigned
        }
        guard accepting else { return .oneTimeNotice(entries.compactMap(\.noticeItem)) }
        if case .organisation(_, _, _, let agent) = applicant, !agent.authorisationSeen { throw .authorisationNotSeen }
        if isComplete { return guide.kind == .immediate ? .completeImmediate : .accept }
        return .acceptWithDeferral(deferred.compactMap(\.noticeItem))
    }

    private static func checked(_ state: State, for material: Guide.Material) throws(IntakeError) -> State {
        switch state {
        case .unchecked, .missing:
            return state
        case .provided(let originals, let copies):
            guard originals >= 0, copies >= 0 else { throw .negativeCount }
            return state
        case .defective(let reason):
            guard let reason = CaseText.freeText(reason) else { throw .blankDefect }
            return .defective(reason: reason)
        case .deferred:
            guard material.deferrable, !material.essential else { throw .notDeferrable(material: material.name) }
            return state
        case .notApplicable(let reason):
            guard !material.essential else { throw .essentialAlwaysApplies(material: material.name) }
            guard let reason = CaseText.freeText(reason) else { throw .blankNotApplicableReason(material: material.name) }
            return .notApplicable(reason: reason)
        }
    }
}

extension Checklist: Codable {
    private enum CodingKeys: String, CodingKey { case business, entries }

    /// Decodes through the same checks as `mark`, so a corrupt row fails here instead of giving, say, a deferred
    /// main material.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        business = try container.decode(BusinessCode.self, forKey: .business)
        let entries = try container.decode([Entry].self, forKey: .entries)
        self.entries = []
        for (position, entry) in entries.enumerated() {
            guard entry.index == position else {
                throw DecodingError.dataCorruptedError(
                    forKey: .entries,
                    in: container,
                    debugDescription: "checklist entry \(position) has index \(entry.index)"
                )
            }
            do {
                let state = try Self.checked(entry.state, for: entry.material)
                self.entries.append(Entry(index: position, material: entry.material, state: state))
            } catch {
                throw DecodingError.dataCorruptedError(
                    forKey: .entries,
                    in: container,
                    debugDescription: "invalid checklist entry \(position): \(error)"
                )
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(business, forKey: .business)
        try container.encode(entries, forKey: .entries)
    }
}
