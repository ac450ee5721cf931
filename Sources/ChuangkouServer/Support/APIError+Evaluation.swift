import ChuangkouCore
import ChuangkouStore
import Hummingbird

/// Ratings and the rectification of bad reviews: every code the API answers with for them, and the one mapping of
/// `RatingError`, `RectificationError` and `RectificationRecordError`.
extension APIError {
    enum EvaluationCode: String, APIErrorCode {
        case notEnded = "rating.service-not-ended"
        case tooLate = "rating.too-late"
        case indicator = "rating.indicator-out-of-range"
        case commentTooLong = "rating.comment-too-long"
        case alreadyRated = "rating.already-rated"
        case fixNotRateable = "rating.fix-not-rateable"
        case notThisWindow = "rating.not-this-window"
        case staffMayNotRate = "rating.staff-may-not-rate"
        case badLevel = "rating.bad-level"
        case badContact = "rating.bad-contact"
        case unknownRating = "rating.unknown"
        case badMonth = "results.bad-month"
        case unknownItem = "rectification.unknown"
        case notBad = "rectification.not-a-bad-rating"
        case ratedOfficer = "rectification.rated-officer"
        case notHandler = "rectification.not-handler"
        case sameHandler = "rectification.same-handler"
        case closed = "rectification.closed"
        case appealPending = "rectification.appeal-pending"
        case noAppeal = "rectification.no-appeal"
        case appealFiled = "rectification.appeal-already-filed"
        case thirdPerson = "rectification.appeal-needs-third-person"
        case returnVisitOwed = "rectification.return-visit-owed"
        case noContact = "rectification.no-contact"
        case attempts = "rectification.attempts-out-of-range"
        case fixDate = "rectification.fix-date-before-opening"
        case textRequired = "rectification.text-required"
        case textTooLong = "rectification.text-too-long"
        case noHandler = "rectification.no-handler"
        case badRequest = "rectification.bad-request"
        case padToken = "rating.pad-token"
        case padNeedsWindow = "rating.pad-needs-window"
        case fixLinkUnknown = "rating.fix-link-unknown"
        case fixLinkLimited = "rating.fix-link-limited"
    }

    /// A rating comes from a rating pad, the citizen's ticket link or the status page, never from staff (RULES §6).
    static let staffMayNotRate = APIError(
        .forbidden,
        EvaluationCode.staffMayNotRate,
        "工作人员不能代替群众评价",
        "Staff may not rate a service: ratings come from the citizen"
    )
    static let badLevel = APIError(
        .badRequest,
        EvaluationCode.badLevel,
        "评价等级应为1（非常不满意）至5（非常满意）",
        "level is 1 (very dissatisfied) to 5 (very satisfied)"
    )
    static let badContact = APIError(.unprocessableContent, EvaluationCode.badContact, "手机号码有误", "The mobile number is not valid")
    static let unknownRating = APIError(.notFound, EvaluationCode.unknownRating, "没有此评价", "No such rating")
    /// A rating pad rates the services of one window: it is issued for that window (RULES §6, 一次一评).
    static let padNeedsWindow = APIError(
        .badRequest,
        EvaluationCode.padNeedsWindow,
        "评价器须指定所在窗口（window）",
        "A rating pad is issued for a window: give window"
    )
    static let badMonth = APIError(.badRequest, EvaluationCode.badMonth, "月份应为 YYYY-MM", "month is YYYY-MM")
    static let unknownRectification = APIError(.notFound, EvaluationCode.unknownItem, "没有此整改事项", "No such rectification item")

    static func rectificationRequest(_ chinese: String, _ english: String) -> APIError {
        APIError(.badRequest, EvaluationCode.badRequest, chinese, english)
    }

