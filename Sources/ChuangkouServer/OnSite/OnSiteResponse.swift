import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// A visit as staff see it: the applicant and address in full (the team goes there), the phone masked.
struct OnSiteResponse: ResponseEncodable, Decodable {
    struct Entry: Codable {
        let code: String
        let label: String
        let by: String?
        let at: Date
        let detail: String
    }

    struct Plan: Codable {
        let day: String
        let half: String
        let label: String
        let team: [String]
        let approvedBy: String
    }

    struct Result: Codable {
        let outcome: String
        let note: String
        let casesTaken: Int
        let by: String
    }

    let id: String
    let channel: String
    let recordedBy: String?
    let stage: String
    let applicant: String
    let address: String
    let phoneMasked: String
    let businesses: [String]
    let reason: String
    let details: String
    let preferredDays: [String]
    let collectsPersonalData: Bool
    let plan: Plan?
    let declineReason: String?
    let result: Result?
    let history: [Entry]

    init(_ record: OnSiteRepository.Record) {
        let visit = record.visit
        id = visit.id.description
        channel = visit.channel.rawValue
        recordedBy = visit.recordedBy?.value
        stage = visit.stage.rawValue
        applicant = visit.request.applicant
        address = visit.request.address
        phoneMasked = record.phoneMasked
        businesses = visit.request.businesses.map(\.value)
        reason = visit.request.reason.rawValue
        details = visit.request.details
        preferredDays = visit.request.preferredDays.map(\.description)
        collectsPersonalData = visit.request.collectsPersonalData
        plan = visit.plan.map {
            Plan(
                day: $0.slot.day.description,
                half: $0.slot.half.rawValue,
                label: $0.slot.label,
                team: $0.team.map(\.value),
                approvedBy: $0.approvedBy.value
            )
        }
        declineReason = visit.declineReason
        result = visit.result.map { Result(outcome: $0.outcome.rawValue, note: $0.note, casesTaken: $0.casesTaken, by: $0.by.value) }
        history = record.history.map { Entry(code: $0.code.rawValue, label: $0.code.label, by: $0.by?.value, at: $0.at, detail: $0.detail) }
    }

    private enum CodingKeys: String, CodingKey {
        case id, channel, recordedBy, stage, applicant, address, phoneMasked, businesses, reason, details, preferredDays
        case collectsPersonalData, plan, declineReason, result, history
    }

    /// Absent values are written as `null`, not left out, as the document promises.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(channel, forKey: .channel)
        try c.encode(recordedBy, forKey: .recordedBy)
        try c.encode(stage, forKey: .stage)
        try c.encode(applicant, forKey: .applicant)
        try c.encode(address, forKey: .address)
        try c.encode(phoneMasked, forKey: .phoneMasked)
        try c.encode(businesses, forKey: .businesses)
        try c.encode(reason, forKey: .reason)
        try c.encode(details, forKey: .details)
        try c.encode(preferredDays, forKey: .preferredDays)
        try c.encode(collectsPersonalData, forKey: .collectsPersonalData)
        try c.encode(plan, forKey: .plan)
        try c.encode(declineReason, forKey: .declineReason)
        try c.encode(result, forKey: .result)
        try c.encode(history, forKey: .history)
    }
}

struct OnSiteListResponse: ResponseEncodable, Decodable {
    let visits: [OnSiteResponse]
}

/// What the applicant sees with the query code: where the request stands, nothing they did not give.
struct OnSiteStatusResponse: ResponseEncodable, Decodable {
    let id: String
    let stage: String
    let stageLabel: String
    let planned: String?
    let declineReason: String?
    let outcome: String?

    init(_ record: OnSiteRepository.Record) {
        id = record.visit.id.description
        stage = record.visit.stage.rawValue
        stageLabel = record.visit.stage.label
        planned = record.visit.plan?.slot.label
        declineReason = record.visit.declineReason
        outcome = record.visit.result?.outcome.label
    }

    private enum CodingKeys: String, CodingKey { case id, stage, stageLabel, planned, declineReason, outcome }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(stage, forKey: .stage)
        try c.encode(stageLabel, forKey: .stageLabel)
        try c.encode(planned, forKey: .planned)
        try c.encode(declineReason, forKey: .declineReason)
        try c.encode(outcome, forKey: .outcome)
    }
}

/// A new request: the code to follow it by (the public form only).
struct OnSiteFiledResponse: ResponseEncodable, Decodable {
    let id: String
    let queryCode: String?
    let stage: String

    /// `queryCode` is written as null for a staff-recorded request, not left out.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(queryCode, forKey: .queryCode)
        try c.encode(stage, forKey: .stage)
    }

    private enum CodingKeys: String, CodingKey { case id, queryCode, stage }
}
