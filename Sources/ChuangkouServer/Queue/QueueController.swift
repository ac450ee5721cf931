import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The queue's JSON API: businesses, tickets and windows.
struct QueueController {
    let tickets: TicketRepository
    let windows: WindowRepository
    let businesses: BusinessRepository
    let officers: OfficerRepository
    let time: HallTime
    let limits: TicketLimits

    struct WindowsResponse: ResponseEncodable, Decodable {
        let windows: [WindowResponse]
    }

    struct CallsResponse: ResponseEncodable, Decodable {
        let calls: [TicketResponse]
    }

    struct QueueResponse: ResponseEncodable, Decodable {
        let window: WindowResponse
        let waiting: [TicketResponse]
        /// All waiting tickets; `waiting` is the page `offset ..< offset + limit` of them.
        let total: Int
        let offset: Int
        let limit: Int
    }

    /// `?limit=` (1–200, default 50) and `?offset=` (0–100000) of the waiting list.
    static func page(_ request: Request) throws -> (offset: Int, limit: Int) {
        func number(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
            guard let text = request.uri.queryParameters.get(name) else { return value }
            guard let number = Int(text), range.contains(number) else {
                throw APIError.badRequest("\(name) 须为 \(range.lowerBound) 至 \(range.upperBound) 的整数", "\(name) is a whole number in \(range)")
            }
            return number
        }
        return (try number("offset", default: 0, range: 0...100_000), try number("limit", default: 50, range: 1...200))
    }

    struct OfficersResponse: ResponseEncodable {
        let officers: [OfficerResponse]
    }

    struct IssueRequest: Decodable {
        let business: String
        let greenChannel: String?
    }

    struct CallRequest: Decodable {
        let ticket: String
        let reason: String
    }

