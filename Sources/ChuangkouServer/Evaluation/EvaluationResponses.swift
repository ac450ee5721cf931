import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// A stored rating as its giver sees it back: never the rater's contact.
struct RatingResponse: ResponseEncodable, Decodable {
    let id: String
    let level: Int
    let levelLabel: String
    let bad: Bool
    let comment: String?
    let ratedAt: Date
    /// The rectification item a bad review opened (for the staff side; the citizen only learns that it is handled).
    let rectification: String?

    init(_ given: RatingRepository.Given) {
        id = given.rating.id.description
        level = given.rating.level.rawValue
        levelLabel = given.rating.level.label
        bad = given.rating.isBad
        comment = given.rating.comment
        ratedAt = given.rating.ratedAt
        rectification = given.rectification?.id.description
    }

    /// Writes absent values as `null`, as the document declares them.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(level, forKey: .level)
        try c.encode(levelLabel, forKey: .levelLabel)
        try c.encode(bad, forKey: .bad)
        try c.encode(comment, forKey: .comment)
        try c.encode(ratedAt, forKey: .ratedAt)
        try c.encode(rectification, forKey: .rectification)
    }
}

struct RatedResponse: ResponseEncodable, Decodable {
    let rated: Bool
}

/// A rectification item for the duty leader's and the supervisors' pages.
struct RectificationResponse: ResponseEncodable, Decodable {
    struct Line: Codable {
        let code: String
        let label: String
        let labelEnglish: String
        let by: String?
        let at: Date
    }

    struct Visit: Codable {
        let result: String
        let attempts: Int
        let note: String
        let by: String
        let at: Date
    }

    let id: String
    let rating: String
    let business: String
    let window: WindowNumber?
    let level: Int
    let levelLabel: String
    let comment: String?
    let ratedOfficer: String?
    let handler: String
    let stage: String
    let state: String
    let stateLabel: String
    let contactDue: String
    let closeDue: String
    let workingDaysLeft: Int
    let provisional: Bool
    let raterHasContact: Bool
    let returnVisitDone: Bool
    let returnVisits: [Visit]
    let outcome: String?
    let outcomeDescription: String?
    let fixBy: String?
    let appealGround: String?
    let appealUpheld: Bool?
    let fixRating: Int?
    let history: [Line]

    init(_ record: RectificationRepository.Record, status: Rectification.Status, policy: Rectification.Policy) {
        let item = record.item
        id = item.id.description
        rating = item.rating.description
        business = record.business.value
        window = record.window
        level = record.level.rawValue
        levelLabel = record.level.label
        comment = record.comment
        ratedOfficer = item.ratedOfficer?.value
        handler = item.handler.value
        stage = item.stage.rawValue
        state = status.state.rawValue
        stateLabel = status.state.label
        contactDue = status.contactDue.description
        closeDue = status.closeDue.description
        workingDaysLeft = status.workingDaysLeft
        provisional = status.provisional
        raterHasContact = item.raterHasContact
        returnVisitDone = item.returnVisitDone(policy: policy)
        returnVisits = item.returnVisits.map { Visit(result: $0.result.rawValue, attempts: $0.attempts, note: $0.note, by: $0.by.value, at: $0.at) }
        switch item.outcome {
        case .fixedNow(let text)?: (outcome, outcomeDescription, fixBy) = ("fixedNow", text, nil)
        case .fixedBy(let date, let text)?: (outcome, outcomeDescription, fixBy) = ("fixedBy", text, date.description)
        case .explained(let text)?: (outcome, outcomeDescription, fixBy) = ("explained", text, nil)
        case nil: (outcome, outcomeDescription, fixBy) = (nil, nil, nil)
        }
        appealGround = item.appeal?.ground.rawValue
        appealUpheld = item.appeal?.decision?.upheld
        fixRating = item.fixRating?.rawValue
        history = record.history.map { Line(code: $0.code, label: $0.label, labelEnglish: $0.labelEnglish, by: $0.by?.value, at: $0.at) }
    }

    /// Writes absent values as `null`, as the document declares them.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(rating, forKey: .rating)
        try c.encode(business, forKey: .business)
        try c.encode(window, forKey: .window)
        try c.encode(level, forKey: .level)
        try c.encode(levelLabel, forKey: .levelLabel)
        try c.encode(comment, forKey: .comment)
        try c.encode(ratedOfficer, forKey: .ratedOfficer)
        try c.encode(handler, forKey: .handler)
        try c.encode(stage, forKey: .stage)
        try c.encode(state, forKey: .state)
        try c.encode(stateLabel, forKey: .stateLabel)
        try c.encode(contactDue, forKey: .contactDue)
        try c.encode(closeDue, forKey: .closeDue)
        try c.encode(workingDaysLeft, forKey: .workingDaysLeft)
        try c.encode(provisional, forKey: .provisional)
        try c.encode(raterHasContact, forKey: .raterHasContact)
        try c.encode(returnVisitDone, forKey: .returnVisitDone)
        try c.encode(returnVisits, forKey: .returnVisits)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(outcomeDescription, forKey: .outcomeDescription)
        try c.encode(fixBy, forKey: .fixBy)
        try c.encode(appealGround, forKey: .appealGround)
        try c.encode(appealUpheld, forKey: .appealUpheld)
        try c.encode(fixRating, forKey: .fixRating)
        try c.encode(history, forKey: .history)
    }
}

struct RectificationsResponse: ResponseEncodable, Decodable {
    let items: [RectificationResponse]
}

/// The published results of a month: no rater, no phone, no officer named beside a bad review.
struct ResultsResponse: ResponseEncodable, Decodable {
    struct Tally: Codable {
        let total: Int
        let bad: Int
        let excluded: Int
        /// 0…1, null when nothing was rated.
        let satisfactionRate: Double?
        let byLevel: [String: Int]

        init(_ tally: SatisfactionTally) {
            total = tally.total
            bad = tally.bad
            excluded = tally.excluded
            satisfactionRate = tally.satisfactionRate
            byLevel = Dictionary(uniqueKeysWithValues: Satisfaction.allCases.map { (String($0.rawValue), tally.counts[$0] ?? 0) })
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(total, forKey: .total)
            try c.encode(bad, forKey: .bad)
            try c.encode(excluded, forKey: .excluded)
            try c.encode(satisfactionRate, forKey: .satisfactionRate)
            try c.encode(byLevel, forKey: .byLevel)
        }
    }

    struct BusinessTally: Codable {
        let business: String
        let name: String
        let tally: Tally
    }

    struct WindowTally: Codable {
        /// 0: cases rated online.
        let window: Int
        let tally: Tally
    }

    struct Outcomes: Codable {
        let badReviews: Int
        let open: Int
        let fixed: Int
        let explained: Int
        let appealUpheld: Int
        let withContact: Int
        let returnVisited: Int
    }

    struct Fix: Codable {
        let business: String
        let date: String
        let kind: String
        let description: String
    }

    let month: String
    let overall: Tally
    let businesses: [BusinessTally]
    let windows: [WindowTally]
    let outcomes: Outcomes
    let fixes: [Fix]
}

/// An officer's own ratings, by level and indicator: never who rated.
struct OwnRatingsResponse: ResponseEncodable, Decodable {
    let from: String
    let through: String
    let tally: ResultsResponse.Tally
    let indicators: [String: Double]
}

/// A phone opened for a call back (the rater's, for a return visit; an on-site applicant's, for the team), audited:
/// `{"phone": "13912345678", "masked": "139****5678"}`.
struct ContactResponse: ResponseEncodable {
    let phone: String
    let masked: String
}
