import ChuangkouCore
import ChuangkouStore

/// The open clocks, least time left first (then the earlier due date): what needs attention is on top. Shared by
/// the API and the board page.
struct DeadlineBoard: Sendable {
    let deadlines: DeadlineRepository
    let time: HallTime

    func open() async throws -> [DeadlineResponse] {
        try await deadlines.open()
            .map { ($0, time.status(of: $0)) }
            .sorted { ($0.1.workingDaysLeft, $0.1.promisedDue) < ($1.1.workingDaysLeft, $1.1.promisedDue) }
            .map { DeadlineResponse($0.0, status: $0.1, time: time) }
    }
}