    /// The officer's one press: the finished ticket and the one called next (null when nobody waits).
    struct FinishAndCallNextResponse: ResponseEncodable, Decodable {
        let finished: TicketResponse
        let called: TicketResponse?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(finished, forKey: .finished)
            try c.encode(called, forKey: .called)
        }
    }

    struct TransferRequest: Decodable {
        let business: String
    }

    /// Tickets a kiosk device, or any other caller by source address, may take each minute (officers are not limited).
    struct TicketLimits: Sendable {
        let limiter: TicketRateLimiter
        let perKioskPerMinute: Int
        let perAddressPerMinute: Int
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("businesses") { _, _ in try await BusinessesResponse.today(businesses, on: time.date) }
        group.get("officers") { _, _ in
            let photos = try await officers.badgesWithPhotos()
            return OfficersResponse(officers: try await officers.all().map { OfficerResponse($0, hasPhoto: photos.contains($0.badge)) })
        }
        group.get("calls/latest") { _, _ in
            CallsResponse(calls: try await tickets.latestCalls(serviceDay: time.date, limit: 10).map { TicketResponse($0) })
        }

        group.post("tickets") { request, context in
            let body = try await request.decode(as: IssueRequest.self, context: context)
            // Officers issuing for a citizen at the desk are not limited; kiosks per device, everyone else per address.
            if context.officer == nil {
                let (key, limit) =
                    context.device.map { ("device:\($0.id)", limits.perKioskPerMinute) }
                    ?? ("address:\(context.clientAddress)", limits.perAddressPerMinute)
                guard limits.limiter.allow(key, limit: limit, at: time.now()) else { throw APIError.tooManyTickets }
            }
            guard let code = BusinessCode(body.business) else { throw QueueError.unknownBusiness(body.business) }
            var green: GreenChannel?
            if let reason = body.greenChannel {
                guard let known = GreenChannel(rawValue: reason) else {
                    throw APIError.badRequest("未知的绿色通道类别: \(reason)", "Unknown green-channel reason: \(reason)")
                }
                green = known
            }
            // A green channel claimed on one's own phone (no officer, no kiosk) is checked by the officer who calls it.
            let declared = green != nil && context.officer == nil && context.device == nil
            let ticket = try await tickets.issue(business: code, greenChannel: green, declared: declared, hall: time.hall, at: time.now())
            return EditedResponse(status: .created, response: try await response(for: ticket))
        }
        group.get("tickets/{id}") { _, context in
            try await response(for: try await ticket(context))
        }
        group.get("tickets/{id}/history") { _, context in
            _ = try context.requireOfficer()
            let id = try ticketID(context)
            return HistoryResponse(events: try await tickets.history(of: id).map(HistoryResponse.Item.init))
        }

        ticketAction(group, "start") { id, badge, now in try await tickets.start(id, by: badge, at: now) }
        ticketAction(group, "finish") { id, badge, now in try await tickets.finish(id, by: badge, at: now) }
        ticketAction(group, "recall") { id, badge, now in try await tickets.recall(id, by: badge, at: now) }
        ticketAction(group, "no-show") { id, badge, now in try await tickets.markNoShow(id, by: badge, at: now) }
        ticketAction(group, "cancel") { id, badge, now in try await tickets.cancel(id, by: badge, at: now) }
        ticketAction(group, "green-channel/confirm") { id, badge, now in
            try await tickets.checkGreenChannel(id, confirm: true, by: badge, at: now)
        }
        ticketAction(group, "green-channel/decline") { id, badge, now in
            try await tickets.checkGreenChannel(id, confirm: false, by: badge, at: now)
        }
        group.post("tickets/{id}/finish-and-call-next") { _, context in
            let officer = try context.requireOfficer()
            let (finished, called) = try await tickets.finishAndCallNext(
                try ticketID(context),
                by: officer.badge,
                hall: time.hall,
                at: time.now()
            )
            return FinishAndCallNextResponse(finished: TicketResponse(finished), called: called.map { TicketResponse($0) })
        }
        group.post("tickets/{id}/transfer") { request, context in
            let officer = try context.requireOfficer()
            let id = try ticketID(context)
            let body = try await request.decode(as: TransferRequest.self, context: context)
            guard let code = BusinessCode(body.business) else { throw QueueError.unknownBusiness(body.business) }
            let ticket = try await tickets.transfer(id, to: code, by: officer.badge, at: time.now())
            return try await response(for: ticket)
        }

        group.get("windows") { _, _ in WindowsResponse(windows: try await windows.all().map(Self.window)) }
        group.get("windows/{number}/queue") { request, context in
            let (offset, limit) = try Self.page(request)
            let board = try await windows.board(try windowNumber(context))
            let waiting = try await tickets.waiting(for: board.window.businesses, serviceDay: time.date)
            let page = waiting.dropFirst(offset).prefix(limit)
            return QueueResponse(
                window: Self.window(board),
                waiting: page.map { TicketResponse($0) },
                total: waiting.count,
                offset: offset,
                limit: limit
            )
        }
        group.post("windows/{number}/call-next") { request, context -> Response in
            let officer = try context.requireOfficer()
            let number = try windowNumber(context)
            guard let ticket = try await tickets.callNext(window: number, by: officer.badge, hall: time.hall, at: time.now()) else {
                return Response(status: .noContent)
            }
            return try TicketResponse(ticket).response(from: request, context: context)
        }
        group.post("windows/{number}/call") { request, context in
            let officer = try context.requireOfficer()
            let number = try windowNumber(context)
            let body = try await request.decode(as: CallRequest.self, context: context)
            guard let id = TicketID(body.ticket) else { throw QueueError.unknownTicket(body.ticket) }
            let ticket = try await tickets.call(id, window: number, by: officer.badge, reason: body.reason, at: time.now())
            return TicketResponse(ticket)
        }
        windowAction(group, "sign-in") { number, badge, now in try await windows.signIn(number, officer: badge, at: now) }
        windowAction(group, "sign-out") { number, badge, now in try await windows.signOut(number, officer: badge, at: now) }
        windowAction(group, "pause") { number, badge, now in try await windows.pause(number, officer: badge, at: now) }
        windowAction(group, "resume") { number, badge, now in try await windows.resume(number, officer: badge, at: now) }
    }

    // MARK: - Shared by the JSON API and the pages

    func response(for ticket: Ticket) async throws -> TicketResponse {
        TicketResponse(ticket, standing: try await tickets.standing(of: ticket))
    }

    static func window(_ board: WindowRepository.Board) -> WindowResponse {
        WindowResponse(
            number: board.window.number,
            status: board.window.status.rawValue,
            businesses: board.window.businesses.map(\.value),
            officer: board.officer.map { OfficerResponse($0, hasPhoto: board.officerHasPhoto) },
            currentTicket: board.currentTicket.map { TicketResponse($0) }
        )
    }

    // MARK: - Helpers

    private func ticketAction(
        _ group: RouterGroup<AppRequestContext>,
        _ path: String,
        _ action: @escaping @Sendable (TicketID, Badge, Date) async throws -> Ticket
    ) {
        group.post("tickets/{id}/\(path)") { _, context in
            let officer = try context.requireOfficer()
            let ticket = try await action(try ticketID(context), officer.badge, time.now())
            return TicketResponse(ticket)
        }
    }

    private func windowAction(
        _ group: RouterGroup<AppRequestContext>,
        _ path: String,
        _ action: @escaping @Sendable (WindowNumber, Badge, Date) async throws -> Window
    ) {
        group.post("windows/{number}/\(path)") { _, context in
            let officer = try context.requireOfficer()
            let number = try windowNumber(context)
            _ = try await action(number, officer.badge, time.now())
            return Self.window(try await windows.board(number))
        }
    }

    private func ticket(_ context: AppRequestContext) async throws -> Ticket {
        let id = try ticketID(context)
        guard let ticket = try await tickets.find(id) else { throw QueueError.unknownTicket(id.description) }
        return ticket
    }

    private func ticketID(_ context: AppRequestContext) throws -> TicketID {
        let text = context.parameters.get("id") ?? ""
        guard let id = TicketID(text) else { throw QueueError.unknownTicket(text) }
        return id
    }

    private func windowNumber(_ context: AppRequestContext) throws -> WindowNumber {
        let text = context.parameters.get("number") ?? ""
        guard let number = WindowNumber(text) else { throw APIError.unknownWindow(text) }
        return number
    }
}

/// A ticket's transitions, for officers and supervisors.
struct HistoryResponse: ResponseEncodable {
    struct Item: Encodable {
        let action: String
        let from: String
        let to: String
        let officer: String?
        let window: WindowNumber?
        let at: Date
        let detail: String?

        init(_ t: TicketTransition) {
            action = t.action.rawValue
            from = t.from.rawValue
            to = t.to.rawValue
            officer = t.officer?.value
            window = t.window
            at = t.at
            detail = t.detail
        }
    }
    let events: [Item]
}
