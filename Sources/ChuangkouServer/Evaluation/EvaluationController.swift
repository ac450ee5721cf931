import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// Ratings (好差评) and the closed loop on bad reviews: the citizen's rating of a ticket, the handler's and
/// supervisor's work on rectification items, the published results and an officer's own figures.
struct EvaluationController {
    let ratings: RatingRepository
    let rectifications: RectificationRepository
    let businesses: BusinessRepository
    let hall: Hall
    let calendar: CalendarCache
    /// The status query, whose check (and failure limit) the case rating shares.
    let status: StatusQuery
    /// `chuangkou.public-url`, for the link to rate the fix in the outcome message (else the request's own address).
    let publicURL: String?
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("tickets/{id}/rating") { request, context in
            let body = try await request.decode(as: RatingRequest.self, context: context)
            let id = try ticketID(context)
            // Ratings come from the citizen: a staff session never rates (RULES §6).
            guard context.officer == nil else { throw APIError.staffMayNotRate }
            // A rating pad rates only its own window's services: its token names the window; one issued without a
            // window rates nothing.
            let pad = context.device.flatMap { $0.role == .ratingPad ? $0 : nil }
            if let pad {
                // …and of those only the one its window just finished: a pad's token walks through no other ticket.
                guard let window = pad.window, try await ratings.padTicket(window: window, hall: hall, at: now())?.id == id else {
                    throw RatingError.notThisWindow
                }
            }
            let given = try await ratings.rate(
                ticket: id,
                try body.input(channel: pad == nil ? .ticketLink : .pad),
                fromWindow: pad?.window,
                hall: hall,
                at: now()
            )
            return EditedResponse(status: .created, response: RatingResponse(given))
        }
        group.post("status/rating") { request, context in
            let body = try await request.decode(as: CaseRatingRequest.self, context: context)
            guard context.officer == nil else { throw APIError.staffMayNotRate }
            let given = try await status.rate(body, client: context.clientAddress)
            return EditedResponse(status: .created, response: RatingResponse(given))
        }
        group.get("tickets/{id}/rating") { _, context in
            RatedResponse(rated: try await ratings.isRated(ticket: try ticketID(context)))
        }
        // The rater's link (对整改结果评价): the code from the outcome message, failures limited per address.
        group.get("fix-ratings/{code}") { _, context in
            let view = try await rectifications.fixLink(context.parameters.get("code") ?? "", limit: linkLimit(context), at: now())
            return FixRatingResponse(view, business: try await businesses.find(view.business))
        }
        group.post("fix-ratings/{code}") { request, context in
            let body = try await request.decode(as: FixRatingRequest.self, context: context)
            guard context.officer == nil else { throw APIError.staffMayNotRate }
            guard let level = Satisfaction(rawValue: body.level) else { throw APIError.badLevel }
            let code = context.parameters.get("code") ?? ""
            let view = try await rectifications.rateFix(code: code, level, limit: linkLimit(context), at: now())
            return EditedResponse(status: .created, response: FixRatingResponse(view, business: try await businesses.find(view.business)))
        }
        group.get("results") { request, _ in try await results(month: try month(request)) }
        group.get("account/ratings") { request, context in
            let officer = try context.requireOfficer()
            let (from, through) = try period(request)
            let summary = try await ratings.summary(of: officer.badge, from: from, through: through)
            return OwnRatingsResponse(
                from: from.description,
                through: through.description,
                tally: .init(summary.tally),
                indicators: Dictionary(uniqueKeysWithValues: summary.indicators.map { ($0.key.rawValue, $0.value) })
            )
        }

