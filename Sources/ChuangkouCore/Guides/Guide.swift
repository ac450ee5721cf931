import Foundation

/// The published service guide (办事指南) of one business: everything 行政许可法 Art. 30 asks a hall to make
/// public, plus what the queue and case intake need (ticket prefix, intake fields).
///
/// A guide is edited as a whole and every edit is a new version (`GuideVersion`); anything that refers to a
/// guide — a case, a notice, a printed guide — keeps the version it used.
public struct Guide: Sendable, Equatable, Codable {
    public var code: BusinessCode
    public var name: String
    public var nameEnglish: String
    public var category: String
    public var categoryEnglish: String
    public var kind: ServiceKind
    public var prefix: TicketPrefix
    public var typicalServiceMinutes: Int
    /// Words citizens type for this business (身份证 for 居民身份证); used by search.
    public var keywords: [String]
    public var applicants: Applicants
    /// Why a kind of applicant is excluded, quoted when one is refused (e.g. individuals and toxic chemicals).
    public var applicantRestriction: String?
    public var conditions: [String]
    public var materials: [Material]
    public var steps: [Step]
    public var legalBasis: [LegalBasis]
    public var limits: TimeLimits
    public var fee: Fee
    public var location: Location
    public var officeHours: String
    public var consultationPhone: String
    public var supervisionPhone: String
    /// Business-specific facts the officer records at intake (chemical name, quantity…).
    public var fields: [IntakeField]

    public init(
        code: BusinessCode,
        name: String,
        nameEnglish: String,
        category: String,
        categoryEnglish: String,
        kind: ServiceKind,
        prefix: TicketPrefix,
        typicalServiceMinutes: Int,
        keywords: [String] = [],
        applicants: Applicants,
        applicantRestriction: String? = nil,
        conditions: [String],
        materials: [Material],
        steps: [Step],
        legalBasis: [LegalBasis],
        limits: TimeLimits,
        fee: Fee,
        location: Location,
        officeHours: String,
        consultationPhone: String,
        supervisionPhone: String,
        fields: [IntakeField] = []
    ) {
        self.code = code
        self.name = name
        self.nameEnglish = nameEnglish
        self.category = category
        self.categoryEnglish = categoryEnglish
        self.kind = kind
        self.prefix = prefix
        self.typicalServiceMinutes = typicalServiceMinutes
        self.keywords = keywords
        self.applicants = applicants
        self.applicantRestriction = applicantRestriction
        self.conditions = conditions
        self.materials = materials
        self.steps = steps
        self.legalBasis = legalBasis
        self.limits = limits
        self.fee = fee
        self.location = location
        self.officeHours = officeHours
        self.consultationPhone = consultationPhone
        self.supervisionPhone = supervisionPhone
        self.fields = fields
    }

    /// What the queue needs of this business.
    public var business: Business {
        Business(code: code, name: name, nameEnglish: nameEnglish, prefix: prefix, typicalServiceMinutes: typicalServiceMinutes)
    }
}

/// 即办件 (done on the spot) or 承诺件 (accepted now, decided by a promised date).
public enum ServiceKind: String, Sendable, Codable, CaseIterable {
    case immediate
    case promised
}

/// Who may apply: a person (自然人), an organisation (法人或其他组织), or both.
public enum Applicants: String, Sendable, Codable, CaseIterable {
    case person
    case organisation
    case both

    public func admits(_ kind: ApplicantKind) -> Bool {
        self == .both || rawValue == kind.rawValue
    }
}

public enum ApplicantKind: String, Sendable, Codable {
    case person
    case organisation
}

extension Guide {
    /// One required material (申请材料).
    public struct Material: Sendable, Equatable, Codable {
        public enum Form: String, Sendable, Codable, CaseIterable {
            case paper
            case electronic
            case either
        }

        public var name: String
        /// Originals to show at the window.
        public var originals: Int
        /// Copies to hand in.
        public var copies: Int
        public var form: Form
        public var notes: String?
        /// A main material (主件): an application is never accepted without it.
        public var essential: Bool
        /// May be supplied later under 容缺受理 (a published list of secondary materials only).
        public var deferrable: Bool
        public var issuer: String?

        public init(
            name: String,
            originals: Int,
            copies: Int,
            form: Form,
            notes: String? = nil,
            essential: Bool,
            deferrable: Bool,
            issuer: String? = nil
        ) {
            self.name = name
            self.originals = originals
            self.copies = copies
            self.form = form
            self.notes = notes
            self.essential = essential
            self.deferrable = deferrable
            self.issuer = issuer
        }
    }

    /// One step of the process (办理流程) and who takes it.
    public struct Step: Sendable, Equatable, Codable {
        public enum Actor: String, Sendable, Codable, CaseIterable {
            /// 窗口民警: intake and acceptance.
            case window
            /// 审核.
            case reviewer
            /// 审批 by a leader.
            case leader
            /// 制证.
            case production
            /// 发证 / 送达.
            case delivery
        }

        public var name: String
        public var actor: Actor
        public var description: String

        public init(name: String, actor: Actor, description: String) {
            self.name = name
            self.actor = actor
            self.description = description
        }
    }

    /// A law and the article(s) the business rests on (设定依据).
    public struct LegalBasis: Sendable, Equatable, Codable {
        public var law: String
        public var article: String

        public init(law: String, article: String) {
            self.law = law
            self.article = article
        }
    }

    /// 法定时限 and 承诺时限 in working days; the promised one drives warnings (RULES §2).
    public struct TimeLimits: Sendable, Equatable, Codable {
        public var statutoryWorkingDays: Int
        public var promisedWorkingDays: Int

        public init(statutoryWorkingDays: Int, promisedWorkingDays: Int) {
            self.statutoryWorkingDays = statutoryWorkingDays
            self.promisedWorkingDays = promisedWorkingDays
        }
    }

    /// The published fee: nothing may be charged beyond it. Amounts in yuan, as decimal text ("0", "120").
    public struct Fee: Sendable, Equatable, Codable {
        public var amount: Decimal
        public var basis: String

        public init(amount: Decimal, basis: String) {
            self.amount = amount
            self.basis = basis
        }

        public var isFree: Bool { amount == 0 }

        private enum CodingKeys: String, CodingKey { case amount, basis }

        // Written as a plain number in JSON and YAML alike (Decimal's own Codable is a nested structure
        // outside JSONEncoder); yuan amounts have at most two decimals, which a Double carries exactly enough.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let number = try container.decode(Double.self, forKey: .amount)
            amount = Decimal(string: String(number)) ?? Decimal(number)
            basis = try container.decode(String.self, forKey: .basis)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(NSDecimalNumber(decimal: amount).doubleValue, forKey: .amount)
            try container.encode(basis, forKey: .basis)
        }
    }

    public struct Location: Sendable, Equatable, Codable {
        public var windowGroup: String
        public var floor: String

        public init(windowGroup: String, floor: String) {
            self.windowGroup = windowGroup
            self.floor = floor
        }
    }

    /// A business-specific fact recorded at intake (e.g. 剧毒化学品品名).
    public struct IntakeField: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            case text
            case number
            case date
        }

        public var key: String
        public var label: String
        public var kind: Kind
        public var required: Bool

        public init(key: String, label: String, kind: Kind, required: Bool) {
            self.key = key
            self.label = label
            self.kind = kind
            self.required = required
        }
    }
}
