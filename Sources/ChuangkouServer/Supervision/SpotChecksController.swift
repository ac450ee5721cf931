import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Random case spot-checks (抽查, RULES §8): a supervisor draws N of a period's closed cases with a seed (given, or
/// drawn here: Core takes no randomness), and reviews each drawn case; the record shows the seed and whether drawing
/// again from today's candidates gives the same cases.
struct SpotChecksController {
    let spotChecks: SpotCheckRepository
    let hall: Hall
    let now: @Sendable () -> Date

    struct DrawRequest: Decodable {
        /// `day`, `week` or `month` (the default), containing `date`.
        let period: String?
        let date: String
        let count: Int
        /// Decimal digits (a JSON number would lose digits above 2^53); absent, the server draws one.
        let seed: String?
    }

    struct ReviewRequest: Decodable {
        /// `in-order` or `problem`.
        let finding: String
        let note: String?
    }

    struct CaseResponse: Codable {
        let position: Int
        let caseId: String
        let business: String
        let handler: String?
        let finding: String?
        let note: String?
        let reviewedBy: String?
    }

    struct SpotCheckResponse: ResponseEncodable, Decodable {
        let id: String
        let from: String
        let through: String
        let requested: Int
        let seed: String
        let population: Int
        let candidatesDigest: String
        let drawnBy: String?
        let drawnAt: Date
        let cases: [CaseResponse]
        /// Present on a single record: drawing again now with the same seed.
        let sameCandidates: Bool?
        let sameCases: Bool?
        /// Present on a single record drawn since the pool is frozen: the proof from the pool kept with the draw.
        let pool: PoolResponse?

        init(_ record: SpotCheckRepository.Record, recheck: SpotCheckRepository.Recheck? = nil) {
            id = record.id.description
            from = record.from.description
            through = record.through.description
            requested = record.requested
            seed = String(record.seed)
            population = record.population
            candidatesDigest = record.candidatesDigest
            drawnBy = record.drawnBy?.value
            drawnAt = record.drawnAt
            cases = record.cases.map {
                CaseResponse(
                    position: $0.position,
                    caseId: $0.caseID.description,
                    business: $0.business,
                    handler: $0.handler?.value,
                    finding: $0.finding?.rawValue,
                    note: $0.note,
                    reviewedBy: $0.reviewedBy?.value
                )
            }
            sameCandidates = recheck?.sameCandidates
            sameCases = recheck?.sameCases
            pool = recheck?.pool.map {
                PoolResponse(digestMatches: $0.digestMatches, sameCases: $0.sameCases, added: $0.added, removed: $0.removed)
            }
        }
    }

    struct PoolResponse: Codable {
        let digestMatches: Bool
        let sameCases: Bool
        let added: Int
        let removed: Int
    }

    /// The candidates frozen with a draw, sorted by id: with the seed and the count, anyone can draw again.
    struct CandidatesResponse: ResponseEncodable, Decodable {
        let id: String
        let seed: String
        let requested: Int
        let candidatesDigest: String
        let candidates: [String]
    }

    struct ListResponse: ResponseEncodable, Decodable {
        let from: String
        let through: String
        let spotChecks: [SpotCheckResponse]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("spot-checks") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: DrawRequest.self, context: context)
            let (period, seed) = try Self.parse(body)
            let record = try await spotChecks.draw(
                from: period.from,
                through: period.through,
                count: body.count,
                seed: seed,
                by: officer.badge,
                at: now()
            )
            return EditedResponse(status: .created, response: SpotCheckResponse(record))
        }
        group.get("spot-checks") { request, context in
            _ = try context.requireOfficer()
            let period = try DeskController.period(request, today: hall.serviceDay(at: now()))
            let records = try await spotChecks.list(from: period.from, through: period.through)
            return ListResponse(from: period.from.description, through: period.through.description, spotChecks: records.map { SpotCheckResponse($0) })
        }
        group.get("spot-checks/{id}") { _, context in
            _ = try context.requireOfficer()
            let id = try Self.id(context)
            guard let record = try await spotChecks.find(id) else { throw APIError(SpotCheckRecordError.unknown) }
            return SpotCheckResponse(record, recheck: try await spotChecks.recheck(id))
        }
        group.get("spot-checks/{id}/candidates") { _, context in
            _ = try context.requireOfficer()
            let id = try Self.id(context)
            guard let record = try await spotChecks.find(id) else { throw APIError(SpotCheckRecordError.unknown) }
            return CandidatesResponse(
                id: id.description,
                seed: String(record.seed),
                requested: record.requested,
                candidatesDigest: record.candidatesDigest,
                candidates: try await spotChecks.pool(of: id).map(\.description)
            )
        }
        group.post("spot-checks/{id}/cases/{position}/review") { request, context in
            let officer = try context.requireOfficer()
            let id = try Self.id(context)
            guard let position = context.parameters.get("position").flatMap({ Int($0) }), (0..<SpotCheck.maxCount).contains(position) else {
                throw APIError(SpotCheckRecordError.unknown)
            }
            let body = try await request.decode(as: ReviewRequest.self, context: context)
            guard let finding = SpotCheck.Finding(rawValue: body.finding) else {
                throw APIError.spotCheckRequest("finding 应为 in-order 或 problem", "finding is in-order or problem")
            }
            try await spotChecks.review(id, position: position, finding: finding, note: body.note ?? "", by: officer.badge, at: now())
            guard let record = try await spotChecks.find(id) else { throw APIError(SpotCheckRecordError.unknown) }
            return SpotCheckResponse(record)
        }
    }

    static func id(_ context: AppRequestContext) throws -> SpotCheckID {
        guard let id = context.parameters.get("id").flatMap(SpotCheckID.init) else { throw APIError(SpotCheckRecordError.unknown) }
        return id
    }

    /// Bounds the period (a day from 2000 on) and the seed (at most 20 decimal digits that fit 64 bits).
    static func parse(_ body: DrawRequest) throws -> (DeskPeriod, UInt64) {
        guard let kind = DeskPeriod.Kind(rawValue: body.period ?? "month") else {
            throw APIError.spotCheckRequest("period 应为 day、week 或 month", "period is day, week or month")
        }
        guard let day = LocalDate(body.date), day.year >= 2000, let period = try? DeskPeriod(kind, containing: day) else {
            throw APIError.spotCheckRequest("date 应为 YYYY-MM-DD", "date is YYYY-MM-DD")
        }
        var seed = UInt64.random(in: .min ... .max)
        if let text = body.seed?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard text.count <= 20, text.allSatisfy(\.isASCII), let given = UInt64(text) else {
                throw APIError.spotCheckRequest("种子应为0至18446744073709551615的整数", "seed is a whole number from 0 to 18446744073709551615")
            }
            seed = given
        }
        return (period, seed)
    }
}