        group.get("rectifications") { _, context in
            _ = try requireHandlerRole(context)
            return RectificationsResponse(items: try await rectifications.open().map(response))
        }
        group.get("rectifications/{id}") { _, context in
            _ = try requireHandlerRole(context)
            guard let record = try await rectifications.find(try itemID(context)) else { throw APIError.unknownRectification }
            return try response(record)
        }
        group.post("rectifications/{id}/return-visits") { request, context in
            let officer = try requireHandlerRole(context)
            let body = try await request.decode(as: ReturnVisitRequest.self, context: context)
            guard let result = Rectification.ReturnVisit.Result(rawValue: body.result) else {
                throw APIError.rectificationRequest("回访结果应为 contacted 或 unreachable", "result is contacted or unreachable")
            }
            let record = try await rectifications.recordReturnVisit(
                try itemID(context),
                result,
                attempts: body.attempts ?? 1,
                note: body.note,
                by: officer.badge,
                at: now()
            )
            return try response(record)
        }
        group.post("rectifications/{id}/outcome") { request, context in
            let officer = try requireHandlerRole(context)
            let body = try await request.decode(as: OutcomeRequest.self, context: context)
            let linkBase = PageRenderer.publicBase(configured: publicURL, authority: request.head.authority)
            return try response(
                try await rectifications.resolve(try itemID(context), try body.outcome, by: officer.badge, at: now(), linkBase: linkBase)
            )
        }
        group.post("rectifications/{id}/appeal") { request, context in
            let officer = try requireHandlerRole(context)
            let body = try await request.decode(as: AppealRequest.self, context: context)
            guard let ground = Rectification.Appeal.Ground(rawValue: body.ground) else {
                throw APIError.rectificationRequest(
                    "申诉理由应为 mistaken（误评）或 malicious（恶意差评）",
                    "ground is mistaken or malicious"
                )
            }
            return try response(try await rectifications.fileAppeal(try itemID(context), ground, reason: body.reason, by: officer.badge, at: now()))
        }
        group.post("rectifications/{id}/appeal-decision") { request, context in
            let officer = try requireHandlerRole(context)
            let body = try await request.decode(as: AppealDecisionRequest.self, context: context)
            return try response(
                try await rectifications.decideAppeal(try itemID(context), upheld: body.upheld, reason: body.reason, by: officer.badge, at: now())
            )
        }
        // The handler opens the rater's phone to call back; each opening is audited, and never cached.
        group.post("rectifications/{id}/contact") { request, context -> Response in
            let officer = try requireHandlerRole(context)
            let phone = try await rectifications.revealContact(try itemID(context), by: officer.badge, at: now())
            var response = try ContactResponse(phone: phone.value, masked: phone.masked).response(from: request, context: context)
            response.headers[.cacheControl] = "no-store"
            return response
        }
        group.post("rectifications/{id}/reassign") { request, context in
            let officer = try requireHandlerRole(context)
            let body = try await request.decode(as: ReassignRequest.self, context: context)
            guard let handler = Badge(body.handler) else { throw APIError.unknownOfficer(body.handler) }
            return try response(try await rectifications.reassign(try itemID(context), to: handler, by: officer.badge, at: now()))
        }
    }

    /// Duty leaders and supervisors work bad reviews (the route table says which may decide appeals); who may act on
    /// one item (its handler, never the rated officer, a third person for an appeal) is Core's.
    private func requireHandlerRole(_ context: AppRequestContext) throws -> Officer {
        let officer = try context.requireOfficer()
        guard officer.roles.isDutyLeader || officer.roles.isSupervisor else { throw APIError.forbidden }
        return officer
    }

    /// The rater's link counts its failures like the status query: per address, with the same settings.
    private func linkLimit(_ context: AppRequestContext) -> RectificationRepository.LinkLimit {
        .init(client: context.clientAddress, maxFailures: status.maxFailures, window: status.window)
    }

    private func response(_ record: RectificationRepository.Record) throws -> RectificationResponse {
        let status = try record.item.status(on: hall.serviceDay(at: now()), calendar: calendar.calendar, policy: rectifications.policy)
        return RectificationResponse(record, status: status, policy: rectifications.policy)
    }

    func results(month: String) async throws -> ResultsResponse {
        let results = try await ratings.results(month: month)
        let names = Dictionary(
            try await businesses.all(serviceDay: hall.serviceDay(at: now())).map { ($0.business.code, $0.business.name) },
            uniquingKeysWith: { a, _ in a }
        )
        let outcomes = results.outcomes
        return ResultsResponse(
            month: month,
            overall: .init(results.overall),
            businesses: results.byBusiness.sorted { $0.key.value < $1.key.value }.map {
                .init(business: $0.key.value, name: names[$0.key] ?? $0.key.value, tally: .init($0.value))
            },
            windows: results.byWindow.sorted { $0.key < $1.key }.map { .init(window: $0.key, tally: .init($0.value)) },
            outcomes: .init(
                badReviews: outcomes.total,
                open: outcomes.open,
                fixed: outcomes.fixed,
                explained: outcomes.explained,
                appealUpheld: outcomes.appealUpheld,
                withContact: outcomes.withContact,
                returnVisited: outcomes.returnVisited
            ),
            fixes: results.fixes.map { fix in
                let kind: String =
                    switch fix.outcome {
                    case .fixedNow: "fixedNow"
                    case .fixedBy: "fixedBy"
                    case .explained: "explained"
                    }
                return .init(
                    business: names[fix.business] ?? fix.business.value,
                    date: fix.openedOn.description,
                    kind: kind,
                    description: fix.outcome.description
                )
            }
        )
    }

    /// `?month=YYYY-MM` (default: this month in the hall's zone), between 2000 and 9999.
    func month(_ request: Request) throws -> String {
        guard let text = request.uri.queryParameters.get("month") else { return String(hall.serviceDay(at: now()).description.prefix(7)) }
        guard text.count == 7, let day = LocalDate(text + "-01"), day.year >= 2000 else { throw APIError.badMonth }
        return String(day.description.prefix(7))
    }

    /// `?period=week|month` ending today (default: month).
    private func period(_ request: Request) throws -> (LocalDate, LocalDate) {
        let today = hall.serviceDay(at: now())
        switch request.uri.queryParameters.get("period") ?? "month" {
        case "week": return (try today.adding(days: -6), today)
        case "month": return (LocalDate(year: today.year, month: today.month, day: 1) ?? today, today)
        default: throw APIError.badRequest("period 应为 week 或 month", "period is week or month")
        }
    }

    private func ticketID(_ context: AppRequestContext) throws -> TicketID {
        guard let id = context.parameters.get("id").flatMap(TicketID.init) else { throw APIError.unknownTicket }
        return id
    }

    private func itemID(_ context: AppRequestContext) throws -> RectificationID {
        guard let id = context.parameters.get("id").flatMap(RectificationID.init) else { throw APIError.unknownRectification }
        return id
    }
}
