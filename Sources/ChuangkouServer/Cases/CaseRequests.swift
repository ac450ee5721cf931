import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The JSON bodies of the case API, and their checks. Identifiers are validated here, every problem at once, each with
/// its field and the precise reason (wrong check digit, impossible date, wrong length…): a 422 `applicant.invalid`.
enum CaseRequests {
    struct Open: Decodable {
        let ticket: String?
        let business: String?
        /// The desk inquiry this intake was opened from (首问负责): closed with the case in the same transaction.
        let inquiry: String?
        /// The on-site visit (现场办公) this intake is opened on, by its team on its day: the case's channel is `on-site`.
        /// Never with a ticket; the business is given.
        let visit: String?
        let applicant: ApplicantInput
        let fields: [String: String]?
    }

    struct ApplicantInput: Decodable {
        struct Agent: Decodable {
            let name: String
            let idNumber: String
            let phone: String
            let authorisationSeen: Bool?
        }

        /// `person` or `organisation`.
        let kind: String
        let name: String
        let idNumber: String?
        let phone: String?
        let creditCode: String?
        let legalRepresentative: String?
        let agent: Agent?
    }

    struct ChecklistUpdate: Decodable {
        struct Item: Decodable {
            let index: Int
            /// provided, missing, defective, deferred, notApplicable (with the reason), unchecked.
            let state: String
            let originals: Int?
            let copies: Int?
            let reason: String?
        }
        let items: [Item]
    }

    struct Intake: Decodable {
        struct Refuse: Decodable {
            let reason: String
            let legalBasis: [String]?
        }
        let commitmentSigned: Bool?
        let supplementDue: String?
        let refuse: Refuse?
    }

    struct ItemRequest: Decodable {
        let index: Int
    }

    struct Correction: Decodable {
        struct Item: Decodable {
            let index: Int
            /// missing or defective.
            let problem: String?
            let reason: String?
        }
        let items: [Item]
        let reason: String
    }

    struct Supplements: Decodable {
        let items: [Int]
    }

    struct Step: Decodable {
        let opinion: String
        let approve: Bool?
    }

    struct DecisionBody: Decodable {
        let grant: Bool
        let reason: String?
        let legalBasis: [String]?
    }

    struct DeliveryBody: Decodable {
        struct Proxy: Decodable {
            let name: String
            let idNumber: String
        }
        let method: String
        let address: String?
        let proxy: Proxy?
        let mobilityImpaired: Bool?
    }

    struct StatusQuery: Decodable {
        let code: String
        let phoneLast4: String
    }

    // MARK: Checks

    /// Collects identifier problems with their field.
    struct Problems {
        var list: [APIError.Problem] = []

        mutating func idNumber(_ text: String?, at path: String, today: LocalDate) -> ResidentIDNumber? {
            guard let text, !text.isEmpty else {
                list.append(.init("请填写居民身份证号码", "an ID number is required", path: path, rule: "required"))
                return nil
            }
            do {
                return try ResidentIDNumber(validating: text, today: today)
            } catch {
                list.append(.init("居民身份证号码有误：" + error.chinese, "ID number: " + error.english, path: path, rule: error.rule))
                return nil
            }
        }

        mutating func phone(_ text: String?, at path: String) -> MobileNumber? {
            guard let text, !text.isEmpty else {
                list.append(.init("请填写手机号码", "a mobile number is required", path: path, rule: "required"))
                return nil
            }
            do {
                return try MobileNumber(validating: text)
            } catch {
                list.append(.init("手机号码有误：" + error.chinese, "Mobile number: " + error.english, path: path, rule: error.rule))
                return nil
            }
        }

        mutating func creditCode(_ text: String?, at path: String) -> CreditCode? {
            guard let text, !text.isEmpty else {
                list.append(.init("请填写统一社会信用代码", "a credit code is required", path: path, rule: "required"))
                return nil
            }
            do {
                return try CreditCode(validating: text)
            } catch {
                list.append(.init("统一社会信用代码有误：" + error.chinese, "Credit code: " + error.english, path: path, rule: error.rule))
                return nil
            }
        }

        func check() throws {
            guard !list.isEmpty else { return }
            throw APIError.applicantInvalid(
                list.map(\.messageChinese).joined(separator: "；"),
                list.map(\.messageEnglish).joined(separator: "; "),
                problems: list
            )
        }
    }

    static func applicant(_ input: ApplicantInput, today: LocalDate) throws -> Applicant {
        var problems = Problems()
        switch input.kind {
        case "person":
            let id = problems.idNumber(input.idNumber, at: "applicant.idNumber", today: today)
            let phone = problems.phone(input.phone, at: "applicant.phone")
            try problems.check()
            return .person(name: input.name, idNumber: id!, phone: phone!)
        case "organisation":
            let code = problems.creditCode(input.creditCode, at: "applicant.creditCode")
            guard let agent = input.agent else {
                throw APIError.applicantInvalid("单位申请须填写经办人", "An organisation applies through an agent")
            }
            let id = problems.idNumber(agent.idNumber, at: "applicant.agent.idNumber", today: today)
            let phone = problems.phone(agent.phone, at: "applicant.agent.phone")
            try problems.check()
            return .organisation(
                name: input.name,
                creditCode: code!,
                legalRepresentative: input.legalRepresentative ?? "",
                agent: .init(name: agent.name, idNumber: id!, phone: phone!, authorisationSeen: agent.authorisationSeen ?? false)
            )
        default:
            throw APIError.applicantInvalid("申请人类别应为 person 或 organisation", "applicant.kind is person or organisation")
        }
    }

    static func marks(_ update: ChecklistUpdate) throws -> [(Int, Checklist.State)] {
        try update.items.map { item in
            let state: Checklist.State
            switch item.state {
            case "provided": state = .provided(originals: item.originals ?? 0, copies: item.copies ?? 0)
            case "missing": state = .missing
            case "defective": state = .defective(reason: item.reason ?? "")
            case "deferred": state = .deferred
            case "notApplicable": state = .notApplicable(reason: item.reason ?? "")
            case "unchecked": state = .unchecked
            default:
                throw APIError.unknownMaterialState
            }
            return (item.index, state)
        }
    }

    static func delivery(_ body: DeliveryBody, today: LocalDate) throws -> Delivery {
        guard let method = Delivery.Method(rawValue: body.method) else {
            throw APIError.unknownDeliveryMethod
        }
        var proxyID: ResidentIDNumber?
        if method == .proxy, let proxy = body.proxy {
            var problems = Problems()
            proxyID = problems.idNumber(proxy.idNumber, at: "proxy.idNumber", today: today)
            try problems.check()
        }
        return Delivery(
            method: method,
            address: body.address,
            proxyName: body.proxy?.name,
            proxyIDNumber: proxyID,
            mobilityImpaired: body.mobilityImpaired ?? false
        )
    }

    /// The case named in the path.
    static func caseID(_ context: AppRequestContext) throws -> CaseID {
        guard let id = CaseID(context.parameters.get("id") ?? "") else { throw CaseStoreError.unknownCase }
        return id
    }

    static func date(_ text: String?, field: String) throws -> LocalDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let day = LocalDate(text) else {
            throw APIError.badDate(field: field)
        }
        return day
    }
}
