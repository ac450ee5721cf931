import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// What the rater's link shows (`GET /api/v1/fix-ratings/{code}`): their review, the outcome in plain words, and their
/// rating of the fix once given. No handler, officer, phone or history.
struct FixRatingResponse: ResponseEncodable, Decodable {
    let business: String
    let businessName: String
    let businessNameEnglish: String
    /// The level the rater gave at first (1 or 2).
    let level: Int
    let reviewedOn: String
    /// `fixedNow`, `fixedBy` or `explained`.
    let outcome: String
    let outcomeText: String
    let outcomeTextEnglish: String
    let fixBy: String?
    /// What the handler wrote (masked).
    let description: String
    /// The rater's rating of the fix, 1–5; null until given.
    let fixRating: Int?
    let rateable: Bool

    init(_ view: RectificationRepository.FixLinkView, business: Business?) {
        self.business = view.business.value
        businessName = business?.name ?? view.business.value
        businessNameEnglish = business?.nameEnglish ?? view.business.value
        level = view.level.rawValue
        reviewedOn = view.reviewedOn.description
        let words = Self.words(view.outcome)
        outcome = words.kind
        outcomeText = words.chinese
        outcomeTextEnglish = words.english
        if case .fixedBy(let date, _) = view.outcome { fixBy = date.description } else { fixBy = nil }
        description = view.outcome.description
        fixRating = view.fixRating?.rawValue
        rateable = view.fixRating == nil
    }

    /// The outcome as the rater reads it, in the words of the message they were sent.
    static func words(_ outcome: Rectification.Outcome) -> (kind: String, chinese: String, english: String) {
        switch outcome {
        case .fixedNow: ("fixedNow", "您反映的问题已整改", "The problem you reported has been fixed")
        case .fixedBy(let date, _): ("fixedBy", "您反映的问题将于\(date.chineseDate)前整改完毕", "The problem you reported will be fixed by \(date)")
        case .explained: ("explained", "经核实，情况说明如下", "We looked into it; here is our explanation")
        }
    }

    enum CodingKeys: String, CodingKey {
        case business, businessName, businessNameEnglish, level, reviewedOn, outcome, outcomeText, outcomeTextEnglish, fixBy, description
        case fixRating, rateable
    }

    /// Writes absent values as `null`, as the document declares them.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(business, forKey: .business)
        try c.encode(businessName, forKey: .businessName)
        try c.encode(businessNameEnglish, forKey: .businessNameEnglish)
        try c.encode(level, forKey: .level)
        try c.encode(reviewedOn, forKey: .reviewedOn)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(outcomeText, forKey: .outcomeText)
        try c.encode(outcomeTextEnglish, forKey: .outcomeTextEnglish)
        try c.encode(fixBy, forKey: .fixBy)
        try c.encode(description, forKey: .description)
        try c.encode(fixRating, forKey: .fixRating)
        try c.encode(rateable, forKey: .rateable)
    }
}
