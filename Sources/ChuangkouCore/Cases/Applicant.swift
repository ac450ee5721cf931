/// Who applies: a person (自然人) in their own name, or an organisation (法人或其他组织) through an agent (经办人).
///
/// The identifiers are validated types, so an applicant never holds a malformed ID number, credit code or phone.
/// Names are free text; `check()` refuses blank ones.
public enum Applicant: Sendable, Equatable, Codable {
    case person(name: String, idNumber: ResidentIDNumber, phone: MobileNumber)
    case organisation(name: String, creditCode: CreditCode, legalRepresentative: String, agent: Agent)

    /// The person who comes to the window for an organisation.
    public struct Agent: Sendable, Equatable, Codable {
        public var name: String
        public var idNumber: ResidentIDNumber
        public var phone: MobileNumber
        /// The officer has seen the organisation's letter of introduction or authorisation (介绍信 / 授权委托书).
        public var authorisationSeen: Bool

        public init(name: String, idNumber: ResidentIDNumber, phone: MobileNumber, authorisationSeen: Bool) {
            self.name = name
            self.idNumber = idNumber
            self.phone = phone
            self.authorisationSeen = authorisationSeen
        }
    }

    public var kind: ApplicantKind {
        switch self {
        case .person: .person
        case .organisation: .organisation
        }
    }

    /// The person's or the organisation's name.
    public var name: String {
        switch self {
        case .person(let name, _, _), .organisation(let name, _, _, _): name
        }
    }

    /// Where the hall reaches the applicant: the person's phone, or the agent's.
    public var phone: MobileNumber {
        switch self {
        case .person(_, _, let phone): phone
        case .organisation(_, _, _, let agent): agent.phone
        }
    }

    /// The identifier as printed on documents: a masked ID number, or the (public) credit code.
    public var printedIdentifier: String {
        switch self {
        case .person(_, let idNumber, _): idNumber.masked
        case .organisation(_, let creditCode, _, _): creditCode.value
        }
    }

    /// Refuses blank names (after trimming white space).
    public func check() throws(IntakeError) {
        switch self {
        case .person(let name, _, _):
            guard !CaseText.isBlank(name) else { throw .blankName(.applicant) }
        case .organisation(let name, _, let legalRepresentative, let agent):
            guard !CaseText.isBlank(name) else { throw .blankName(.applicant) }
            guard !CaseText.isBlank(legalRepresentative) else { throw .blankName(.legalRepresentative) }
            guard !CaseText.isBlank(agent.name) else { throw .blankName(.agent) }
        }
    }
}

extension Guide {
    /// Why this business refuses `applicant`, or nil when it admits that kind of applicant.
    ///
    /// The guide's own `applicantRestriction` is quoted when it has one (the toxic-chemicals purchase permit cites
    /// 危险化学品安全管理条例 Art. 38); otherwise a bilingual reason is generated from `applicants`.
    public func refusal(for applicant: Applicant) -> String? {
        refusal(for: applicant.kind)
    }

    public func refusal(for kind: ApplicantKind) -> String? {
        guard !applicants.admits(kind) else { return nil }
        if let restriction = CaseText.trimmed(applicantRestriction) { return restriction }
        switch kind {
        case .person:
            return "「\(name)」只受理法人或者其他组织的申请，不受理个人申请。"
                + " \(nameEnglish) is open to organisations only, not to individuals."
        case .organisation:
            return "「\(name)」只受理个人本人的申请，不受理单位申请。"
                + " \(nameEnglish) is open to individuals only, not to organisations."
        }
    }
}
