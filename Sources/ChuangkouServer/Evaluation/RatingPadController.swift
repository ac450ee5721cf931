import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The rating pad (评价器) at a window: `/windows/{n}/rate`, a small screen facing the citizen and signed in as a device.
/// Unpaired, the page asks for the pad's token (issued by the system administrator for that window) and keeps it in
/// the device cookie; paired, it shows the window's officer card and turns to the rating of each ticket the window
/// finishes. The ticket to rate comes from `GET /api/v1/windows/{n}/rating-ticket`, which answers only that window's
/// pad and only with the one ticket it may rate.
struct RatingPadController {
    let pages: PageRenderer
    let devices: DeviceRepository
    let ratings: RatingRepository
    let windows: WindowRepository
    let businesses: BusinessRepository
    let hall: Hall
    let secureCookies: Bool
    let now: @Sendable () -> Date

    /// A paired pad keeps its cookie for a year: it is revoked by the administrator, not by time.
    static let cookieSeconds = 31_536_000

    func addPageRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("windows/{number}/rate") { request, context in
            let number = try windowNumber(context)
            guard let pad = Self.pad(context, at: number) else { return try pairingPage(request, context, number, error: nil) }
            return try await padPage(request, context, number, pad: pad)
        }
        router.post("windows/{number}/rate") { request, context in try await pair(request, context, try windowNumber(context)) }
    }

    func addAPIRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("windows/{number}/rating-ticket") { _, context in
            let number = try windowNumber(context)
            guard Self.pad(context, at: number) != nil else { throw RatingError.notThisWindow }
            guard let ticket = try await ratings.padTicket(window: number, hall: hall, at: now()) else { return PadTicketResponse(ticket: nil) }
            let business = try await businesses.find(ticket.business)
            let until = ratings.policy.lastMoment(after: ticket.finishedAt ?? now())
            return PadTicketResponse(
                ticket: .init(
                    id: ticket.id.description,
                    number: ticket.number.description,
                    business: ticket.business.value,
                    businessName: business?.name ?? ticket.business.value,
                    businessNameEnglish: business?.nameEnglish ?? ticket.business.value,
                    until: until
                )
            )
        }
    }

    /// The request's rating pad when it is the one of window `number`.
    static func pad(_ context: AppRequestContext, at number: WindowNumber) -> Device? {
        guard let device = context.device, device.role == .ratingPad, device.window == number else { return nil }
        return device
    }

    private func windowNumber(_ context: AppRequestContext) throws -> WindowNumber {
        let text = context.parameters.get("number") ?? ""
        guard let number = WindowNumber(text) else { throw APIError.unknownWindow(text) }
        return number
    }

    private func padPage(_ request: Request, _ context: AppRequestContext, _ number: WindowNumber, pad: Device) async throws -> Response {
        let board = try await windows.all().first { $0.window.number == number }
        let frame = pages.frame(request, context, ("评价器", "Rate our service"), Self.texts.merging(RatingForm.texts) { a, _ in a })
        let page = RatingPadPage(frame: frame, window: number, board: board, language: Language.of(request))
        var response = try pages.render("rating-pad", page, request)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private func pairingPage(_ request: Request, _ context: AppRequestContext, _ number: WindowNumber, error: APIError?) throws -> Response {
        let language = Language.of(request)
        let frame = pages.frame(request, context, ("评价器配对", "Pair a rating pad"), Self.texts)
        let page = RatingPadPairingPage(
            frame: frame,
            window: number.value,
            windowName: frame.windowName(number),
            error: error.map { language.pick($0.chinese, $0.english) }
        )
        var response = try pages.render("rating-pad-pair", page, request)
        if let error { response.status = error.status }
        return response
    }

    /// The pairing form: the token must be a live rating pad's of this very window; the device cookie is then set
    /// (HttpOnly, SameSite=Strict), and the pad page follows (PRG).
    private func pair(_ request: Request, _ context: AppRequestContext, _ number: WindowNumber) async throws -> Response {
        // A visitor's form carries no CSRF token: refuse one posted from another site all the same.
        if let origin = request.headers[.origin], !CSRFMiddleware.isSameOrigin(origin, host: request.head.authority) { throw APIError.foreignOrigin }
        struct Form: Decodable { let token: String }
        let body = String(buffer: try await request.body.collect(upTo: 4_096))
        let token = (try? URLEncodedFormDecoder().decode(Form.self, from: body))?.token.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard token.hasPrefix("dev_"), token.count <= 200, let device = try await devices.device(forToken: token) else {
            return try pairingPage(request, context, number, error: Self.unknownToken)
        }
        guard device.role == .ratingPad, device.window == number else {
            return try pairingPage(request, context, number, error: APIError(RatingError.notThisWindow))
        }
        var response = Response.redirect(to: "/windows/\(number)/rate", type: .normal)
        response.setCookie(
            Cookie(
                name: OfficerAuthenticator.deviceCookieName,
                value: token,
                maxAge: Self.cookieSeconds,
                path: "/",
                secure: secureCookies,
                httpOnly: true,
                sameSite: .strict
            )
        )
        return response
    }

    static let unknownToken = APIError(
        .unauthorized,
        APIError.EvaluationCode.padToken,
        "设备令牌无效或已注销，请向系统管理员索取本窗口评价器的令牌",
        "The device token is not valid or was revoked; ask the system administrator for this window's pad token"
    )

    /// `{"ticket": {…}}` or `{"ticket": null}`: the ticket the pad may rate now, if any.
    struct PadTicketResponse: ResponseEncodable {
        struct Offered: Encodable {
            let id: String
            let number: String
            let business: String
            let businessName: String
            let businessNameEnglish: String
            /// The last moment a rating is accepted.
            let until: Date
        }
        let ticket: Offered?

        enum CodingKeys: String, CodingKey { case ticket }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(ticket, forKey: .ticket)
        }
    }
}
