import ChuangkouCore
import Foundation

/// The bodies of the on-site visits' API, decoded and checked at the edge: every text, list and date is bounded here
/// before Core sees it.
enum OnSiteRequests {
    struct New: Decodable {
        let applicant: String
        let phone: String
        let address: String
        let businesses: [String]
        let reason: String
        let details: String?
        let preferredDays: [String]
        let collectsPersonalData: Bool?

        func request() throws -> (OnSiteVisit.Request, MobileNumber) {
            guard applicant.count <= 200, address.count <= 400, (details ?? "").count <= 2000 else {
                throw APIError.onSiteRequest("内容过长", "A field is too long")
            }
            guard businesses.count <= 20, preferredDays.count <= 10 else { throw APIError.onSiteRequest("列表过长", "A list is too long") }
            guard let phone = MobileNumber(phone) else {
                throw APIError.onSiteRequest("请填写正确的手机号码", "Give a valid mobile number")
            }
            guard let reason = OnSiteVisit.Reason(rawValue: reason) else {
                throw APIError.onSiteRequest("未知的申请原因: \(reason.prefix(40))", "Unknown reason: \(reason.prefix(40))")
            }
            let codes = try businesses.map { text in
                guard let code = BusinessCode(text) else { throw APIError.unknownBusiness(String(text.prefix(40))) }
                return code
            }
            let days = try preferredDays.map { text in
                guard let day = LocalDate(text) else { throw APIError.onSiteRequest("日期格式应为 YYYY-MM-DD", "Dates are YYYY-MM-DD") }
                return day
            }
            return (
                OnSiteVisit.Request(
                    applicant: applicant,
                    address: address,
                    businesses: codes,
                    reason: reason,
                    details: details ?? "",
                    preferredDays: days,
                    collectsPersonalData: collectsPersonalData ?? false
                ),
                phone
            )
        }
    }

    struct Approve: Decodable {
        let day: String
        let half: String
        let team: [String]

        func plan() throws -> (DutySlot, [Badge]) {
            guard let day = LocalDate(day), let half = HalfDay(rawValue: half) else {
                throw APIError.onSiteRequest("请给出日期（YYYY-MM-DD）和上午或下午", "Give the day (YYYY-MM-DD) and morning or afternoon")
            }
            guard team.count <= 20 else { throw APIError.onSiteRequest("工作组人数过多", "The team is too large") }
            let badges = try team.map { text in
                guard let badge = Badge(text) else { throw APIError.onSiteRequest("警号格式不正确", "A badge is not valid") }
                return badge
            }
            return (DutySlot(day, half), badges)
        }
    }

    struct Decline: Decodable {
        let reason: String
    }

    struct Result: Decodable {
        let outcome: String
        let note: String?
        let casesTaken: Int?

        func checked() throws -> (OnSiteVisit.Outcome, String, Int) {
            guard let outcome = OnSiteVisit.Outcome(rawValue: outcome) else {
                throw APIError.onSiteRequest("结果应为 done、partly 或 notPossible", "The outcome is done, partly or notPossible")
            }
            let cases = casesTaken ?? 0
            guard (0...1000).contains(cases) else { throw APIError.onSiteRequest("受理件数应为0至1000", "Cases taken is 0 to 1000") }
            return (outcome, note ?? "", cases)
        }
    }

    struct Query: Decodable {
        let code: String
        let phoneLast4: String

        func checked() throws -> (String, String) {
            guard code.count <= 40, phoneLast4.count == 4, phoneLast4.allSatisfy(\.isASCII), phoneLast4.allSatisfy(\.isNumber) else {
                throw APIError.onSiteRequest("请填写查询码和手机号后四位", "Give the query code and the phone's last four digits")
            }
            return (code, phoneLast4)
        }
    }
}
