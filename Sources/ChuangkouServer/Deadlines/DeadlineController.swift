import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Deadline clocks over JSON (限时办结), for signed-in officers: the board's list, start, pause, resume, extend
/// (duty leader only, 行政许可法 第四十二条) and stop. Events are dated today in the hall's zone.
struct DeadlineController {
    let services: HallServices

    struct ListResponse: ResponseEncodable {
        let deadlines: [DeadlineResponse]
    }

    struct StartRequest: Decodable {
        let subject: String
        let business: String?
        let statutoryLimit: Int
        let promisedLimit: Int
        /// Defaults to today; a case accepted earlier may be registered late, never ahead.
        let acceptedOn: String?
    }

    struct PauseRequest: Decodable {
        let kind: String
        let reason: String
        let applicantNotifiedInWriting: Bool
    }

    struct ExtendRequest: Decodable {
        let workingDays: Int
        let reason: String
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("deadlines") { _, context in
            _ = try context.requireOfficer()
            return ListResponse(deadlines: try await board())
        }
        group.post("deadlines") { request, context in
            let officer = try context.requireOfficer()
            let body = try await request.decode(as: StartRequest.self, context: context)
            let record = try await start(body, by: officer)
            return EditedResponse(status: .created, response: response(record))
        }
        group.get("deadlines/{id}") { _, context in
            _ = try context.requireOfficer()
            let id = try Self.id(context)
            guard let record = try await services.deadlines.find(id) else { throw DeadlineRecordError.unknown(id.description) }
            return response(record)
        }
        group.post("deadlines/{id}/pause") { request, context in
            let officer = try context.requireOfficer()
            let id = try Self.id(context)
            let body = try await request.decode(as: PauseRequest.self, context: context)
            guard let kind = DeadlineClock.PauseKind(rawValue: body.kind) else {
                throw APIError.unknownPauseKind(body.kind)
            }
            return response(
                try await services.deadlines.pause(
                    id,
                    kind,
                    reason: body.reason,
                    applicantNotifiedInWriting: body.applicantNotifiedInWriting,
                    by: officer,
                    on: services.today,
                    calendar: services.calendar.calendar,
                    at: services.now()
                )
            )
        }
        group.post("deadlines/{id}/resume") { _, context in
            let officer = try context.requireOfficer()
            return response(
                try await services.deadlines.resume(
                    try Self.id(context),
                    by: officer,
                    on: services.today,
                    calendar: services.calendar.calendar,
                    at: services.now()
                )
            )
        }
        group.post("deadlines/{id}/extend") { request, context in
            let officer = try context.requireOfficer()
            let id = try Self.id(context)
            let body = try await request.decode(as: ExtendRequest.self, context: context)
            return response(
                try await services.deadlines.extend(
                    id,
                    by: body.workingDays,
                    reason: body.reason,
                    approvedBy: officer,
                    on: services.today,
                    calendar: services.calendar.calendar,
                    at: services.now()
                )
            )
        }
        group.post("deadlines/{id}/stop") { _, context in
            let officer = try context.requireOfficer()
            return response(
                try await services.deadlines.stop(
                    try Self.id(context),
                    by: officer,
                    on: services.today,
                    calendar: services.calendar.calendar,
                    at: services.now()
                )
            )
        }
    }

    /// Open clocks, least time left first (then the earlier due date): what needs attention is on top.
    /// Shared by the API and the board page.
    func board() async throws -> [DeadlineResponse] {
        try await services.deadlines.open()
            .map { ($0, services.status(of: $0)) }
            .sorted { ($0.1.workingDaysLeft, $0.1.promisedDue) < ($1.1.workingDaysLeft, $1.1.promisedDue) }
            .map { DeadlineResponse($0.0, status: $0.1, services: services) }
    }

    func start(_ body: StartRequest, by officer: Officer) async throws -> DeadlineRecord {
        guard officer.mayWorkAtWindow else { throw APIError.forbidden }
        var business: BusinessCode?
        if let code = body.business, !code.isEmpty {
            guard let known = BusinessCode(code), try await services.businesses.find(known) != nil else {
                throw QueueError.unknownBusiness(code)
            }
            business = known
        }
        let today = services.today
        var acceptedOn = today
        if let text = body.acceptedOn {
            guard let day = LocalDate(text), CalendarController.years.contains(day.year) else {
                throw APIError.badDate(field: "acceptedOn")
            }
            guard day <= today else {
                throw APIError.acceptedInFuture
            }
            acceptedOn = day
        }
        return try await services.deadlines.start(
            subject: body.subject,
            business: business,
            owner: officer.badge,
            acceptedOn: acceptedOn,
            statutoryLimit: body.statutoryLimit,
            promisedLimit: body.promisedLimit,
            calendar: services.calendar.calendar,
            at: services.now()
        )
    }

    private func response(_ record: DeadlineRecord) -> DeadlineResponse {
        DeadlineResponse(record, status: services.status(of: record), services: services)
    }

    static func id(_ context: AppRequestContext) throws -> DeadlineRecord.ID {
        let text = context.parameters.get("id") ?? ""
        guard let id = DeadlineRecord.ID(text) else { throw DeadlineRecordError.unknown(text) }
        return id
    }
}
