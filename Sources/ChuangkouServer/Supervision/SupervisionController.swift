import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Supervision (监督检查): out-of-turn calls waiting for a supervisor's review, and the review itself.
struct SupervisionController {
    let reviews: OutOfTurnReviewRepository
    let now: @Sendable () -> Date

    struct Call: Codable {
        let id: Int64
        let ticket: String
        let number: String
        let officer: String
        let window: Int?
        let reason: String
        let at: Date
    }

    struct CallsResponse: ResponseEncodable, Decodable {
        let pending: [Call]
        /// Flagged calls per officer's badge: what counts against them.
        let flagged: [String: Int]
    }

    struct ReviewRequest: Decodable {
        /// `justified` or `flagged`.
        let verdict: String
        let note: String?
    }

    struct ReviewResponse: ResponseEncodable, Decodable {
        let id: Int64
        let officer: String
        let verdict: String
        let verdictLabel: String
        let note: String
        let by: String
        let at: Date
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("supervision/out-of-turn-calls") { _, context in
            _ = try context.requireOfficer()
            let pending = try await reviews.pending()
            let flagged = try await reviews.flaggedCounts()
            return CallsResponse(
                pending: pending.map {
                    Call(
                        id: $0.event,
                        ticket: $0.ticket.description,
                        number: $0.number,
                        officer: $0.officer.value,
                        window: $0.window,
                        reason: $0.reason,
                        at: $0.at
                    )
                },
                flagged: Dictionary(uniqueKeysWithValues: flagged.map { ($0.key.value, $0.value) })
            )
        }
        group.post("supervision/out-of-turn-calls/{id}/review") { request, context in
            let officer = try context.requireOfficer()
            guard let event = context.parameters.get("id").flatMap(Int64.init), event > 0 else {
                throw APIError(SupervisionError.unknownCall)
            }
            let body = try await request.decode(as: ReviewRequest.self, context: context)
            guard let verdict = OutOfTurnReview.Verdict(rawValue: body.verdict) else {
                throw APIError.supervisionRequest("verdict 应为 justified 或 flagged", "verdict is justified or flagged")
            }
            let review = try await reviews.review(event: event, verdict, note: body.note ?? "", by: officer.badge, at: now())
            return ReviewResponse(
                id: review.event,
                officer: review.officer.value,
                verdict: review.verdict.rawValue,
                verdictLabel: review.verdict.label,
                note: review.note,
                by: review.by.value,
                at: review.at
            )
        }
    }
}
