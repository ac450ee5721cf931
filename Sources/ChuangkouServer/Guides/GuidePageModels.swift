import ChuangkouCore
import Foundation

/// A guide laid out for the page and its A4 print: every list flattened and every label in the page's language.
struct GuideView: Sendable {
    struct Material: Sendable {
        let number: Int
        let name: String
        let originals: Int
        let copies: Int
        let form: String
        let notes: String?
        let issuer: String?
        let essential: Bool
        let deferrable: Bool
    }
    struct Step: Sendable {
        let number: Int
        let name: String
        let actor: String
        let description: String
    }
    struct Basis: Sendable {
        let law: String
        let article: String
    }
    struct Field: Sendable {
        let label: String
        let kind: String
        let required: Bool
    }

    let code: String
    let name: String
    let nameEnglish: String
    let category: String
    let kind: String
    let kindLabel: String
    let isImmediate: Bool
    let prefix: String
    let applicants: String
    let applicantRestriction: String?
    let conditions: [String]
    let materials: [Material]
    let hasDeferrable: Bool
    let steps: [Step]
    let legalBasis: [Basis]
    let statutoryLimit: String
    let promisedLimit: String
    let fee: String
    let location: String
    let officeHours: String
    let consultationPhone: String
    let supervisionPhone: String
    let fields: [Field]
    let version: Int
    let publishedOn: String
    let note: String

    init(_ version: GuideVersion, language: Language, timeZone: TimeZone) {
        let guide = version.guide
        code = guide.code.value
        name = guide.name
        nameEnglish = guide.nameEnglish
        category = language.pick(guide.category, guide.categoryEnglish)
        kind = guide.kind.rawValue
        kindLabel = Self.kindLabel(guide.kind, language)
        isImmediate = guide.kind == .immediate
        prefix = guide.prefix.value
        applicants =
            switch guide.applicants {
            case .person: language.pick("自然人", "Individuals")
            case .organisation: language.pick("法人或其他组织", "Organisations")
            case .both: language.pick("自然人、法人或其他组织", "Individuals and organisations")
            }
        applicantRestriction = guide.applicantRestriction
        conditions = guide.conditions
        materials = guide.materials.enumerated().map { index, m in
            let form =
                switch m.form {
                case .paper: language.pick("纸质", "Paper")
                case .electronic: language.pick("电子", "Electronic")
                case .either: language.pick("纸质或电子", "Paper or electronic")
                }
            return Material(
                number: index + 1,
                name: m.name,
                originals: m.originals,
                copies: m.copies,
                form: form,
                notes: m.notes,
                issuer: m.issuer,
                essential: m.essential,
                deferrable: m.deferrable
            )
        }
        hasDeferrable = guide.materials.contains(where: \.deferrable)
        steps = guide.steps.enumerated().map { index, s in
            Step(number: index + 1, name: s.name, actor: Self.actorLabel(s.actor, language), description: s.description)
        }
        legalBasis = guide.legalBasis.map { Basis(law: $0.law, article: $0.article) }
        statutoryLimit = Self.days(guide.limits.statutoryWorkingDays, language)
        promisedLimit = Self.days(guide.limits.promisedWorkingDays, language)
        fee =
            guide.fee.isFree
            ? language.pick("不收费", "Free") + (guide.fee.basis.isEmpty || guide.fee.basis == "不收费" ? "" : "（\(guide.fee.basis)）")
            : "\(guide.fee.amount)" + language.pick("元", " yuan") + "（\(guide.fee.basis)）"
        location = "\(guide.location.floor) \(guide.location.windowGroup)"
        officeHours = guide.officeHours
        consultationPhone = guide.consultationPhone
        supervisionPhone = guide.supervisionPhone
        fields = guide.fields.map {
            Field(label: $0.label, kind: $0.kind.rawValue, required: $0.required)
        }
        self.version = version.version
        // 年月日 in Chinese, as on every document the hall hands out (issue 11); ISO in English.
        let published = LocalDate(version.publishedAt, in: timeZone)
        publishedOn = language.pick(published.chineseDate, published.description)
        note = version.note
    }

    static func kindLabel(_ kind: ServiceKind, _ language: Language) -> String {
        switch kind {
        case .immediate: language.pick("即办件", "On the spot")
        case .promised: language.pick("承诺件", "Promised date")
        }
    }

    /// "3个工作日" / "当场办结" — what a kiosk button and a guide say about the time limit.
    static func days(_ count: Int, _ language: Language) -> String {
        count == 0
            ? language.pick("当场办结", "On the spot")
            : language.pick(
                "\(count)个工作日",
                "\(count) working day\(count == 1 ? "" : "s")"
            )
    }

    static func actorLabel(_ actor: Guide.Step.Actor, _ language: Language) -> String {
        switch actor {
        case .window: language.pick("窗口民警", "Window officer")
        case .reviewer: language.pick("审核", "Review")
        case .leader: language.pick("审批领导", "Approving leader")
        case .production: language.pick("制证", "Production")
        case .delivery: language.pick("发证/送达", "Issue or delivery")
        }
    }
}

/// The public catalog page: search box, category filter, "on the spot" filter, results.
struct CatalogPage: Sendable {
    struct Category: Sendable {
        let name: String
        let encodedName: String
        let label: String
        let count: Int
        let selected: Bool
    }
    struct Item: Sendable {
        let code: String
        let name: String
        let category: String
        let kindLabel: String
        let isImmediate: Bool
        let promisedLimit: String
        let statutoryLimit: String
    }
    let frame: PageFrame
    let query: String
    let immediateOnly: Bool
    let category: String?
    /// The search and on-the-spot filter as a query string, kept when a category is picked.
    let filterQuery: String
    let categories: [Category]
    let items: [Item]
    let count: Int
    let empty: Bool
}

struct GuidePage: Sendable {
    struct VersionLink: Sendable {
        let version: Int
        let publishedOn: String
        let note: String
        let isShown: Bool
    }
    let frame: PageFrame
    let guide: GuideView
    let printable: Bool
    /// True when an older version is shown: the page says so and links to the one in force.
    let superseded: Bool
    let currentVersion: Int
    let versions: [VersionLink]
    let printURL: String
}

/// The admin's guide editor: the guide as YAML, a change note, and every problem of a refused edit.
struct GuideEditPage: Sendable {
    struct Problem: Sendable {
        let line: Int?
        let message: String
    }
    let frame: PageFrame
    let code: String
    let name: String
    let version: Int?
    let yaml: String
    let note: String
    let problems: [Problem]
    let hasProblems: Bool
    let published: Int?

    init(frame: PageFrame, code: String, name: String, version: Int?, yaml: String, note: String, problems: [Problem], published: Int?) {
        self.frame = frame
        self.code = code
        self.name = name
        self.version = version
        self.yaml = yaml
        self.note = note
        self.problems = problems
        hasProblems = !problems.isEmpty
        self.published = published
    }
}

struct AdminGuidesPage: Sendable {
    struct Item: Sendable {
        let code: String
        let name: String
        let version: Int
        let publishedOn: String
    }
    let frame: PageFrame
    let items: [Item]
}

struct AdminOfficersPage: Sendable {
    struct Item: Sendable {
        let badge: String
        let name: String
        let post: String
        let role: String
        let photo: String?
    }
    let frame: PageFrame
    let officers: [Item]
}