    init(_ error: RatingError) {
        switch error {
        case .serviceNotEnded:
            self.init(.conflict, EvaluationCode.notEnded, "办理尚未结束，暂不能评价", "The service has not ended yet")
        case .tooLate:
            self.init(.conflict, EvaluationCode.tooLate, "已超过评价期限（办结后7日内）", "The time to rate this service has passed")
        case .indicatorOutOfRange(let indicator):
            self.init(
                .badRequest,
                EvaluationCode.indicator,
                "\(indicator.label)应为1至5分",
                "\(indicator.labelEnglish) is scored 1 to 5"
            )
        case .commentTooLong(let max):
            self.init(.badRequest, EvaluationCode.commentTooLong, "意见不能超过\(max)字", "The comment is longer than \(max) characters")
        case .alreadyRated:
            self.init(.conflict, EvaluationCode.alreadyRated, "已评价过，评价不能修改", "Already rated; a rating cannot be changed")
        case .fixNotRateable:
            self.init(.conflict, EvaluationCode.fixNotRateable, "整改结果尚未告知或已评价", "The fix cannot be rated now")
        case .notThisWindow:
            self.init(.forbidden, EvaluationCode.notThisWindow, "评价器只能评价本窗口的服务", "A rating pad rates its own window only")
        }
    }

    init(_ error: RectificationError) {
        switch error {
        case .notABadRating:
            self.init(.conflict, EvaluationCode.notBad, "只有差评需要整改", "Only bad reviews are rectified")
        case .handlerIsRatedOfficer, .ratedOfficerCannotAct:
            self.init(
                .forbidden,
                EvaluationCode.ratedOfficer,
                "被评价民警不能处理本人的差评",
                "The rated officer takes no part in the item"
            )
        case .notHandler:
            self.init(.forbidden, EvaluationCode.notHandler, "只有承办人可以办理", "Only the handler may do this")
        case .sameHandler:
            self.init(.conflict, EvaluationCode.sameHandler, "已由该民警承办", "That officer handles it already")
        case .closed:
            self.init(.conflict, EvaluationCode.closed, "整改事项已办结", "The item is closed")
        case .appealPending:
            self.init(.conflict, EvaluationCode.appealPending, "申诉待督察审核", "An appeal is waiting for a supervisor")
        case .noAppealPending:
            self.init(.conflict, EvaluationCode.noAppeal, "没有待审核的申诉", "No appeal is pending")
        case .appealAlreadyFiled:
            self.init(.conflict, EvaluationCode.appealFiled, "已申诉过一次", "An appeal was filed already")
        case .appealDecidedByHandler:
            self.init(
                .forbidden,
                EvaluationCode.thirdPerson,
                "申诉须由承办人和被评价民警以外的督察审核",
                "An appeal is decided by someone other than the handler and the rated officer"
            )
        case .returnVisitOwed:
            self.init(
                .conflict,
                EvaluationCode.returnVisitOwed,
                "请先回访评价人（联系上，或三次未联系上）",
                "Call the rater back first (reached, or tried three times)"
            )
        case .noContact:
            self.init(.conflict, EvaluationCode.noContact, "评价人未留联系方式", "The rater left no contact")
        case .attemptsOutOfRange:
            self.init(.badRequest, EvaluationCode.attempts, "回访次数应为1至20", "attempts is 1 to 20")
        case .fixDateBeforeOpening:
            self.init(.badRequest, EvaluationCode.fixDate, "整改期限不能早于差评日期", "The fix date is before the review")
        case .emptyText:
            self.init(.badRequest, EvaluationCode.textRequired, "请填写说明", "A description is required")
        case .textTooLong(let max):
            self.init(.badRequest, EvaluationCode.textTooLong, "说明不能超过\(max)字", "The text is longer than \(max) characters")
        case .noHandlerAvailable:
            self.init(
                .conflict,
                EvaluationCode.noHandler,
                "没有可承办的值班领导或督察",
                "No duty leader or supervisor other than the rated officer is available"
            )
        }
    }

    /// A case rating checks the code and digits as the status query does, and answers alike.
    init(_ error: CaseLookupError) {
        switch error {
        case .notFound: self = .statusNotFound
        case .limited: self = .statusRateLimited
        }
    }

    /// The rater's link to rate the fix: a wrong code and too many wrong codes, as the status query answers them.
    init(_ error: FixLinkError) {
        switch error {
        case .notFound:
            self.init(
                .notFound,
                EvaluationCode.fixLinkUnknown,
                "链接无效，请核对短信中的链接",
                "This link is not valid; check the link in the message"
            )
        case .limited:
            self.init(
                .tooManyRequests,
                EvaluationCode.fixLinkLimited,
                "尝试次数过多，请稍后再试",
                "Too many attempts; try again later"
            )
        }
    }

    init(_ error: RectificationRecordError) {
        switch error {
        case .unknown: self = .unknownRectification
        }
    }
}
