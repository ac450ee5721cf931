import ChuangkouCore
import ChuangkouStore
import Foundation

/// What a citizen sends to rate a service: `{"level": 1…5, "indicators": {"attitude": 4, …}, "comment": "…",
/// "contact": "138…"}`; every field but `level` optional.
struct RatingRequest: Decodable {
    let level: Int
    let indicators: [String: Int]?
    let comment: String?
    let contact: String?

    func input(channel: RatingChannel) throws -> RatingRepository.Input {
        guard let level = Satisfaction(rawValue: level) else { throw APIError.badLevel }
        var scores: [RatingIndicator: Int] = [:]
        for (key, score) in indicators ?? [:] {
            guard let indicator = RatingIndicator(rawValue: key) else {
                throw APIError.badRequest(
                    "未知的评价指标: \(key.prefix(40))",
                    "Unknown indicator \(key.prefix(40)); use overall, efficiency, competence, attitude"
                )
            }
            scores[indicator] = score
        }
        var phone: MobileNumber?
        if let contact, !contact.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let number = MobileNumber(contact) else { throw APIError.badContact }
            phone = number
        }
        return .init(level: level, indicators: scores, comment: comment, contact: phone, channel: channel)
    }
}

/// 一事一评 from the status page: the status query's code and phone digits with the rating
/// (`{"code": "…", "phoneLast4": "5678", "level": 1…5, …}`).
struct CaseRatingRequest: Decodable {
    let code: String
    let phoneLast4: String
    let level: Int
    let indicators: [String: Int]?
    let comment: String?
    let contact: String?

    var rating: RatingRequest { RatingRequest(level: level, indicators: indicators, comment: comment, contact: contact) }
}

/// `{"level": 1…5}`: the rater's one rating of the fix.
struct FixRatingRequest: Decodable {
    let level: Int
}

struct ReturnVisitRequest: Decodable {
    /// `contacted` or `unreachable`.
    let result: String
    let attempts: Int?
    let note: String
}

/// `{"kind": "fixedNow" | "fixedBy" | "explained", "description": "…", "fixBy": "YYYY-MM-DD"}`.
struct OutcomeRequest: Decodable {
    let kind: String
    let description: String
    let fixBy: String?

    var outcome: Rectification.Outcome {
        get throws {
            switch kind {
            case "fixedNow": return .fixedNow(description: description)
            case "explained": return .explained(description: description)
            case "fixedBy":
                guard let text = fixBy, let date = LocalDate(text), date.year <= 9_999 else {
                    throw APIError.rectificationRequest("限期整改须填写整改期限（YYYY-MM-DD）", "fixedBy needs fixBy as YYYY-MM-DD")
                }
                return .fixedBy(date, description: description)
            default:
                throw APIError.rectificationRequest("整改结果应为 fixedNow、fixedBy 或 explained", "kind is fixedNow, fixedBy or explained")
            }
        }
    }
}

struct AppealRequest: Decodable {
    /// `mistaken` or `malicious`.
    let ground: String
    let reason: String
}

struct AppealDecisionRequest: Decodable {
    let upheld: Bool
    let reason: String
}

struct ReassignRequest: Decodable {
    let handler: String
}
