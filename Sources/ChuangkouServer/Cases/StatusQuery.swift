import ChuangkouCore
import ChuangkouStore
import Foundation

/// The citizens' status query (query code and the phone's last four digits), for the API and the status page.
struct StatusQuery: Sendable {
    let cases: CaseRepository
    let guides: GuideRepository
    let ratings: RatingRepository
    let time: HallTime
    /// Failed queries per client address and per code before 429, and the window they count in.
    let maxFailures: Int
    let window: Duration

    /// The public status query: same 404 for a wrong code and wrong digits, 429 after too many failures.
    func answer(_ body: CaseRequests.StatusQuery, client: String) async throws -> StatusResponse {
        let answer = try await cases.status(
            code: body.code,
            phoneLast4: body.phoneLast4,
            client: client,
            maxFailures: maxFailures,
            window: window,
            at: time.now()
        )
        switch answer {
        case .limited:
            throw APIError.statusRateLimited
        case .notFound:
            throw APIError.statusNotFound
        case .found(let record, let clock):
            let guide = try await guides.version(record.guide.code, record.guide.version)
            let dues = clock.map { time.status(of: $0) }
            let offer = try await ratingOffer(record)
            return StatusResponse(
                business: guide?.guide.name ?? record.guide.code.value,
                businessEnglish: guide?.guide.nameEnglish ?? record.guide.code.value,
                stage: record.stage.rawValue,
                stageLabel: record.stage.label,
                stageLabelEnglish: record.stage.labelEnglish,
                receivedOn: record.receivedOn.description,
                acceptedOn: record.acceptedOn?.description,
                promisedDue: dues?.promisedDue.description,
                statutoryDue: dues?.statutoryDue.description,
                supplementDue: record.stage == .accepted ? record.deferral?.due.description : nil,
                missing: record.stillMissing.map(\.chinese),
                missingEnglish: record.stillMissing.map(\.english),
                supervisionPhones: [Hall.nationalSupervisionPhone, time.hall.supervisionPhone],
                rating: offer.code,
                ratingUntil: { if case .open(let until) = offer { until } else { nil } }()
            )
        }
    }

    /// Whether the status page offers the rating form (一事一评).
    func ratingOffer(_ record: CaseFile) async throws -> RatingOffer {
        guard record.stage.isFinal else { return .notYet }
        let rated = try await ratings.isRated(case: record.id)
        let decidedAt = try await ratings.decidedAt(record.id) ?? record.receivedAt
        return ratings.policy.offer(servedAt: decidedAt, rated: rated, at: time.now())
    }

    /// 一事一评: the status query's check of code and digits (same failure limit), then the rating, in one transaction.
    func rate(_ body: CaseRatingRequest, client: String) async throws -> RatingRepository.Given {
        try await ratings.rate(
            caseCode: String(body.code.prefix(40)),
            phoneLast4: String(body.phoneLast4.prefix(8)),
            try body.rating.input(channel: .statusPage),
            client: client,
            maxFailures: maxFailures,
            window: window,
            hall: time.hall,
            at: time.now()
        )
    }
}
