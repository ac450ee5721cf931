import ChuangkouCore
import ChuangkouStore
import Foundation
import Hummingbird

/// The rater's page behind the link in the outcome message (`/rate-fix/{code}`, a phone at 360 px, no login): what
/// their bad review led to, in plain words, and the one rating of the fix (对整改结果评价, RULES §6) by a plain form
/// that redirects back (PRG). The code cannot be enumerated (about 99 random bits) and wrong codes count against the
/// caller's address like the status query's; a staff session is told it may not rate.
struct FixRatingPages {
    let pages: PageRenderer
    let rectifications: RectificationRepository
    let businesses: BusinessRepository
    let maxFailures: Int
    let window: Duration
    let now: @Sendable () -> Date

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("rate-fix/{code}") { request, context -> Response in
            let code = Self.code(context)
            do {
                let view = try await rectifications.fixLink(code, limit: limit(context), at: now())
                let thanks = request.uri.queryParameters.get("rated") == "1" && view.fixRating != nil
                return try await render(request, context, code: code, view: view, thanks: thanks, error: nil)
            } catch let error as FixLinkError {
                return try await render(request, context, code: code, view: nil, thanks: false, error: APIError(error))
            }
        }
        router.post("rate-fix/{code}") { request, context -> Response in
            // A visitor's form carries no CSRF token: refuse one posted from another site all the same.
            if let origin = request.headers[.origin], !CSRFMiddleware.isSameOrigin(origin, host: request.head.authority) {
                throw APIError.foreignOrigin
            }
            struct Form: Decodable { let level: Int? }
            let code = Self.code(context)
            let form = try? URLEncodedFormDecoder().decode(Form.self, from: String(buffer: try await request.body.collect(upTo: 4_096)))
            do {
                guard context.officer == nil else { throw APIError.staffMayNotRate }
                guard let level = form?.level.flatMap(Satisfaction.init(rawValue:)) else { throw APIError.badLevel }
                _ = try await rectifications.rateFix(code: code, level, limit: limit(context), at: now())
                return .redirect(to: "/rate-fix/\(code)?rated=1", type: .normal)
            } catch let error as FixLinkError {
                return try await render(request, context, code: code, view: nil, thanks: false, error: APIError(error))
            } catch {
                // The page again, with the refusal in words; a link that stopped working shows only the refusal.
                let refusal = APIError(mapping: error, context: context) { _ in .badLevel }
                let view = try? await rectifications.fixLink(code, limit: limit(context), at: now())
                return try await render(request, context, code: code, view: view, thanks: false, error: refusal)
            }
        }
    }

    /// The code as typed in the path, bounded; the Store checks its form.
    private static func code(_ context: AppRequestContext) -> String {
        String((context.parameters.get("code") ?? "").prefix(40))
    }

    private func limit(_ context: AppRequestContext) -> RectificationRepository.LinkLimit {
        .init(client: context.clientAddress, maxFailures: maxFailures, window: window)
    }

    private func render(
        _ request: Request,
        _ context: AppRequestContext,
        code: String,
        view: RectificationRepository.FixLinkView?,
        thanks: Bool,
        error: APIError?
    ) async throws -> Response {
        let language = Language.of(request)
        var business: Business?
        if let view { business = try await businesses.find(view.business) }
        let page = FixRatingPage(
            frame: pages.frame(request, context, ("整改结果评价", "Rate the fix"), Self.texts.merging(RatingForm.texts) { a, _ in a }),
            code: code,
            view: view,
            business: business,
            thanks: thanks,
            error: error.map { language.pick($0.chinese, $0.english) },
            language: language
        )
        var response = try pages.render("rate-fix", page, request)
        if let error { response.status = error.status }
        // The page is the rater's own: no shared cache keeps it.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static let texts: [String: (String, String)] = [
        "intro": ("感谢您对我们工作的监督。以下是您反映问题的处理结果：", "Thank you for holding us to account. This is what came of your review:"),
        "review": ("您的评价", "Your review"),
        "business": ("办理事项", "Service"),
        "reviewedOn": ("评价日期", "Reviewed on"),
        "outcome": ("处理结果", "Outcome"),
        "explanation": ("具体情况", "In detail"),
        // The faces' legend, in place of the service rating's.
        "rateTitle": ("您对处理结果是否满意？", "Are you satisfied with the outcome?"),
        "fixRated": ("您对处理结果的评价", "Your rating of the outcome"),
        "fixThanks": ("感谢您的评价！", "Thank you for your rating!"),
        "once": ("每项处理结果只能评价一次，评价后不能修改。", "The outcome is rated once; a rating cannot be changed."),
        "complain": ("仍有意见，可以投诉", "Still not satisfied? Make a complaint"),
    ]
}

/// The view model of `rate-fix.mustache`.
struct FixRatingPage {
    let frame: PageFrame
    let code: String
    let found: Bool
    let businessName: String
    let reviewedOn: String
    let levelLabel: String
    let outcomeText: String
    let description: String
    /// The rating of the fix once given, in words.
    let fixRating: String?
    let rateable: Bool
    let thanks: Bool
    let error: String?
    let ratingForm: RatingForm

    init(
        frame: PageFrame,
        code: String,
        view: RectificationRepository.FixLinkView?,
        business: Business?,
        thanks: Bool,
        error: String?,
        language: Language
    ) {
        self.frame = frame
        self.code = code
        found = view != nil
        businessName = view.map { language.pick(business?.name ?? $0.business.value, business?.nameEnglish ?? $0.business.value) } ?? ""
        reviewedOn = view.map { language.pick($0.reviewedOn.chineseDate, $0.reviewedOn.description) } ?? ""
        levelLabel = view.map { language.pick($0.level.label, $0.level.labelEnglish) } ?? ""
        let words = view.map { FixRatingResponse.words($0.outcome) }
        outcomeText = words.map { language.pick($0.chinese, $0.english) } ?? ""
        description = view?.outcome.description ?? ""
        fixRating = view?.fixRating.map { language.pick($0.label, $0.labelEnglish) }
        rateable = view != nil && view?.fixRating == nil
        self.thanks = thanks
        self.error = error
        ratingForm = RatingForm.make(language)
    }
}
