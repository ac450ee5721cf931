import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Deadline clocks over JSON (限时办结), for signed-in officers: the board's list, start, pause, resume, extend
/// (duty leader only, 行政许可法 第四十二条) and stop. Events are dated today in the hall's zone.
struct DeadlineController {
    let deadlines: DeadlineRepository
    let businesses: BusinessRepository
    let board: DeadlineBoard
    var time: HallTime { board.time }

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
            return ListResponse(deadlines: try await board.open())
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
            guard let record = try await deadlines.find(id) else { throw DeadlineRecordError.unknown(id.description) }
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
                try await deadlines.pause(
                    id,
                    kind,
                    reason: body.reason,
                    applicantNotifiedInWriting: body.applicantNotifiedInWriting,
                    by: officer,
                    on: time.date,
                    calendar: time.calendar.calendar,
                    at: time.now()
                )
            )
        }
        group.post("deadlines/{id}/resume") { _, context in
            let officer = try context.requireOfficer()
            return response(
                try await deadlines.resume(
                    try Self.id(context),
                    by: officer,
                    on: time.date,
                    calendar: time.calendar.calendar,
                    at: time.now()
                )
            )
        }
        group.post("deadlines/{id}/extend") { request, context in
            let officer = try context.requireOfficer()
            let id = try Self.id(context)
            let body = try await request.decode(as: ExtendRequest.self, context: context)
            return response(
                try await deadlines.extend(
                    id,
                    by: body.workingDays,
                    reason: body.reason,
                    approvedBy: officer,
                    on: time.date,
                    calendar: time.calendar.calendar,
                    at: time.now()
                )
            )
        }
        group.post("deadlines/{id}/stop") { _, context in
            let officer = try context.requireOfficer()
            return response(
                try await deadlines.stop(
                    try Self.id(context),
                    by: officer,
                    on: time.date,
                    calendar: time.calendar.calendar,
                    at: time.now()
                )
            )
        }
    }

    func start(_ body: StartRequest, by officer: Officer) async throws -> DeadlineRecord {
        guard officer.mayWorkAtWindow else { throw APIError.forbidden }
        var business: BusinessCode?
        if let code = body.business, !code.isEmpty {
            guard let known = BusinessCode(code), try await businesses.find(known) != nil else {
                throw QueueError.unknownBusiness(code)
            }
            business = known
        }
        let today = time.date
        var acceptedOn = today
        if let text = body.acceptedOn {
            guard let day = LocalDate(text), CalendarParameters.years.contains(day.year) else {
                throw APIError.badDate(field: "acceptedOn")
            }
            guard day <= today else {
                throw APIError.acceptedInFuture
            }
            acceptedOn = day
        }
        return try await deadlines.start(
            subject: body.subject,
            business: business,
            owner: officer.badge,
            acceptedOn: acceptedOn,
            statutoryLimit: body.statutoryLimit,
            promisedLimit: body.promisedLimit,
            calendar: time.calendar.calendar,
            at: time.now()
        )
    }

    private func response(_ record: DeadlineRecord) -> DeadlineResponse {
        DeadlineResponse(record, status: time.status(of: record), time: time)
    }

    static func id(_ context: AppRequestContext) throws -> DeadlineRecord.ID {
        let text = context.parameters.get("id") ?? ""
        guard let id = DeadlineRecord.ID(text) else { throw DeadlineRecordError.unknown(text) }
        return id
    }
}
